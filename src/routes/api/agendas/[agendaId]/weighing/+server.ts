/**
 * POST /api/agendas/<agendaId>/weighing — the final weights of question 7, set by staff with
 * 'agenda.weights.set'. Body: {weights: {indicator: 0–10}, scope?: 'buurten'|'stadsdelen',
 * budget?: {totalEuros, floorEuros?} | {lineId, floorEuros?} | null}. The server computes the need
 * index and the allocation and records them in the agenda doc (key `weighing`); the reply carries
 * the record. GET returns the recorded weighing and the participants' mean proposal.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { authorizeApi } from '$lib/server/auth/request-auth';
import { getAgenda } from '$lib/server/repositories/workshops';
import { parseWeighingRequest, proposalsForAgenda, readRecordedWeighing, recordWeighing } from '$lib/server/weighing';

export const POST: RequestHandler = async ({ request, locals, url, params }) => {
	const context = getAppContext();
	const agendaId = params.agendaId ?? '';
	const auth = authorizeApi(
		context.db,
		{ method: request.method, headers: request.headers, origin: url.origin, cookiePrincipals: [locals.staff, locals.participant] },
		'agenda.weights.set',
		{ agendaId }
	);
	if (!auth.ok) return json({ error: auth.error, reason: auth.status === 401 ? 'unauthenticated' : 'forbidden' }, { status: auth.status });
	if (auth.principal.kind !== 'staff') return json({ error: 'Only staff set the final weights.', reason: 'forbidden' }, { status: 403 });
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ error: 'Body must be JSON: {"weights": {...}}', reason: 'not-json' }, { status: 400 });
	}
	const parsed = parseWeighingRequest(body);
	if (!parsed.ok) return json({ error: parsed.message.en, message: parsed.message, reason: parsed.reason, field: parsed.field }, { status: parsed.status });
	const outcome = recordWeighing(context, agendaId, parsed.value, auth.principal.user.id);
	if (!outcome.ok) return json({ error: outcome.message.en, message: outcome.message, reason: outcome.reason, field: outcome.field }, { status: outcome.status });
	context.log.info('weighing recorded', { agendaId, userId: auth.principal.user.id, scope: outcome.record.scope, totalEuros: outcome.record.budget?.totalEuros ?? null });
	return json({ weighing: outcome.record });
};

export const GET: RequestHandler = ({ request, locals, url, params }) => {
	const context = getAppContext();
	const agendaId = params.agendaId ?? '';
	const auth = authorizeApi(
		context.db,
		{ method: request.method, headers: request.headers, origin: url.origin, cookiePrincipals: [locals.staff, locals.participant] },
		'agenda.view',
		{ agendaId }
	);
	if (!auth.ok) return json({ error: auth.error, reason: auth.status === 401 ? 'unauthenticated' : 'forbidden' }, { status: auth.status });
	if (!getAgenda(context.db, agendaId)) return json({ error: 'There is no agenda with this id.', reason: 'not-found' }, { status: 404 });
	return json({ weighing: readRecordedWeighing(context, agendaId), proposals: proposalsForAgenda(context.db, agendaId) });
};
