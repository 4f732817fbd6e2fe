import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	CARD_TEXT_MAX,
	addCard,
	cardsMap,
	checkCardText,
	countCharacters,
	deleteCard,
	editCard,
	ensureSynthesis,
	ensureSyntheses,
	getCard,
	getSynthesis,
	listCards,
	readCard,
	readSynthesis,
	synthesesMap,
	togglePlusOne,
	togglePlusOneOfGroup
} from '../../../src/lib/sync/agenda-schema.ts';

const ana = { id: 'participantana01', name: 'Linde 12', kind: 'participant' as const };
const bo = { id: 'participantbo0001', name: 'Maas 40', kind: 'participant' as const };

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('cards', () => {
	test('a card is a Y.Map carrying every field, authorId included', () => {
		const doc = new Y.Doc();
		const result = addCard(doc, { questionNumber: 2, text: '  Een plek voor jongeren  ', themes: ['ontmoeten-eenzaamheid'], workshopId: 'workshop0001', author: ana }, 1000, 'card000000000001');
		expect(result).toEqual({ ok: true, id: 'card000000000001' });
		const map = cardsMap(doc).get('card000000000001');
		expect(map).toBeInstanceOf(Y.Map);
		expect(map!.get('authorId')).toBe(ana.id);
		expect(map!.get('plusOnes')).toBeInstanceOf(Y.Map);
		expect(getCard(doc, 'card000000000001')).toEqual({
			id: 'card000000000001',
			questionNumber: 2,
			text: 'Een plek voor jongeren',
			themes: ['ontmoeten-eenzaamheid'],
			authorId: ana.id,
			authorName: 'Linde 12',
			authorKind: 'participant',
			workshopId: 'workshop0001',
			createdAt: 1000,
			plusOnes: []
		});
	});

	test('text is checked: not empty, at most 280 characters counted as people count them', () => {
		expect(checkCardText('   ')).toEqual({ ok: false, reason: 'empty' });
		expect(checkCardText('a'.repeat(CARD_TEXT_MAX)).ok).toBe(true);
		expect(checkCardText('a'.repeat(CARD_TEXT_MAX + 1))).toEqual({ ok: false, reason: 'too-long' });
		expect(countCharacters('👍🏽 ok')).toBe(4);
		expect(checkCardText('😀'.repeat(CARD_TEXT_MAX)).ok).toBe(true);
		const doc = new Y.Doc();
		expect(addCard(doc, { questionNumber: 1, text: '', workshopId: 'w', author: ana })).toEqual({ ok: false, reason: 'empty' });
		expect(cardsMap(doc).size).toBe(0);
	});

	test('unknown questions and themes are refused', () => {
		const doc = new Y.Doc();
		expect(addCard(doc, { questionNumber: 9, text: 'x', workshopId: 'w', author: ana })).toEqual({ ok: false, reason: 'unknown-question' });
		expect(addCard(doc, { questionNumber: 1, text: 'x', themes: ['nope'], workshopId: 'w', author: ana })).toEqual({ ok: false, reason: 'unknown-theme' });
		expect(
			addCard(doc, { questionNumber: 1, text: 'x', themes: ['cultuur', 'sport-bewegen', 'pedagogische-basis', 'mantelzorg-informele-zorg'], workshopId: 'w', author: ana })
		).toEqual({ ok: false, reason: 'too-many-themes' });
	});

	test('only the author edits or deletes a card', () => {
		const doc = new Y.Doc();
		const added = addCard(doc, { questionNumber: 1, text: 'Oud', workshopId: 'w', author: ana });
		if (!added.ok) throw new Error('not added');
		expect(editCard(doc, added.id, bo.id, { text: 'Nieuw' })).toEqual({ ok: false, reason: 'not-author' });
		expect(editCard(doc, added.id, ana.id, { text: 'Nieuw', themes: ['cultuur'] })).toEqual({ ok: true, id: added.id });
		expect(getCard(doc, added.id)).toMatchObject({ text: 'Nieuw', themes: ['cultuur'] });
		expect(editCard(doc, added.id, ana.id, { text: 'x'.repeat(281) })).toEqual({ ok: false, reason: 'too-long' });
		expect(deleteCard(doc, added.id, bo.id)).toEqual({ ok: false, reason: 'not-author' });
		expect(deleteCard(doc, added.id, ana.id)).toEqual({ ok: true, id: added.id });
		expect(getCard(doc, added.id)).toBeNull();
		expect(deleteCard(doc, added.id, ana.id)).toEqual({ ok: false, reason: 'not-found' });
	});

	test('+1 toggles per participant and merges between clients', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const added = addCard(a, { questionNumber: 1, text: 'Bankjes in het park', workshopId: 'w', author: ana });
		if (!added.ok) throw new Error('not added');
		sync(a, b);
		expect(togglePlusOne(a, added.id, ana.id)).toEqual({ ok: true, plusOne: true });
		expect(togglePlusOne(b, added.id, bo.id)).toEqual({ ok: true, plusOne: true });
		sync(a, b);
		expect(getCard(a, added.id)!.plusOnes.sort()).toEqual([ana.id, bo.id].sort());
		expect(togglePlusOne(b, added.id, bo.id)).toEqual({ ok: true, plusOne: false });
		sync(a, b);
		expect(getCard(a, added.id)!.plusOnes).toEqual([ana.id]);
		expect(togglePlusOne(a, 'missing', ana.id)).toEqual({ ok: false, reason: 'not-found' });
	});

	test('list filters by workshop and question, oldest first', () => {
		const doc = new Y.Doc();
		addCard(doc, { questionNumber: 1, text: 'tweede', workshopId: 'w1', author: ana }, 20, 'b');
		addCard(doc, { questionNumber: 1, text: 'eerste', workshopId: 'w1', author: bo }, 10, 'a');
		addCard(doc, { questionNumber: 2, text: 'andere vraag', workshopId: 'w1', author: ana }, 5, 'c');
		addCard(doc, { questionNumber: 1, text: 'andere avond', workshopId: 'w2', author: ana }, 1, 'd');
		expect(listCards(doc, { workshopId: 'w1', questionNumber: 1 }).map((c) => c.text)).toEqual(['eerste', 'tweede']);
		expect(listCards(doc).map((c) => c.id)).toEqual(['d', 'c', 'a', 'b']);
	});

	test('malformed maps are skipped, not trusted', () => {
		const doc = new Y.Doc();
		const bad = new Y.Map<unknown>();
		bad.set('id', 'x');
		cardsMap(doc).set('x', bad);
		expect(readCard(bad)).toBeNull();
		expect(readCard('not a map')).toBeNull();
		expect(listCards(doc)).toEqual([]);
	});

	test('cards added on two offline clients both survive the merge', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		addCard(a, { questionNumber: 3, text: 'De Koffiepot', workshopId: 'w', author: ana });
		addCard(b, { questionNumber: 3, text: 'Scouting Amby', workshopId: 'w', author: bo });
		sync(a, b);
		expect(listCards(a).map((c) => c.text).sort()).toEqual(['De Koffiepot', 'Scouting Amby']);
		expect(listCards(b)).toEqual(listCards(a));
	});
});

describe('syntheses', () => {
	test('one Y.Text per question, created once', () => {
		const doc = new Y.Doc();
		expect(getSynthesis(doc, 1)).toBeNull();
		expect(readSynthesis(doc, 1)).toBe('');
		const text = ensureSynthesis(doc, 1);
		text.insert(0, 'Een oud dorp.');
		expect(ensureSynthesis(doc, 1)).toBe(text);
		ensureSyntheses(doc, [1, 2, 3]);
		expect([...synthesesMap(doc).keys()].sort()).toEqual(['1', '2', '3']);
		expect(readSynthesis(doc, 1)).toBe('Een oud dorp.');
	});
});

describe('+1 on a merged card', () => {
	test('takes back the +1 from every card of the group, gives it to the card shown', () => {
		const doc = new Y.Doc();
		const author = { id: 'p0', name: 'Linde 12', kind: 'participant' as const };
		addCard(doc, { questionNumber: 2, text: 'origineel', workshopId: 'w1', author }, 1, 'a');
		addCard(doc, { questionNumber: 2, text: 'dubbel', workshopId: 'w1', author }, 2, 'b');
		togglePlusOne(doc, 'b', 'ans');
		togglePlusOne(doc, 'a', 'ans');
		togglePlusOne(doc, 'b', 'bram');

		// Ans supported both: one click takes her support back from the whole group.
		expect(togglePlusOneOfGroup(doc, ['a', 'b'], 'ans')).toEqual({ ok: true, plusOne: false });
		expect(getCard(doc, 'a')!.plusOnes).toEqual([]);
		expect(getCard(doc, 'b')!.plusOnes).toEqual(['bram']);
		// Cor gives a +1 to the merged card: it lands on the card shown.
		expect(togglePlusOneOfGroup(doc, ['a', 'b'], 'cor')).toEqual({ ok: true, plusOne: true });
		expect(getCard(doc, 'a')!.plusOnes).toEqual(['cor']);
		// Bram supported only the duplicate; his click takes that back.
		expect(togglePlusOneOfGroup(doc, ['a', 'b'], 'bram')).toEqual({ ok: true, plusOne: false });
		expect(getCard(doc, 'b')!.plusOnes).toEqual([]);
		expect(togglePlusOneOfGroup(doc, ['gone', 'b'], 'bram')).toEqual({ ok: false, reason: 'not-found' });
		expect(togglePlusOneOfGroup(doc, ['a'], 'dirk')).toEqual({ ok: true, plusOne: true });
	});
});
