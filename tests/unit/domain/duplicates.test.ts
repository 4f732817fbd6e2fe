import { describe, expect, test } from 'vitest';
import { meaningfulWords, pairKey, suggestDuplicates } from '../../../src/lib/domain/duplicates.ts';

describe('likely duplicates', () => {
	const cards = [
		{ id: 'k1', text: 'Een bankje bij de bushalte, voor ouderen.' },
		{ id: 'k2', text: 'Er moet een BANKJE bij de bushalte voor de ouderen!' },
		{ id: 'k3', text: 'Meer groen in de straat.' },
		{ id: 'k4', text: 'Meer bankjes in het park.' }
	];

	test('cards with mostly the same words are suggested, with the words they share', () => {
		const [first, ...rest] = suggestDuplicates(cards);
		expect(first).toMatchObject({ first: 'k1', second: 'k2', sharedWords: ['bankje', 'bushalte', 'ouderen'] });
		expect(first!.similarity).toBe(1);
		expect(rest).toEqual([]);
	});

	test('filler words and one shared word are not enough ("meer groen" / "meer bankjes")', () => {
		expect(meaningfulWords('Meer groen in de straat.')).toEqual(['groen', 'straat']);
		expect(suggestDuplicates([cards[2]!, cards[3]!])).toEqual([]);
	});

	test('a pair the facilitator called different is not suggested again, in either order', () => {
		expect(suggestDuplicates(cards, { dismissed: new Set([pairKey('k2', 'k1')]) })).toEqual([]);
	});

	test('200 cards stay quick and the list is capped', () => {
		const many = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, text: `Een bankje bij de bushalte nummer ${i % 5}` }));
		const started = performance.now();
		const found = suggestDuplicates(many, { limit: 3 });
		expect(performance.now() - started).toBeLessThan(500);
		expect(found).toHaveLength(3);
	});

	test('accents and case do not matter', () => expect(meaningfulWords('Café CAFÉ cafe')).toEqual(['cafe']));
});
