/**
 * Schema migrations, versioned in code. Append new ones; never edit one that has shipped.
 * Each runs in its own transaction together with the bump of `user_version`.
 */
import type { Database } from 'better-sqlite3';
import { writeTransaction } from './db.ts';

export interface Migration {
	version: number;
	description: string;
	up(db: Database): void;
}

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		description: 'areas, staff, agendas, workshops, participants, sessions, Yjs storage',
		up(db) {
			db.exec(`
				CREATE TABLE stadsdelen (
					code TEXT PRIMARY KEY,
					name TEXT NOT NULL UNIQUE,
					geometry TEXT NOT NULL
				);
				CREATE TABLE buurten (
					code TEXT PRIMARY KEY,
					name TEXT NOT NULL,
					stadsdeel_code TEXT NOT NULL REFERENCES stadsdelen(code),
					wijk_code TEXT,
					wijk_name TEXT,
					area_ha REAL,
					geometry TEXT NOT NULL,
					figures TEXT NOT NULL DEFAULT '[]'
				);
				CREATE INDEX buurten_stadsdeel ON buurten(stadsdeel_code);
				CREATE TABLE facilities (
					id TEXT PRIMARY KEY,
					name TEXT,
					category TEXT NOT NULL,
					lat REAL NOT NULL,
					lon REAL NOT NULL,
					buurt_code TEXT REFERENCES buurten(code),
					address TEXT,
					source TEXT NOT NULL,
					source_ref TEXT
				);
				CREATE TABLE users (
					id TEXT PRIMARY KEY,
					email TEXT NOT NULL UNIQUE COLLATE NOCASE,
					password_hash TEXT NOT NULL,
					role TEXT NOT NULL CHECK (role IN ('admin', 'official', 'facilitator')),
					disabled_at INTEGER,
					created_at INTEGER NOT NULL
				);
				-- Lucia pattern: the id is the SHA-256 (hex) of the token; the token itself is never stored.
				CREATE TABLE user_sessions (
					id TEXT PRIMARY KEY,
					user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
					expires_at INTEGER NOT NULL
				);
				CREATE INDEX user_sessions_user ON user_sessions(user_id);
				CREATE TABLE agendas (
					id TEXT PRIMARY KEY,
					stadsdeel_code TEXT NOT NULL REFERENCES stadsdelen(code),
					title TEXT NOT NULL,
					period TEXT NOT NULL,
					created_at INTEGER NOT NULL
				);
				CREATE TABLE workshops (
					id TEXT PRIMARY KEY,
					agenda_id TEXT NOT NULL REFERENCES agendas(id),
					title TEXT NOT NULL,
					starts_at TEXT,
					place TEXT,
					focus_buurten TEXT NOT NULL DEFAULT '[]',
					questions TEXT NOT NULL DEFAULT '[1,2,3,4,5,6,7,8]',
					join_code TEXT NOT NULL UNIQUE,
					status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
					projector_token_hash TEXT UNIQUE,
					created_by TEXT REFERENCES users(id),
					created_at INTEGER NOT NULL,
					closed_at INTEGER
				);
				CREATE INDEX workshops_agenda ON workshops(agenda_id);
				CREATE TABLE participants (
					id TEXT PRIMARY KEY,
					workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
					display_name TEXT NOT NULL,
					role TEXT NOT NULL CHECK (role IN ('resident', 'partner', 'official')),
					buurt_code TEXT,
					age_band TEXT,
					created_at INTEGER NOT NULL
				);
				CREATE INDEX participants_workshop ON participants(workshop_id);
				CREATE TABLE participant_sessions (
					id TEXT PRIMARY KEY,
					participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
					expires_at INTEGER NOT NULL
				);
				CREATE INDEX participant_sessions_participant ON participant_sessions(participant_id);
				-- Yjs: a snapshot per doc plus the updates appended since (the log is written before broadcast).
				CREATE TABLE ydoc_snapshots (
					doc_name TEXT PRIMARY KEY,
					state BLOB NOT NULL,
					updated_at INTEGER NOT NULL
				);
				CREATE TABLE ydoc_updates (
					id INTEGER PRIMARY KEY AUTOINCREMENT,
					doc_name TEXT NOT NULL,
					data BLOB NOT NULL,
					created_at INTEGER NOT NULL
				);
				CREATE INDEX ydoc_updates_doc ON ydoc_updates(doc_name, id);
			`);
		}
	},
	{
		version: 2,
		description: 'ballots (one per participant, kind and subject), named agenda versions, indicator values',
		up(db) {
			db.exec(`
				-- Votes, condition ratings and weight proposals: commands to the server, counted here, never in a doc.
				CREATE TABLE ballots (
					id INTEGER PRIMARY KEY AUTOINCREMENT,
					workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
					participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
					kind TEXT NOT NULL CHECK (kind IN ('dots', 'rating', 'weights')),
					subject TEXT NOT NULL,
					value TEXT NOT NULL,
					updated_at INTEGER NOT NULL,
					UNIQUE (participant_id, kind, subject)
				);
				CREATE INDEX ballots_subject ON ballots(workshop_id, kind, subject);
				-- Named versions of an agenda: full Yjs states, restorable.
				CREATE TABLE agenda_versions (
					id TEXT PRIMARY KEY,
					agenda_id TEXT NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
					name TEXT NOT NULL,
					state BLOB NOT NULL,
					created_by TEXT,
					created_at INTEGER NOT NULL
				);
				CREATE INDEX agenda_versions_agenda ON agenda_versions(agenda_id, created_at);
				-- Need indicators per buurt, imported by officials (afwegingskader).
				CREATE TABLE indicator_values (
					buurt_code TEXT NOT NULL REFERENCES buurten(code),
					indicator TEXT NOT NULL,
					year INTEGER NOT NULL,
					value REAL NOT NULL,
					source TEXT NOT NULL,
					imported_at INTEGER NOT NULL,
					PRIMARY KEY (buurt_code, indicator, year)
				);
			`);
		}
	},
	{
		version: 3,
		description: 'who created and who last changed each agenda entry, as the sync server saw it',
		up(db) {
			db.exec(`
				-- Written by the sync server from the connection (never from the doc), for "vergeet mij"
				-- and for the agenda page's "last changed by". entry_key is '<root>/<key>', e.g. 'cards/abc'.
				-- Writers are 'participant:<id>' or 'staff:<userId>'.
				CREATE TABLE entry_changes (
					doc_name TEXT NOT NULL,
					entry_key TEXT NOT NULL,
					created_by TEXT,
					changed_by TEXT NOT NULL,
					changed_at INTEGER NOT NULL,
					PRIMARY KEY (doc_name, entry_key)
				);
				CREATE INDEX entry_changes_creator ON entry_changes(created_by);
			`);
		}
	},
	{
		version: 4,
		description: 'fixed reference numbers of cards (K) and actions (A) per agenda',
		up(db) {
			db.exec(`
				-- Given once, in creation order, the first time an entry is seen; never reused or changed,
				-- so K012 and A03 mean the same thing in every export and on screen.
				CREATE TABLE reference_numbers (
					agenda_id TEXT NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
					kind TEXT NOT NULL CHECK (kind IN ('K', 'A')),
					entity_id TEXT NOT NULL,
					number INTEGER NOT NULL CHECK (number > 0),
					PRIMARY KEY (agenda_id, kind, entity_id),
					UNIQUE (agenda_id, kind, number)
				);
			`);
		}
	},
	{
		version: 5,
		description: 'after the workshop: action follow-up events, published agenda snapshots',
		up(db) {
			db.exec(`
				-- What happened to each agreed action: append-only, so the history stays; the state is their fold.
				CREATE TABLE action_follow_up (
					id INTEGER PRIMARY KEY AUTOINCREMENT,
					agenda_id TEXT NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
					action_id TEXT NOT NULL,
					kind TEXT NOT NULL CHECK (kind IN ('status', 'owner', 'note', 'evidence', 'spending')),
					payload TEXT NOT NULL,
					created_by TEXT NOT NULL REFERENCES users(id),
					created_at INTEGER NOT NULL
				);
				CREATE INDEX action_follow_up_action ON action_follow_up(agenda_id, action_id, id);
				-- What the public pages show: a snapshot of the agenda version staff chose to publish, built
				-- at "publiceren" without any participant's name, buurt or age. The newest per stadsdeel is shown.
				CREATE TABLE publications (
					id TEXT PRIMARY KEY,
					agenda_id TEXT NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
					stadsdeel_code TEXT NOT NULL REFERENCES stadsdelen(code),
					version_id TEXT NOT NULL,
					snapshot TEXT NOT NULL,
					published_by TEXT NOT NULL REFERENCES users(id),
					published_at INTEGER NOT NULL
				);
				CREATE INDEX publications_stadsdeel ON publications(stadsdeel_code, published_at);
			`);
		}
	},
	{
		version: 6,
		description: 'indicator values keep their measure and level (buurt, or the CBS wijk a buurt takes its figure from)',
		up(db) {
			// SQLite cannot change a primary key in place, so the table is rebuilt; existing rows are
			// plain-CSV values per buurt: level = buurt, measure as domain/budget/measures.ts plainMeasure.
			db.exec(`
				CREATE TABLE indicator_values_v5 (
					buurt_code TEXT NOT NULL REFERENCES buurten(code),
					indicator TEXT NOT NULL,
					measure TEXT NOT NULL,
					year INTEGER NOT NULL,
					value REAL NOT NULL,
					source TEXT NOT NULL,
					level TEXT NOT NULL DEFAULT 'buurt' CHECK (level IN ('buurt', 'wijk')),
					level_code TEXT NOT NULL,
					level_name TEXT NOT NULL,
					imported_at INTEGER NOT NULL,
					PRIMARY KEY (buurt_code, indicator, measure, year)
				);
				INSERT INTO indicator_values_v5 (buurt_code, indicator, measure, year, value, source, level, level_code, level_name, imported_at)
					SELECT v.buurt_code, v.indicator,
						CASE v.indicator WHEN 'eenzaamheid' THEN 'pct_eenzaam' WHEN 'gezondheid' THEN 'pct_goede_gezondheid'
							WHEN 'zelfregie' THEN 'pct_voldoende_regie' WHEN 'diversiteit' THEN 'pct_niet_westers' WHEN 'ses' THEN 'ses_woa'
							ELSE v.indicator END,
						v.year, v.value, v.source, 'buurt', v.buurt_code, COALESCE(b.name, v.buurt_code), v.imported_at
					FROM indicator_values v LEFT JOIN buurten b ON b.code = v.buurt_code;
				DROP TABLE indicator_values;
				ALTER TABLE indicator_values_v5 RENAME TO indicator_values;
			`);
		}
	},
	{
		version: 7,
		description: 'participants entered by a facilitator or table helper on someone\'s behalf (assisted entry)',
		up(db) {
			db.exec(`
				-- The staff member who entered this participant's cards for them ("namens iemand"); null: their own phone.
				ALTER TABLE participants ADD COLUMN assisted_by TEXT REFERENCES users(id) ON DELETE SET NULL;
			`);
		}
	},
	{
		version: 8,
		description: 'cards a facilitator marked as a shareable quote ("deelbaar citaat")',
		up(db) {
			db.exec(`
				-- Only the mark is stored, never the text: the quote is read from the card as it is now, so a
				-- card that is changed, hidden or forgotten is never quoted in an old form. Written by staff
				-- through the server (agenda.quotes); "vergeet mij" removes the marks of the cards it removes.
				CREATE TABLE shareable_quotes (
					agenda_id TEXT NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
					card_id TEXT NOT NULL,
					marked_by TEXT NOT NULL REFERENCES users(id),
					marked_at INTEGER NOT NULL,
					PRIMARY KEY (agenda_id, card_id)
				);
			`);
		}
	}
];

export function migrate(db: Database, migrations: Migration[] = MIGRATIONS): { from: number; to: number } {
	const from = db.pragma('user_version', { simple: true }) as number;
	let current = from;
	for (const migration of migrations) {
		if (migration.version <= current) continue;
		writeTransaction(db, () => {
			migration.up(db);
			db.pragma(`user_version = ${migration.version}`);
		});
		current = migration.version;
	}
	return { from, to: current };
}
