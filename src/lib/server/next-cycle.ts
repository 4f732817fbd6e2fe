/**
 * The next cycle: a new agenda period for a stadsdeel starts from the previous one. Open actions
 * (gepland, bezig) are carried over with their status and owner, and the agreed inventory (accepted
 * elements of question 3) is copied as the new period's starting point. Done and stopped actions stay
 * behind, in the old agenda with their history.
 *
 * The new agenda doc is written by the server (`liveDocs.change`), not by a client. Copied elements
 * are the staff member's, not the participant's who once proposed them: no participant id travels
 * into the new period (so "vergeet mij" in the old workshop has nothing to chase).
 */
import type { AppContext } from './context.ts';
import { followUpOverview } from './follow-up.ts';
import { insertFollowUpEvent } from './repositories/follow-up.ts';
import { getAgenda, insertAgenda } from './repositories/workshops.ts';
import { getStadsdeel } from './repositories/areas.ts';
import { docName } from '../sync/doc-names.ts';
import { addAction } from '../sync/actions-schema.ts';
import { acceptElement, listElements, proposeElement } from '../sync/elements-schema.ts';
import { isOpenStatus, maastrichtDay } from '../domain/follow-up.ts';

export const PERIOD_MAX = 40;

export type NextCycleResult =
	| { ok: true; agendaId: string; carriedActions: number; copiedElements: number }
	| { ok: false; reason: 'not-found' | 'bad-period' | 'exists' };

export function startNextCycle(context: AppContext, input: { agendaId: string; period: string; userId: string }, now = Date.now()): NextCycleResult {
	const previous = getAgenda(context.db, input.agendaId);
	if (!previous) return { ok: false, reason: 'not-found' };
	const period = input.period.replace(/\s+/g, ' ').trim();
	if (period === '' || [...period].length > PERIOD_MAX || period === previous.period) return { ok: false, reason: 'bad-period' };
	const taken = context.db
		.prepare<[string, string], { id: string }>('SELECT id FROM agendas WHERE stadsdeel_code = ? AND period = ?')
		.get(previous.stadsdeelCode, period);
	if (taken) return { ok: false, reason: 'exists' };
	const overview = followUpOverview(context, previous.id, 'nl');
	if (!overview) return { ok: false, reason: 'not-found' };
	const open = overview.actions.filter((a) => isOpenStatus(a.state.status));
	const elements = context.liveDocs.read(docName('agenda', previous.id), (doc) => listElements(doc, { status: 'accepted' }));
	const stadsdeelName = getStadsdeel(context.db, previous.stadsdeelCode)?.name ?? previous.stadsdeelCode;

	const agenda = insertAgenda(context.db, { stadsdeelCode: previous.stadsdeelCode, title: `Sociale agenda ${stadsdeelName} ${period}`, period }, now);
	let copiedElements = 0;
	context.liveDocs.change(docName('agenda', agenda.id), (doc) => {
		for (const { action, owner } of open) {
			// The same id: the action is the same commitment, followed on in the new period.
			const added = addAction(
				doc,
				{ title: action.title, themeId: action.themeId, list: action.list, owner, quarter: action.quarter, amountEuros: action.amountEuros, budgetLine: action.budgetLine, createdBy: input.userId },
				now,
				action.id
			);
			if (!added.ok) throw new Error(`carrying action ${action.id} over failed: ${added.reason}`);
		}
		for (const element of elements) {
			const place = { point: element.lat !== null && element.lon !== null ? { lat: element.lat, lon: element.lon } : null, buurtCode: element.buurtCode };
			const proposed = proposeElement(
				doc,
				{
					name: element.name,
					category: element.category,
					layer: element.layer,
					targetGroups: element.targetGroups,
					place,
					facilityId: element.facilityId,
					workshopId: element.workshopId,
					author: { id: input.userId, name: '', kind: 'staff' }
				},
				now,
				element.id
			);
			if (proposed.ok && acceptElement(doc, element.id, input.userId, now).ok) copiedElements++;
		}
	});
	context.db.transaction(() => {
		for (const { action, state } of open) {
			insertFollowUpEvent(context.db, { agendaId: agenda.id, actionId: action.id, userId: input.userId, data: { kind: 'status', status: state.status, reason: null } }, now);
			insertFollowUpEvent(
				context.db,
				{ agendaId: agenda.id, actionId: action.id, userId: input.userId, data: { kind: 'note', date: maastrichtDay(now), text: `Overgenomen uit ${previous.title} (${action.ref}), met status ${state.status}.` } },
				now
			);
		}
	})();
	context.log.info('next cycle started', { from: previous.id, to: agenda.id, carriedActions: open.length, copiedElements });
	return { ok: true, agendaId: agenda.id, carriedActions: open.length, copiedElements };
}
