import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { apiRequestInfo, authorizeApi } from '$lib/server/auth/request-auth';
import { renewProjectorLink } from '$lib/server/auth/access-changes';

/** A new projector link; the old one stops working at once (screens on it are closed with 4401). */
export const POST: RequestHandler = (event) => {
	const { params, url, setHeaders } = event;
	const context = getAppContext();
	const auth = authorizeApi(context.db, apiRequestInfo(event), 'workshop.control', { workshopId: params.id });
	if (!auth.ok) return json({ error: auth.error }, { status: auth.status });
	const outcome = renewProjectorLink(context, params.id ?? '', url.origin);
	if (!outcome.ok) return json({ error: 'unknown workshop' }, { status: 404 });
	// The response holds a secret link.
	setHeaders({ 'cache-control': 'no-store' });
	return json({ projectorUrl: outcome.projectorUrl });
};
