/**
 * Assisted entry ("namens iemand"): only staff of the workshop may write a card on someone's behalf;
 * the server writes it into the agenda doc as a new assisted participant, "via begeleider". Hostile
 * or broken requests get a 4xx with a field, never a card.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { createWorkshop, join, staffToken, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { listCards } from '../../src/lib/sync/agenda-schema.ts';
import type { WorkshopLinks } from '../../src/lib/server/workshops.ts';

let server: TestServer;
let workshop: WorkshopLinks;
let staff: string;
let watcher: TestClient;

function post(body: unknown, token?: string, raw = false) {
	return fetch(`${server.url}/api/workshops/${workshop.workshopId}/assisted-cards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: raw ? (body as string) : JSON.stringify(body)
	});
}

beforeAll(async () => {
	server = await startTestServer();
	workshop = await createWorkshop(server.dataDir);
	staff = await staffToken(server.dataDir, 'facilitator');
	const agendaDoc = (await join(server, workshop.joinCode, { name: 'Kijker' })).agendaDoc;
	watcher = connectClient(server.wsUrl, agendaDoc, staff);
	await watcher.synced;
});
afterAll(async () => {
	watcher.destroy();
	await server.stop();
});

describe('assisted entry', () => {
	test('staff write a card on someone’s behalf; it arrives as "via begeleider" from a new participant', async () => {
		const response = await post({ text: 'Ik heb geen telefoon, maar wel een mening over de bus.', role: 'resident', buurt: 'BU09350000' }, staff);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { cardId: string; personId: string; questionNumber: number };
		expect(body.questionNumber).toBe(1);
		const card = await waitFor(() => listCards(watcher.doc).find((c) => c.id === body.cardId), { what: 'the assisted card' });
		expect(card).toMatchObject({ authorName: 'via begeleider', authorKind: 'participant', authorId: body.personId, workshopId: workshop.workshopId });

		// A second card for the same person keeps the same author.
		const again = await post({ text: 'En over de bankjes.', personId: body.personId }, staff);
		expect(again.status).toBe(200);
		expect(((await again.json()) as { personId: string }).personId).toBe(body.personId);
	});

	test('participants, the projector and strangers may not write on someone’s behalf', async () => {
		const phone = await join(server, workshop.joinCode, { name: 'Vals' });
		expect((await post({ text: 'Namens de buurman' }, phone.token)).status).toBe(403);
		expect((await post({ text: 'Namens de buurman' })).status).toBe(401);
		const projectorToken = /token=([a-z0-9]+)/.exec(workshop.projectorUrl)![1];
		expect((await post({ text: 'Namens de buurman' }, projectorToken)).status).toBe(403);
	});

	test('a forged person, huge or empty text, unknown buurt or broken JSON are refused with a field', async () => {
		const phone = await join(server, workshop.joinCode, { name: 'Echte deelnemer' });
		const cases: [unknown, string][] = [
			// Writing as an ordinary participant would put words in their mouth.
			[{ text: 'Niet van mij', personId: phone.participantId }, 'personId'],
			[{ text: 'x'.repeat(5000) }, 'text'],
			[{ text: '   ' }, 'text'],
			[{ text: 'Goed', buurt: 'BU99999999' }, 'buurt'],
			[{ text: 'Goed', buurt: '<script>' }, 'buurt'],
			[{ text: 'Goed', role: 'admin' }, 'role'],
			[{ text: 42 }, 'text'],
			[['lijst'], 'body']
		];
		const before = listCards(watcher.doc).length;
		for (const [body, field] of cases) {
			const response = await post(body, staff);
			expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
			expect(((await response.json()) as { field: string }).field).toBe(field);
		}
		const broken = await post('{niet json', staff, true);
		expect(broken.status).toBe(400);
		expect(listCards(watcher.doc).length).toBe(before);
	});

	test('after the workshop closes nothing more is written (409)', async () => {
		const close = await fetch(`${server.url}/api/workshops/${workshop.workshopId}/close`, { method: 'POST', headers: { authorization: `Bearer ${staff}` } });
		expect(close.status).toBe(200);
		const response = await post({ text: 'Te laat' }, staff);
		expect(response.status).toBe(409);
	});
});
