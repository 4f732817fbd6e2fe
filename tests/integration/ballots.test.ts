/**
 * Ballots are commands to the server: one participant, one ballot, counted exactly, and the tally
 * doc cannot be written by any client.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { createWorkshop, join, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { openVote, closeVote } from '../../src/lib/sync/vote-schema.ts';
import { readDotsTally } from '../../src/lib/sync/tally-schema.ts';

let server: TestServer;
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
let facilitator: TestClient;
const clients: TestClient[] = [];

function cast(token: string, body: unknown) {
	return fetch(`${server.url}/api/ballots`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body)
	});
}

beforeAll(async () => {
	// 200 phones join from this one test address; the join limits per address have tests of their own.
	server = await startTestServer({ env: { JOIN_PER_ADDRESS_PER_MINUTE: '1000', JOIN_PER_CODE_PER_MINUTE: '1000' } });
	workshop = await createWorkshop(server.dataDir);
	const token = await staffToken(server.dataDir, 'facilitator');
	facilitator = connectClient(server.wsUrl, `workshop-${workshop.workshopId}`, token);
	await facilitator.synced;
	openVote(facilitator.doc, { id: 'ronde1', dotsPerParticipant: 3, candidateIds: ['kaart-a', 'kaart-b', 'kaart-c'] });
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	facilitator.destroy();
	await server.stop();
});

describe('dot voting', () => {
	test('200 concurrent ballots are tallied exactly, and every phone sees the same result', async () => {
		const participants = await Promise.all(Array.from({ length: 200 }, (_, i) => join(server, workshop.joinCode, { name: `P${i}` })));
		const watcher = connectClient(server.wsUrl, `tally-${workshop.workshopId}`, participants[0].token);
		clients.push(watcher);
		await watcher.synced;
		await waitFor(async () => (await cast(participants[0].token, { kind: 'dots', subject: 'ronde1', value: {} })).status === 200, {
			what: 'the vote to reach the server'
		});

		// Participant i gives 2 dots to a, and 1 to b when i is even, else 1 to c.
		const responses = await Promise.all(
			participants.map((p, i) => cast(p.token, { kind: 'dots', subject: 'ronde1', value: i % 2 === 0 ? { 'kaart-a': 2, 'kaart-b': 1 } : { 'kaart-a': 2, 'kaart-c': 1 } }))
		);
		expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
		const expected = { voters: 200, dots: { 'kaart-a': 400, 'kaart-b': 100, 'kaart-c': 100 } };
		await waitFor(() => JSON.stringify(readDotsTally(watcher.doc, 'ronde1')) === JSON.stringify(expected), { what: 'the exact tally' });

		// A second ballot replaces the first: still 200 voters.
		const again = await cast(participants[1].token, { kind: 'dots', subject: 'ronde1', value: { 'kaart-b': 3 } });
		expect(again.status).toBe(200);
		expect((await again.json()).tally).toEqual({ voters: 200, dots: { 'kaart-a': 398, 'kaart-b': 103, 'kaart-c': 99 } });
	}, 60_000);

	test("a participant cannot vote for another participant: the ballot is always the sender's own", async () => {
		const alice = await join(server, workshop.joinCode, { name: 'Alice' });
		const bob = await join(server, workshop.joinCode, { name: 'Bob' });
		const forged = await cast(alice.token, { kind: 'dots', subject: 'ronde1', value: { 'kaart-c': 3 }, participantId: bob.participantId });
		const { tally } = await forged.json();
		// Had the forged ballot counted as Bob's, his own ballot would replace it and the count stay the same.
		const bobsOwn = await cast(bob.token, { kind: 'dots', subject: 'ronde1', value: { 'kaart-a': 1 } });
		expect((await bobsOwn.json()).tally.voters).toBe(tally.voters + 1);
		const alicesAgain = await cast(alice.token, { kind: 'dots', subject: 'ronde1', value: { 'kaart-c': 3 } });
		expect((await alicesAgain.json()).tally.voters).toBe(tally.voters + 1);
	});

	test('too many dots, unknown cards, staff and strangers are refused with a clear 4xx', async () => {
		const p = await join(server, workshop.joinCode);
		const tooMany = await cast(p.token, { kind: 'dots', subject: 'ronde1', value: { 'kaart-a': 4 } });
		expect(tooMany.status).toBe(400);
		expect((await tooMany.json()).reason).toBe('too-many-dots');
		expect((await cast(p.token, { kind: 'dots', subject: 'ronde1', value: { elders: 1 } })).status).toBe(400);
		expect((await cast(p.token, { kind: 'dots', subject: 'ronde9', value: {} })).status).toBe(404);
		expect((await cast('x'.repeat(32), { kind: 'dots', subject: 'ronde1', value: {} })).status).toBe(401);
		const staff = await staffToken(server.dataDir, 'admin');
		expect((await cast(staff, { kind: 'dots', subject: 'ronde1', value: {} })).status).toBe(403);
		const garbage = await fetch(`${server.url}/api/ballots`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
			body: '{'
		});
		expect(garbage.status).toBe(400);
	});

	test('a hand-made y-websocket client cannot write the tally doc', async () => {
		const mallory = await join(server, workshop.joinCode, { name: 'Mallory' });
		const bob = await join(server, workshop.joinCode, { name: 'Bob' });
		const m = connectClient(server.wsUrl, `tally-${workshop.workshopId}`, mallory.token);
		const b = connectClient(server.wsUrl, `tally-${workshop.workshopId}`, bob.token);
		clients.push(m, b);
		await Promise.all([m.synced, b.synced]);
		m.doc.getMap('dots').set('ronde1', { voters: 1, dots: { 'kaart-c': 9999 } });
		// Refused and told (4423: the tally doc is read-only for everyone but the server); Bob never sees it.
		expect((await m.closed).code).toBe(4423);
		expect(readDotsTally(b.doc, 'ronde1')?.dots['kaart-c']).not.toBe(9999);
		const fresh = connectClient(server.wsUrl, `tally-${workshop.workshopId}`, bob.token);
		clients.push(fresh);
		await fresh.synced;
		expect(readDotsTally(fresh.doc, 'ronde1')?.dots['kaart-c']).not.toBe(9999);
	});

	test('after the facilitator closes the vote, ballots are refused', async () => {
		const p = await join(server, workshop.joinCode);
		closeVote(facilitator.doc);
		await waitFor(async () => (await cast(p.token, { kind: 'dots', subject: 'ronde1', value: {} })).status === 409, { what: 'closed vote' });
	});
});

describe('ratings and weights', () => {
	test('a condition rating of a real facility counts; an unknown one is refused', async () => {
		const p = await join(server, workshop.joinCode);
		const facility = await fetch(`${server.url}/api/ballots`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
			body: JSON.stringify({ kind: 'rating', subject: 'facility:osm-node-0', value: { rating: 'goed' } })
		});
		expect(facility.status).toBe(404);
		const weights = await cast(p.token, { kind: 'weights', subject: 'weights', value: { eenzaamheid: 4, ses: 2 } });
		expect(weights.status).toBe(200);
		expect((await weights.json()).tally).toEqual({ voters: 1, mean: { eenzaamheid: 4, ses: 2 } });
	});
});
