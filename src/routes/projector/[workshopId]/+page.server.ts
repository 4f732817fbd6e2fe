import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { docSnapshots, joinQrSvg, joinUrlFor, projectorAccess } from '$lib/server/live-workshop';
import { areaFiguresForWorkshop } from '$lib/server/agenda-view';
import { loginPathFor } from '$lib/server/auth/redirects';

export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
	const context = getAppContext();
	const token = url.searchParams.get('token');
	const access = projectorAccess(context.db, params.workshopId, token, locals.staff);
	if (!access.ok) {
		if (access.reason === 'sign-in') redirect(303, loginPathFor(url.pathname));
		if (access.reason === 'not-found') error(404, m.ws_not_found());
		error(403, m.ws_projector_no_access());
	}
	// The URL carries a secret; keep the page out of shared caches.
	setHeaders({ 'cache-control': 'private, no-store' });
	const workshop = access.value;
	const joinUrl = joinUrlFor(context.config.origin ?? url.origin, workshop.joinCode);
	return {
		workshop,
		joinUrl,
		qrSvg: await joinQrSvg(joinUrl),
		token,
		...docSnapshots(context, workshop),
		areaFigures: areaFiguresForWorkshop(context, workshop.id)
	};
};
