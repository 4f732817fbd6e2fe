import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { docSnapshots, facilitatorAccess, joinQrSvg, joinUrlFor } from '$lib/server/live-workshop';
import { requireStaff } from '$lib/server/auth/require-staff';
import { areaFiguresForWorkshop } from '$lib/server/agenda-view';

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
	const joinUrl = joinUrlFor(context.config.origin ?? url.origin, workshop.joinCode);
	return {
		workshop,
		me,
		joinUrl,
		qrSvg: await joinQrSvg(joinUrl),
		...docSnapshots(context, workshop),
		areaFigures: areaFiguresForWorkshop(context, workshop.id)
	};
};
