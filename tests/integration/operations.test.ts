/**
 * What an operator sees of the compiled server (`node build/node/index.js`, as `npm run serve` runs
 * it): /healthz, /metrics while a stock y-websocket client syncs, and a SIGTERM in the middle of its
 * writes. "Acknowledged" is the protocol's own: after sending updates the client sends a sync step 1
 * and waits for the server's step 2; the server handles a socket's messages in order and stores
 * every update before it answers, so whatever was sent before an answer must be on disk.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type WebSocket from 'ws';
import { describe, expect, test } from 'vitest';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { createWorkshop, join, type TestServer } from '../helpers/server.ts';
import { ADMIN, ADMIN_ENV, formPost, startServerWithOrigin } from '../helpers/staff.ts';
import { waitFor } from '../helpers/wait.ts';
import { addCard, cardsMap } from '../../src/lib/sync/agenda-schema.ts';
import { YDocStore } from '../../src/lib/server/ydoc-store.ts';

const { client, defer } = cleanedUpAfterEach();
const METRICS_TOKEN = 'test-metrics-token-0123456789';

async function startCompiled(): Promise<TestServer> {
	// The writer here writes as fast as it can until the stop: write budgets raised, this is about shutdown.
	const budgets = { SYNC_PARTICIPANT_BYTES_PER_MINUTE: String(1024 ** 3), SYNC_PARTICIPANT_BYTES_TOTAL: String(1024 ** 3), SYNC_MAX_MESSAGES_PER_SECOND_PER_PERSON: '100000', SYNC_MAX_MESSAGES_PER_SECOND: '100000' };
	const server = await startServerWithOrigin({ compiled: true, env: { ...ADMIN_ENV, METRICS_TOKEN, LOG_LEVEL: 'warn', ...budgets } });
	defer(() => server.kill());
	return server;
}

async function scrape(server: TestServer): Promise<Map<string, number>> {
	const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/plain');
	const samples = new Map<string, number>();
	for (const line of (await response.text()).split('\n')) {
		const match = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
		if (match) samples.set(match[1], Number(match[2]));
	}
	return samples;
}

/** Sends a sync step 1 on the provider's socket; true when the server's step 2 answer arrives, false when the socket closes first. */
function acknowledged(socket: WebSocket, doc: Y.Doc): Promise<boolean> {
	return new Promise((resolve) => {
		const done = (result: boolean) => {
			socket.removeEventListener('message', onMessage);
			socket.removeEventListener('close', onClose);
			resolve(result);
		};
		const onMessage = (event: WebSocket.MessageEvent) => {
			const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
			if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2) done(true);
		};
		const onClose = () => done(false);
		socket.addEventListener('message', onMessage);
		socket.addEventListener('close', onClose);
		if (socket.readyState !== socket.OPEN) return done(false);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, doc);
		socket.send(encoding.toUint8Array(encoder));
	});
}

describe('health', () => {
	test('200 when the database takes writes and sync accepts; 503 with a reason while another process holds the write lock', async () => {
		const server = await startCompiled();
		const ok = await fetch(`${server.url}/healthz`);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ status: 'ok' });

		const db = new Database(path.join(server.dataDir, 'wijktafel.sqlite'));
		defer(() => {
			db.close();
		});
		db.exec('BEGIN EXCLUSIVE');
		const locked = await fetch(`${server.url}/healthz`);
		expect(locked.status).toBe(503);
		const body = (await locked.json()) as { status: string; reason: string };
		expect(body.status).toBe('unavailable');
		expect(body.reason).toMatch(/^database is not writable: .*locked/);
		db.exec('ROLLBACK');
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});
});

describe('metrics', () => {
	test('refused without the token, and unguessable tokens only', async () => {
		const server = await startCompiled();
		expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
		expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer test-metrics-token-0123456788' } })).status).toBe(401);
		expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
	});
});

describe('the compiled server under a syncing client', () => {
	test('health and metrics while a client writes; SIGTERM during writes stores every acknowledged update, closes with 1012 and exits 0 within 10 s', async () => {
		const server = await startCompiled();
		expect(server.process.spawnargs.slice(1)).toEqual([path.resolve('build/node/index.js')]);
		const workshop = await createWorkshop(server.dataDir);
		// The name the cards carry must be the one joined with: the write policy checks it.
		const participant = await join(server, workshop.joinCode, { name: 'Tester' });
		const phone = client(server.wsUrl, participant.agendaDoc, participant.token);
		await phone.synced;
		const closeCodes: number[] = [];
		phone.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event) closeCodes.push(event.code);
		});

		// A failed login shows in the metrics.
		const failed = await formPost(server, '/login', { email: ADMIN.email, password: 'niet-het-wachtwoord-1' });
		expect(failed.status).toBe(400);

		const socket = phone.provider.ws as unknown as WebSocket;
		const sent: string[] = [];
		const stored: string[] = [];
		let writing = true;
		const writer = (async () => {
			while (writing) {
				for (let i = 0; i < 5; i++) {
					const result = addCard(phone.doc, {
						questionNumber: 1,
						text: `Kaart ${sent.length + 1}: een bankje in de schaduw.`,
						workshopId: workshop.workshopId,
						author: { id: participant.participantId, name: 'Tester', kind: 'participant' }
					});
					if (!result.ok) throw new Error(result.reason);
					sent.push(result.id);
				}
				const upTo = sent.length;
				if (!(await acknowledged(socket, phone.doc))) break;
				stored.splice(0, stored.length, ...sent.slice(0, upTo));
			}
		})();

		await waitFor(() => stored.length >= 50, { what: '50 acknowledged cards' });
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		const samples = await waitFor(
			async () => {
				const s = await scrape(server);
				return (s.get('wijktafel_sync_updates_per_second') ?? 0) > 0 && (s.get('wijktafel_wal_checkpoint_age_seconds') ?? -1) >= 0 ? s : null;
			},
			{ what: 'a non-zero update rate and a first checkpoint in /metrics' }
		);
		expect(samples.get('wijktafel_sync_connections')).toBe(1);
		expect(samples.get('wijktafel_sync_rooms')).toBeGreaterThanOrEqual(1);
		expect(samples.get('wijktafel_sync_updates_total')).toBeGreaterThanOrEqual(stored.length);
		expect(samples.get('wijktafel_sync_update_bytes_total')).toBeGreaterThan(stored.length * 50);
		expect(samples.get('wijktafel_database_bytes{file="database"}')).toBeGreaterThan(0);
		expect(samples.get('wijktafel_wal_checkpoint_lag_frames')).toBeGreaterThanOrEqual(0);
		expect(samples.get('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
		expect(samples.get('wijktafel_login_failures_total{reason="invalid-credentials"}')).toBe(1);

		// SIGTERM while the writer keeps going.
		const ackedBefore = stored.length;
		await waitFor(() => stored.length >= ackedBefore + 20, { what: 'more acknowledged cards' });
		const exited = new Promise<{ code: number | null; afterMs: number }>((resolve) => {
			const started = Date.now();
			server.process.once('exit', (code) => resolve({ code, afterMs: Date.now() - started }));
		});
		server.process.kill('SIGTERM');
		const { code, afterMs } = await exited;
		writing = false;
		await writer;
		phone.destroy();

		expect(code).toBe(0);
		expect(afterMs).toBeLessThan(10_000);
		expect(closeCodes[0]).toBe(1012);
		expect(sent.length).toBeGreaterThan(stored.length); // writes went on after the last acknowledgement
		const db = new Database(path.join(server.dataDir, 'wijktafel.sqlite'), { readonly: true });
		defer(() => {
			db.close();
		});
		const { doc } = new YDocStore(db).loadYDoc(participant.agendaDoc);
		const onDisk = new Set(cardsMap(doc).keys());
		const missing = stored.filter((id) => !onDisk.has(id));
		expect(missing, `${missing.length} of ${stored.length} acknowledged cards missing`).toEqual([]);
		// Shutdown compacted the room: one snapshot, no update rows left.
		expect((db.prepare('SELECT count(*) AS n FROM ydoc_updates WHERE doc_name = ?').get(participant.agendaDoc) as { n: number }).n).toBe(0);
	});
});
