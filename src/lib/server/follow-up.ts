/**
 * Action follow-up for staff: reads the agreed actions (through the export model, so the A-numbers
 * are the ones in the stadsdeelprogramma) together with their follow-up from SQLite, and records a
 * change after checking that the action exists. The permission is checked by the route
 * (`requireStaff(event, 'agenda.followup')`); this module trusts only the user id it is given.
 */
import type { AppContext } from './context.ts';
import { buildAgendaExport, type AgendaExport, type ExportAction } from './export/agenda-export-model.ts';
import { insertFollowUpEvent, listFollowUpEvents, followUpEventsByAction, type StoredFollowUpEvent } from './repositories/follow-up.ts';
import { checkFollowUpEvent, foldFollowUp, type FollowUpEventInput, type FollowUpProblem, type FollowUpState } from '../domain/follow-up.ts';
import type { Locale } from '../domain/i18n-text.ts';

export interface FollowedAction {
	action: ExportAction;
	state: FollowUpState;
	/** The owner now: the follow-up's, or the one agreed in the agenda. */
	owner: string;
}

export interface FollowUpOverview {
	model: AgendaExport;
	actions: FollowedAction[];
	totals: { amountEuros: number; spentEuros: number };
}

export function followedAction(action: ExportAction, events: readonly StoredFollowUpEvent[]): FollowedAction {
	const state = foldFollowUp(events);
	return { action, state, owner: state.owner ?? action.owner };
}

/** Every action of the agenda with its current follow-up; null when the agenda does not exist. */
export function followUpOverview(context: AppContext, agendaId: string, locale: Locale, model?: AgendaExport | null): FollowUpOverview | null {
	const built = model ?? buildAgendaExport(context, agendaId, locale);
	if (!built) return null;
	const events = followUpEventsByAction(context.db, agendaId);
	const actions = built.actions.map((action) => followedAction(action, events.get(action.id) ?? []));
	return {
		model: built,
		actions,
		totals: {
			amountEuros: actions.reduce((sum, a) => sum + (a.action.amountEuros ?? 0), 0),
			spentEuros: actions.reduce((sum, a) => sum + a.state.spentEuros, 0)
		}
	};
}

export interface ActionFollowUpDetail {
	model: AgendaExport;
	followed: FollowedAction;
	/** Newest first, for the history list. */
	history: StoredFollowUpEvent[];
}

export function actionFollowUpDetail(context: AppContext, agendaId: string, actionId: string, locale: Locale): ActionFollowUpDetail | null {
	const model = buildAgendaExport(context, agendaId, locale);
	const action = model?.actions.find((a) => a.id === actionId);
	if (!model || !action) return null;
	const events = listFollowUpEvents(context.db, agendaId, actionId);
	return { model, followed: followedAction(action, events), history: [...events].reverse() };
}

export type RecordResult = { ok: true; id: number } | { ok: false; reason: FollowUpProblem | 'not-found' };

/** Records one change by a staff member. The action must exist in the agenda now. */
export function recordFollowUp(context: AppContext, input: { agendaId: string; actionId: string; userId: string; change: FollowUpEventInput }, now = Date.now()): RecordResult {
	const model = buildAgendaExport(context, input.agendaId, 'nl');
	if (!model || !model.actions.some((a) => a.id === input.actionId)) return { ok: false, reason: 'not-found' };
	const checked = checkFollowUpEvent(input.change);
	if (!checked.ok) return checked;
	const id = insertFollowUpEvent(context.db, { agendaId: input.agendaId, actionId: input.actionId, data: checked.value, userId: input.userId }, now);
	context.log.info('action follow-up recorded', { agendaId: input.agendaId, actionId: input.actionId, kind: checked.value.kind });
	return { ok: true, id };
}
