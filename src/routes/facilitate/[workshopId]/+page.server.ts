import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { docSnapshots, facilitatorAccess, joinQrSvg, joinUrlFor } from '$lib/server/live-workshop';
import { requireStaff } from '$lib/server/auth/require-staff';
import { areaFiguresForWorkshop } from '$lib/server/agenda-view';
import { readinessFacts } from '$lib/server/readiness';
import { getAgenda, getWorkshop, updateWorkshopDetails } from '$lib/server/repositories/workshops';
import { listBuurten } from '$lib/server/repositories/areas';
import { parseWorkshopDetails, readinessItems } from '$lib/domain/readiness';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, 'workshop.control');
	const { params, locals, url } = event;
	const context = getAppContext();
	const access = facilitatorAccess(context.db, params.workshopId, locals.staff);
	if (!access.ok) {
		if (access.reason === 'not-found') error(404, m.ws_not_found());
		error(403, m.common_closed_forbidden());
	}
	const { workshop, me } = access.value;
	const record = getWorkshop(context.db, workshop.id)!;
	const facts = readinessFacts(context.db, workshop.id);
	const joinUrl = joinUrlFor(context.config.origin ?? url.origin, workshop.joinCode);
	return {
		workshop,
		me,
		joinUrl,
		qrSvg: await joinQrSvg(joinUrl),
		...docSnapshots(context, workshop),
		areaFigures: areaFiguresForWorkshop(context, workshop.id),
		details: { startsAt: record.startsAt, place: record.place, focusBuurten: record.focusBuurten },
		readiness: facts ? { facts, items: readinessItems(facts) } : null
	};
};

export const actions: Actions = {
	/** Date, place and focus buurten; they can be changed until the workshop closes. */
	details: async (event) => {
		requireStaff(event, 'workshop.control');
		const { params, locals, request } = event;
		const context = getAppContext();
		const access = facilitatorAccess(context.db, params.workshopId, locals.staff);
		if (!access.ok) return fail(access.reason === 'not-found' ? 404 : 403, { detailsProblem: 'forbidden' as const });
		const record = getWorkshop(context.db, params.workshopId)!;
		const agenda = getAgenda(context.db, record.agendaId);
		const allowed = new Set(agenda ? listBuurten(context.db, agenda.stadsdeelCode).map((buurt) => buurt.code) : []);
		const form = await request.formData();
		const text = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : '';
		};
		const parsed = parseWorkshopDetails(
			{ date: text('date'), time: text('time'), place: text('place'), buurten: form.getAll('buurten').filter((v): v is string => typeof v === 'string') },
			allowed
		);
		if (!parsed.ok) return fail(400, { detailsProblem: parsed.problem });
		updateWorkshopDetails(context.db, record.id, parsed.value);
		return { detailsSaved: true };
	}
};
