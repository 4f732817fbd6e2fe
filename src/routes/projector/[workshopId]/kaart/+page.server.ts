import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { joinQrSvg, joinUrlFor, projectorAccess } from '$lib/server/live-workshop';
import { requireStaff } from '$lib/server/auth/require-staff';
import { mapAreaData, mapDocs } from '$lib/server/map-data';

export const load: PageServerLoad = async (event) => {
	const { params, url, locals, setHeaders } = event;
	const context = getAppContext();
	const token = url.searchParams.get('token');
	// The screen shows with its link's token; without one, only staff may watch.
	if (!token) requireStaff(event, 'workshop.watch');
	const access = projectorAccess(context.db, params.workshopId, token, locals.staff);
	if (!access.ok) {
		if (access.reason === 'not-found') error(404, m.ws_not_found());
		error(403, m.ws_projector_no_access());
	}
	// The URL carries a secret; keep the page out of shared caches.
	setHeaders({ 'cache-control': 'private, no-store' });
	const workshop = access.value;
	const map = mapAreaData(context, workshop.agendaId);
	if (!map) error(404, m.ws_not_found());
	const joinUrl = joinUrlFor(context.config.origin ?? url.origin, workshop.joinCode);
	return { workshop, map, docs: mapDocs(context, workshop), token, joinUrl, qrSvg: await joinQrSvg(joinUrl), serverNow: Date.now() };
};
