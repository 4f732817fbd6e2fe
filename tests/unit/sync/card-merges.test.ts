/**
 * Merging duplicate cards, the pure rules: resolving what is stored (chains, cycles, dangling
 * entries), what may be merged, and what a screen shows (supporters counted once). The merges in the
 * workshop doc are tested in workshop-schema.test.ts, the +1 of a group in agenda-schema.test.ts.
 */
import { describe, expect, test } from 'vitest';
import {
	checkMerge,
	combinedSupporters,
	resolveCardMerges,
	resolveMerges,
	showCards,
	showCardsByWorkshop
} from '../../../src/lib/sync/card-merges.ts';
import type { Card } from '../../../src/lib/sync/agenda-schema.ts';

function card(id: string, overrides: Partial<Card> = {}): Card {
	return {
		id,
		questionNumber: 2,
		text: `kaartje ${id}`,
		themes: [],
		authorId: 'author',
		authorName: 'Linde 12',
		authorKind: 'participant',
		workshopId: 'w1',
		createdAt: 0,
		plusOnes: [],
		...overrides
	};
}

const entries = (...pairs: [string, string][]) => new Map(pairs);

describe('resolving stored merges', () => {
	test('a chain resolves to its end; every target lists what was merged into it', () => {
		const merges = resolveMerges(entries(['a', 'b'], ['b', 'c'], ['d', 'c']));
		expect([...merges.targetOf]).toEqual(expect.arrayContaining([['a', 'c'], ['b', 'c'], ['d', 'c']]));
		expect(merges.targetOf.size).toBe(3);
		expect(merges.mergedInto.get('c')).toEqual(['a', 'b', 'd']);
		expect(merges.mergedInto.has('b')).toBe(false);
	});

	test('a card merged into itself is ignored', () => {
		const merges = resolveMerges(entries(['a', 'a']));
		expect(merges.targetOf.size).toBe(0);
		expect(merges.mergedInto.size).toBe(0);
	});

	test('a cycle is broken at its smallest id, whatever order the entries come in', () => {
		for (const pairs of [
			[['b', 'a'], ['a', 'b']],
			[['a', 'b'], ['b', 'a']]
		] as [string, string][][]) {
			const merges = resolveMerges(new Map(pairs));
			expect([...merges.targetOf]).toEqual([['b', 'a']]);
			expect(merges.mergedInto.get('a')).toEqual(['b']);
		}
		const three = resolveMerges(entries(['y', 'z'], ['z', 'x'], ['x', 'y'], ['w', 'z']));
		// x stays; y, z and the card hanging off the cycle all end at x.
		expect(three.targetOf.has('x')).toBe(false);
		expect(three.mergedInto.get('x')).toEqual(['w', 'y', 'z']);
	});

	test('against the cards: entries to deleted cards or other questions are ignored', () => {
		const cards = [card('a'), card('b'), card('q3', { questionNumber: 3 }), card('other', { workshopId: 'w2' })];
		const merges = resolveCardMerges(cards, entries(['a', 'gone'], ['b', 'q3'], ['gone', 'a'], ['a', 'other']));
		expect(merges.targetOf.size).toBe(0);
		// A chain through a deleted card stops there: the card before it shows on its own.
		const chain = resolveCardMerges([card('a'), card('c')], entries(['a', 'b'], ['b', 'c']));
		expect(chain.targetOf.size).toBe(0);
	});
});

describe('the rules of a merge', () => {
	const cards = [card('a'), card('b'), card('c'), card('q3', { questionNumber: 3 }), card('elsewhere', { workshopId: 'w2' })];

	test('refuses a card into itself, into another question or workshop, and unknown cards', () => {
		expect(checkMerge(cards, [], 'a', 'a')).toEqual({ ok: false, reason: 'same-card' });
		expect(checkMerge(cards, [], 'a', 'q3')).toEqual({ ok: false, reason: 'other-question' });
		expect(checkMerge(cards, [], 'a', 'elsewhere')).toEqual({ ok: false, reason: 'other-question' });
		expect(checkMerge(cards, [], 'a', 'nope')).toEqual({ ok: false, reason: 'not-found' });
		expect(checkMerge(cards, [], 'a', 'b')).toEqual({ ok: true, targetId: 'b' });
	});

	test('into a merged card goes to its final target; a cycle is refused', () => {
		const stored = entries(['b', 'c']);
		expect(checkMerge(cards, stored, 'a', 'b')).toEqual({ ok: true, targetId: 'c' });
		expect(checkMerge(cards, stored, 'c', 'b')).toEqual({ ok: false, reason: 'cycle' });
		expect(checkMerge(cards, entries(['b', 'c'], ['a', 'b']), 'c', 'a')).toEqual({ ok: false, reason: 'cycle' });
	});
});

describe('supporters of a merged card', () => {
	test('the union: someone who gave a +1 to both cards counts once', () => {
		expect(combinedSupporters([{ plusOnes: ['ans', 'bram'] }, { plusOnes: ['bram', 'cor'] }, { plusOnes: [] }])).toEqual(['ans', 'bram', 'cor']);
		expect(combinedSupporters([])).toEqual([]);
	});

	test('showCards leaves out hidden and merged-away cards and folds merges into the target', () => {
		const cards = [
			card('a', { plusOnes: ['ans', 'bram'], createdAt: 1 }),
			card('b', { plusOnes: ['bram', 'cor'], createdAt: 2 }),
			card('c', { plusOnes: ['dirk'], createdAt: 3 }),
			card('d', { createdAt: 4 }),
			card('e', { createdAt: 5 })
		];
		const shown = showCards(cards, new Set(['e']), entries(['c', 'b'], ['b', 'a']));
		expect(shown.map((c) => c.id)).toEqual(['a', 'd']);
		expect(shown[0].mergedIds).toEqual(['b', 'c']);
		expect(shown[0].plusOnes).toEqual(['ans', 'bram', 'cor', 'dirk']);
		expect(shown[1]).toEqual({ ...cards[3], mergedIds: [] });
		// The cards themselves are not touched.
		expect(cards[0].plusOnes).toEqual(['ans', 'bram']);
	});

	test('a hidden target takes its merged cards off the screen with it', () => {
		expect(showCards([card('a'), card('b')], new Set(['a']), entries(['b', 'a']))).toEqual([]);
	});

	test('per workshop: a workshop doc only speaks about its own cards', () => {
		const cards = [card('a'), card('b'), card('x', { workshopId: 'w2' }), card('y', { workshopId: 'w2' })];
		const state = {
			w1: { hidden: new Set<string>(), merges: entries(['b', 'a'], ['y', 'x']) },
			w2: { hidden: new Set(['a']), merges: entries() }
		};
		const shown = showCardsByWorkshop(cards, (id) => state[id as 'w1' | 'w2']);
		expect(shown.map((c) => [c.id, c.mergedIds])).toEqual([
			['a', ['b']],
			['x', []],
			['y', []]
		]);
	});
});
