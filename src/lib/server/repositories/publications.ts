/**
 * Published snapshots (table `publications`) and the rating ballots a publication counts.
 * A snapshot is written once, at "publiceren"; the public pages only read the newest one per stadsdeel.
 */
import type { Db } from '../db.ts';
import { generateId } from '../auth/tokens.ts';
import { PUBLICATION_SCHEMA, type PublicSnapshot } from '../../domain/sociale-kaart.ts';

export interface PublicationSummary {
	id: string;
	agendaId: string;
	stadsdeelCode: string;
	versionId: string;
	publishedBy: string;
	publishedByEmail: string | null;
	publishedAt: number;
}

interface Row {
	id: string;
	agenda_id: string;
	stadsdeel_code: string;
	version_id: string;
	published_by: string;
	email: string | null;
	published_at: number;
}

const summary = (row: Row): PublicationSummary => ({
	id: row.id,
	agendaId: row.agenda_id,
	stadsdeelCode: row.stadsdeel_code,
	versionId: row.version_id,
	publishedBy: row.published_by,
	publishedByEmail: row.email,
	publishedAt: row.published_at
});

const SELECT = `SELECT p.id, p.agenda_id, p.stadsdeel_code, p.version_id, p.published_by, u.email, p.published_at
	FROM publications p LEFT JOIN users u ON u.id = p.published_by`;

export function insertPublication(db: Db, snapshot: PublicSnapshot, publishedBy: string): string {
	const id = generateId();
	db.prepare(
		'INSERT INTO publications (id, agenda_id, stadsdeel_code, version_id, snapshot, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	).run(id, snapshot.agendaId, snapshot.stadsdeel.code, snapshot.versionId, JSON.stringify(snapshot), publishedBy, snapshot.publishedAt);
	return id;
}

/** Newest first. */
export function listPublications(db: Db, agendaId: string): PublicationSummary[] {
	return db.prepare<[string], Row>(`${SELECT} WHERE p.agenda_id = ? ORDER BY p.published_at DESC, p.rowid DESC`).all(agendaId).map(summary);
}

/** The snapshot the public sees for a stadsdeel: the newest publication; null while nothing is published. */
export function latestSnapshot(db: Db, stadsdeelCode: string): PublicSnapshot | null {
	const row = db
		.prepare<[string], { snapshot: string }>('SELECT snapshot FROM publications WHERE stadsdeel_code = ? ORDER BY published_at DESC, rowid DESC LIMIT 1')
		.get(stadsdeelCode);
	if (!row) return null;
	const snapshot = JSON.parse(row.snapshot) as PublicSnapshot;
	return snapshot.schema === PUBLICATION_SCHEMA ? snapshot : null;
}

/** Stadsdelen with something published, for the public index. */
export function publishedStadsdeelCodes(db: Db): string[] {
	return db.prepare<[], { code: string }>('SELECT DISTINCT stadsdeel_code AS code FROM publications').all().map((row) => row.code);
}

/** Every rating ballot cast in the agenda's workshops: subject and the JSON value, no participant. */
export function ratingBallotsOfAgenda(db: Db, agendaId: string): { subject: string; value: string }[] {
	return db
		.prepare<[string], { subject: string; value: string }>(
			`SELECT b.subject, b.value FROM ballots b JOIN workshops w ON w.id = b.workshop_id
			 WHERE w.agenda_id = ? AND b.kind = 'rating'`
		)
		.all(agendaId);
}

/** Workshops of a stadsdeel that are still to come (or have no date yet) and open: the public "next workshops". */
export function upcomingWorkshops(db: Db, stadsdeelCode: string, today: string): { id: string; title: string; startsAt: string | null; place: string | null }[] {
	return db
		.prepare<[string, string], { id: string; title: string; starts_at: string | null; place: string | null }>(
			`SELECT w.id, w.title, w.starts_at, w.place FROM workshops w JOIN agendas a ON a.id = w.agenda_id
			 WHERE a.stadsdeel_code = ? AND w.status = 'open' AND w.starts_at IS NOT NULL AND substr(w.starts_at, 1, 10) >= ?
			 ORDER BY w.starts_at LIMIT 10`
		)
		.all(stadsdeelCode, today)
		.map((row) => ({ id: row.id, title: row.title, startsAt: row.starts_at, place: row.place }));
}
