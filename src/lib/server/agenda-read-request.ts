/**
 * The opening of every "read something about this agenda" endpoint (area profile, need index): the
 * caller must be in this agenda (a participant or the projector of one of its workshops) or staff,
 * and the agenda must exist. One place, so each endpoint answers 401/403/404 the same way.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { AppContext } from './context.ts';
import { authorizeApi } from './auth/request-auth.ts';
import { getAgenda, type AgendaRecord } from './repositories/workshops.ts';

export type AgendaReadRequest = { ok: true; agenda: AgendaRecord } | { ok: false; response: Response };

export function agendaReadRequest(context: AppContext, event: Pick<RequestEvent, 'request' | 'locals' | 'url' | 'params'>): AgendaReadRequest {
	const { request, locals, url, params } = event;
	const agendaId = (params as { agendaId?: string }).agendaId ?? '';
	const auth = authorizeApi(
		context.db,
		{ method: request.method, headers: request.headers, origin: url.origin, cookiePrincipals: [locals.staff, locals.participant] },
		'agenda-doc.read',
		{ agendaId }
	);
	if (!auth.ok) return { ok: false, response: json({ error: auth.error, reason: auth.status === 401 ? 'unauthenticated' : 'forbidden' }, { status: auth.status }) };
	const agenda = getAgenda(context.db, agendaId);
	if (!agenda) return { ok: false, response: json({ error: 'There is no agenda with this id.', reason: 'not-found' }, { status: 404 }) };
	return { ok: true, agenda };
}
