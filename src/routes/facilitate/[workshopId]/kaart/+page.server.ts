import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { facilitatorAccess } from '$lib/server/live-workshop';
import { requireStaff } from '$lib/server/auth/require-staff';
import { mapAreaData, mapDocs, reachabilityFacilities } from '$lib/server/map-data';

export const load: PageServerLoad = (event) => {
	requireStaff(event, 'workshop.control');
	const { params, locals } = event;
	const context = getAppContext();
	const access = facilitatorAccess(context.db, params.workshopId, locals.staff);
	if (!access.ok) {
		if (access.reason === 'not-found') error(404, m.ws_not_found());
		error(403, m.common_closed_forbidden());
	}
	const { workshop, me } = access.value;
	const map = mapAreaData(context, workshop.agendaId);
	if (!map) error(404, m.ws_not_found());
	return { workshop, me, map, docs: mapDocs(context, workshop), reachabilityFacilities: reachabilityFacilities(context.db) };
};
