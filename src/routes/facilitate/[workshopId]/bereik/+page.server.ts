import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { facilitatorAccess } from '$lib/server/live-workshop';
import { requireStaff } from '$lib/server/auth/require-staff';
import { loadReach } from '$lib/server/reach';

/** "Wie missen we nog?" for the facilitator during the workshop: aggregated counts only. */
export const load: PageServerLoad = (event) => {
	requireStaff(event, 'workshop.control');
	const { params, locals, setHeaders } = event;
	const context = getAppContext();
	const access = facilitatorAccess(context.db, params.workshopId, locals.staff);
	if (!access.ok) {
		if (access.reason === 'not-found') error(404, m.ws_not_found());
		error(403, m.common_closed_forbidden());
	}
	setHeaders({ 'cache-control': 'no-store' });
	const report = loadReach(context, { kind: 'workshop', workshopId: params.workshopId });
	if (!report) error(404, m.ws_not_found());
	const { workshop } = access.value;
	return { workshop: { id: workshop.id, title: workshop.title, agendaId: workshop.agendaId, stadsdeelName: workshop.stadsdeelName }, report, loadedAt: Date.now() };
};
