/**
 * Named versions on the real server: a version taken from the agenda page, further edits by phones
 * and staff (cards added, edited, deleted; a +1; a card's kind; keywords; synthesis text), then a
 * restore with the confirm step. Every connected stock y-websocket client must end up with exactly
 * the document as it was at version time.
 */
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkshop, join, staffToken, type TestServer } from '../helpers/server.ts';
import { formPost, participantCookie, staffCookie, startServerWithOrigin } from '../helpers/staff.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { waitFor } from '../helpers/wait.ts';
import { addCard, deleteCard, editCard, ensureSyntheses, getSynthesis, togglePlusOne } from '../../src/lib/sync/agenda-schema.ts';
import { addKeyword, removeKeyword, setCardKind } from '../../src/lib/sync/steps-schema.ts';

/** The top-level types the agenda doc holds in this test; all of them are maps. */
const TOP_LEVEL = ['cards', 'syntheses', 'keywords'];

/** toJSON of every top-level type; a name we did not expect fails the test instead of being skipped. */
function contentOf(doc: Y.Doc): Record<string, unknown> {
	const unexpected = [...doc.share.keys()].filter((name) => !TOP_LEVEL.includes(name));
	if (unexpected.length > 0) throw new Error(`unexpected top-level types: ${unexpected.join(', ')}`);
	return Object.fromEntries(TOP_LEVEL.map((name) => [name, doc.getMap(name).toJSON()]));
}

async function converged(clients: TestClient[], expected: Record<string, unknown>, what: string): Promise<void> {
	await waitFor(
		() => {
			for (const client of clients) expect(contentOf(client.doc)).toEqual(expected);
			return true;
		},
		{ what }
	);
}

describe('named versions of a live agenda', () => {
	let server: TestServer;
	let token: string;
	let links: Awaited<ReturnType<typeof createWorkshop>>;
	let anna: { token: string; participantId: string };
	let bram: { token: string; participantId: string };
	const clients: TestClient[] = [];
	const connect = (docName: string, credential: string) => {
		const client = connectClient(server.wsUrl, docName, credential);
		clients.push(client);
		return client;
	};

	beforeAll(async () => {
		server = await startServerWithOrigin();
		links = await createWorkshop(server.dataDir, 'Zuid', 'Bewonersavond Heugem');
		token = await staffToken(server.dataDir, 'official');
		anna = await join(server, links.joinCode, { name: 'Anna' });
		bram = await join(server, links.joinCode, { name: 'Bram' });
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await server?.stop();
		if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
	});

	test('restoring a named version brings back the agenda exactly as it was, on every client', async () => {
		const agendaDoc = `agenda-${links.agendaId}`;
		const cookie = staffCookie(token);
		const phoneA = connect(agendaDoc, anna.token);
		const phoneB = connect(agendaDoc, bram.token);
		const desk = connect(agendaDoc, token);
		await Promise.all([phoneA.synced, phoneB.synced, desk.synced]);

		// The evening: cards (one with a kind), keywords, +1s and a synthesis.
		const annaAuthor = { id: anna.participantId, name: 'Anna', kind: 'participant' as const };
		const bramAuthor = { id: bram.participantId, name: 'Bram', kind: 'participant' as const };
		const workshopId = links.workshopId;
		ensureSyntheses(desk.doc, [1, 2, 3, 4, 5, 6, 7, 8]);
		addCard(phoneA.doc, { questionNumber: 2, text: 'Een plek voor jongeren', themes: ['ontmoeten-eenzaamheid'], workshopId, author: annaAuthor }, 1000, 'cardkeep00000001');
		addCard(phoneA.doc, { questionNumber: 2, text: 'Hulp bij formulieren', themes: ['informatie-advies'], workshopId, author: annaAuthor }, 1001, 'cardedit00000001');
		addCard(phoneB.doc, { questionNumber: 5, text: 'De huiskamer vaker open', workshopId, author: bramAuthor }, 1002, 'carddelete000001');
		setCardKind(phoneB.doc, 'carddelete000001', 'nodig', bramAuthor);
		togglePlusOne(phoneB.doc, 'cardkeep00000001', bram.participantId);
		addKeyword(phoneA.doc, { text: 'oud dorp', workshopId, author: annaAuthor }, 1003, 'keywordkeep00001');
		addKeyword(phoneB.doc, { text: 'veel groen', workshopId, author: bramAuthor }, 1004, 'keyworddrop00001');
		await waitFor(() => getSynthesis(phoneA.doc, 2) !== null, { what: 'the syntheses on the phone' });
		// Staff write the syntheses (participants only when the facilitator opens them).
		getSynthesis(desk.doc, 2)!.insert(0, 'Jongeren missen een plek.');
		getSynthesis(desk.doc, 5)!.insert(0, 'De huiskamer moet vaker open.');

		await waitFor(
			() =>
				desk.doc.getMap('cards').size === 3 &&
				desk.doc.getMap('keywords').size === 2 &&
				getSynthesis(desk.doc, 2)?.length === 25 &&
				[phoneA, phoneB].every((phone) => isDeepStrictEqual(contentOf(phone.doc), contentOf(desk.doc))),
			{ what: 'everyone to have the evening' }
		);
		const atVersion = contentOf(desk.doc);

		// A named version from the agenda page.
		const taken = await formPost(server, `/agenda/${links.agendaId}?/takeVersion`, { name: 'Na de avond in Heugem' }, { cookie });
		expect(taken.status).toBe(200);
		const page = await taken.text();
		expect(page).toContain('Na de avond in Heugem');
		const versionId = new RegExp(`/agenda/${links.agendaId}/versies/([a-z0-9]+)`).exec(page)?.[1];
		expect(versionId).toBeTruthy();

		// Further edits: added, edited and deleted cards, a +1 taken back, a kind, keywords, synthesis text.
		addCard(phoneA.doc, { questionNumber: 3, text: 'Een nieuw kaartje na de versie', workshopId, author: annaAuthor }, 2000, 'cardadded0000001');
		editCard(phoneA.doc, 'cardedit00000001', anna.participantId, { text: 'Hulp bij formulieren, ook op zaterdag', themes: ['laagdrempelige-ondersteuning'] });
		deleteCard(phoneB.doc, 'carddelete000001', bram.participantId);
		togglePlusOne(phoneB.doc, 'cardkeep00000001', bram.participantId);
		removeKeyword(phoneB.doc, 'keyworddrop00001', bram.participantId);
		addKeyword(phoneB.doc, { text: 'rustig', workshopId, author: bramAuthor }, 2001);
		const synthesis = getSynthesis(desk.doc, 2)!;
		synthesis.delete(0, 9);
		synthesis.insert(synthesis.length, ' En ouderen willen hulp.');
		getSynthesis(desk.doc, 5)!.delete(0, 3);
		await waitFor(
			() => desk.doc.getMap('cards').has('cardadded0000001') && !desk.doc.getMap('cards').has('carddelete000001') && getSynthesis(desk.doc, 5)?.toString().startsWith('huiskamer'),
			{ what: 'the later edits to reach the desk' }
		);
		await converged([phoneA, phoneB, desk], contentOf(desk.doc), 'the later edits everywhere');
		expect(contentOf(desk.doc)).not.toEqual(atVersion);

		// A participant can neither see nor restore versions.
		const asParticipant = await formPost(server, `/agenda/${links.agendaId}/versies/${versionId}?/restore`, {}, { cookie: participantCookie(anna.token) });
		expect(asParticipant.status).toBe(303);
		expect(asParticipant.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/agenda/${links.agendaId}/versies/${versionId}`)}`);

		// The confirm step, then the restore.
		const confirm = await fetch(`${server.url}/agenda/${links.agendaId}/versies/${versionId}?herstellen=1`, { headers: { cookie } });
		expect(confirm.status).toBe(200);
		expect(await confirm.text()).toContain('Ja, zet deze versie terug');
		const restored = await formPost(server, `/agenda/${links.agendaId}/versies/${versionId}?/restore`, {}, { cookie });
		expect(restored.status).toBe(303);
		expect(restored.headers.get('location')).toMatch(new RegExp(`^/agenda/${links.agendaId}\\?hersteld=[a-z0-9]+$`));

		// Every connected client converges on the state at version time, and so does a new one.
		await converged([phoneA, phoneB, desk], atVersion, 'the restore on every connected client');
		const late = connect(agendaDoc, token);
		await late.synced;
		await converged([late], atVersion, 'the restore on a client that connects afterwards');

		// The state just before the restore is kept as a version, listed on the agenda page.
		const agendaPage = await (await fetch(`${server.url}${restored.headers.get('location')}`, { headers: { cookie } })).text();
		expect(agendaPage).toContain('Voor herstel van ‘Na de avond in Heugem’');
		expect(agendaPage).toContain('De versie is teruggezet.');

		// Edits after the restore still merge normally.
		addCard(phoneB.doc, { questionNumber: 2, text: 'Na het terugzetten', workshopId, author: bramAuthor }, 3000, 'cardafter0000001');
		await waitFor(() => desk.doc.getMap('cards').has('cardafter0000001'), { what: 'a card written after the restore' });
	});

	test('bad input gets a form message or a 404, never a 500', async () => {
		const cookie = staffCookie(token);
		const empty = await formPost(server, `/agenda/${links.agendaId}?/takeVersion`, { name: '   ' }, { cookie });
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Geef de versie een naam.');
		const long = await formPost(server, `/agenda/${links.agendaId}?/takeVersion`, { name: 'x'.repeat(121) }, { cookie });
		expect(long.status).toBe(400);
		const missing = await formPost(server, `/agenda/${links.agendaId}?/takeVersion`, {}, { cookie });
		expect(missing.status).toBe(400);
		const unknownVersion = await formPost(server, `/agenda/${links.agendaId}/versies/onbekendeversie1?/restore`, {}, { cookie });
		expect(unknownVersion.status).toBe(404);
		expect((await fetch(`${server.url}/agenda/${links.agendaId}/versies/NIET-GELDIG`, { headers: { cookie } })).status).toBe(404);
		expect((await fetch(`${server.url}/agenda/onbekendeagenda1`, { headers: { cookie } })).status).toBe(404);
		const anonymous = await fetch(`${server.url}/agenda/${links.agendaId}`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/agenda/${links.agendaId}`)}`);
	});
});
