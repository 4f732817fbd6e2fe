/**
 * Presence over real sockets: a hostile connection announcing 500 ids and a huge state, a projector
 * link announcing itself, one person on two pages, and a phone leaving. The honest side is a stock
 * y-websocket client counting states the way the app does (by `user.kind`).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { createWorkshop, join, startTestServer, type TestServer } from '../helpers/server.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
	server = await startTestServer();
	workshop = await createWorkshop(server.dataDir);
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	for (const s of sockets) s.terminate();
	await server.stop();
});

const workshopDoc = () => `workshop-${workshop.workshopId}`;

function phone(token: string, name: string): TestClient {
	const client = connectClient(server.wsUrl, workshopDoc(), token);
	client.provider.awareness.setLocalStateField('user', { kind: 'participant', name });
	clients.push(client);
	return client;
}

/** What the projector and phones show: states with a user kind of participant. */
function participantsSeenBy(client: TestClient): number {
	let count = 0;
	for (const state of client.provider.awareness.getStates().values()) if ((state as { user?: { kind?: string } }).user?.kind === 'participant') count++;
	return count;
}

/** A raw awareness message with the given entries, as a hostile client would craft it. */
function awarenessMessage(entries: { id: number; clock: number; state: unknown }[]): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(inner, entry.id);
		encoding.writeVarUint(inner, entry.clock);
		encoding.writeVarString(inner, JSON.stringify(entry.state));
	}
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1); // MESSAGE_AWARENESS
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

async function rawSocket(url: string): Promise<WebSocket> {
	const socket = new WebSocket(url);
	sockets.push(socket);
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	return socket;
}

describe('presence', () => {
	test('500 fake ids and a 500 KB state from one connection, and a projector announcing itself: the honest phone sees one per real person', async () => {
		const honest = await join(server, workshop.joinCode, { name: 'Eerlijk' });
		const other = await join(server, workshop.joinCode, { name: 'Ander' });
		const hostile = await join(server, workshop.joinCode, { name: 'Boef' });
		const watcher = phone(honest.token, 'Eerlijk');
		const bystander = phone(other.token, 'Ander');
		await Promise.all([watcher.synced, bystander.synced]);
		await waitFor(() => participantsSeenBy(watcher) === 2, { what: 'the bystander on the watcher' });

		let bytesToWatcher = 0;
		(watcher.provider.ws as unknown as WebSocket).on('message', (data: ArrayBuffer | Buffer) => (bytesToWatcher += data.byteLength));

		const attacker = await rawSocket(`${server.wsUrl}/${workshopDoc()}?token=${hostile.token}`);
		const fakes = Array.from({ length: 500 }, (_, i) => ({ id: 1_000_000 + i, clock: 1, state: { user: { kind: 'participant', name: `nep ${i}` } } }));
		attacker.send(awarenessMessage(fakes));
		attacker.send(awarenessMessage([{ id: 1_000_000, clock: 2, state: { user: { kind: 'participant', name: 'x'.repeat(500_000) } } }]));
		attacker.send(awarenessMessage([{ id: 2_000_000, clock: 1, state: { user: { kind: 'staff' } } }]));

		const projectorToken = new URL(workshop.projectorUrl, server.url).searchParams.get('token')!;
		const projector = await rawSocket(`${server.wsUrl}/${workshopDoc()}?token=${projectorToken}`);
		projector.send(awarenessMessage(Array.from({ length: 100 }, (_, i) => ({ id: 3_000_000 + i, clock: 1, state: { user: { kind: 'participant' } } }))));

		// The attacker's first id is theirs: it arrives. Then a marker from the bystander proves every
		// earlier message was handled before we count.
		await waitFor(() => participantsSeenBy(watcher) === 3, { what: "the attacker's one presence" });
		bystander.provider.awareness.setLocalStateField('user', { kind: 'participant', name: 'Ander (klaar)' });
		await waitFor(
			() => [...watcher.provider.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Ander (klaar)'),
			{ what: 'the marker' }
		);
		expect(participantsSeenBy(watcher)).toBe(3);
		expect(watcher.provider.awareness.getStates().size).toBe(3);
		expect(watcher.provider.awareness.getStates().has(1_000_001)).toBe(false);
		// The 500 KB state never reached the watcher.
		expect(bytesToWatcher).toBeLessThan(20_000);
		expect((watcher.provider.awareness.getStates().get(1_000_000) as { user: { name: string } }).user.name).toBe('nep 0');
		attacker.close();
		projector.close();
		await waitFor(() => participantsSeenBy(watcher) === 2, { what: 'the attacker gone' });
	});

	test('one person on two pages counts once; when they leave both, they stop counting within 5 s', async () => {
		const watcherJoin = await join(server, workshop.joinCode, { name: 'Kijker' });
		const twiceJoin = await join(server, workshop.joinCode, { name: 'Dubbel' });
		const watcher = phone(watcherJoin.token, 'Kijker');
		await watcher.synced;
		const before = await waitFor(() => {
			const n = participantsSeenBy(watcher);
			return n >= 1 ? n : 0;
		});
		const workshopPage = phone(twiceJoin.token, 'Dubbel');
		await workshopPage.synced;
		await waitFor(() => participantsSeenBy(watcher) === before + 1, { what: 'the person on the workshop page' });
		// The map page opens a second connection to the same doc with the same person.
		const mapPage = phone(twiceJoin.token, 'Dubbel');
		await mapPage.synced;
		// Someone else arriving after the map page opened: once they show, the map page's hello was handled too.
		const laterJoin = await join(server, workshop.joinCode, { name: 'Later' });
		const later = phone(laterJoin.token, 'Later');
		await waitFor(() => participantsSeenBy(watcher) === before + 2, { what: 'the later person' });
		expect(participantsSeenBy(watcher)).toBe(before + 2);
		later.destroy();
		await waitFor(() => participantsSeenBy(watcher) === before + 1, { what: 'the later person gone' });

		// Leaving the workshop page for the map: the person is still there, counted once.
		workshopPage.destroy();
		await waitFor(
			() => [...watcher.provider.awareness.getStates().keys()].includes(mapPage.doc.clientID),
			{ what: 'the map page shown instead' }
		);
		expect(participantsSeenBy(watcher)).toBe(before + 1);

		// Leaving altogether: gone within 5 s.
		const left = Date.now();
		mapPage.destroy();
		await waitFor(() => participantsSeenBy(watcher) === before, { timeoutMs: 5_000, what: 'the person to stop counting' });
		expect(Date.now() - left).toBeLessThan(5_000);
	});
});
