import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { setupIsDone } from '$lib/server/first-admin';
import { requireStaff } from '$lib/server/auth/require-staff';
import { can } from '$lib/domain/permissions';
import { listStadsdelen } from '$lib/server/repositories/areas';
import { listAgendas, listWorkshops } from '$lib/server/repositories/workshops';
import { createWorkshopForStadsdeel } from '$lib/server/workshops';

export const load: PageServerLoad = (event) => {
	const context = getAppContext();
	if (!setupIsDone(context)) redirect(303, '/setup');
	const { user } = requireStaff(event, 'agenda.view');
	const { db } = context;
	return {
		user: { email: user.email, role: user.role },
		mayManageUsers: can(user.role, 'users.manage'),
		mayImportAreas: can(user.role, 'areas.import'),
		mayCreateWorkshop: can(user.role, 'workshop.create'),
		stadsdelen: listStadsdelen(db),
		agendas: listAgendas(db).map((agenda) => ({
			id: agenda.id,
			title: agenda.title,
			workshops: listWorkshops(db, agenda.id).map((w) => ({ id: w.id, title: w.title, joinCode: w.joinCode, status: w.status }))
		}))
	};
};

export const actions: Actions = {
	createWorkshop: async (event) => {
		const staff = requireStaff(event, 'workshop.create');
		const { request, url } = event;
		const form = await request.formData();
		const stadsdeel = String(form.get('stadsdeel') ?? '');
		const title = String(form.get('title') ?? '').trim();
		if (title === '' || title.length > 120) return fail(400, { field: 'title' as const, stadsdeel, title });
		const context = getAppContext();
		// Only codes from the select are accepted here; the CLI's name matching is for people typing.
		if (!listStadsdelen(context.db).some((s) => s.code === stadsdeel)) return fail(400, { field: 'stadsdeel' as const, stadsdeel, title });
		const result = createWorkshopForStadsdeel(context, { stadsdeel, title, createdBy: staff.user.id });
		if (!result.ok) return fail(400, { field: 'stadsdeel' as const, stadsdeel, title });
		const absolute = (link: string) => (link.startsWith('/') ? url.origin + link : link);
		const { links } = result;
		return {
			created: {
				title: result.workshop.title,
				joinCode: links.joinCode,
				joinUrl: absolute(links.joinUrl),
				projectorUrl: absolute(links.projectorUrl),
				facilitateUrl: links.facilitateUrl.startsWith('/') ? links.facilitateUrl : new URL(links.facilitateUrl).pathname
			}
		};
	}
};
