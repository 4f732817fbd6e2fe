import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '../../../src/lib/sync/agenda-schema.ts';
import {
	ACTION_AMOUNT_MAX,
	ACTION_TITLE_MAX,
	actionsMap,
	addAction,
	checkAmount,
	editAction,
	getAction,
	linkCard,
	listActions,
	parseEuros,
	parseQuarter,
	quarterSortKey,
	readAction,
	removeAction,
	unlinkCard
} from '../../../src/lib/sync/actions-schema.ts';

const author = { id: 'participantana01', name: 'Linde 12', kind: 'participant' as const };

function docWithCards(...ids: string[]): Y.Doc {
	const doc = new Y.Doc();
	ids.forEach((id, index) => addCard(doc, { questionNumber: 8, text: `Kaart ${index}`, workshopId: 'workshop0001', author }, 1000 + index, id));
	return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const base = { title: 'Huiskamer in Heugem vaker open', themeId: 'ontmoeten-eenzaamheid', list: 'extra', createdBy: 'user0000000001' };

describe('field checks', () => {
	test('quarters are normalised to "Q2 2026" and checked', () => {
		expect(parseQuarter('Q2 2026')).toEqual({ ok: true, value: 'Q2 2026' });
		expect(parseQuarter(' q3-2027 ')).toEqual({ ok: true, value: 'Q3 2027' });
		expect(parseQuarter('Q4/2026')).toEqual({ ok: true, value: 'Q4 2026' });
		expect(parseQuarter('')).toEqual({ ok: true, value: null });
		expect(parseQuarter(null)).toEqual({ ok: true, value: null });
		for (const bad of ['Q5 2026', 'Q0 2026', '2026 Q2', 'Q2 26', 'Q2 1999', 'tweede kwartaal']) {
			expect(parseQuarter(bad)).toEqual({ ok: false, reason: 'bad-quarter' });
		}
		expect(quarterSortKey('Q1 2027')).toBeGreaterThan(quarterSortKey('Q4 2026'));
		expect(quarterSortKey(null)).toBeGreaterThan(quarterSortKey('Q4 2099'));
	});

	test('amounts are whole, non-negative euros', () => {
		expect(checkAmount(12_000)).toEqual({ ok: true, value: 12_000 });
		expect(checkAmount(null)).toEqual({ ok: true, value: null });
		for (const bad of [-1, 12.5, Number.NaN, ACTION_AMOUNT_MAX + 1]) expect(checkAmount(bad)).toEqual({ ok: false, reason: 'bad-amount' });
		expect(parseEuros('€ 12.000')).toEqual({ ok: true, value: 12_000 });
		expect(parseEuros('12000')).toEqual({ ok: true, value: 12_000 });
		expect(parseEuros('12.000,00')).toEqual({ ok: true, value: 12_000 });
		expect(parseEuros('€ 500,-')).toEqual({ ok: true, value: 500 });
		expect(parseEuros('  ')).toEqual({ ok: true, value: null });
		expect(parseEuros('12,50')).toEqual({ ok: false, reason: 'bad-amount' });
		expect(parseEuros('12.00')).toEqual({ ok: false, reason: 'bad-amount' });
		expect(parseEuros('veel')).toEqual({ ok: false, reason: 'bad-amount' });
	});
});

describe('actions', () => {
	test('an action is a Y.Map carrying every field; cards are linked in the order given', () => {
		const doc = docWithCards('card000000000001', 'card000000000002');
		const result = addAction(
			doc,
			{
				...base,
				title: '  Huiskamer   in Heugem vaker open ',
				owner: 'Trajekt',
				quarter: 'q2 2026',
				amountEuros: 12_000,
				budgetLine: 'Subsidieregeling vrijwillige inzet',
				cardIds: ['card000000000002', 'card000000000001', 'card000000000002']
			},
			5000,
			'action0000000001'
		);
		expect(result).toEqual({ ok: true, id: 'action0000000001' });
		const map = actionsMap(doc).get('action0000000001');
		expect(map).toBeInstanceOf(Y.Map);
		expect(map!.get('cardIds')).toBeInstanceOf(Y.Map);
		expect(getAction(doc, 'action0000000001')).toEqual({
			id: 'action0000000001',
			title: 'Huiskamer in Heugem vaker open',
			themeId: 'ontmoeten-eenzaamheid',
			list: 'extra',
			owner: 'Trajekt',
			quarter: 'Q2 2026',
			amountEuros: 12_000,
			budgetLine: 'Subsidieregeling vrijwillige inzet',
			cardIds: ['card000000000002', 'card000000000001'],
			createdBy: 'user0000000001',
			createdAt: 5000
		});
	});

	test('optional fields default to empty owner and nulls', () => {
		const doc = new Y.Doc();
		addAction(doc, base, 1, 'action0000000001');
		expect(getAction(doc, 'action0000000001')).toMatchObject({ owner: '', quarter: null, amountEuros: null, budgetLine: null, cardIds: [] });
	});

	test('each problem has its own reason code, and nothing is written', () => {
		const doc = docWithCards('card000000000001');
		const cases: [Partial<typeof base> & Record<string, unknown>, string][] = [
			[{ title: '   ' }, 'empty-title'],
			[{ title: 'x'.repeat(ACTION_TITLE_MAX + 1) }, 'title-too-long'],
			[{ themeId: 'voetbal' }, 'unknown-theme'],
			[{ list: 'later' }, 'unknown-list'],
			[{ owner: 'o'.repeat(121) }, 'owner-too-long'],
			[{ quarter: 'Q9 2026' }, 'bad-quarter'],
			[{ amountEuros: -5 }, 'bad-amount'],
			[{ budgetLine: 'b'.repeat(121) }, 'budget-line-too-long'],
			[{ cardIds: ['card000000000001', 'nosuchcard000001'] }, 'unknown-card']
		];
		for (const [change, reason] of cases) {
			expect(addAction(doc, { ...base, ...change } as never)).toEqual({ ok: false, reason });
		}
		expect(actionsMap(doc).size).toBe(0);
	});

	test('edit changes only the fields given, with the same checks', () => {
		const doc = new Y.Doc();
		addAction(doc, { ...base, owner: 'Trajekt' }, 1, 'action0000000001');
		expect(editAction(doc, 'action0000000001', { quarter: 'Q1 2027', amountEuros: 500, list: 'al' })).toEqual({ ok: true, id: 'action0000000001' });
		expect(getAction(doc, 'action0000000001')).toMatchObject({ title: base.title, owner: 'Trajekt', quarter: 'Q1 2027', amountEuros: 500, list: 'al' });
		expect(editAction(doc, 'action0000000001', { quarter: null, amountEuros: null, budgetLine: '  ' })).toEqual({ ok: true, id: 'action0000000001' });
		expect(getAction(doc, 'action0000000001')).toMatchObject({ quarter: null, amountEuros: null, budgetLine: null });
		expect(editAction(doc, 'action0000000001', { themeId: 'onzin' })).toEqual({ ok: false, reason: 'unknown-theme' });
		expect(editAction(doc, 'nosuchaction0001', { title: 'x' })).toEqual({ ok: false, reason: 'not-found' });
	});

	test('an edit that changes nothing writes nothing', () => {
		const doc = new Y.Doc();
		addAction(doc, base, 1, 'action0000000001');
		let updates = 0;
		doc.on('update', () => updates++);
		editAction(doc, 'action0000000001', { title: base.title, list: base.list });
		expect(updates).toBe(0);
	});

	test('remove', () => {
		const doc = new Y.Doc();
		addAction(doc, base, 1, 'action0000000001');
		expect(removeAction(doc, 'action0000000001')).toEqual({ ok: true, id: 'action0000000001' });
		expect(getAction(doc, 'action0000000001')).toBeNull();
		expect(removeAction(doc, 'action0000000001')).toEqual({ ok: false, reason: 'not-found' });
	});

	test('link and unlink cards; only existing cards can be linked; both are idempotent', () => {
		const doc = docWithCards('card000000000001', 'card000000000002');
		addAction(doc, base, 1, 'action0000000001');
		expect(linkCard(doc, 'action0000000001', 'card000000000002', 10)).toEqual({ ok: true, id: 'action0000000001' });
		expect(linkCard(doc, 'action0000000001', 'card000000000001', 20)).toEqual({ ok: true, id: 'action0000000001' });
		expect(linkCard(doc, 'action0000000001', 'card000000000002', 30)).toEqual({ ok: true, id: 'action0000000001' });
		expect(getAction(doc, 'action0000000001')!.cardIds).toEqual(['card000000000002', 'card000000000001']);
		expect(linkCard(doc, 'action0000000001', 'nosuchcard000001')).toEqual({ ok: false, reason: 'unknown-card' });
		expect(linkCard(doc, 'nosuchaction0001', 'card000000000001')).toEqual({ ok: false, reason: 'not-found' });
		expect(unlinkCard(doc, 'action0000000001', 'card000000000002')).toEqual({ ok: true, id: 'action0000000001' });
		expect(unlinkCard(doc, 'action0000000001', 'card000000000002')).toEqual({ ok: true, id: 'action0000000001' });
		expect(getAction(doc, 'action0000000001')!.cardIds).toEqual(['card000000000001']);
		expect(listActions(doc, { cardId: 'card000000000001' }).map((a) => a.id)).toEqual(['action0000000001']);
		expect(listActions(doc, { cardId: 'card000000000002' })).toEqual([]);
	});

	test('two people linking different cards at once both keep their link', () => {
		const a = docWithCards('card000000000001', 'card000000000002');
		addAction(a, base, 1, 'action0000000001');
		const b = new Y.Doc();
		sync(a, b);
		linkCard(a, 'action0000000001', 'card000000000001', 10);
		linkCard(b, 'action0000000001', 'card000000000002', 11);
		editAction(a, 'action0000000001', { owner: 'Trajekt' });
		editAction(b, 'action0000000001', { quarter: 'Q3 2026' });
		sync(a, b);
		for (const doc of [a, b]) {
			expect(getAction(doc, 'action0000000001')).toMatchObject({
				owner: 'Trajekt',
				quarter: 'Q3 2026',
				cardIds: ['card000000000001', 'card000000000002']
			});
		}
	});

	test('list filters by theme and list, oldest first, and skips malformed maps', () => {
		const doc = new Y.Doc();
		addAction(doc, { ...base, title: 'tweede' }, 20, 'action0000000002');
		addAction(doc, { ...base, title: 'eerste' }, 10, 'action0000000001');
		addAction(doc, { ...base, title: 'sport', themeId: 'sport-bewegen', list: 'al' }, 15, 'action0000000003');
		const broken = new Y.Map<unknown>();
		actionsMap(doc).set('broken', broken);
		broken.set('id', 'broken');
		broken.set('title', 'zonder thema');
		expect(readAction(broken)).toBeNull();
		expect(readAction('not a map')).toBeNull();
		expect(listActions(doc).map((a) => a.title)).toEqual(['eerste', 'sport', 'tweede']);
		expect(listActions(doc, { themeId: 'ontmoeten-eenzaamheid' }).map((a) => a.title)).toEqual(['eerste', 'tweede']);
		expect(listActions(doc, { list: 'al' }).map((a) => a.title)).toEqual(['sport']);
	});

	test('a stored value that no longer passes the checks reads as empty, not as garbage', () => {
		const doc = new Y.Doc();
		addAction(doc, base, 1, 'action0000000001');
		const map = actionsMap(doc).get('action0000000001')!;
		map.set('quarter', 'volgend jaar');
		map.set('amountEuros', -3);
		map.set('owner', 42);
		expect(getAction(doc, 'action0000000001')).toMatchObject({ quarter: null, amountEuros: null, owner: '' });
	});
});
