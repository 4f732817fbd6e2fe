/**
 * The follow-up events of agreed actions (table `action_follow_up`). Append-only: nothing here
 * updates or deletes a row, so the history of an action is what was written, in order.
 */
import type { Db } from '../db.ts';
import { readFollowUpEventData, type FollowUpEvent, type FollowUpEventData } from '../../domain/follow-up.ts';

interface EventRow {
	id: number;
	action_id: string;
	kind: string;
	payload: string;
	created_by: string;
	email: string | null;
	created_at: number;
}

export interface StoredFollowUpEvent extends FollowUpEvent {
	actionId: string;
}

function fromRow(row: EventRow): StoredFollowUpEvent | null {
	let payload: unknown;
	try {
		payload = JSON.parse(row.payload);
	} catch {
		return null;
	}
	const data = readFollowUpEventData(row.kind, payload);
	if (!data) return null;
	return { id: row.id, actionId: row.action_id, data, byUserId: row.created_by, byEmail: row.email, at: row.created_at };
}

export function insertFollowUpEvent(
	db: Db,
	input: { agendaId: string; actionId: string; data: FollowUpEventData; userId: string },
	now = Date.now()
): number {
	const { kind, ...payload } = input.data;
	const result = db
		.prepare('INSERT INTO action_follow_up (agenda_id, action_id, kind, payload, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
		.run(input.agendaId, input.actionId, kind, JSON.stringify(payload), input.userId, now);
	return Number(result.lastInsertRowid);
}

const SELECT = `SELECT f.id, f.action_id, f.kind, f.payload, f.created_by, u.email, f.created_at
	FROM action_follow_up f LEFT JOIN users u ON u.id = f.created_by`;

/** Oldest first. */
export function listFollowUpEvents(db: Db, agendaId: string, actionId?: string): StoredFollowUpEvent[] {
	const rows =
		actionId === undefined
			? db.prepare<[string], EventRow>(`${SELECT} WHERE f.agenda_id = ? ORDER BY f.created_at, f.id`).all(agendaId)
			: db.prepare<[string, string], EventRow>(`${SELECT} WHERE f.agenda_id = ? AND f.action_id = ? ORDER BY f.created_at, f.id`).all(agendaId, actionId);
	return rows.map(fromRow).filter((event): event is StoredFollowUpEvent => event !== null);
}

/** Events grouped per action. */
export function followUpEventsByAction(db: Db, agendaId: string): Map<string, StoredFollowUpEvent[]> {
	const byAction = new Map<string, StoredFollowUpEvent[]>();
	for (const event of listFollowUpEvents(db, agendaId)) byAction.set(event.actionId, [...(byAction.get(event.actionId) ?? []), event]);
	return byAction;
}
