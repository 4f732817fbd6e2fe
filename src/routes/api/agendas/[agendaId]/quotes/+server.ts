/**
 * POST /api/agendas/<agendaId>/quotes — staff with 'agenda.quotes' mark a card as a shareable quote
 * or take the mark away. Body: {cardId, shareable: boolean}. A participant or projector token, or a
 * visitor without a session, gets 401/403 JSON and nothing changes.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { apiRequestInfo, authorizeApi } from '$lib/server/auth/request-auth';
import { setQuoteMark } from '$lib/server/shareable-quotes';
import { parseQuoteMarkRequest } from '$lib/domain/quotes';

/** A mark is a few dozen bytes; a bigger body is not one. */
const BODY_MAX_BYTES = 2048;

export const POST: RequestHandler = async (event) => {
	const { request, params } = event;
	const context = getAppContext();
	const agendaId = params.agendaId ?? '';
	const auth = authorizeApi(context.db, apiRequestInfo(event), 'agenda.quotes', { agendaId });
	if (!auth.ok) return json({ error: auth.error, reason: auth.status === 401 ? 'unauthenticated' : 'forbidden' }, { status: auth.status });
	if (auth.principal.kind !== 'staff') return json({ error: 'Only staff mark shareable quotes.', reason: 'forbidden' }, { status: 403 });
	const text = await request.text();
	if (Buffer.byteLength(text, 'utf8') > BODY_MAX_BYTES) return json({ error: 'Body too large.', reason: 'too-large' }, { status: 413 });
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return json({ error: 'Body must be JSON: {"cardId": "...", "shareable": true}', reason: 'not-json' }, { status: 400 });
	}
	const parsed = parseQuoteMarkRequest(body);
	if (!parsed.ok) return json({ error: parsed.message.en, message: parsed.message, reason: parsed.reason }, { status: 400 });
	const outcome = setQuoteMark(context, { agendaId, cardId: parsed.value.cardId, shareable: parsed.value.shareable, userId: auth.principal.user.id });
	if (!outcome.ok) return json({ error: 'There is no such card in this agenda.', reason: 'not-found' }, { status: 404 });
	return json({ cardId: parsed.value.cardId, shareable: outcome.shareable });
};
