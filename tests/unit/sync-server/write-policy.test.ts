/**
 * The write policy on real Yjs updates: an honest client's writes pass, every hand-made attack is
 * refused with its reason. A "room" here is a server doc that applies only what the policy lets
 * through, and clients that sync from it, as the sync server does.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createWritePolicy, type Verdict, type Writer } from '../../../server/sync/write-policy.ts';
import { addCard, cardsMap, deleteCard, editCard, ensureSynthesis, listCards, readSynthesis, togglePlusOne } from '../../../src/lib/sync/agenda-schema.ts';
import { addAction, actionsMap, editAction } from '../../../src/lib/sync/actions-schema.ts';
import { acceptElement, elementsMap, proposeElement, removeOwnElement, returnToProposed, suggestCorrection } from '../../../src/lib/sync/elements-schema.ts';
import { addKeyword, removeKeyword, setCardKind } from '../../../src/lib/sync/steps-schema.ts';

const AGENDA = 'agenda-agendaid0001';
const WORKSHOP = 'workshop0001';
const anna: Writer = { kind: 'participant', id: 'participantanna1', name: 'Anna', workshopId: WORKSHOP, agendaId: 'agendaid0001' };
const bob: Writer = { kind: 'participant', id: 'participantbob01', name: 'Bob', workshopId: WORKSHOP, agendaId: 'agendaid0001' };
const staff: Writer = { kind: 'staff', id: 'staffuser000001', role: 'facilitator' };

class Room {
	readonly doc = new Y.Doc();
	synthesisOpen = false;
	readonly policy = createWritePolicy({
		participantsMaySynthesise: () => this.synthesisOpen,
		workshopFeedsAgenda: (workshopId) => workshopId === WORKSHOP
	});

	client(): Y.Doc {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.doc));
		return doc;
	}

	/** What the sync server does with one update from `writer`. */
	receive(update: Uint8Array, writer: Writer, docName = AGENDA): Verdict {
		const verdict = this.policy.check(docName, this.doc, update, writer);
		if (verdict.ok) Y.applyUpdate(this.doc, update);
		return verdict;
	}

	/** Runs `mutate` on a client doc and sends the one update it makes. */
	write(client: Y.Doc, writer: Writer, mutate: (doc: Y.Doc) => void): Verdict {
		const before = Y.encodeStateVector(client);
		mutate(client);
		return this.receive(Y.encodeStateAsUpdate(client, before), writer);
	}
}

const card = (author: Writer, text = 'Meer bankjes in het park', extra: { questionNumber?: number; workshopId?: string } = {}) => ({
	questionNumber: extra.questionNumber ?? 1,
	text,
	workshopId: extra.workshopId ?? WORKSHOP,
	author: { id: author.id, name: author.kind === 'participant' ? author.name : 'Begeleider', kind: author.kind === 'staff' ? ('staff' as const) : ('participant' as const) }
});

/** Accepted, and it really changed something (an empty update is accepted too, but proves nothing). */
function accepted(verdict: Verdict) {
	expect(verdict).toMatchObject({ ok: true, empty: false });
}

function refused(verdict: Verdict, reason: string) {
	expect(verdict.ok ? 'accepted' : verdict.reason).toBe(reason);
}

function roomWithAnnasCard(): { room: Room; cardId: string } {
	const room = new Room();
	const client = room.client();
	let cardId = '';
	accepted(room.write(client, anna, (doc) => (cardId = (addCard(doc, card(anna)) as { id: string }).id)));
	return { room, cardId };
}

describe('cards', () => {
	test('an honest participant creates, edits and deletes their own card and toggles their +1', () => {
		const { room, cardId } = roomWithAnnasCard();
		const phone = room.client();
		accepted(room.write(phone, anna, (doc) => editCard(doc, cardId, anna.id, { text: 'Meer bankjes langs de Maas', themes: ['fysieke-leefomgeving'] })));
		accepted(room.write(phone, anna, (doc) => togglePlusOne(doc, cardId, anna.id)));
		accepted(room.write(phone, anna, (doc) => togglePlusOne(doc, cardId, anna.id)));
		const bobs = room.client();
		accepted(room.write(bobs, bob, (doc) => togglePlusOne(doc, cardId, bob.id)));
		expect(listCards(room.doc)[0]).toMatchObject({ text: 'Meer bankjes langs de Maas', plusOnes: [bob.id] });
		accepted(room.write(room.client(), anna, (doc) => deleteCard(doc, cardId, anna.id)));
		expect(listCards(room.doc)).toEqual([]);
	});

	test('offline work sent later in one update passes: three cards, an edit and a delete', () => {
		const room = new Room();
		const phone = room.client();
		const before = Y.encodeStateVector(phone);
		const ids = [1, 2, 3].map((n) => (addCard(phone, card(anna, `Kaart ${n} zonder netwerk`)) as { id: string }).id);
		editCard(phone, ids[0], anna.id, { text: 'Kaart 1, verbeterd' });
		deleteCard(phone, ids[2], anna.id);
		accepted(room.receive(Y.encodeStateAsUpdate(phone, before), anna));
		expect(listCards(room.doc).map((c) => c.text).sort()).toEqual(['Kaart 1, verbeterd', 'Kaart 2 zonder netwerk']);
		// A reconnect resends everything: nothing new, nothing refused.
		expect(room.receive(Y.encodeStateAsUpdate(phone), anna)).toMatchObject({ ok: true, empty: true });
	});

	test("nobody rewrites, deletes, moves or re-authors another's card", () => {
		const { room, cardId } = roomWithAnnasCard();
		const mallory = room.client();
		const mine = (doc: Y.Doc) => cardsMap(doc).get(cardId)!;
		refused(room.write(room.client(), bob, (doc) => mine(doc).set('text', 'Anna vindt bankjes onzin')), 'not-author');
		refused(room.write(room.client(), bob, (doc) => cardsMap(doc).delete(cardId)), 'not-author');
		refused(room.write(room.client(), bob, (doc) => mine(doc).set('questionNumber', 5)), 'not-author');
		refused(room.write(room.client(), bob, (doc) => mine(doc).set('workshopId', 'otherworkshop1')), 'not-author');
		refused(room.write(room.client(), bob, (doc) => mine(doc).set('authorId', bob.id)), 'not-author');
		// Staff moderate by hiding, never by changing words.
		refused(room.write(room.client(), staff, (doc) => mine(doc).set('text', 'door de gemeente aangepast')), 'immutable-field');
		// Not even the author moves their card or changes who wrote it.
		refused(room.write(room.client(), anna, (doc) => mine(doc).set('questionNumber', 5)), 'immutable-field');
		refused(room.write(room.client(), anna, (doc) => mine(doc).set('authorName', 'Gemeente Maastricht')), 'immutable-field');
		// A new value at the card's key replaces it: that is a delete of Anna's card too.
		refused(
			room.write(mallory, bob, (doc) => {
				const forged = new Y.Map<unknown>();
				cardsMap(doc).set(cardId, forged);
			}),
			'not-author'
		);
		expect(listCards(room.doc)[0]).toMatchObject({ id: cardId, text: 'Meer bankjes in het park', authorId: anna.id, questionNumber: 1 });
	});

	test('a card is created only as the writer: forged author, kind, name or workshop are refused', () => {
		const room = new Room();
		refused(room.write(room.client(), bob, (doc) => addCard(doc, card(anna))), 'forged-author');
		refused(room.write(room.client(), bob, (doc) => addCard(doc, { ...card(bob), author: { id: bob.id, name: 'Bob', kind: 'staff' } })), 'forged-author');
		refused(room.write(room.client(), bob, (doc) => addCard(doc, { ...card(bob), author: { id: bob.id, name: 'Gemeente Maastricht', kind: 'participant' } })), 'forged-author');
		refused(room.write(room.client(), bob, (doc) => addCard(doc, card(bob, 'elders', { workshopId: 'otherworkshop1' }))), 'forged-author');
		// Staff post as themselves, in a workshop of this agenda.
		accepted(room.write(room.client(), staff, (doc) => addCard(doc, card(staff, 'Vraag van de gemeente'))));
		refused(room.write(room.client(), staff, (doc) => addCard(doc, card(staff, 'elders', { workshopId: 'otherworkshop1' }))), 'forged-author');
	});

	test('+1s: only your own key, so no stuffing with other ids', () => {
		const { room, cardId } = roomWithAnnasCard();
		const plusOnes = (doc: Y.Doc) => cardsMap(doc).get(cardId)!.get('plusOnes') as Y.Map<boolean>;
		refused(
			room.write(room.client(), bob, (doc) => {
				for (let i = 0; i < 203; i++) plusOnes(doc).set(`fake${i}`, true);
			}),
			'not-author'
		);
		refused(room.write(room.client(), bob, (doc) => plusOnes(doc).set(anna.id, true)), 'not-author');
		accepted(room.write(room.client(), anna, (doc) => togglePlusOne(doc, cardId, anna.id)));
		refused(room.write(room.client(), bob, (doc) => plusOnes(doc).delete(anna.id)), 'not-author');
		refused(room.write(room.client(), bob, (doc) => cardsMap(doc).get(cardId)!.set('plusOnes', new Y.Map())), 'not-author');
		refused(room.write(room.client(), bob, (doc) => plusOnes(doc).set(bob.id, 'ja' as unknown as boolean)), 'bad-value');
		expect(listCards(room.doc)[0].plusOnes).toEqual([anna.id]);
	});

	test('a card kind (questions 5 and 6) is set by its author or staff, and must fit the question', () => {
		const room = new Room();
		let cardId = '';
		room.write(room.client(), anna, (doc) => (cardId = (addCard(doc, card(anna, 'Nieuwe woonwijk', { questionNumber: 5 })) as { id: string }).id));
		accepted(room.write(room.client(), anna, (doc) => setCardKind(doc, cardId, 'nodig', { id: anna.id, kind: 'participant' })));
		accepted(room.write(room.client(), staff, (doc) => setCardKind(doc, cardId, 'wenselijk', { id: staff.id, kind: 'staff' })));
		refused(room.write(room.client(), bob, (doc) => cardsMap(doc).get(cardId)!.set('kind', 'nodig')), 'not-author');
		refused(room.write(room.client(), anna, (doc) => cardsMap(doc).get(cardId)!.set('kind', 'overlap')), 'bad-value');
	});
});

describe('text rules, on the server', () => {
	const write = (text: string) => {
		const room = new Room();
		return room.write(room.client(), anna, (doc) => {
			const map = new Y.Map<unknown>();
			for (const [key, value] of Object.entries({ id: 'cardtext000001', questionNumber: 1, text, themes: [], authorId: anna.id, authorName: 'Anna', authorKind: 'participant', workshopId: WORKSHOP, createdAt: Date.now() })) {
				map.set(key, value);
			}
			map.set('plusOnes', new Y.Map());
			cardsMap(doc).set('cardtext000001', map);
		});
	};
	test('280 characters as people count them pass; 281 do not', () => {
		accepted(write('👍🏽'.repeat(280)));
		accepted(write('é'.repeat(280)));
		refused(write('a'.repeat(281)), 'text-rules');
		refused(write('x'.repeat(500_000)), 'text-rules');
	});
	test('control characters, U+FFFE/U+FFFF, bidi overrides and empty-looking cards are refused', () => {
		accepted(write('Twee regels\nis goed'));
		for (const bad of ['bel\u0007', 'tab\tin', 'nul\u0000', 'niet\uFFFE', 'niet\uFFFF', 'omgedraaid \u202Etekst', 'isolaat \u2066x\u2069', '\u200B\u200B \u2060', '   ']) {
			refused(write(bad), 'text-rules');
		}
	});
});

describe('staff regions', () => {
	test('syntheses: staff write them; participants only while the facilitator opened them', () => {
		const room = new Room();
		accepted(room.write(room.client(), staff, (doc) => ensureSynthesis(doc, 1).insert(0, 'Samen: meer ontmoeting.')));
		refused(room.write(room.client(), anna, (doc) => ensureSynthesis(doc, 1).insert(0, 'Onzin. ')), 'staff-only');
		refused(room.write(room.client(), anna, (doc) => ensureSynthesis(doc, 1).delete(0, 5)), 'staff-only');
		room.synthesisOpen = true;
		accepted(room.write(room.client(), anna, (doc) => ensureSynthesis(doc, 1).insert(23, ' En bankjes.')));
		// Even when open, a participant may not replace the whole text.
		refused(room.write(room.client(), anna, (doc) => doc.getMap('syntheses').set('1', new Y.Text('weg ermee'))), 'staff-only');
		expect(readSynthesis(room.doc, 1)).toBe('Samen: meer ontmoeting. En bankjes.');
	});

	test('a synthesis may be pasted over whole, up to 20,000 characters; longer is refused', () => {
		const room = new Room();
		const long = 'Een lange samenvatting. '.repeat(800).slice(0, 18_000);
		accepted(room.write(room.client(), staff, (doc) => ensureSynthesis(doc, 4).insert(0, long)));
		accepted(
			room.write(room.client(), staff, (doc) => {
				const text = ensureSynthesis(doc, 4);
				doc.transact(() => {
					text.delete(0, text.length);
					text.insert(0, long.toUpperCase());
				});
			})
		);
		refused(room.write(room.client(), staff, (doc) => ensureSynthesis(doc, 4).insert(0, 'x'.repeat(2_001))), 'text-rules');
		expect(readSynthesis(room.doc, 4)).toBe(long.toUpperCase());
	});

	test('a staff member edits a synthesis while participants write cards; both land', () => {
		const room = new Room();
		const laptop = room.client();
		const phone = room.client();
		const staffBefore = Y.encodeStateVector(laptop);
		ensureSynthesis(laptop, 2).insert(0, 'Wat we horen: eenzaamheid.');
		const phoneBefore = Y.encodeStateVector(phone);
		addCard(phone, card(anna, 'Een koffieochtend in de wijk'));
		accepted(room.receive(Y.encodeStateAsUpdate(phone, phoneBefore), anna));
		accepted(room.receive(Y.encodeStateAsUpdate(laptop, staffBefore), staff));
		expect(readSynthesis(room.doc, 2)).toBe('Wat we horen: eenzaamheid.');
		expect(listCards(room.doc)).toHaveLength(1);
	});

	test("actions are staff's: participants cannot add, change owner or amount, or delete one", () => {
		const room = new Room();
		let actionId = '';
		expect(
			room.write(room.client(), staff, (doc) => {
				actionId = (addAction(doc, { title: 'Bankjes plaatsen', themeId: 'fysieke-leefomgeving', list: 'extra', owner: 'Gemeente', amountEuros: 12_000, createdBy: staff.id }) as { id: string }).id;
			}).ok
		).toBe(true);
		const action = (doc: Y.Doc) => actionsMap(doc).get(actionId)!;
		refused(room.write(room.client(), anna, (doc) => action(doc).set('amountEuros', 99_999_999)), 'staff-only');
		refused(room.write(room.client(), anna, (doc) => action(doc).set('owner', 'Mallory BV')), 'staff-only');
		refused(room.write(room.client(), anna, (doc) => actionsMap(doc).delete(actionId)), 'not-author');
		refused(room.write(room.client(), anna, (doc) => addAction(doc, { title: 'Nep', themeId: 'fysieke-leefomgeving', list: 'extra', createdBy: anna.id })), 'staff-only');
		accepted(room.write(room.client(), staff, (doc) => editAction(doc, actionId, { amountEuros: 15_000 })));
		refused(room.write(room.client(), staff, (doc) => action(doc).set('amountEuros', 'veel' as unknown as number)), 'text-rules');
		expect(action(room.doc).get('amountEuros')).toBe(15_000);
	});

	test('elements: participants propose; only staff accept; a participant cannot un-accept or add an accepted one', () => {
		const room = new Room();
		const element = (author: Writer) => ({
			name: 'Koffieochtend Heugem',
			category: 'community_centre' as const,
			layer: 'fysiek' as const,
			targetGroups: ['ouderen' as const],
			place: { point: null, buurtCode: 'BU09350501' },
			facilityId: null,
			workshopId: WORKSHOP,
			author: { id: author.id, name: author.kind === 'participant' ? author.name : 'Begeleider', kind: author.kind === 'staff' ? ('staff' as const) : ('participant' as const) }
		});
		let elementId = '';
		accepted(room.write(room.client(), anna, (doc) => (elementId = (proposeElement(doc, element(anna)) as { id: string }).id)));
		refused(room.write(room.client(), anna, (doc) => acceptElement(doc, elementId, anna.id)), 'staff-only');
		accepted(room.write(room.client(), staff, (doc) => acceptElement(doc, elementId, staff.id)));
		refused(room.write(room.client(), bob, (doc) => returnToProposed(doc, elementId)), 'staff-only');
		refused(room.write(room.client(), anna, (doc) => elementsMap(doc).delete(elementId)), 'not-author');
		refused(
			room.write(room.client(), bob, (doc) => {
				const result = proposeElement(doc, element(bob));
				if (result.ok) acceptElement(doc, result.id, bob.id);
			}),
			'staff-only'
		);
		expect(elementsMap(room.doc).get(elementId)!.get('status')).toBe('accepted');
	});

	test("removing your own proposal takes others' corrections about it along, and nothing else", () => {
		const room = new Room();
		const element = { name: 'Buurttuin', category: 'community_centre' as const, layer: 'fysiek' as const, targetGroups: [], place: { point: null, buurtCode: 'BU09350501' }, facilityId: null, workshopId: WORKSHOP, author: { id: anna.id, name: 'Anna', kind: 'participant' as const } };
		let elementId = '';
		room.write(room.client(), anna, (doc) => (elementId = (proposeElement(doc, element) as { id: string }).id));
		accepted(room.write(room.client(), bob, (doc) => suggestCorrection(doc, { target: { kind: 'element', id: elementId }, text: 'Alleen op zaterdag', workshopId: WORKSHOP, author: { id: bob.id, name: 'Bob', kind: 'participant' } })));
		accepted(room.write(room.client(), anna, (doc) => removeOwnElement(doc, elementId, anna.id)));
	});

	test('keywords: your own only; staff may remove any', () => {
		const room = new Room();
		let keywordId = '';
		accepted(room.write(room.client(), anna, (doc) => (keywordId = (addKeyword(doc, { text: 'veel groen', workshopId: WORKSHOP, author: { id: anna.id, name: 'Anna', kind: 'participant' } }) as { id: string }).id)));
		refused(room.write(room.client(), bob, (doc) => removeKeyword(doc, keywordId, anna.id)), 'not-author');
		accepted(room.write(room.client(), staff, (doc) => removeKeyword(doc, keywordId, staff.id, true)));
	});

	test('unknown root keys, other shapes and unsupported content are refused', () => {
		const room = new Room();
		refused(room.write(room.client(), anna, (doc) => doc.getMap('bench').set('x', 1)), 'unknown-root');
		refused(room.write(room.client(), anna, (doc) => doc.getArray('cards').push(['los'])), 'malformed');
		refused(room.write(room.client(), staff, (doc) => ensureSynthesis(doc, 3).insert(0, 'vet', { bold: true })), 'unsupported-content');
		refused(room.write(room.client(), staff, (doc) => doc.getMap('syntheses').set('9', new Y.Text('negen'))), 'bad-value');
	});
});

describe('incomplete updates', () => {
	test('an update whose earlier part never arrived is a gap, never held', () => {
		const room = new Room();
		const phone = room.client();
		addCard(phone, card(anna, 'eerste'));
		const afterFirst = Y.encodeStateVector(phone);
		addCard(phone, card(anna, 'tweede'));
		refused(room.receive(Y.encodeStateAsUpdate(phone, afterFirst), anna), 'gap');
		expect(room.doc.store.pendingStructs).toBeNull();
		// The whole state is fine.
		accepted(room.receive(Y.encodeStateAsUpdate(phone), anna));
	});

	test('a delete of content the server never had is a gap', () => {
		const room = new Room();
		const phone = room.client();
		addCard(phone, card(anna, 'nooit verstuurd'));
		const sent = Y.encodeStateVector(phone);
		cardsMap(phone).clear();
		const onlyTheDelete = Y.encodeStateAsUpdate(phone, sent);
		refused(room.receive(onlyTheDelete, anna), 'gap');
	});

	test('the workshop doc is staff-only and knows its root keys', () => {
		const room = new Room();
		const workshop = new Y.Doc();
		workshop.getMap('state').set('currentQuestion', 2);
		accepted(room.policy.check('workshop-workshop0001', new Y.Doc(), Y.encodeStateAsUpdate(workshop), staff));
		refused(room.policy.check('workshop-workshop0001', new Y.Doc(), Y.encodeStateAsUpdate(workshop), anna), 'staff-only');
		const odd = new Y.Doc();
		odd.getMap('anything').set('x', 1);
		refused(room.policy.check('workshop-workshop0001', new Y.Doc(), Y.encodeStateAsUpdate(odd), staff), 'unknown-root');
		refused(room.policy.check('tally-workshop0001', new Y.Doc(), Y.encodeStateAsUpdate(workshop), staff), 'staff-only');
	});
});
