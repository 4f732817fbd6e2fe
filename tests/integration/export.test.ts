/**
 * The export from the outside: the CLI command against a data directory, and the HTTP endpoint on a
 * real server (needs a build). Cards are written into the stored agenda doc by this test process,
 * as the sync server would have stored them.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkshop, join, makeDataDir, runCli, startTestServer, type TestServer } from '../helpers/server.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { YDocStore } from '../../src/lib/server/ydoc-store.ts';
import { insertUser } from '../../src/lib/server/repositories/users.ts';
import { createUserSession } from '../../src/lib/server/auth/sessions.ts';
import { PARTICIPANT_COOKIE, STAFF_COOKIE } from '../../src/lib/server/auth/cookies.ts';
import { docName } from '../../src/lib/sync/doc-names.ts';
import { addCard } from '../../src/lib/sync/agenda-schema.ts';
import { addAction } from '../../src/lib/sync/actions-schema.ts';
import { hideCard } from '../../src/lib/sync/workshop-schema.ts';
import { unzip } from '../helpers/zip.ts';
import { spawn } from 'node:child_process';
import { ROOT } from '../helpers/server.ts';
import { buildAgendaExport } from '../../src/lib/server/export/agenda-export-model.ts';
import { buildExportFixture } from '../unit/server/export/fixture.ts';

const CARD_TEXT = 'Meer bankjes langs de Maas in Heugem';
const HIDDEN_TEXT = 'Deze kaart is verborgen';

/** Writes a visible card, a hidden card and an action into the stored docs, then closes the database. */
function seedDocs(dataDir: string, agendaId: string, workshopId: string): void {
	const db = openDatabase(dataDir);
	try {
		const store = new YDocStore(db);
		const agenda = new Y.Doc();
		const author = { id: 'participant00001', name: 'Anna Geheim', kind: 'participant' as const };
		addCard(agenda, { questionNumber: 2, text: CARD_TEXT, themes: ['fysieke-leefomgeving'], workshopId, author }, 1000, 'cardvisible00001');
		addCard(agenda, { questionNumber: 2, text: HIDDEN_TEXT, workshopId, author }, 1001, 'cardhidden000001');
		addAction(agenda, { title: 'Bankjes plaatsen', themeId: 'fysieke-leefomgeving', list: 'extra', quarter: 'Q2 2026', cardIds: ['cardvisible00001'], createdBy: 'staff' }, 2000);
		store.append(docName('agenda', agendaId), Y.encodeStateAsUpdate(agenda));
		const workshop = new Y.Doc();
		hideCard(workshop, 'cardhidden000001');
		store.append(docName('workshop', workshopId), Y.encodeStateAsUpdate(workshop));
	} finally {
		db.close();
	}
}

describe('CLI agenda:export', () => {
	let dataDir: string;
	let agendaId: string;
	beforeAll(async () => {
		dataDir = makeDataDir();
		const links = await createWorkshop(dataDir);
		agendaId = links.agendaId;
		seedDocs(dataDir, agendaId, links.workshopId);
	});
	afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

	test('writes a DOCX with the card and without the hidden card', async () => {
		const out = path.join(dataDir, 'agenda.docx');
		const result = await runCli(['agenda:export', '--agenda', agendaId, '--format', 'docx', '--out', out], { DATA_DIR: dataDir });
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ file: out, format: 'docx', lang: 'nl', actions: 1, cards: 1 });
		const xml = unzip(fs.readFileSync(out)).get('word/document.xml')!.toString();
		expect(xml).toContain(CARD_TEXT);
		expect(xml).toContain('Bankjes plaatsen');
		expect(xml).not.toContain(HIDDEN_TEXT);
		expect(xml).not.toContain('Anna Geheim');
	});

	test('JSON in English, and the cards CSV', async () => {
		const json = path.join(dataDir, 'agenda.json');
		expect((await runCli(['agenda:export', '--agenda', agendaId, '--format', 'json', '--lang', 'en', '--out', json], { DATA_DIR: dataDir })).code).toBe(0);
		const document = JSON.parse(fs.readFileSync(json, 'utf8'));
		expect(document).toMatchObject({ schemaVersion: 3, locale: 'en', language: 'en-GB' });
		expect(document.$schema).toMatch(/\/schemas\/agenda-export\.v3\.json$/);
		const csv = path.join(dataDir, 'cards.csv');
		expect((await runCli(['agenda:export', '--agenda', agendaId, '--format', 'csv', '--what', 'cards', '--out', csv], { DATA_DIR: dataDir })).code).toBe(0);
		const text = fs.readFileSync(csv, 'utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text).toContain(CARD_TEXT);
	});

	test('bad options and an unknown agenda fail with a message and the usage', async () => {
		const bad = await runCli(['agenda:export', '--agenda', agendaId, '--format', 'odt', '--out', path.join(dataDir, 'x')], { DATA_DIR: dataDir });
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/format must be one of docx, pdf, md, csv, json, xlsx/);
		expect(bad.stderr).toMatch(/usage: npm run cli -- agenda:export/);
		const unknown = await runCli(['agenda:export', '--agenda', 'nosuchagenda0000', '--format', 'md', '--out', path.join(dataDir, 'x.md')], { DATA_DIR: dataDir });
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(/no agenda with id nosuchagenda0000/);
		const missing = await runCli(['agenda:export', '--agenda', agendaId, '--format', 'md'], { DATA_DIR: dataDir });
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/--out is required/);
		const noVersion = await runCli(['agenda:export', '--agenda', agendaId, '--format', 'md', '--version', 'nosuchversion', '--out', path.join(dataDir, 'x.md')], { DATA_DIR: dataDir });
		expect(noVersion.code).toBe(1);
		expect(noVersion.stderr).toMatch(/has no version with id nosuchversion/);
	});

	test('agenda:list prints every agenda with id, stadsdeel, period and last change as JSON', async () => {
		const result = await runCli(['agenda:list'], { DATA_DIR: dataDir });
		expect(result.code).toBe(0);
		const agendas = JSON.parse(result.stdout);
		expect(agendas).toHaveLength(1);
		expect(agendas[0]).toMatchObject({ id: agendaId, stadsdeel: { code: 'zuid', name: 'Zuid' }, workshops: 1 });
		expect(typeof agendas[0].period).toBe('string');
		// The seeded docs were stored after the agenda was made: the last change is theirs.
		expect(Date.parse(agendas[0].lastChangeAt)).toBeGreaterThanOrEqual(Date.parse(agendas[0].createdAt));
	});

	test('an XLSX is written too', async () => {
		const out = path.join(dataDir, 'agenda.xlsx');
		const result = await runCli(['agenda:export', '--agenda', agendaId, '--format', 'xlsx', '--out', out], { DATA_DIR: dataDir });
		expect(result.code).toBe(0);
		expect(unzip(fs.readFileSync(out)).has('xl/workbook.xml')).toBe(true);
	});
});

describe('the compiled export worker', () => {
	test('writes a PDF in a plain node process, with no TypeScript loader (production has no tsx)', { timeout: 120_000 }, async () => {
		const worker = path.join(ROOT, 'build/node/export-write-worker.js');
		expect(fs.existsSync(worker), 'run npm run build first').toBe(true);
		const fixture = buildExportFixture();
		try {
			const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
			const script = [
				"import { Worker } from 'node:worker_threads';",
				"import fs from 'node:fs';",
				"const model = JSON.parse(fs.readFileSync(0, 'utf8'));",
				`const worker = new Worker(${JSON.stringify(worker)}, { execArgv: [] });`,
				"worker.on('message', (reply) => { process.stdout.write(JSON.stringify({ error: reply.error ?? null, head: reply.bytes ? Buffer.from(reply.bytes.subarray(0, 5)).toString() : null, size: reply.bytes?.byteLength ?? 0 })); process.exit(0); });",
				"worker.postMessage({ id: 1, model, format: 'pdf', options: {} });"
			].join('\n');
			const env = { ...process.env };
			delete env.NODE_OPTIONS;
			const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
				const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
				let stdout = '';
				let stderr = '';
				child.stdout.on('data', (chunk) => (stdout += chunk));
				child.stderr.on('data', (chunk) => (stderr += chunk));
				child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
				child.stdin.end(JSON.stringify(model));
			});
			expect(result.stderr).toBe('');
			expect(JSON.parse(result.stdout)).toMatchObject({ error: null, head: '%PDF-' });
			expect(JSON.parse(result.stdout).size).toBeGreaterThan(10_000);
		} finally {
			fixture.close();
		}
	});
});

describe('GET /agenda/[agendaId]/export', () => {
	let server: TestServer;
	let agendaId: string;
	let joinCode: string;
	let staffToken: string;
	beforeAll(async () => {
		const dataDir = makeDataDir();
		const links = await createWorkshop(dataDir);
		agendaId = links.agendaId;
		joinCode = links.joinCode;
		seedDocs(dataDir, agendaId, links.workshopId);
		const db = openDatabase(dataDir);
		try {
			const user = insertUser(db, { email: 'ambtenaar@example.org', passwordHash: 'not-used-here', role: 'official' });
			staffToken = createUserSession(db, user.id).token;
		} finally {
			db.close();
		}
		server = await startTestServer({ dataDir });
	});
	afterAll(async () => {
		await server?.stop();
		if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
	});

	const exportUrl = (query: string) => `${server.url}/agenda/${agendaId}/export?${query}`;

	test('401 JSON without a login', async () => {
		const response = await fetch(exportUrl('format=docx'));
		expect(response.status).toBe(401);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await response.json()).toMatchObject({ reason: 'unauthenticated' });
	});

	test('403 for a participant', async () => {
		const { token } = await join(server, joinCode);
		const response = await fetch(exportUrl('format=docx'), { headers: { cookie: `${PARTICIPANT_COOKIE}=${token}` } });
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ reason: 'forbidden' });
	});

	test('staff get the file with its type and name (XLSX too); a bad format or version is 400, an unknown agenda or version 404', { timeout: 180_000 }, async () => {
		const cookie = { cookie: `${STAFF_COOKIE}=${staffToken}` };
		const docx = await fetch(exportUrl('format=docx'), { headers: cookie });
		expect(docx.status).toBe(200);
		expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="sociale-agenda-zuid-\d{4}\.docx"$/);
		const xml = unzip(new Uint8Array(await docx.arrayBuffer())).get('word/document.xml')!.toString();
		expect(xml).toContain(CARD_TEXT);

		const csv = await fetch(exportUrl('format=csv&lang=en'), { headers: cookie });
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toMatch(/-en\.csv"$/);
		expect(await csv.text()).toContain('Bankjes plaatsen');

		const xlsx = await fetch(exportUrl('format=xlsx'), { headers: cookie });
		expect(xlsx.status).toBe(200);
		expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(unzip(Buffer.from(await xlsx.arrayBuffer())).has('xl/workbook.xml')).toBe(true);

		const bad = await fetch(exportUrl('format=odt'), { headers: cookie });
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ reason: 'bad-format' });

		const noVersion = await fetch(exportUrl('format=md&version=nosuchversion'), { headers: cookie });
		expect(noVersion.status).toBe(404);
		expect(await noVersion.json()).toMatchObject({ reason: 'no-version' });
		const badVersion = await fetch(exportUrl('format=md&version=..%2Fx'), { headers: cookie });
		expect(badVersion.status).toBe(400);
		expect(await badVersion.json()).toMatchObject({ reason: 'bad-version' });

		const unknown = await fetch(`${server.url}/agenda/nosuchagenda0000/export?format=md`, { headers: cookie });
		expect(unknown.status).toBe(404);

		// The DOCX and XLSX were written on the export worker: no warning that it fell back to the main thread.
		const pdf = await fetch(exportUrl('format=pdf'), { headers: cookie });
		expect(pdf.status).toBe(200);
		expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
		expect(server.output()).not.toMatch(/export worker/);
	});

	test('the JSON schema is published, and the one before it stays for documents made earlier', async () => {
		for (const version of [1, 2, 3]) {
			const response = await fetch(`${server.url}/schemas/agenda-export.v${version}.json`);
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', properties: { schemaVersion: { const: version } } });
		}
	});
});
