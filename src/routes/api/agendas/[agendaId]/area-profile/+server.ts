/**
 * GET /api/agendas/<agendaId>/area-profile — the key figures of the agenda's stadsdeel (questions 1
 * and 7) for the phone, the projector and staff. Public statistics, but only for people in this
 * agenda: participants and the projector of one of its workshops, or staff.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { authorizeApi } from '$lib/server/auth/request-auth';
import { getAgenda } from '$lib/server/repositories/workshops';
import { loadAreaProfile } from '$lib/server/area-profile';

export const GET: RequestHandler = ({ request, locals, url, params, setHeaders }) => {
	const context = getAppContext();
	const agendaId = params.agendaId ?? '';
	const auth = authorizeApi(
		context.db,
		{ method: request.method, headers: request.headers, origin: url.origin, cookiePrincipals: [locals.staff, locals.participant] },
		'agenda-doc.read',
		{ agendaId }
	);
	if (!auth.ok) return json({ error: auth.error, reason: auth.status === 401 ? 'unauthenticated' : 'forbidden' }, { status: auth.status });
	const agenda = getAgenda(context.db, agendaId);
	const profile = agenda ? loadAreaProfile(context.db, agenda.stadsdeelCode) : null;
	if (!profile) return json({ error: 'There is no agenda with this id.', reason: 'not-found' }, { status: 404 });
	setHeaders({ 'cache-control': 'private, max-age=300' });
	return json({ profile });
};
