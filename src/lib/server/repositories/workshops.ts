/**
 * Agendas (one per stadsdeel and period) and the workshops that feed them.
 */
import type { Db } from '../db.ts';
import { preparedOnce } from '../db.ts';
import { generateId, generateJoinCode, generateToken, hashToken } from '../auth/tokens.ts';

export interface AgendaRecord {
	id: string;
	stadsdeelCode: string;
	title: string;
	period: string;
	createdAt: number;
}

export type WorkshopStatus = 'open' | 'closed';

export interface WorkshopRecord {
	id: string;
	agendaId: string;
	title: string;
	startsAt: string | null;
	place: string | null;
	focusBuurten: string[];
	questions: number[];
	joinCode: string;
	status: WorkshopStatus;
	createdAt: number;
	closedAt: number | null;
}

interface AgendaRow {
	id: string;
	stadsdeel_code: string;
	title: string;
	period: string;
	created_at: number;
}

interface WorkshopRow {
	id: string;
	agenda_id: string;
	title: string;
	starts_at: string | null;
	place: string | null;
	focus_buurten: string;
	questions: string;
	join_code: string;
	status: WorkshopStatus;
	created_at: number;
	closed_at: number | null;
}

const agendaFromRow = (row: AgendaRow): AgendaRecord => ({
	id: row.id,
	stadsdeelCode: row.stadsdeel_code,
	title: row.title,
	period: row.period,
	createdAt: row.created_at
});

const workshopFromRow = (row: WorkshopRow): WorkshopRecord => ({
	id: row.id,
	agendaId: row.agenda_id,
	title: row.title,
	startsAt: row.starts_at,
	place: row.place,
	focusBuurten: JSON.parse(row.focus_buurten) as string[],
	questions: JSON.parse(row.questions) as number[],
	joinCode: row.join_code,
	status: row.status,
	createdAt: row.created_at,
	closedAt: row.closed_at
});

export function insertAgenda(db: Db, input: { stadsdeelCode: string; title: string; period: string }, now = Date.now()): AgendaRecord {
	const id = generateId();
	db.prepare('INSERT INTO agendas (id, stadsdeel_code, title, period, created_at) VALUES (?, ?, ?, ?, ?)').run(
		id,
		input.stadsdeelCode,
		input.title,
		input.period,
		now
	);
	return { id, ...input, createdAt: now };
}

/** The agenda for a stadsdeel and period, created on first use. */
export function findOrCreateAgenda(db: Db, input: { stadsdeelCode: string; title: string; period: string }): AgendaRecord {
	const row = db
		.prepare<[string, string], AgendaRow>('SELECT * FROM agendas WHERE stadsdeel_code = ? AND period = ? ORDER BY created_at LIMIT 1')
		.get(input.stadsdeelCode, input.period);
	return row ? agendaFromRow(row) : insertAgenda(db, input);
}

export function getAgenda(db: Db, id: string): AgendaRecord | null {
	const row = db.prepare<[string], AgendaRow>('SELECT * FROM agendas WHERE id = ?').get(id);
	return row ? agendaFromRow(row) : null;
}

export function listAgendas(db: Db): AgendaRecord[] {
	return db.prepare<[], AgendaRow>('SELECT * FROM agendas ORDER BY created_at DESC').all().map(agendaFromRow);
}

export interface NewWorkshop {
	agendaId: string;
	title: string;
	startsAt?: string | null;
	place?: string | null;
	focusBuurten?: string[];
	questions?: number[];
	createdBy?: string | null;
}

/** Creates a workshop with a fresh join code and projector link; returns the projector token once. */
export function insertWorkshop(db: Db, input: NewWorkshop, now = Date.now()): { workshop: WorkshopRecord; projectorToken: string } {
	const id = generateId();
	const projectorToken = generateToken();
	const insert = db.prepare(
		`INSERT INTO workshops (id, agenda_id, title, starts_at, place, focus_buurten, questions, join_code, status,
		                        projector_token_hash, created_by, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`
	);
	// Join codes are short, so collisions are possible; retry rather than check-then-insert.
	for (let attempt = 0; ; attempt++) {
		const joinCode = generateJoinCode();
		try {
			insert.run(
				id,
				input.agendaId,
				input.title,
				input.startsAt ?? null,
				input.place ?? null,
				JSON.stringify(input.focusBuurten ?? []),
				JSON.stringify(input.questions ?? [1, 2, 3, 4, 5, 6, 7, 8]),
				joinCode,
				hashToken(projectorToken),
				input.createdBy ?? null,
				now
			);
			return { workshop: getWorkshop(db, id)!, projectorToken };
		} catch (error) {
			const isJoinCodeClash = error instanceof Error && /UNIQUE.*join_code/.test(error.message);
			if (!isJoinCodeClash || attempt >= 20) throw error;
		}
	}
}

export function getWorkshop(db: Db, id: string): WorkshopRecord | null {
	const row = db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?').get(id);
	return row ? workshopFromRow(row) : null;
}

export function findWorkshopByJoinCode(db: Db, joinCode: string): WorkshopRecord | null {
	const row = db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE join_code = ?').get(joinCode);
	return row ? workshopFromRow(row) : null;
}

export function listWorkshops(db: Db, agendaId?: string): WorkshopRecord[] {
	const rows = agendaId
		? db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE agenda_id = ? ORDER BY created_at').all(agendaId)
		: db.prepare<[], WorkshopRow>('SELECT * FROM workshops ORDER BY created_at DESC').all();
	return rows.map(workshopFromRow);
}

/** Date, place and focus buurten, as set (and changed) on the facilitator's page. */
export function updateWorkshopDetails(db: Db, id: string, details: { startsAt: string | null; place: string | null; focusBuurten: string[] }): void {
	db.prepare('UPDATE workshops SET starts_at = ?, place = ?, focus_buurten = ? WHERE id = ?').run(
		details.startsAt,
		details.place,
		JSON.stringify(details.focusBuurten),
		id
	);
}

export function setWorkshopStatus(db: Db, id: string, status: WorkshopStatus, now = Date.now()): void {
	db.prepare('UPDATE workshops SET status = ?, closed_at = ? WHERE id = ?').run(status, status === 'closed' ? now : null, id);
}

/** Revokes the old projector link and returns a new token. */
export function regenerateProjectorToken(db: Db, id: string): string {
	const token = generateToken();
	db.prepare('UPDATE workshops SET projector_token_hash = ? WHERE id = ?').run(hashToken(token), id);
	return token;
}

/** Whether a workshop feeds this agenda (prepared once: the write policy asks on staff writes). */
export function workshopFeedsAgenda(db: Db, workshopId: string, agendaId: string): boolean {
	return preparedOnce<[string, string], { one: number }>(db, 'SELECT 1 AS one FROM workshops WHERE id = ? AND agenda_id = ?').get(workshopId, agendaId) !== undefined;
}
