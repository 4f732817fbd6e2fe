/**
 * GET /api/agendas/<agendaId>/area-profile — the key figures of the agenda's stadsdeel (questions 1
 * and 7) for the phone, the projector and staff. Public statistics, but only for people in this
 * agenda: participants and the projector of one of its workshops, or staff.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { agendaReadRequest } from '$lib/server/agenda-read-request';
import { loadAreaProfile } from '$lib/server/area-profile';

export const GET: RequestHandler = (event) => {
	const context = getAppContext();
	const read = agendaReadRequest(context, event);
	if (!read.ok) return read.response;
	const profile = loadAreaProfile(context.db, read.agenda.stadsdeelCode);
	if (!profile) return json({ error: 'There is no agenda with this id.', reason: 'not-found' }, { status: 404 });
	event.setHeaders({ 'cache-control': 'private, max-age=300' });
	return json({ profile });
};
