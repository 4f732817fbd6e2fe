/**
 * GET /api/agendas/<agendaId>/need-index — the need index of the agenda's buurten as it stands now,
 * for question 7 on the phone and the projector before (and beside) a recorded weighing. Weights: the
 * mean of what participants proposed, or equal weights while nobody did. No budget is divided here;
 * the numbers come from the same computeWeighing the afweging page records with.
 * Same access as the area profile: people in this agenda (participants, projector) and staff.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { agendaReadRequest } from '$lib/server/agenda-read-request';
import { computeWeighing, equalWeights, proposalsForAgenda } from '$lib/server/weighing';
import { INDICATOR_IDS, type IndicatorId } from '$lib/domain/budget/indicators';

export const GET: RequestHandler = (event) => {
	const context = getAppContext();
	const read = agendaReadRequest(context, event);
	if (!read.ok) return read.response;
	const { agenda } = read;
	const agendaId = agenda.id;
	const { setHeaders } = event;

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
