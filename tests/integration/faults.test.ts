/**
 * What happens when things go wrong: a killed server, a stampede of reconnects, a client that stops
 * reading, a data directory that cannot be written, a full database, and restoring a backup live.
 */
import { describe, expect, test } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { cardTexts, writeCard, type TestClient } from '../helpers/yclient.ts';
import { cardsMap, ensureSynthesis } from '../../src/lib/sync/agenda-schema.ts';
import { createWorkshop, join, makeDataDir, runCli, staffToken, startTestServer } from '../helpers/server.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { waitFor } from '../helpers/wait.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { YDocStore } from '../../src/lib/server/ydoc-store.ts';
import { createLogger } from '../../src/lib/server/log.ts';
import { SyncServer } from '../../server/sync/sync-server.ts';
import { CLOSE } from '../../server/sync/protocol.ts';

const { server, client, defer } = cleanedUpAfterEach();

describe('faults', () => {
	test('kill -9 under load: nothing any client had received is lost', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		// Eight people writing fast, each as themselves (the write policy accepts nothing else).
		const people = await Promise.all(Array.from({ length: 8 }, (_, i) => join(s, workshop.joinCode, { name: `Schrijver ${i}` })));
		const writers = people.map((p) => client(s.wsUrl, p.agendaDoc, p.token));
		const observer = client(s.wsUrl, people[0].agendaDoc, people[0].token);
		await Promise.all([...writers, observer].map((c) => c.synced));

		let sent = 0;
		const pump = setInterval(() => {
			for (const [i, w] of writers.entries()) {
				writeCard(w.doc, { id: people[i].participantId, name: `Schrijver ${i}`, kind: 'participant', workshopId: workshop.workshopId }, `w${i}-${sent}`);
			}
			sent++;
		}, 5);
		await waitFor(() => cardTexts(observer.doc).length >= 400, { what: 'load on the server' });
		await s.kill();
		clearInterval(pump);
		const received = new Set(cardTexts(observer.doc));

		const restarted = await server({ dataDir: s.dataDir });
		const fresh = client(restarted.wsUrl, people[0].agendaDoc, people[0].token);
		await fresh.synced;
		const stored = new Set(cardTexts(fresh.doc));
		const lost = [...received].filter((text) => !stored.has(text));
		expect(received.size).toBeGreaterThanOrEqual(400);
		expect(lost).toEqual([]);
	});

	test('500 clients reconnecting at once all converge', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		// 50 people with ten devices each: the message rate is counted per person, across their sockets.
		const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => join(s, workshop.joinCode, { name: `Deelnemer ${i}` })));
		const crowd = Array.from({ length: 500 }, (_, i) => client(s.wsUrl, tokens[i % 50].agendaDoc, tokens[i % 50].token));
		await Promise.all(crowd.map((c) => c.synced));

		await s.kill();
		// While the server is down everyone keeps writing locally (as phones do on bad Wi-Fi).
		for (const [i, c] of crowd.entries()) {
			writeCard(c.doc, { id: tokens[i % 50].participantId, name: `Deelnemer ${i % 50}`, kind: 'participant', workshopId: workshop.workshopId }, `client-${i}`);
		}
		await server({ dataDir: s.dataDir, port: s.port });

		await waitFor(() => crowd.every((c) => cardsMap(c.doc).size === 500), {
			timeoutMs: 45_000,
			intervalMs: 200,
			what: '500 clients converged'
		});
		const entries = (c: TestClient) => JSON.stringify(cardTexts(c.doc));
		const reference = entries(crowd[0]);
		expect(crowd.every((c) => entries(c) === reference)).toBe(true);
	}, 90_000);

	test('a client that stops reading is disconnected once its send buffer is full and it read nothing for a while; memory stays bounded', async () => {
		// Write budgets raised: this test is about the send buffer, not about what one writer may send.
		const s = await server({
			env: {
				SYNC_MAX_BUFFERED_BYTES: String(256 * 1024),
				SYNC_SLOW_CLIENT_STALL_MS: '1000',
				SYNC_MAX_UPDATE_BYTES: String(1024 * 1024),
				SYNC_PARTICIPANT_BYTES_PER_MINUTE: String(1024 ** 3),
				SYNC_PARTICIPANT_BYTES_TOTAL: String(1024 ** 3),
				SYNC_MAX_DOC_BYTES: String(1024 ** 3),
				SYNC_MAX_MESSAGES_PER_SECOND_PER_PERSON: '10000'
			}
		});
		const workshop = await createWorkshop(s.dataDir);
		const p = await join(s, workshop.joinCode);
		const stalled = new WebSocket(`${s.wsUrl}/${p.agendaDoc}?token=${p.token}`);
		await new Promise((resolve) => stalled.once('open', resolve));
		// Stop reading from the socket: the kernel buffers fill, then the server's send buffer.
		(stalled as unknown as { _socket: import('node:net').Socket })._socket.pause();
		let closed = false;
		stalled.on('close', () => (closed = true));

		// A staff member pastes long texts into the synthesis, again and again (the largest honest writes).
		const writer = client(s.wsUrl, p.agendaDoc, await staffToken(s.dataDir));
		await writer.synced;
		const chunk = 'Een lange samenvatting van de avond. '.repeat(500).slice(0, 18_000);
		let rounds = 0;
		await waitFor(
			() => {
				if (/slow client disconnected/.test(s.output())) return true;
				if (rounds++ < 400) {
					// All eight syntheses at once: ~150 KB an update, so the kernel's socket buffers fill soon.
					writer.doc.transact(() => {
						for (const question of [1, 2, 3, 4, 5, 6, 7, 8] as const) {
							const text = ensureSynthesis(writer.doc, question);
							text.delete(0, text.length);
							text.insert(0, chunk);
						}
					});
				}
				return false;
			},
			{ timeoutMs: 30_000, intervalMs: 25, what: 'the slow client to be cut off' }
		);
		(stalled as unknown as { _socket: import('node:net').Socket })._socket.resume();
		await waitFor(() => closed, { what: 'the stalled socket to see its close' });
		expect(s.process.exitCode).toBeNull();
	}, 90_000);

	test('a data directory that cannot be written stops the start with a clear message', async () => {
		const notADirectory = path.join(makeDataDir(), 'a-file');
		fs.writeFileSync(notADirectory, 'not a directory');
		await expect(startTestServer({ dataDir: path.join(notADirectory, 'data') })).rejects.toThrow(/DATA_DIR .* is not writable/);
	});

	test('a full database refuses the update with a logged error, closes the room, and stays sound', async () => {
		const dataDir = makeDataDir();
		const db = openDatabase(dataDir);
		const lines: string[] = [];
		const store = new YDocStore(db);
		const sync = new SyncServer({
			store,
			logger: createLogger('info', (line) => lines.push(line)),
			authorize: () => ({
				ok: true,
				access: 'write',
				who: 'test',
				writer: { kind: 'staff', id: 'test', role: 'admin' },
				recheck: () => ({ ok: false, close: CLOSE.UNAUTHENTICATED })
			}),
			// This test is about the disk, not about who may write what.
			writePolicy: null,
			maxFrameBytes: 1024 * 1024,
			maxMessagesPerSecond: 1000,
			maxBufferedBytes: 8 * 1024 * 1024,
			compactAfterUpdates: 100_000
		});
		const httpServer = http.createServer();
		httpServer.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
		defer(async () => {
			sync.close();
			await new Promise((resolve) => httpServer.close(resolve));
			db.close();
		});
		const url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/sync`;

		const writer = client(url, 'agenda-fullfullfull');
		await writer.synced;
		writer.doc.getArray('cards').push(['before the disk filled up']);
		await waitFor(() => store.loadYDoc('agenda-fullfullfull').doc.getArray('cards').length === 1, { what: 'first card stored' });

		// Cap the database at its current size: the next writes fail with SQLITE_FULL, as on a full disk.
		const pages = db.pragma('page_count', { simple: true }) as number;
		db.pragma(`max_page_count = ${pages}`);
		let disconnected = false;
		writer.provider.on('connection-close', () => (disconnected = true));
		await waitFor(
			() => {
				writer.doc.getArray('cards').push(['y'.repeat(20_000)]);
				return disconnected;
			},
			{ intervalMs: 50, what: 'the room to be closed on a full disk' }
		);
		writer.provider.disconnect();
		expect(lines.some((l) => /could not store update/.test(l))).toBe(true);
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		expect(store.loadYDoc('agenda-fullfullfull').doc.getArray('cards').get(0)).toBe('before the disk filled up');
	});

	test('backup and restore round-trip while the server runs', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		const p = await join(s, workshop.joinCode, { name: 'Pim' });
		const a = client(s.wsUrl, p.agendaDoc, p.token);
		await a.synced;
		writeCard(a.doc, { id: p.participantId, name: 'Pim', kind: 'participant', workshopId: workshop.workshopId }, 'in de backup');
		await waitFor(() => fs.existsSync(path.join(s.dataDir, 'wijktafel.sqlite')));
		const b = client(s.wsUrl, p.agendaDoc, p.token);
		await waitFor(() => cardTexts(b.doc).length === 1, { what: 'card stored and fanned out' });
		b.destroy();

		const backupFile = path.join(makeDataDir('wijktafel-backup-'), 'backup.sqlite');
		const backup = await runCli(['backup', '--out', backupFile], { DATA_DIR: s.dataDir });
		expect(backup.code, backup.stderr).toBe(0);
		expect(JSON.parse(backup.stdout).bytes).toBeGreaterThan(0);

		// After the backup: a second workshop, which the restore must take away again.
		const later = await createWorkshop(s.dataDir, 'Noord', 'na de backup');
		a.destroy();

		const restore = await runCli(['restore', '--from', backupFile], { DATA_DIR: s.dataDir });
		expect(restore.code, restore.stderr).toBe(0);
		expect(JSON.parse(restore.stdout).runningServerPaused).toBe(true);

		const response = await fetch(`${s.url}/api/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code: later.joinCode, role: 'resident' })
		});
		expect(response.status).toBe(404);
		const c = client(s.wsUrl, p.agendaDoc, p.token);
		await c.synced;
		expect(cardTexts(c.doc)).toEqual(['in de backup']);

		const broken = path.join(makeDataDir(), 'not-a-backup.sqlite');
		fs.writeFileSync(broken, 'hello');
		const refused = await runCli(['restore', '--from', broken], { DATA_DIR: s.dataDir });
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toMatch(/not a readable SQLite database|not a Wijktafel backup/);
		// The live database is untouched by a refused restore.
		const db = new Database(path.join(s.dataDir, 'wijktafel.sqlite'), { readonly: true });
		expect((db.prepare('SELECT count(*) AS n FROM workshops').get() as { n: number }).n).toBe(1);
		db.close();
	});
});

