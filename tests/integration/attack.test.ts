/**
 * Done-when of issue #12: one attacker at full budget beside 50 honest stock y-websocket clients in
 * the same room for 60 s. Honest fan-out p99 stays under 100 ms, the database grows by no more than
 * the budgets allow, and the server's memory is within 50 MB of its level before the attack 30 s
 * after the attacker leaves. One long test; the attacker does what the budgets let one token do:
 * big (but valid) card batches as fast as the server takes them, a fresh client whenever it is
 * refused for good, and a presence flood on a second socket.
 */
import fs from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { createWorkshop, join, startTestServer, type TestServer } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { waitFor } from '../helpers/wait.ts';
import { loadConfig } from '../../src/lib/server/config.ts';
import { addCard, cardsMap } from '../../src/lib/sync/agenda-schema.ts';

const config = loadConfig({});
let server: TestServer;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];
afterAll(async () => {
	for (const c of clients) c.destroy();
	for (const s of sockets) s.terminate();
	await server?.stop();
});

function rssBytes(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match![1]) * 1024;
}

/** What the database holds for docs: snapshots and the update log, read beside the running server. */
function storedDocBytes(dataDir: string): number {
	const db = new Database(`${dataDir}/wijktafel.sqlite`, { readonly: true, fileMustExist: true });
	try {
		const snapshots = db.prepare('SELECT coalesce(sum(length(state)), 0) AS n FROM ydoc_snapshots').get() as { n: number };
		const updates = db.prepare('SELECT coalesce(sum(length(data)), 0) AS n FROM ydoc_updates').get() as { n: number };
		return snapshots.n + updates.n;
	} finally {
		db.close();
	}
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function presenceFlood(ids: number, start: number): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, ids);
	for (let i = 0; i < ids; i++) {
		encoding.writeVarUint(inner, start + i);
		encoding.writeVarUint(inner, 1);
		encoding.writeVarString(inner, JSON.stringify({ user: { kind: 'participant', name: 'nep'.padEnd(900, '!') } }));
	}
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

test('one attacker at full budget beside 50 honest clients for 60 s: p99 fan-out < 100 ms, bounded growth, memory back within 50 MB', async () => {
	server = await startTestServer();
	const workshop = await createWorkshop(server.dataDir);
	const honestJoins = [];
	for (let i = 0; i < 50; i++) honestJoins.push(await join(server, workshop.joinCode, { name: `Buur ${i}` }));
	const attackerJoin = await join(server, workshop.joinCode, { name: 'Aanvaller' });
	const agendaDoc = attackerJoin.agendaDoc;

	// 50 honest phones; each records when every "lat-" card arrives.
	const sentAt = new Map<string, number>();
	const latencies: number[] = [];
	let measuring = false;
	const honest = honestJoins.map((me) => {
		const client = connectClient(server.wsUrl, agendaDoc, me.token);
		clients.push(client);
		cardsMap(client.doc).observe((event) => {
			if (event.transaction.local) return;
			const now = performance.now();
			for (const key of event.keysChanged) {
				const sent = sentAt.get(key);
				if (sent !== undefined && measuring) latencies.push(now - sent);
			}
		});
		return { me, client };
	});
	await Promise.all(honest.map((h) => h.client.synced));

	let sequence = 0;
	let honestBytes = 0;
	const honestCard = () => {
		const { me, client } = honest[sequence % honest.length];
		const id = `lat${String(sequence++).padStart(13, '0')}`;
		const before = Y.encodeStateVector(client.doc);
		sentAt.set(id, performance.now());
		addCard(client.doc, { questionNumber: 1, text: `Een bankje bij de bushalte (${sequence})`, workshopId: workshop.workshopId, author: { id: me.participantId, name: 'Buur', kind: 'participant' } }, Date.now(), id);
		honestBytes += Y.encodeStateAsUpdate(client.doc, before).byteLength;
	};
	// Warm up, then the baseline: stored bytes and the server's memory before the attack.
	for (let i = 0; i < 10; i++) {
		honestCard();
		await waitFor(() => honest.every((h) => cardsMap(h.client.doc).size === sequence), { what: 'warm-up cards everywhere' });
	}
	const storedBefore = storedDocBytes(server.dataDir);
	const rssBefore = rssBytes(server.process.pid!);

	// The attack.
	let attackerRunning = true;
	let attacker: TestClient | null = null;
	let attackerClients = 0;
	let attackerRound = 0;
	const attackerCodes: number[] = [];
	const newAttacker = () => {
		attacker?.destroy();
		attacker = connectClient(server.wsUrl, agendaDoc, attackerJoin.token);
		attackerClients++;
		attacker.provider.on('connection-close', (event: CloseEvent | null) => event && attackerCodes.push(event.code));
		void attacker.closed.then(() => attackerRunning && setTimeout(newAttacker, 50));
	};
	newAttacker();
	const writing = setInterval(() => {
		if (!attacker?.provider.wsconnected) return;
		attacker.doc.transact(() => {
			for (let i = 0; i < 50; i++) {
				addCard(attacker!.doc, {
					questionNumber: 1,
					text: `${attackerRound}-${i} `.padEnd(280, 'spam spam spam '),
					workshopId: workshop.workshopId,
					author: { id: attackerJoin.participantId, name: 'Aanvaller', kind: 'participant' }
				});
			}
		});
		attackerRound++;
	}, 100);
	const flooder = new WebSocket(`${server.wsUrl}/${attackerJoin.workshopDoc}?token=${attackerJoin.token}`);
	sockets.push(flooder);
	let floodId = 10_000_000;
	const flooding = setInterval(() => {
		if (flooder.readyState === flooder.OPEN) {
			flooder.send(presenceFlood(50, floodId));
			floodId += 50;
		}
	}, 50);

	measuring = true;
	const attackStarted = Date.now();
	const honestWriting = setInterval(honestCard, 250);
	await waitFor(() => Date.now() - attackStarted >= 60_000, { timeoutMs: 70_000, intervalMs: 500, what: 'the 60 s attack' });
	clearInterval(honestWriting);
	attackerRunning = false;
	clearInterval(writing);
	clearInterval(flooding);
	(attacker as TestClient | null)?.destroy();
	flooder.terminate();
	await waitFor(() => honest.every((h) => cardsMap(h.client.doc).size >= sequence), { timeoutMs: 20_000, what: 'every honest card everywhere' });
	measuring = false;
	const attackerLeft = Date.now();

	// Fan-out: every honest card reached the 49 other phones, fast.
	expect(latencies.length).toBeGreaterThanOrEqual((sequence - 10) * 49 * 0.99);
	const p99 = percentile(latencies, 99);
	console.log(JSON.stringify({ samples: latencies.length, p50: percentile(latencies, 50).toFixed(1), p99: p99.toFixed(1), attackerClients, attackerRound, codes: [...new Set(attackerCodes)] }));
	expect(p99).toBeLessThan(100);

	// The attacker was refused, and stored no more than one participant's budget.
	expect(attackerCodes.some((code) => code === 4530 || code === 4429 || code === 4413)).toBe(true);
	const attackerCards = [...cardsMap(honest[0].client.doc).values()].filter((card) => card.get('authorId') === attackerJoin.participantId).length;
	expect(attackerCards).toBeGreaterThan(0);
	await waitFor(() => storedDocBytes(server.dataDir) > storedBefore, { what: 'writes on disk' });
	const growth = storedDocBytes(server.dataDir) - storedBefore;
	console.log(JSON.stringify({ growth, honestBytes, attackerCards }));
	expect(growth).toBeLessThanOrEqual(config.participantBytesTotal + honestBytes * 2 + 64 * 1024);

	// Memory: 30 s after the attacker left, within 50 MB of before.
	await waitFor(() => Date.now() - attackerLeft >= 30_000, { timeoutMs: 40_000, intervalMs: 500, what: '30 s after the attack' });
	const rssAfter = rssBytes(server.process.pid!);
	console.log(JSON.stringify({ rssBeforeMB: (rssBefore / 2 ** 20).toFixed(1), rssAfterMB: (rssAfter / 2 ** 20).toFixed(1) }));
	expect(rssAfter - rssBefore).toBeLessThan(50 * 1024 * 1024);
}, 240_000);
