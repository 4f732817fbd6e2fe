/**
 * The page's live session against the real server (a child process, real sockets, real SQLite),
 * with IndexedDB from fake-indexeddb (Node has none) and a network switch standing in for the
 * browser's online/offline events.
 */
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { AddressInfo } from 'node:net';
import { LiveSession, type LiveSessionOptions } from '$lib/components/session/live-session.svelte';
import type { ConnectionEnvironment } from '$lib/sync/connection.svelte';
import { addCard, cardsMap } from '$lib/sync/agenda-schema';
import { setCurrentQuestion } from '$lib/sync/workshop-schema';
import { createWorkshop, join, staffToken, type TestServer } from '../../../helpers/server.ts';
import { cleanedUpAfterEach } from '../../../helpers/per-test.ts';
import { waitFor } from '../../../helpers/wait.ts';

const { server, client, defer } = cleanedUpAfterEach();

/** The browser's localStorage, which Node lacks: pending marks, unsent cards and queued ballots live there. */
class MemoryStorage {
	#items = new Map<string, string>();
	get length() {
		return this.#items.size;
	}
	key = (index: number) => [...this.#items.keys()][index] ?? null;
	getItem = (key: string) => this.#items.get(key) ?? null;
	setItem = (key: string, value: string) => void this.#items.set(key, String(value));
	removeItem = (key: string) => void this.#items.delete(key);
	clear = () => this.#items.clear();
}
globalThis.localStorage ??= new MemoryStorage() as unknown as Storage;

/** The browser's network as the connection sees it; `online = false` is airplane mode (fetch fails too). */
class TestNetwork implements ConnectionEnvironment {
	online = true;
	readonly WebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
	readonly #listeners = new Set<(online: boolean) => void>();
	constructor(readonly wsUrl: string) {}
	isOnline = () => this.online;
	watchNetwork(onChange: (online: boolean) => void) {
		this.#listeners.add(onChange);
		return () => this.#listeners.delete(onChange);
	}
	defaultSyncUrl = () => this.wsUrl;
	set(online: boolean) {
		this.online = online;
		for (const listener of this.#listeners) listener(online);
	}
	fetch: typeof fetch = (input, init) => (this.online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
}

type Joined = Awaited<ReturnType<typeof join>>;

async function setUp() {
	const s = await server();
	const workshop = await createWorkshop(s.dataDir);
	const alice = await join(s, workshop.joinCode, { name: 'Alice' });
	return { s, workshop, alice };
}

function openSession(s: TestServer, links: { workshopId: string; agendaId: string }, me: Joined, network = new TestNetwork(s.wsUrl), extra: Partial<LiveSessionOptions> = {}) {
	const session = new LiveSession({
		workshop: { id: links.workshopId, agendaId: links.agendaId, questions: [1, 2, 3, 4, 5, 6, 7, 8], agendaDoc: me.agendaDoc, workshopDoc: me.workshopDoc },
		token: me.token,
		participantId: me.participantId,
		presence: { kind: 'participant', name: 'Alice' },
		environment: network,
		ballotsUrl: `${s.url}/api/ballots`,
		fetch: network.fetch,
		...extra
	});
	defer(() => session.destroy());
	return { session, network };
}

const author = (me: Joined, name = 'Alice') => ({ id: me.participantId, name, kind: 'participant' as const });

function cardTexts(doc: Y.Doc): string[] {
	return [...cardsMap(doc).values()].map((card) => String((card as Y.Map<unknown>).get('text'))).sort();
}

describe('LiveSession', () => {
	test('one session holds every doc of the page; a question change opens and closes no socket', async () => {
		const { s, workshop, alice } = await setUp();
		const { session } = openSession(s, workshop, alice);
		await waitFor(() => session.agendaConnection.online && session.workshopConnection.online, { what: 'agenda and workshop online' });
		// The tally and record docs open on first use, then stay.
		expect(session.connections).toHaveLength(2);
		const tally = session.tallyConnection;
		const record = session.recordConnection;
		await waitFor(() => tally.online && record.online, { what: 'tally and record online' });
		expect(session.connections).toHaveLength(4);

		const staff = await staffToken(s.dataDir);
		const console = client(s.wsUrl, alice.workshopDoc, staff);
		await console.synced;
		for (const question of [2, 3, 4, 7, 8]) {
			setCurrentQuestion(console.doc, question, [1, 2, 3, 4, 5, 6, 7, 8]);
			await waitFor(() => session.live.state.currentQuestion === question, { what: `question ${question} on the phone` });
			expect(session.tallyConnection).toBe(tally);
			expect(session.recordConnection).toBe(record);
			expect(session.connections.every((connection) => connection.online)).toBe(true);
		}
		// Nothing reconnected meanwhile: each connection synced once and was never reset.
		expect(session.connections.map((connection) => connection.resets)).toEqual([0, 0, 0, 0]);
	});

	test('a card written offline is "pending" until the server has it, then others see it', async () => {
		const { s, workshop, alice } = await setUp();
		const { session, network } = openSession(s, workshop, alice);
		await waitFor(() => session.agendaConnection.online, { what: 'online' });

		network.set(false);
		await waitFor(() => session.agendaConnection.status === 'offline', { what: 'offline' });
		const written = session.addCard({ questionNumber: 1, text: 'Een bankje bij de bushalte', themes: [], author: author(alice) });
		expect(written.ok).toBe(true);
		const cardId = written.ok ? written.id : '';
		expect(session.isPending(cardId)).toBe(true);

		const bob = await join(s, workshop.joinCode, { name: 'Bob' });
		const other = client(s.wsUrl, bob.agendaDoc, bob.token);
		await other.synced;
		expect(cardTexts(other.doc)).toEqual([]);

		network.set(true);
		await waitFor(() => !session.isPending(cardId), { what: 'the card confirmed by the server' });
		await waitFor(() => cardTexts(other.doc).includes('Een bankje bij de bushalte'), { what: 'the card on another phone' });

		// An edit is a new write: pending again until it arrived.
		const edited = session.editCard(cardId, alice.participantId, { text: 'Twee bankjes bij de bushalte' });
		expect(edited.ok).toBe(true);
		expect(session.isPending(cardId)).toBe(true);
		await waitFor(() => !session.isPending(cardId), { what: 'the edit confirmed' });
		await waitFor(() => cardTexts(other.doc).includes('Twee bankjes bij de bushalte'), { what: 'the edit on another phone' });
	});

	test('pending marks survive a reload: a new session of the same phone confirms what the old one wrote offline', async () => {
		const { s, workshop, alice } = await setUp();
		const first = openSession(s, workshop, alice);
		await waitFor(() => first.session.agendaConnection.storedLocally, { what: 'local copy loaded' });
		first.network.set(false);
		const written = first.session.addCard({ questionNumber: 1, text: 'Meer licht in het park', themes: [], author: author(alice) });
		const cardId = written.ok ? written.id : '';
		// Let IndexedDB take the write before the "tab" goes away.
		await waitFor(async () => {
			const probe = new (await import('y-indexeddb')).IndexeddbPersistence(`wijktafel:${alice.agendaDoc}`, new Y.Doc());
			await probe.whenSynced;
			const has = cardTexts(probe.doc).includes('Meer licht in het park');
			await probe.destroy();
			return has;
		}, { what: 'the card in IndexedDB' });
		first.session.destroy();

		// The same phone (same IndexedDB and localStorage in this process), reopened while still offline.
		const offline = new TestNetwork(s.wsUrl);
		offline.online = false;
		const again = openSession(s, workshop, alice, offline);
		await waitFor(() => again.session.agendaConnection.storedLocally, { what: 'local copy loaded again' });
		expect(again.session.agenda.cards.map((card) => card.text)).toContain('Meer licht in het park');
		expect(again.session.isPending(cardId)).toBe(true);

		offline.set(true);
		await waitFor(() => !again.session.isPending(cardId), { what: 'confirmed after the reload' });
		const bob = await join(s, workshop.joinCode, { name: 'Bob' });
		const other = client(s.wsUrl, bob.agendaDoc, bob.token);
		await other.synced;
		expect(cardTexts(other.doc)).toContain('Meer licht in het park');
	});

	test('a write the server does not take (workshop closed) is never shown as sent', async () => {
		const { s, workshop, alice } = await setUp();
		const staff = await staffToken(s.dataDir);
		const closed = await fetch(`${s.url}/api/workshops/${workshop.workshopId}/close`, { method: 'POST', headers: { authorization: `Bearer ${staff}` } });
		expect(closed.status).toBe(200);

		const { session } = openSession(s, workshop, alice);
		await waitFor(() => session.agendaConnection.online, { what: 'online (read-only)' });
		const written = session.addCard({ questionNumber: 1, text: 'Te laat geschreven', themes: [], author: author(alice) });
		const cardId = written.ok ? written.id : '';
		const answersBefore = session.agendaConnection.serverAnswers;
		// Today's server drops a read-only write silently; the write policy closes with 4423. Either way: not "sent".
		await waitFor(() => session.agendaConnection.serverAnswers >= answersBefore + 2 || session.unsent.length > 0, { what: 'two answers from the server, or a refusal' });
		if (session.unsent.length > 0) {
			expect(session.unsent).toMatchObject([{ id: cardId, text: 'Te laat geschreven', why: 'closed' }]);
			expect(session.agenda.cards.map((card) => card.id)).not.toContain(cardId);
		} else {
			expect(session.isPending(cardId)).toBe(true);
		}
	});

	test('4409 (the server replaced the doc): the local copy is dropped, the session follows the fresh doc', async () => {
		const { s, workshop, alice } = await setUp();
		const { session } = openSession(s, workshop, alice);
		await waitFor(() => session.agendaConnection.online && session.agendaConnection.storedLocally, { what: 'online' });
		const mine = session.addCard({ questionNumber: 1, text: 'Van Alice', themes: [], author: author(alice) });
		const mineId = mine.ok ? mine.id : '';
		await waitFor(() => !session.isPending(mineId), { what: "Alice's card on the server" });

		const bob = await join(s, workshop.joinCode, { name: 'Bob' });
		const bobClient = client(s.wsUrl, bob.agendaDoc, bob.token);
		await bobClient.synced;
		addCard(bobClient.doc, { questionNumber: 1, text: 'Van Bob', themes: [], workshopId: workshop.workshopId, author: author(bob, 'Bob') });
		await waitFor(() => session.agenda.cards.some((card) => card.text === 'Van Bob'), { what: "Bob's card on Alice's phone" });
		const agendaBefore = session.agenda;

		const forgot = await fetch(`${s.url}/api/me/forget`, { method: 'POST', headers: { authorization: `Bearer ${bob.token}` } });
		expect(forgot.status).toBe(200);
		await waitFor(() => session.agendaConnection.resets === 1 && session.agendaConnection.online, { what: 'reset and back online' });
		await waitFor(() => session.agenda.cards.some((card) => card.text === 'Van Alice'), { what: "Alice's card from the server again" });
		expect(session.agenda.cards.map((card) => card.text)).not.toContain('Van Bob');
		// The same state objects follow the new doc; writing still works and reaches others.
		expect(session.agenda).toBe(agendaBefore);
		const after = session.addCard({ questionNumber: 1, text: 'Na de reset', themes: [], author: author(alice) });
		const afterId = after.ok ? after.id : '';
		await waitFor(() => !session.isPending(afterId), { what: 'the new card confirmed' });
		const carol = await join(s, workshop.joinCode, { name: 'Carol' });
		const carolClient = client(s.wsUrl, carol.agendaDoc, carol.token);
		await carolClient.synced;
		expect(cardTexts(carolClient.doc)).toEqual(['Na de reset', 'Van Alice']);
	});

	test('ballots wait offline (and across a reload), go out when the network is back, and the server still decides', async () => {
		const { s, workshop, alice } = await setUp();
		const network = new TestNetwork(s.wsUrl);
		const { session } = openSession(s, workshop, alice, network);
		await waitFor(() => session.agendaConnection.online, { what: 'online' });

		network.set(false);
		const weights = { ses: 8, gezondheid: 3 };
		expect(await session.ballots.cast('weights', 'weights', weights)).toEqual({ status: 'queued' });
		expect(session.ballots.waiting).toBe(1);
		// A newer ballot of the same kind and subject replaces the waiting one.
		const newer = { ses: 9, gezondheid: 2 };
		expect(await session.ballots.cast('weights', 'weights', newer)).toEqual({ status: 'queued' });
		expect(session.ballots.waiting).toBe(1);
		// A vote that does not exist: queued too while offline; the server will say no.
		expect((await session.ballots.cast('dots', 'no-such-vote', { x: 1 })).status).toBe('queued');
		session.destroy();

		// Reloaded, then back online: the queue flushes by itself.
		const again = openSession(s, workshop, alice, network);
		expect(again.session.ballots.waiting).toBe(2);
		network.set(true);
		await waitFor(() => again.session.ballots.waiting === 0, { what: 'the queue sent' });
		const sent = again.session.ballots.stateOf('weights', 'weights');
		expect(sent?.state).toBe('sent');
		expect(again.session.ballots.stateOf('dots', 'no-such-vote')?.state).toBe('refused');

		// The server counted the newer proposal, once, and wrote it into the tally doc.
		const tally = again.session.tally;
		await waitFor(() => tally.weights?.voters === 1, { what: 'the tally in the tally doc' });
		expect(tally.weights?.mean).toMatchObject({ ses: 9, gezondheid: 2 });
	});
});

/**
 * Stands in for the write policy of issue #11 (being built in server/sync by the lead): accepts the
 * handshake and closes the first connection that writes anything with `code` and `reason`.
 */
async function refusingServer(code: number, reason: string) {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
	const serverDoc = new Y.Doc();
	wss.on('connection', (socket) => {
		const step1 = encoding.createEncoder();
		encoding.writeVarUint(step1, 0);
		syncProtocol.writeSyncStep1(step1, serverDoc);
		socket.send(encoding.toUint8Array(step1));
		socket.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== 0) return;
			const syncType = decoding.readVarUint(decoder);
			if (syncType === syncProtocol.messageYjsSyncStep1) {
				const reply = encoding.createEncoder();
				encoding.writeVarUint(reply, 0);
				syncProtocol.readSyncStep1(decoder, reply, serverDoc);
				socket.send(encoding.toUint8Array(reply));
			} else if (Y.decodeUpdate(decoding.readVarUint8Array(decoder)).structs.length > 0) {
				socket.close(code, reason);
			}
		});
	});
	defer(() => {
		for (const socket of wss.clients) socket.terminate();
		return new Promise<void>((resolve) => wss.close(() => resolve()));
	});
	return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

function standInSession(wsUrl: string, participantId: string) {
	const network = new TestNetwork(wsUrl);
	const session = new LiveSession({
		workshop: { id: 'w1', agendaId: 'a1', questions: [1, 2], agendaDoc: `agenda-a1-${participantId}`, workshopDoc: `workshop-w1-${participantId}` },
		participantId,
		environment: network,
		fetch: network.fetch
	});
	defer(() => session.destroy());
	return { session, network };
}

describe('LiveSession when the server refuses our writes (stand-in for the write policy)', () => {
	test('4423 (read only, the workshop closed): our unsent cards keep their text, marked closed; the local doc starts afresh', async () => {
		const url = await refusingServer(4423, 'read-only connection');
		const { session, network } = standInSession(url, 'p-4423');
		await waitFor(() => session.agendaConnection.online, { what: 'online' });
		network.set(false);
		const one = session.addCard({ questionNumber: 1, text: 'Geschreven in de kelder', themes: [], author: { id: 'p-4423', name: 'A', kind: 'participant' } });
		const two = session.addCard({ questionNumber: 2, text: 'Nog een zonder bereik', themes: [], author: { id: 'p-4423', name: 'A', kind: 'participant' } });
		expect(one.ok && two.ok).toBe(true);
		network.set(true);

		await waitFor(() => session.unsent.length === 2, { what: 'both cards kept as unsent' });
		expect(session.unsent.map(({ text, why, questionNumber }) => ({ text, why, questionNumber }))).toEqual([
			{ text: 'Geschreven in de kelder', why: 'closed', questionNumber: 1 },
			{ text: 'Nog een zonder bereik', why: 'closed', questionNumber: 2 }
		]);
		await waitFor(() => session.agendaConnection.resets === 1 && session.agendaConnection.online, { what: 'a fresh doc, connected again' });
		// Nothing of the refused writes is shown as a card any more, nor pending.
		expect(session.agenda.cards).toEqual([]);
		expect(session.agendaConnection.pending.size).toBe(0);
		expect(session.agendaConnection.refusal).toEqual({ code: 4423, reason: 'read-only connection' });

		session.dismissUnsent(one.ok ? one.id : '');
		expect(session.unsent.map((card) => card.text)).toEqual(['Nog een zonder bereik']);
	});

	test('4422 (the write policy said no): the card is kept as refused with the server reason', async () => {
		const url = await refusingServer(4422, 'update refused: text too long');
		const { session } = standInSession(url, 'p-4422');
		await waitFor(() => session.agendaConnection.online, { what: 'online' });
		const written = session.addCard({ questionNumber: 1, text: 'Een kaartje dat de server weigert', themes: [], author: { id: 'p-4422', name: 'A', kind: 'participant' } });
		expect(session.isPending(written.ok ? written.id : '')).toBe(true);
		await waitFor(() => session.unsent.length === 1, { what: 'the card kept as refused' });
		expect(session.unsent[0]).toMatchObject({ text: 'Een kaartje dat de server weigert', why: 'refused', reason: 'update refused: text too long' });
		await waitFor(() => session.agendaConnection.resets === 1, { what: 'reset' });
		expect(session.agenda.cards).toEqual([]);
		expect(session.isPending(written.ok ? written.id : '')).toBe(false);
	});
});

