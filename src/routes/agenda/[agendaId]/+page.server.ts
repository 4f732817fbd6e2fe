import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { agendaPageData } from '$lib/server/agenda-view';
import { requireStaff } from '$lib/server/auth/require-staff';
import { VERSION_NAME_MAX, takeVersion } from '$lib/server/versions';
import { can } from '$lib/domain/permissions';
import { loadReach } from '$lib/server/reach';

export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.view');
	const { params, url } = event;
	const context = getAppContext();
	const page = agendaPageData(context, params.agendaId, url.searchParams);
	if (!page) error(404, m.ws2_agenda_not_found());
	const restored = url.searchParams.get('hersteld');
	const { role } = staff.user;
	return {
		...page,
		restoredBackup: restored ? (page.versions.find((version) => version.id === restored) ?? null) : null,
		me: { id: staff.user.id },
		reach: loadReach(context, { kind: 'agenda', agendaId: params.agendaId }),
		mayExport: can(role, 'agenda.export'),
		mayVersion: can(role, 'agenda.versions'),
		mayFollowUp: can(role, 'agenda.followup'),
		mayPublish: can(role, 'agenda.publish'),
		versionNameMax: VERSION_NAME_MAX
	};
};

export const actions: Actions = {
	takeVersion: async (event) => {
		const staff = requireStaff(event, 'agenda.versions');
		const { params, request } = event;
		const form = await request.formData();
		const raw = form.get('name');
		const name = typeof raw === 'string' ? raw : '';
		const result = takeVersion(getAppContext(), params.agendaId, name, staff.user.id);
		if (!result.ok) {
			if (result.reason === 'not-found') error(404, m.ws2_agenda_not_found());
			return fail(400, { name: name.slice(0, 200), problem: result.reason });
		}
		return { taken: { id: result.version.id, name: result.version.name } };
	}
};
