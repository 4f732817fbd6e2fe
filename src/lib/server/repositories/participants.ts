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
