import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { apiRequestInfo, authorizeApi } from '$lib/server/auth/request-auth';
import { closeWorkshop } from '$lib/server/auth/access-changes';

/** Closes the workshop: participants keep reading, their writes stop reaching anyone. */
export const POST: RequestHandler = (event) => {
	const { params } = event;
	const context = getAppContext();
	const auth = authorizeApi(context.db, apiRequestInfo(event), 'workshop.control', { workshopId: params.id });
	if (!auth.ok) return json({ error: auth.error }, { status: auth.status });
	const outcome = closeWorkshop(context, params.id ?? '');
	if (!outcome.ok) return json({ error: 'unknown workshop' }, { status: 404 });
	return json({ workshopId: outcome.workshop.id, status: outcome.workshop.status, closedAt: outcome.workshop.closedAt });
};
