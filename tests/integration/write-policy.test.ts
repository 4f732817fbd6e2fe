/**
 * The record can be trusted: a participant with a hand-made stock y-websocket client tries every
 * attack that once got through, against the real server. Each is refused (4422), and the two honest
 * phones and every export format show nothing changed. Then he re-authors and asks to be forgotten:
 * only his own words go, from the live doc, the named version and the raw database and WAL files.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import * as Y from 'yjs';
import { createWorkshop, join, staffAccount, type TestServer } from '../helpers/server.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { waitFor } from '../helpers/wait.ts';
import { apiPost, staffCookie, startServerWithOrigin } from '../helpers/staff.ts';
import { cardTexts, connectClient as connectClientForSuite, writeCard, type CardAuthorInfo, type TestClient } from '../helpers/yclient.ts';
import { unzip } from '../helpers/zip.ts';
import { cardsMap, editCard, ensureSynthesis, listCards, readSynthesis, togglePlusOne } from '../../src/lib/sync/agenda-schema.ts';
import { addAction, actionsMap } from '../../src/lib/sync/actions-schema.ts';
import { acceptElement, elementsMap, proposeElement } from '../../src/lib/sync/elements-schema.ts';

const { client } = cleanedUpAfterEach();

const ANNA_CARD = 'Een huiskamer voor ouderen in Heugem (anna-7q2)';
const BOB_CARD = 'Meer bankjes langs de Maas (bob-4k9)';
const SYNTHESIS = 'Wat we horen: ontmoeting dichtbij huis.';
const MALLORY_CARD = 'Mallory zijn eigen kaart (mal-9x1)';

let s: TestServer;
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
let staff: Awaited<ReturnType<typeof staffAccount>>;
let anna: CardAuthorInfo & { token: string; doc: string };
let bob: CardAuthorInfo & { token: string; doc: string };
let mallory: CardAuthorInfo & { token: string; doc: string };
let annaPhone: TestClient;
let bobPhone: TestClient;
let actionId = '';
let elementId = '';

async function participant(name: string) {
	const joined = await join(s, workshop.joinCode, { name });
	return { id: joined.participantId, name, kind: 'participant' as const, workshopId: workshop.workshopId, token: joined.token, doc: joined.agendaDoc };
}

/** What an honest phone shows of the agenda: cards, actions, elements, the synthesis. */
function visible(doc: Y.Doc) {
	return {
		cards: listCards(doc),
		actions: actionsMap(doc).toJSON(),
		elements: elementsMap(doc).toJSON(),
		synthesis: readSynthesis(doc, 1)
	};
}

/** Every export format as an official downloads it, reduced to what it says. */
async function exports(): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const format of ['md', 'csv', 'json', 'docx', 'pdf']) {
		const response = await fetch(`${s.url}/agenda/${workshop.agendaId}/export?format=${format}`, { headers: { cookie: staffCookie(staff.token) } });
		expect(response.status, format).toBe(200);
		const bytes = new Uint8Array(await response.arrayBuffer());
		// What the Word file says: the text of its body, without the markup (image ids differ per export).
		// (Bookmark names of the table of contents count up per export; they are not content either.)
		if (format === 'docx')
			result[format] = unzip(bytes)
				.get('word/document.xml')!
				.toString('utf8')
				.replace(/<[^>]+>/g, ' ')
				.replace(/_Toc\d+/g, '_Toc');
		else if (format === 'pdf') {
			const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-pdf-')), 'agenda.pdf');
			fs.writeFileSync(file, bytes);
			result[format] = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		} else result[format] = Buffer.from(bytes).toString('utf8').replace(/"generatedAt": "[^"]*"/, '"generatedAt": "…"');
	}
	return result;
}

/** A fresh hand-made client for one attack: it syncs, writes, and must be closed with 4422. */
async function attack(label: string, mutate: (doc: Y.Doc) => void): Promise<string> {
	const hostile = client(s.wsUrl, mallory.doc, mallory.token);
	await hostile.synced;
	mutate(hostile.doc);
	const closed = await hostile.closed;
	expect(closed.code, label).toBe(4422);
	return closed.reason;
}

beforeAll(async () => {
	s = await startServerWithOrigin();
	workshop = await createWorkshop(s.dataDir);
	staff = await staffAccount(s.dataDir, 'facilitator');
	anna = await participant('Anna');
	bob = await participant('Bob');
	mallory = await participant('Mallory');
	annaPhone = connectForSuite(anna);
	bobPhone = connectForSuite(bob);
	const laptop = connectForSuite({ token: staff.token, doc: anna.doc });
	await Promise.all([annaPhone.synced, bobPhone.synced, laptop.synced]);

	writeCard(annaPhone.doc, anna, ANNA_CARD);
	writeCard(bobPhone.doc, bob, BOB_CARD);
	const proposed = proposeElement(annaPhone.doc, {
		name: 'Koffieochtend in het buurthuis',
		category: 'community_centre',
		layer: 'fysiek',
		targetGroups: ['ouderen'],
		place: { point: null, buurtCode: 'BU09350501' },
		facilityId: null,
		workshopId: workshop.workshopId,
		author: { id: anna.id, name: 'Anna', kind: 'participant' }
	});
	if (!proposed.ok) throw new Error(proposed.reason);
	elementId = proposed.id;
	await waitFor(() => cardTexts(laptop.doc).length === 2 && elementsMap(laptop.doc).has(elementId), { what: 'the laptop has both cards' });
	ensureSynthesis(laptop.doc, 1).insert(0, SYNTHESIS);
	acceptElement(laptop.doc, elementId, staff.userId);
	const action = addAction(laptop.doc, {
		title: 'Huiskamer openen',
		themeId: 'fysieke-leefomgeving',
		list: 'extra',
		owner: 'Trajekt',
		amountEuros: 25_000,
		cardIds: listCards(laptop.doc).map((c) => c.id),
		createdBy: staff.userId
	});
	if (!action.ok) throw new Error(action.reason);
	actionId = action.id;
	await waitFor(
		() => [annaPhone, bobPhone].every((phone) => readSynthesis(phone.doc, 1) === SYNTHESIS && actionsMap(phone.doc).has(actionId) && elementsMap(phone.doc).get(elementId)?.get('status') === 'accepted'),
		{ what: 'the staff writes reach the phones' }
	);
	laptop.destroy();
});
afterAll(async () => {
	annaPhone?.destroy();
	bobPhone?.destroy();
	await s?.stop();
});

/** Connections that live for the whole file (the per-test cleanup would close them after the first test). */
function connectForSuite(who: { token: string; doc: string }): TestClient {
	return connectClientForSuite(s.wsUrl, who.doc, who.token);
}

describe('a hostile participant with a stock Yjs client', () => {
	test('every attack is refused with 4422, and phones and all five exports show nothing changed', async () => {
		const before = { anna: visible(annaPhone.doc), bob: visible(bobPhone.doc), exports: await exports() };
		expect(before.exports.md).toContain(ANNA_CARD);
		const annaCardId = listCards(annaPhone.doc).find((c) => c.text === ANNA_CARD)!.id;
		// The fixed numbers the exports print are on the agenda page too.
		const agendaPage = await (await fetch(`${s.url}/agenda/${workshop.agendaId}`, { headers: { cookie: staffCookie(staff.token) } })).text();
		for (const ref of ['K001', 'K002', 'A01']) {
			expect(before.exports.md, ref).toContain(ref);
			expect(agendaPage, ref).toContain(ref);
		}

		const annas = (doc: Y.Doc) => cardsMap(doc).get(annaCardId)!;

		const reasons = {
			rewrite: await attack('rewrite', (doc) => annas(doc).set('text', 'Anna wil juist minder voor ouderen')),
			delete: await attack('delete', (doc) => cardsMap(doc).delete(annaCardId)),
			moveQuestion: await attack('move to another question', (doc) => annas(doc).set('questionNumber', 8)),
			moveWorkshop: await attack('move to another workshop', (doc) => annas(doc).set('workshopId', 'anderebijeenkomst')),
			reauthor: await attack('re-author', (doc) => annas(doc).set('authorId', mallory.id)),
			stuffing: await attack('+1 stuffing', (doc) => {
				const plusOnes = annas(doc).get('plusOnes') as Y.Map<boolean>;
				doc.transact(() => {
					for (const id of [anna.id, bob.id, ...Array.from({ length: 201 }, (_, i) => `nep${i}`)]) plusOnes.set(id, true);
				});
			}),
			asStaff: await attack('a card posing as staff', (doc) => writeCard(doc, { ...mallory, name: 'Gemeente Maastricht', kind: 'staff' }, 'Besloten: het buurthuis sluit.')),
			synthesis: await attack('rewrite the synthesis', (doc) => {
				const text = doc.getMap('syntheses').get('1') as Y.Text;
				text.delete(0, text.length);
				text.insert(0, 'Iedereen is tevreden.');
			}),
			action: await attack('rewrite an action', (doc) => {
				const action = actionsMap(doc).get(actionId)!;
				doc.transact(() => {
					action.set('owner', 'Mallory BV');
					action.set('amountEuros', 99_999_999);
				});
			}),
			unaccept: await attack('un-accept an element', (doc) => elementsMap(doc).get(elementId)!.set('status', 'proposed')),
			fakeAccepted: await attack('a fake accepted element', (doc) =>
				doc.transact(() => {
					const result = proposeElement(doc, {
					name: 'Nepbuurthuis',
					category: 'community_centre',
					layer: 'fysiek',
					targetGroups: [],
					place: { point: null, buurtCode: 'BU09350501' },
					facilityId: null,
					workshopId: workshop.workshopId,
						author: { id: mallory.id, name: 'Mallory', kind: 'participant' }
					});
					if (result.ok) acceptElement(doc, result.id, mallory.id);
				})
			)
		};
		// The close reason names the rule, for the honest client and the log.
		expect(reasons).toMatchObject({
			rewrite: 'update refused: not-author',
			delete: 'update refused: not-author',
			reauthor: 'update refused: not-author',
			stuffing: 'update refused: not-author',
			asStaff: 'update refused: forged-author',
			synthesis: 'update refused: staff-only',
			action: 'update refused: staff-only',
			unaccept: 'update refused: staff-only',
			fakeAccepted: 'update refused: staff-only'
		});

		expect(visible(annaPhone.doc)).toEqual(before.anna);
		expect(visible(bobPhone.doc)).toEqual(before.bob);
		const after = await exports();
		for (const format of Object.keys(before.exports)) expect(after[format], format).toBe(before.exports[format]);
		expect(s.output()).toMatch(/sync: closing connection.*4422.*not-author/);
		// An honest write after all of it still flows, so the phones are live, not just stale.
		writeCard(bobPhone.doc, bob, 'Nog een kaart van Bob');
		await waitFor(() => cardTexts(annaPhone.doc).includes('Nog een kaart van Bob'), { what: "Anna sees Bob's new card" });
		bobPhone.doc.transact(() => cardsMap(bobPhone.doc).delete(listCards(bobPhone.doc).find((c) => c.text === 'Nog een kaart van Bob')!.id));
		await waitFor(() => cardTexts(annaPhone.doc).length === 2, { what: "Bob's card gone again" });

	}, 120_000);

	test('honest flows pass: offline cards, an edit and a delete sync later; a +1 toggles; staff edit the synthesis while cards arrive', async () => {
		const phone = client(s.wsUrl, bob.doc, bob.token);
		const laptop = client(s.wsUrl, anna.doc, staff.token);
		await Promise.all([phone.synced, laptop.synced]);
		phone.provider.disconnect();
		const first = writeCard(phone.doc, bob, 'Offline geschreven: een moestuin');
		const second = writeCard(phone.doc, bob, 'Offline en weer weggehaald');
		editCard(phone.doc, first, bob.id, { text: 'Offline geschreven: een moestuin bij de school' });
		cardsMap(phone.doc).delete(second);
		togglePlusOne(phone.doc, listCards(phone.doc).find((c) => c.text === ANNA_CARD)!.id, bob.id);
		ensureSynthesis(laptop.doc, 2).insert(0, 'Tweede vraag: wat nodig is.');
		phone.provider.connect();
		await waitFor(
			() =>
				cardTexts(annaPhone.doc).includes('Offline geschreven: een moestuin bij de school') &&
				listCards(annaPhone.doc).find((c) => c.text === ANNA_CARD)?.plusOnes.includes(bob.id) &&
				readSynthesis(annaPhone.doc, 2) === 'Tweede vraag: wat nodig is.',
			{ what: 'the offline work and the synthesis reach Anna' }
		);
		expect(cardTexts(annaPhone.doc)).not.toContain('Offline en weer weggehaald');
		// The phone is still connected: nothing was refused.
		expect(phone.provider.wsconnected).toBe(true);
		// Clean up for the next test: Bob takes his card and +1 away again.
		cardsMap(phone.doc).delete(first);
		togglePlusOne(phone.doc, listCards(phone.doc).find((c) => c.text === ANNA_CARD)!.id, bob.id);
		await waitFor(() => cardTexts(annaPhone.doc).length === 2 && listCards(annaPhone.doc).every((c) => c.plusOnes.length === 0), { what: 'back to two cards' });
	});

	test('re-author, then "vergeet mij": only his own words go, in the live doc, the closing version and the raw database and WAL files', async () => {
		const hostile = client(s.wsUrl, mallory.doc, mallory.token);
		await hostile.synced;
		writeCard(hostile.doc, mallory, MALLORY_CARD);
		await waitFor(() => cardTexts(annaPhone.doc).includes(MALLORY_CARD), { what: "Mallory's own card arrives" });
		// He sets his id on everything else: refused, on its own socket.
		const reason = await attack('re-author everything', (doc) =>
			doc.transact(() => {
				for (const map of [...cardsMap(doc).values(), ...elementsMap(doc).values(), ...actionsMap(doc).values()]) {
					if (map.get('authorId') !== mallory.id) map.set(map.has('createdBy') ? 'createdBy' : 'authorId', mallory.id);
				}
			})
		);
		expect(reason).toBe('update refused: not-author');

		// The workshop closes: a named version is taken, with everyone's cards in it.
		const closed = await apiPost(s, `/api/workshops/${workshop.workshopId}/close`, { cookie: staffCookie(staff.token) });
		expect(closed.status).toBe(200);

		const forgotten = await apiPost(s, '/api/me/forget', { bearer: mallory.token });
		expect(forgotten.status).toBe(200);
		const fresh = client(s.wsUrl, anna.doc, staff.token);
		await fresh.synced;
		expect(cardTexts(fresh.doc)).toEqual([BOB_CARD, ANNA_CARD].sort());
		expect(readSynthesis(fresh.doc, 1)).toBe(SYNTHESIS);
		expect(actionsMap(fresh.doc).get(actionId)?.get('owner')).toBe('Trajekt');
		expect(elementsMap(fresh.doc).get(elementId)?.get('status')).toBe('accepted');

		// The version taken at closing keeps Anna's and Bob's words and loses only his.
		const versionPage = await (await fetch(`${s.url}/agenda/${workshop.agendaId}`, { headers: { cookie: staffCookie(staff.token) } })).text();
		const versionId = new RegExp(`/agenda/${workshop.agendaId}/versies/([a-z0-9]+)`).exec(versionPage)?.[1];
		expect(versionId).toBeTruthy();
		const version = await (await fetch(`${s.url}/agenda/${workshop.agendaId}/versies/${versionId}`, { headers: { cookie: staffCookie(staff.token) } })).text();
		expect(version).toContain('Een huiskamer voor ouderen in Heugem');
		expect(version).toContain('Meer bankjes langs de Maas');
		expect(version).not.toContain('Mallory zijn eigen kaart');

		// The raw files: the database and its write-ahead log hold his card nowhere, and theirs still.
		await s.stop();
		const files = fs.readdirSync(s.dataDir).filter((name) => name.startsWith('wijktafel.sqlite'));
		const bytes = Buffer.concat(files.map((name) => fs.readFileSync(path.join(s.dataDir, name))));
		expect(bytes.includes(Buffer.from('mal-9x1'))).toBe(false);
		expect(bytes.includes(Buffer.from('anna-7q2'))).toBe(true);
		expect(bytes.includes(Buffer.from('bob-4k9'))).toBe(true);
		s = await startServerWithOrigin({ dataDir: s.dataDir });
	});
});
