/**
 * Write budgets over real sockets with stock y-websocket clients: huge cards, a participant writing
 * fast, a participant writing a lot, and five sockets on one token. Measured on the data directory.
 */
import { afterAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { createWorkshop, join, startTestServer, type TestServer } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { waitFor } from '../helpers/wait.ts';
import { settledDataDirBytes, storedDocBytes } from '../helpers/storage.ts';
import { addCard, cardsMap } from '../../src/lib/sync/agenda-schema.ts';

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterAll(async () => {
	for (const c of clients) c.destroy();
	await Promise.all(servers.map((s) => s.stop()));
});

async function setup(env: Record<string, string> = {}) {
	const server = await startTestServer({ env });
	servers.push(server);
	const workshop = await createWorkshop(server.dataDir);
	return { server, workshop };
}

function client(server: TestServer, docName: string, token: string): TestClient & { closes: number[] } {
	const c = connectClient(server.wsUrl, docName, token) as TestClient & { closes: number[] };
	c.closes = [];
	c.provider.on('connection-close', (event: CloseEvent | null) => event && c.closes.push(event.code));
	clients.push(c);
	return c;
}

/** 50 honest-looking cards of 280 characters in one transaction: about 31 KB. */
function fiftyCards(doc: Y.Doc, me: { participantId: string }, workshopId: string, round: number): void {
	doc.transact(() => {
		for (let i = 0; i < 50; i++) {
			const added = addCard(doc, {
				questionNumber: 1,
				text: `${round}-${i} `.padEnd(280, 'woorden over de buurt '),
				workshopId,
				author: { id: me.participantId, name: 'Tester', kind: 'participant' }
			});
			if (!added.ok) throw new Error(added.reason);
		}
	});
}

describe('write budgets', () => {
	test('twenty 500,000-character cards are each refused (4413) and the data directory grows by less than 2 MB', async () => {
		// No cool-down between refusals here, so twenty attempts do not take twenty cool-downs.
		const { server, workshop } = await setup({ SYNC_HARD_REFUSAL_COOLDOWN_MS: '0' });
		const me = await join(server, workshop.joinCode);
		const warm = client(server, me.agendaDoc, me.token);
		await warm.synced;
		warm.destroy();
		const before = await settledDataDirBytes(server.dataDir);
		for (let i = 0; i < 20; i++) {
			const attacker = client(server, me.agendaDoc, me.token);
			await attacker.synced;
			attacker.doc.transact(() => {
				const card = new Y.Map<unknown>();
				for (const [key, value] of Object.entries({ id: `huge${i}`, questionNumber: 1, authorId: me.participantId, authorName: 'x', authorKind: 'participant', workshopId: workshop.workshopId, createdAt: Date.now(), themes: [] })) card.set(key, value);
				card.set('text', 'x'.repeat(500_000));
				card.set('plusOnes', new Y.Map());
				cardsMap(attacker.doc).set(`huge${i}`, card);
			});
			const { code } = await attacker.closed;
			// 4413 from the budget; the write policy (4422) may refuse the same write first.
			expect([4413, 4422]).toContain(code);
			attacker.destroy();
		}
		// A fresh reader sees none of it.
		const reader = client(server, me.agendaDoc, me.token);
		await reader.synced;
		expect(cardsMap(reader.doc).size).toBe(0);
		expect((await settledDataDirBytes(server.dataDir)) - before).toBeLessThan(2 * 1024 * 1024);
		expect(server.output()).toContain('update too large');
	}, 120_000);

	test('writing fast: past its budget (64 KiB at once, then 256 KiB a minute) the server says "wait" (4530)', async () => {
		const { server, workshop } = await setup();
		const me = await join(server, workshop.joinCode);
		const writer = client(server, me.agendaDoc, me.token);
		await writer.synced;
		for (let round = 0; round < 12 && writer.closes.length === 0; round++) {
			fiftyCards(writer.doc, me, workshop.workshopId, round);
			// Wait until the server has it (another reader sees it) or refused it.
			const count = (round + 1) * 50;
			const reader = client(server, me.agendaDoc, me.token);
			await reader.synced;
			await waitFor(() => writer.closes.length > 0 || cardsMap(reader.doc).size === count, { what: `round ${round}` });
			reader.destroy();
		}
		expect(writer.closes).toContain(4530);
		// 31 KB rounds: two fit in the first 64 KiB, then a trickle of about 4 KB a second.
		const other = await join(server, workshop.joinCode);
		const reader = client(server, other.agendaDoc, other.token);
		await reader.synced;
		expect(cardsMap(reader.doc).size).toBeGreaterThanOrEqual(100);
		expect(cardsMap(reader.doc).size).toBeLessThanOrEqual(300);
	}, 120_000);

	test('writing a lot: at 1 MiB in total the participant is stopped for good (4429); the stored docs grow by about that', async () => {
		// Minute budget raised so the test reaches the total without waiting minutes.
		const { server, workshop } = await setup({ SYNC_PARTICIPANT_BYTES_PER_MINUTE: String(8 * 1024 * 1024) });
		const me = await join(server, workshop.joinCode);
		const before = await settledDataDirBytes(server.dataDir);
		const storedBefore = storedDocBytes(server.dataDir);
		let code = 0;
		for (let round = 0; round < 80 && code === 0; round++) {
			const writer = client(server, me.agendaDoc, me.token);
			await writer.synced;
			fiftyCards(writer.doc, me, workshop.workshopId, round);
			const outcome = await Promise.race([
				writer.closed.then((c) => c.code),
				(async () => {
					const reader = client(server, me.agendaDoc, me.token);
					await reader.synced;
					await waitFor(() => cardsMap(reader.doc).size >= (round + 1) * 50, { what: `round ${round}` }).catch(() => 0);
					reader.destroy();
					return 0;
				})()
			]);
			code = outcome;
			writer.destroy();
		}
		expect(code).toBe(4429);
		// The writer now waits a minute before a new socket (4531); someone else reads.
		const other = await join(server, workshop.joinCode);
		const reader = client(server, other.agendaDoc, other.token);
		await reader.synced;
		// 1 MiB of cards of about 620 bytes each.
		const stored = cardsMap(reader.doc).size;
		expect(stored).toBeLessThanOrEqual(1750);
		expect(stored).toBeGreaterThanOrEqual(1500);
		// What the database stores for docs grew by about the budget. The files (measured with the WAL
		// folded in and truncated) grew a little more: the write policy's record of who wrote which
		// entry, and the indexes (measured 1.45 MB for 1 MiB of cards).
		expect(storedDocBytes(server.dataDir) - storedBefore).toBeLessThan(1.1 * 1024 * 1024);
		expect((await settledDataDirBytes(server.dataDir)) - before).toBeLessThan(3 * 1024 * 1024);
		// Someone else still writes.
		const otherWriter = client(server, other.agendaDoc, other.token);
		await otherWriter.synced;
		fiftyCards(otherWriter.doc, other, workshop.workshopId, 0);
		await waitFor(() => cardsMap(reader.doc).size >= stored + 50, { what: "the other participant's cards" });
		expect(otherWriter.closes).toEqual([]);
	}, 180_000);

	test('the message rate is per token: five sockets on one token get what one gets, and a bystander is untouched', async () => {
		const { server, workshop } = await setup();
		const me = await join(server, workshop.joinCode);
		const other = await join(server, workshop.joinCode);
		const url = `${server.wsUrl}/${me.agendaDoc}?token=${me.token}`;
		const sockets = await Promise.all(
			Array.from({ length: 5 }, async () => {
				const socket = new WebSocket(url);
				await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
				return socket;
			})
		);
		let answers = 0;
		const closes: number[] = [];
		for (const socket of sockets) {
			socket.on('message', (data: Buffer) => data[0] === 1 && answers++); // awareness answers
			socket.on('close', (code) => closes.push(code));
		}
		// Each socket asks 100 times for presence (message type 3): 500 in all, well within one socket's own limit.
		for (let i = 0; i < 100; i++) for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(Uint8Array.of(3));
		await waitFor(() => closes.length > 0, { what: 'a socket closed for the rate' });
		expect(closes[0]).toBe(4529);
		// 50 a second with a 4-second burst: about 200 of the 500 were answered, not 500.
		expect(answers).toBeLessThanOrEqual(250);
		// The bystander's socket works.
		const bystander = client(server, other.agendaDoc, other.token);
		await bystander.synced;
		expect(bystander.closes).toEqual([]);
		for (const socket of sockets) socket.terminate();
	}, 60_000);
});
