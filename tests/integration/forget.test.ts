/**
 * "Vergeet mij": after a participant asks to be forgotten, their words are in no row of the database,
 * other people's work is intact, and a device that was offline during the forget cannot bring it back.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { join, type TestServer } from '../helpers/server.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { waitFor } from '../helpers/wait.ts';
import { ADMIN, ADMIN_ENV, apiPost, login, participantCookie, startServerWithOrigin } from '../helpers/staff.ts';
import { createWorkshopAsStaff, type CreatedWorkshop } from '../helpers/workshop-http.ts';
import { forgetInState, forgetUpdate, legacyPlan } from '../../src/lib/server/forget.ts';
import { addCard as addSchemaCard } from '../../src/lib/sync/agenda-schema.ts';

/** Every table, every row, every column: which hold these UTF-8 bytes? */
function rowsContaining(dataDir: string, needle: string): string[] {
	const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { readonly: true });
	const bytes = Buffer.from(needle, 'utf8');
	const hits: string[] = [];
	try {
		const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
		for (const { name } of tables) {
			for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate() as Iterable<Record<string, unknown>>) {
				for (const [column, value] of Object.entries(row)) {
					const found = Buffer.isBuffer(value) ? value.includes(bytes) : typeof value === 'string' && value.includes(needle);
					if (found) hits.push(`${name}.${column}`);
				}
			}
		}
	} finally {
		db.close();
	}
	return hits;
}

/** A card as the phone writes it (the write policy checks every field against who is connected). */
function addCard(doc: Y.Doc, id: string, text: string, author: { participantId: string; name: string; workshopId: string }) {
	const result = addSchemaCard(
		doc,
		{ questionNumber: 1, text, workshopId: author.workshopId, author: { id: author.participantId, name: author.name, kind: 'participant' } },
		Date.now(),
		id
	);
	if (!result.ok) throw new Error(result.reason);
}

const { client } = cleanedUpAfterEach();

describe('vergeet mij over HTTP', () => {
	let s: TestServer;
	let workshop: CreatedWorkshop;
	beforeAll(async () => {
		s = await startServerWithOrigin({ env: ADMIN_ENV });
		workshop = await createWorkshopAsStaff(s, await login(s, ADMIN.email, ADMIN.password));
	});
	afterAll(() => s.kill());

	test("after forget, the participant's card text is in no row of the database; others' work stays", async () => {
		const ALICE_CARD = 'Een jeu-de-boulesbaan aan de Maasboulevard (kaart-7f3k)';
		const ALICE_DELETED = 'Deze kaart haalde ik zelf weer weg (kaart-q9z2)';
		const ALICE_NAME = 'Alice Vergeetmij';
		const BOB_CARD = 'Meer bankjes in het Stadspark (kaart-b0b1)';
		const alice = await join(s, workshop.joinCode, { name: ALICE_NAME });
		const bob = await join(s, workshop.joinCode, { name: 'Bob' });
		const a = client(s.wsUrl, alice.agendaDoc, alice.token);
		const b = client(s.wsUrl, bob.agendaDoc, bob.token);
		// Bob's second phone: it goes offline before the forget and comes back after.
		const offline = client(s.wsUrl, bob.agendaDoc, bob.token);
		await Promise.all([a.synced, b.synced, offline.synced]);

		addCard(b.doc, 'card-bob', BOB_CARD, { participantId: bob.participantId, name: 'Bob', workshopId: workshop.workshopId });
		await waitFor(() => a.doc.getMap('cards').has('card-bob'), { what: "Alice sees Bob's card" });
		addCard(a.doc, 'card-alice', ALICE_CARD, { participantId: alice.participantId, name: ALICE_NAME, workshopId: workshop.workshopId });
		addCard(a.doc, 'card-alice-gone', ALICE_DELETED, { participantId: alice.participantId, name: ALICE_NAME, workshopId: workshop.workshopId });
		a.doc.getMap('cards').delete('card-alice-gone');
		// Alice's +1 on Bob's card is hers too.
		(a.doc.getMap<Y.Map<unknown>>('cards').get('card-bob')!.get('plusOnes') as Y.Map<boolean>).set(alice.participantId, true);
		const bobSees = (doc: Y.Doc) => {
			const bobCard = doc.getMap<Y.Map<unknown>>('cards').get('card-bob');
			return doc.getMap('cards').has('card-alice') && (bobCard?.get('plusOnes') as Y.Map<boolean> | undefined)?.get(alice.participantId) === true;
		};
		await waitFor(() => bobSees(b.doc) && bobSees(offline.doc), { what: "Alice's card and +1 everywhere" });
		offline.provider.disconnect();

		// A named version saved during the evening holds Alice's card too.
		const db = new Database(path.join(s.dataDir, 'wijktafel.sqlite'));
		db.prepare('INSERT INTO agenda_versions (id, agenda_id, name, state, created_by, created_at) VALUES (?, ?, ?, ?, NULL, ?)').run(
			'versiontest1',
			alice.agendaDoc.replace('agenda-', ''),
			'Na de avond in Heugem',
			Buffer.from(Y.encodeStateAsUpdate(b.doc)),
			Date.now()
		);
		db.close();
		expect(rowsContaining(s.dataDir, ALICE_CARD).length).toBeGreaterThan(0);
		expect(rowsContaining(s.dataDir, ALICE_DELETED).length).toBeGreaterThan(0);

		const response = await apiPost(s, '/api/me/forget', { bearer: alice.token });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ forgotten: true, docsRebuilt: expect.arrayContaining([alice.agendaDoc, 'version:versiontest1']) });

		// Connected clients are told to reload (4409); Alice's own socket ends one way or another.
		expect((await b.closed).code).toBe(4409);
		expect([4409, 4401]).toContain((await a.closed).code);

		for (const secret of [ALICE_CARD, ALICE_DELETED, ALICE_NAME]) expect(rowsContaining(s.dataDir, secret), secret).toEqual([]);
		// The search works: Bob's card is still stored.
		expect(rowsContaining(s.dataDir, BOB_CARD)).toContain('ydoc_snapshots.state');
		expect(rowsContaining(s.dataDir, BOB_CARD)).toContain('agenda_versions.state');

		// The offline phone comes back holding Alice's card: it must not resurrect it.
		offline.provider.connect();
		await waitFor(() => !offline.doc.getMap('cards').has('card-alice'), { what: 'the offline phone learns the deletion' });
		const fresh = client(s.wsUrl, bob.agendaDoc, bob.token);
		await fresh.synced;
		const cards = fresh.doc.getMap<Y.Map<unknown>>('cards');
		expect([...cards.keys()]).toEqual(['card-bob']);
		expect(cards.get('card-bob')!.get('text')).toBe(BOB_CARD);
		expect((cards.get('card-bob')!.get('plusOnes') as Y.Map<boolean>).toJSON()).toEqual({});
		for (const secret of [ALICE_CARD, ALICE_DELETED]) expect(rowsContaining(s.dataDir, secret), `${secret} after reconnect`).toEqual([]);

		// Alice is gone: her token no longer opens anything.
		expect((await apiPost(s, '/api/me/forget', { bearer: alice.token })).status).toBe(401);
		expect((await client(s.wsUrl, alice.agendaDoc, alice.token).closed).code).toBe(4401);
	});

	test("their rating and its free-text reason leave the tally doc and the database; others' ratings stay counted", async () => {
		const REASON = 'Te weinig licht bij de ingang (reden-zx81)';
		const facilityId = (() => {
			const db = new Database(path.join(s.dataDir, 'wijktafel.sqlite'), { readonly: true });
			try {
				return (db.prepare('SELECT id FROM facilities LIMIT 1').get() as { id: string }).id;
			} finally {
				db.close();
			}
		})();
		const rate = (token: string, rating: string, reason: string) =>
			fetch(`${s.url}/api/ballots`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ kind: 'rating', subject: `facility:${facilityId}`, value: { rating, reason } })
			});
		const dora = await join(s, workshop.joinCode, { name: 'Dora' });
		const eva = await join(s, workshop.joinCode, { name: 'Eva' });
		expect((await rate(dora.token, 'onder-druk', REASON)).status).toBe(200);
		expect((await rate(eva.token, 'goed', 'Fijne plek')).status).toBe(200);
		expect(rowsContaining(s.dataDir, REASON).length).toBeGreaterThan(0);

		expect((await apiPost(s, '/api/me/forget', { bearer: dora.token })).status).toBe(200);
		expect(rowsContaining(s.dataDir, REASON)).toEqual([]);
		const tally = client(s.wsUrl, `tally-${workshop.workshopId}`, eva.token);
		await tally.synced;
		const json = JSON.stringify(tally.doc.getMap('ratings').toJSON());
		expect(json).not.toContain('reden-zx81');
		expect(json).toContain('Fijne plek');
	});

	test('with the participant cookie, the request must come from our own origin', async () => {
		const carol = await join(s, workshop.joinCode, { name: 'Carol' });
		const cookie = participantCookie(carol.token);
		expect((await apiPost(s, '/api/me/forget', { cookie, origin: null })).status).toBe(403);
		expect((await apiPost(s, '/api/me/forget', { cookie, origin: 'https://evil.example' })).status).toBe(403);
		const response = await apiPost(s, '/api/me/forget', { cookie });
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie().some((c) => /^wijktafel_participant=;/.test(c))).toBe(true);
	});
});

describe('forgetUpdate (the generic rebuild rule, no server)', () => {
	const ME = 'participantme1';
	const OTHER = 'participantxx2';

	function docWithEverything(): Y.Doc {
		const doc = new Y.Doc();
		const cards = doc.getMap<Y.Map<unknown>>('cards');
		for (const [id, author] of [
			['c1', ME],
			['c2', OTHER]
		]) {
			const card = new Y.Map<unknown>();
			card.set('authorId', author);
			card.set('text', `tekst van ${author}`);
			const plusOnes = new Y.Map<boolean>();
			plusOnes.set(ME, true);
			plusOnes.set(OTHER, true);
			card.set('plusOnes', plusOnes);
			cards.set(id, card);
		}
		// Pins as plain JSON in an array, comments as Y.Maps in a nested Y.Array.
		doc.getArray('pins').push([{ authorId: ME, lat: 50.85 }, { authorId: OTHER, lat: 50.84 }]);
		const thread = new Y.Array<Y.Map<unknown>>();
		for (const author of [ME, OTHER]) {
			const comment = new Y.Map<unknown>();
			comment.set('authorId', author);
			thread.push([comment]);
		}
		doc.getMap('threads').set('t1', thread);
		// JSON with a nested per-participant entry.
		doc.getMap('dots').set('vote1', { [ME]: 3, [OTHER]: 2 });
		doc.getText('synthesis').insert(0, `samenvatting ${ME}`);
		return doc;
	}

	test('drops every entry they wrote and every key that is their id, at any depth, and nothing else', () => {
		const original = docWithEverything();
		const state = Y.encodeStateAsUpdate(original);
		const result = forgetUpdate(state, legacyPlan(ME));
		expect(result?.removed).toBe(5); // card c1, the +1 on c2 (c1's went with the card), pin, comment, dots entry
		const after = new Y.Doc();
		Y.applyUpdate(after, state);
		Y.applyUpdate(after, result!.update);
		expect(Object.keys(after.getMap('cards').toJSON())).toEqual(['c2']);
		expect(after.getMap('cards').toJSON().c2.plusOnes).toEqual({ [OTHER]: true });
		expect(after.getArray('pins').toJSON()).toEqual([{ authorId: OTHER, lat: 50.84 }]);
		expect(after.getMap('threads').toJSON().t1).toEqual([{ authorId: OTHER }]);
		expect(after.getMap('dots').toJSON().vote1).toEqual({ [OTHER]: 2 });
		// Shared text has no author: it stays.
		expect(after.getText('synthesis').toString()).toBe(`samenvatting ${ME}`);
	});

	test('the update is an ordinary deletion: applied to the original doc it gives the same result', () => {
		const original = docWithEverything();
		const result = forgetUpdate(Y.encodeStateAsUpdate(original), legacyPlan(ME))!;
		Y.applyUpdate(original, result.update);
		expect(Object.keys(original.getMap('cards').toJSON())).toEqual(['c2']);
		// And a second forget finds nothing more.
		expect(forgetUpdate(Y.encodeStateAsUpdate(original), legacyPlan(ME))).toBeNull();
	});

	test('nothing of theirs → null; forgetInState drops deleted content from a stored state', () => {
		const doc = new Y.Doc({ gc: false });
		doc.getMap('cards').set('x', 'een tekst die weg is');
		doc.getMap('cards').delete('x');
		const state = Y.encodeStateAsUpdate(doc);
		expect(Buffer.from(state).includes(Buffer.from('een tekst die weg is'))).toBe(true);
		expect(forgetUpdate(state, legacyPlan(ME))).toBeNull();
		const cleaned = forgetInState(state, legacyPlan(ME));
		expect(Buffer.from(cleaned.state).includes(Buffer.from('een tekst die weg is'))).toBe(false);
	});

	test("with the server's record, a forged authorId takes nobody else's words along", () => {
		const doc = docWithEverything();
		// c2 is OTHER's by the record, though someone wrote ME into its authorId; c1 is ME's by the record.
		doc.getMap<Y.Map<unknown>>('cards').get('c2')!.set('authorId', ME);
		const plan = { participantId: ME, entries: new Set(['cards/c1']), recorded: new Set(['cards/c1', 'cards/c2']) };
		const state = Y.encodeStateAsUpdate(doc);
		const result = forgetUpdate(state, plan)!;
		const after = new Y.Doc();
		Y.applyUpdate(after, state);
		Y.applyUpdate(after, result.update);
		expect(Object.keys(after.getMap('cards').toJSON())).toEqual(['c2']);
		expect(after.getMap('cards').toJSON().c2).toMatchObject({ text: `tekst van ${OTHER}`, plusOnes: { [OTHER]: true } });
	});
});
