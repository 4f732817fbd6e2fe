/**
 * GET /api/agendas/<agendaId>/need-index — the need index of the agenda's buurten as it stands now,
 * for question 7 on the phone and the projector before (and beside) a recorded weighing. Weights: the
 * mean of what participants proposed, or equal weights while nobody did. No budget is divided here;
 * the numbers come from the same computeWeighing the afweging page records with.
 * Same access as the area profile: people in this agenda (participants, projector) and staff.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { authorizeApi } from '$lib/server/auth/request-auth';
import { getAgenda } from '$lib/server/repositories/workshops';
import { computeWeighing, equalWeights, proposalsForAgenda } from '$lib/server/weighing';
import { INDICATOR_IDS, type IndicatorId } from '$lib/domain/budget/indicators';

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
	if (!agenda) return json({ error: 'There is no agenda with this id.', reason: 'not-found' }, { status: 404 });

	const proposals = proposalsForAgenda(context.db, agendaId);
	const weightsFrom = proposals.voters > 0 ? 'proposals' : 'equal';
	const weights =
		weightsFrom === 'proposals'
			? (Object.fromEntries(INDICATOR_IDS.map((id) => [id, proposals.mean[id] ?? 0])) as Record<IndicatorId, number>)
			: equalWeights();
	const computed = computeWeighing(context.db, agenda, { weights, scope: 'buurten', budget: null });
	setHeaders({ 'cache-control': 'no-store' });
	if (!computed.ok) {
		// No figures at all, or every weight on indicators without figures: an explanation, not an error.
		return json({ weighing: null, weightsFrom, voters: proposals.voters, weights, problem: { reason: computed.reason, message: computed.message } });
	}
	return json({ weighing: computed.value, weightsFrom, voters: proposals.voters, weights, problem: null });
};
