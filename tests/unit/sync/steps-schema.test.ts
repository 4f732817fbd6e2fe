import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardsMap, listCards, readCard } from '../../../src/lib/sync/agenda-schema.ts';
import { forgetUpdate, legacyPlan } from '../../../src/lib/server/forget.ts';
import {
	KEYWORD_MAX,
	addKeyword,
	cardsWithTheme,
	checkKeyword,
	conditionSummary,
	countCardsByTheme,
	countKeywords,
	countKinds,
	elementsByLayer,
	filterAgendaCards,
	getCardKind,
	keywordsMap,
	kindsFor,
	listKeywords,
	listKindedCards,
	readKeyword,
	removeKeyword,
	setCardKind,
	workshopsForFilter,
	type AgendaCardFilter
} from '../../../src/lib/sync/steps-schema.ts';

const ana = { id: 'participantana01', name: 'Linde 12', kind: 'participant' as const };
const bo = { id: 'participantbo001', name: 'Maas 40', kind: 'participant' as const };
const staff = { id: 'staffuser0000001', kind: 'staff' as const };
const WORKSHOP = 'workshop00000001';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('keywords (question 1)', () => {
	test('are Y.Maps in the top-level "keywords" map, carrying authorId', () => {
		const doc = new Y.Doc();
		expect(addKeyword(doc, { text: '  "Oud   dorp." ', workshopId: WORKSHOP, author: ana }, 1000, 'keyword000000001')).toEqual({
			ok: true,
			id: 'keyword000000001'
		});
		const map = keywordsMap(doc).get('keyword000000001');
		expect(map).toBeInstanceOf(Y.Map);
		expect(map!.get('authorId')).toBe(ana.id);
		expect(readKeyword(map)).toEqual({
			id: 'keyword000000001',
			text: 'Oud dorp',
			workshopId: WORKSHOP,
			authorId: ana.id,
			authorName: ana.name,
			authorKind: 'participant',
			createdAt: 1000
		});
	});

	test('are short: empty and too long are refused', () => {
		expect(checkKeyword(' ?! ')).toEqual({ ok: false, reason: 'empty' });
		expect(checkKeyword('x'.repeat(KEYWORD_MAX))).toEqual({ ok: true, value: 'x'.repeat(KEYWORD_MAX) });
		expect(checkKeyword('x'.repeat(KEYWORD_MAX + 1))).toEqual({ ok: false, reason: 'too-long' });
		const doc = new Y.Doc();
		expect(addKeyword(doc, { text: '', workshopId: WORKSHOP, author: ana })).toEqual({ ok: false, reason: 'empty' });
		expect(keywordsMap(doc).size).toBe(0);
	});

	test('only the author removes one, or staff', () => {
		const doc = new Y.Doc();
		addKeyword(doc, { text: 'rustig', workshopId: WORKSHOP, author: ana }, 1, 'keyword000000001');
		addKeyword(doc, { text: 'groen', workshopId: WORKSHOP, author: ana }, 2, 'keyword000000002');
		expect(removeKeyword(doc, 'keyword000000001', bo.id)).toEqual({ ok: false, reason: 'not-author' });
		expect(removeKeyword(doc, 'keyword000000001', ana.id)).toEqual({ ok: true, id: 'keyword000000001' });
		expect(removeKeyword(doc, 'keyword000000002', staff.id, true)).toEqual({ ok: true, id: 'keyword000000002' });
		expect(removeKeyword(doc, 'keyword000000002', ana.id)).toEqual({ ok: false, reason: 'not-found' });
	});

	test('list per workshop, oldest first, skipping malformed maps', () => {
		const doc = new Y.Doc();
		addKeyword(doc, { text: 'b', workshopId: WORKSHOP, author: ana }, 2, 'keyword000000002');
		addKeyword(doc, { text: 'a', workshopId: WORKSHOP, author: bo }, 1, 'keyword000000001');
		addKeyword(doc, { text: 'c', workshopId: 'workshop00000002', author: bo }, 0, 'keyword000000003');
		keywordsMap(doc).set('broken', new Y.Map());
		expect(listKeywords(doc, { workshopId: WORKSHOP }).map((k) => k.text)).toEqual(['a', 'b']);
		expect(listKeywords(doc)).toHaveLength(3);
	});

	test('the word cloud counts people, not repeats, and joins spellings', () => {
		const doc = new Y.Doc();
		addKeyword(doc, { text: 'Veel groen', workshopId: WORKSHOP, author: ana }, 1);
		addKeyword(doc, { text: 'veel groen', workshopId: WORKSHOP, author: bo }, 2);
		addKeyword(doc, { text: 'veel groen', workshopId: WORKSHOP, author: bo }, 3);
		addKeyword(doc, { text: 'oud dorp', workshopId: WORKSHOP, author: ana }, 4);
		expect(countKeywords(listKeywords(doc))).toEqual([
			{ key: 'veel groen', text: 'veel groen', count: 2 },
			{ key: 'oud dorp', text: 'oud dorp', count: 1 }
		]);
	});

	test('"vergeet mij" removes a participant\'s keywords and leaves the others', () => {
		const doc = new Y.Doc();
		addKeyword(doc, { text: 'rustig', workshopId: WORKSHOP, author: ana }, 1, 'keyword000000001');
		addKeyword(doc, { text: 'groen', workshopId: WORKSHOP, author: bo }, 2, 'keyword000000002');
		const found = forgetUpdate(Y.encodeStateAsUpdate(doc), legacyPlan(ana.id));
		Y.applyUpdate(doc, found!.update);
		expect(listKeywords(doc).map((k) => k.id)).toEqual(['keyword000000002']);
	});
});

describe('the kind of a card (questions 5 and 6)', () => {
	function cards(): Y.Doc {
		const doc = new Y.Doc();
		addCard(doc, { questionNumber: 5, text: 'Huiskamer vaker open', workshopId: WORKSHOP, author: ana }, 1, 'card000000000005');
		addCard(doc, { questionNumber: 6, text: 'Zaal delen', workshopId: WORKSHOP, author: ana }, 2, 'card000000000006');
		addCard(doc, { questionNumber: 2, text: 'Een behoefte', workshopId: WORKSHOP, author: ana }, 3, 'card000000000002');
		return doc;
	}

	test('each question has its own kinds', () => {
		expect(kindsFor(5)).toEqual(['nodig', 'wenselijk']);
		expect(kindsFor(6)).toEqual(['overlap', 'combineren', 'anders']);
		expect(kindsFor(2)).toEqual([]);
	});

	test('lives in the card map (so "vergeet mij" takes it with the card) and readCard still reads the card', () => {
		const doc = cards();
		expect(setCardKind(doc, 'card000000000005', 'nodig', ana)).toEqual({ ok: true, kind: 'nodig' });
		expect(cardsMap(doc).get('card000000000005')!.get('kind')).toBe('nodig');
		expect(readCard(cardsMap(doc).get('card000000000005'))?.text).toBe('Huiskamer vaker open');
		expect(getCardKind(doc, 'card000000000005')).toBe('nodig');
		expect(setCardKind(doc, 'card000000000006', 'combineren', ana)).toEqual({ ok: true, kind: 'combineren' });
		expect(setCardKind(doc, 'card000000000006', null, ana)).toEqual({ ok: true, kind: null });
		expect(getCardKind(doc, 'card000000000006')).toBeNull();
	});

	test('refuses a kind of the other question, a card without kinds, another author', () => {
		const doc = cards();
		expect(setCardKind(doc, 'card000000000005', 'overlap', ana)).toEqual({ ok: false, reason: 'unknown-kind' });
		expect(setCardKind(doc, 'card000000000002', 'nodig', ana)).toEqual({ ok: false, reason: 'no-kinds' });
		expect(setCardKind(doc, 'card000000000005', 'nodig', { id: bo.id, kind: 'participant' })).toEqual({ ok: false, reason: 'not-author' });
		expect(setCardKind(doc, 'nosuchcard000001', 'nodig', ana)).toEqual({ ok: false, reason: 'not-found' });
		// Staff sort any card, as on the wall.
		expect(setCardKind(doc, 'card000000000005', 'wenselijk', staff)).toEqual({ ok: true, kind: 'wenselijk' });
	});

	test('a stored kind that does not fit the question reads as none', () => {
		const doc = cards();
		cardsMap(doc).get('card000000000005')!.set('kind', 'overlap');
		expect(getCardKind(doc, 'card000000000005')).toBeNull();
	});

	test('two people choosing at once converge on one kind', () => {
		const a = cards();
		const b = new Y.Doc();
		sync(a, b);
		setCardKind(a, 'card000000000005', 'nodig', ana);
		setCardKind(b, 'card000000000005', 'wenselijk', staff);
		sync(a, b);
		expect(getCardKind(a, 'card000000000005')).toBe(getCardKind(b, 'card000000000005'));
	});

	test('listed with their kinds and counted, every kind present', () => {
		const doc = cards();
		addCard(doc, { questionNumber: 5, text: 'Tweede', workshopId: WORKSHOP, author: bo }, 4, 'card000000000007');
		setCardKind(doc, 'card000000000005', 'wenselijk', ana);
		const kinded = listKindedCards(doc, { questionNumber: 5, workshopId: WORKSHOP });
		expect(kinded.map(({ card, kind }) => [card.id, kind])).toEqual([
			['card000000000005', 'wenselijk'],
			['card000000000007', null]
		]);
		expect([...countKinds(5, kinded.map((k) => k.kind))]).toEqual([
			['nodig', 0],
			['wenselijk', 1],
			[null, 1]
		]);
	});
});

describe('views over existing data', () => {
	test('needs by theme (question 2): a card counts for each theme it names; no theme last', () => {
		const doc = new Y.Doc();
		addCard(doc, { questionNumber: 2, text: 'a', themes: ['cultuur', 'ontmoeten-eenzaamheid'], workshopId: WORKSHOP, author: ana }, 1);
		addCard(doc, { questionNumber: 2, text: 'b', themes: ['ontmoeten-eenzaamheid'], workshopId: WORKSHOP, author: ana }, 2);
		addCard(doc, { questionNumber: 2, text: 'c', workshopId: WORKSHOP, author: ana }, 3);
		const list = listCards(doc);
		expect(countCardsByTheme(list)).toEqual([
			{ themeId: 'ontmoeten-eenzaamheid', cards: 2, plusOnes: 0 },
			{ themeId: 'cultuur', cards: 1, plusOnes: 0 },
			{ themeId: null, cards: 1, plusOnes: 0 }
		]);
		expect(cardsWithTheme(list, null).map((c) => c.text)).toEqual(['c']);
		expect(cardsWithTheme(list, 'cultuur').map((c) => c.text)).toEqual(['a']);
	});

	test('elements by layer (question 3): every layer, in order', () => {
		const groups = elementsByLayer([
			{ layer: 'fysiek' as const, name: 'Sportpark' },
			{ layer: 'persoonlijk' as const, name: 'Buren helpen' }
		]);
		expect(groups.map((g) => [g.layerId, g.elements.map((e) => e.name)])).toEqual([
			['persoonlijk', ['Buren helpen']],
			['institutioneel', []],
			['fysiek', ['Sportpark']]
		]);
	});

	test('condition summary (question 4): the rating most chose, none on a tie, odd tallies read as 0', () => {
		expect(conditionSummary({ voters: 3, goed: 2, 'onder-druk': 1, ontbreekt: 0, reasons: [] })).toEqual({
			voters: 3,
			counts: { goed: 2, 'onder-druk': 1, ontbreekt: 0 },
			verdict: 'goed'
		});
		expect(conditionSummary({ voters: 2, goed: 1, 'onder-druk': 1 }).verdict).toBeNull();
		expect(conditionSummary(null)).toEqual({ voters: 0, counts: { goed: 0, 'onder-druk': 0, ontbreekt: 0 }, verdict: null });
		expect(conditionSummary({ goed: 'x', ontbreekt: -1, 'onder-druk': 2 })).toEqual({
			voters: 2,
			counts: { goed: 0, 'onder-druk': 2, ontbreekt: 0 },
			verdict: 'onder-druk'
		});
	});
});

describe('the agenda view filter', () => {
	const workshops = [
		{ id: 'heugem', focusBuurten: [{ code: 'BU09350601' }] },
		{ id: 'partners', focusBuurten: [] }
	];
	function card(id: string, workshopId: string, themes: string[] = []) {
		const doc = new Y.Doc();
		addCard(doc, { questionNumber: 2, text: id, themes, workshopId, author: ana }, 1, id);
		return listCards(doc)[0];
	}
	const all = [card('a', 'heugem', ['cultuur']), card('b', 'partners'), card('c', 'heugem'), card('d', 'elsewhere')];
	const none: AgendaCardFilter = { workshopId: null, theme: null, buurtCode: null, showHidden: false };
	const ids = (filter: Partial<AgendaCardFilter>, hidden: string[] = []) =>
		filterAgendaCards(all, { ...none, ...filter }, workshops, (c) => hidden.includes(c.id)).map((c) => c.text);

	test('by workshop, by theme (or no theme), by focus buurt of the workshop', () => {
		expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
		expect(ids({ workshopId: 'heugem' })).toEqual(['a', 'c']);
		expect(ids({ theme: 'cultuur' })).toEqual(['a']);
		expect(ids({ theme: 'none' })).toEqual(['b', 'c', 'd']);
		expect(ids({ buurtCode: 'BU09350601' })).toEqual(['a', 'c']);
		expect(ids({ buurtCode: 'BU09350601', workshopId: 'partners' })).toEqual([]);
		expect(workshopsForFilter({ workshopId: null, buurtCode: null }, workshops)).toBeNull();
	});

	test('hidden cards only on request', () => {
		expect(ids({}, ['a'])).toEqual(['b', 'c', 'd']);
		expect(ids({ showHidden: true }, ['a'])).toEqual(['a', 'b', 'c', 'd']);
	});
});
