import type { Db } from '../db.ts';
import { generateId } from '../auth/tokens.ts';
import type { ParticipantRole } from '../../domain/participants.ts';

export interface ParticipantRecord {
	id: string;
	workshopId: string;
	displayName: string;
	role: ParticipantRole;
	buurtCode: string | null;
	ageBand: string | null;
	createdAt: number;
}

export function insertParticipant(
	db: Db,
	input: { workshopId: string; displayName: string; role: ParticipantRole; buurtCode?: string | null; ageBand?: string | null },
	now = Date.now()
): ParticipantRecord {
	const id = generateId();
	const record: ParticipantRecord = {
		id,
		workshopId: input.workshopId,
		displayName: input.displayName,
		role: input.role,
		buurtCode: input.buurtCode ?? null,
		ageBand: input.ageBand ?? null,
		createdAt: now
	};
	db.prepare(
		'INSERT INTO participants (id, workshop_id, display_name, role, buurt_code, age_band, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	).run(id, record.workshopId, record.displayName, record.role, record.buurtCode, record.ageBand, now);
	return record;
}

export function countParticipants(db: Db, workshopId: string): number {
	return (db.prepare('SELECT count(*) AS n FROM participants WHERE workshop_id = ?').get(workshopId) as { n: number }).n;
}

/** A person without a phone, entered by a staff member: counted in reach like anyone, marked as assisted. */
export function insertAssistedParticipant(
	db: Db,
	input: { workshopId: string; displayName: string; role: ParticipantRole; buurtCode: string | null; assistedBy: string },
	now = Date.now()
): ParticipantRecord {
	const id = generateId();
	db.prepare(
		'INSERT INTO participants (id, workshop_id, display_name, role, buurt_code, age_band, created_at, assisted_by) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)'
	).run(id, input.workshopId, input.displayName, input.role, input.buurtCode, now, input.assistedBy);
	return { id, workshopId: input.workshopId, displayName: input.displayName, role: input.role, buurtCode: input.buurtCode, ageBand: null, createdAt: now };
}

/** An assisted participant of this workshop (so a helper can add a second card for the same person). */
export function findAssistedParticipant(db: Db, workshopId: string, participantId: string): ParticipantRecord | null {
	const row = db
		.prepare<[string, string], { id: string; workshop_id: string; display_name: string; role: ParticipantRole; buurt_code: string | null; age_band: string | null; created_at: number }>(
			'SELECT id, workshop_id, display_name, role, buurt_code, age_band, created_at FROM participants WHERE workshop_id = ? AND id = ? AND assisted_by IS NOT NULL'
		)
		.get(workshopId, participantId);
	return row
		? { id: row.id, workshopId: row.workshop_id, displayName: row.display_name, role: row.role, buurtCode: row.buurt_code, ageBand: row.age_band, createdAt: row.created_at }
		: null;
}

export function countAssistedParticipants(db: Db, workshopIds: readonly string[]): number {
	if (workshopIds.length === 0) return 0;
	const placeholders = workshopIds.map(() => '?').join(', ');
	return (db.prepare(`SELECT count(*) AS n FROM participants WHERE assisted_by IS NOT NULL AND workshop_id IN (${placeholders})`).get(...workshopIds) as { n: number }).n;
}
