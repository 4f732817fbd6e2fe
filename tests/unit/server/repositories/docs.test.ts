import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../../../src/lib/server/db.ts';
import { seedAreasIfEmpty } from '../../../../src/lib/server/repositories/areas.ts';
import { insertAgenda, insertWorkshop } from '../../../../src/lib/server/repositories/workshops.ts';
import { docOwnerExists } from '../../../../src/lib/server/repositories/docs.ts';
import { prepared } from '../../../../src/lib/server/repositories/prepared.ts';

let dataDir: string;
let db: Db;

beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-docs-repo-'));
	db = openDatabase(dataDir);
	seedAreasIfEmpty(db);
});

afterAll(() => {
	db.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('docOwnerExists', () => {
	test('agenda and record docs look in agendas, workshop and tally docs in workshops; unknown ids are absent', () => {
		const stadsdeelCode = (db.prepare('SELECT code FROM stadsdelen LIMIT 1').get() as { code: string }).code;
		const agenda = insertAgenda(db, { stadsdeelCode, title: 'Agenda', period: '2026' });
		const { workshop } = insertWorkshop(db, { agendaId: agenda.id, title: 'Avond' });
		expect(docOwnerExists(db, { kind: 'agenda', id: agenda.id })).toBe(true);
		expect(docOwnerExists(db, { kind: 'record', id: agenda.id })).toBe(true);
		expect(docOwnerExists(db, { kind: 'workshop', id: workshop.id })).toBe(true);
		expect(docOwnerExists(db, { kind: 'tally', id: workshop.id })).toBe(true);
		// An agenda id is not a workshop, and the other way round.
		expect(docOwnerExists(db, { kind: 'workshop', id: agenda.id })).toBe(false);
		expect(docOwnerExists(db, { kind: 'agenda', id: workshop.id })).toBe(false);
		expect(docOwnerExists(db, { kind: 'agenda', id: "x' OR '1'='1" })).toBe(false);
	});

	test('each statement is prepared once per connection', () => {
		const sql = 'SELECT 1 AS one FROM agendas WHERE id = ?';
		expect(prepared(db, sql)).toBe(prepared(db, sql));
		const other = openDatabase(dataDir);
		try {
			expect(prepared(other, sql)).not.toBe(prepared(db, sql));
		} finally {
			other.close();
		}
	});
});
