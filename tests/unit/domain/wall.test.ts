import { describe, expect, test } from 'vitest';
import { cardsOffScreen, contentPageStarts, nextPageStart, orderWall, type WallCard } from '../../../src/lib/domain/wall.ts';

const card = (id: string, createdAt: number, plusOnes = 0, themes: string[] = []): WallCard => ({ id, createdAt, themes, plusOnes: Array.from({ length: plusOnes }) });

describe('the order of the wall', () => {
	const cards = [card('a', 1, 0, ['informatie-advies']), card('b', 2, 3), card('c', 3, 1, ['initiatieven-vrijwillige-inzet']), card('d', 4, 3)];

	test('newest first', () => expect(orderWall(cards, 'newest').map((c) => c.id)).toEqual(['d', 'c', 'b', 'a']));
	test('most +1 first, ties newest first', () => expect(orderWall(cards, 'votes').map((c) => c.id)).toEqual(['d', 'b', 'c', 'a']));
	test('per theme in the order of the themes, cards without a theme last', () =>
		expect(orderWall(cards, 'theme').map((c) => c.id)).toEqual(['c', 'a', 'd', 'b']));
	test('does not change the cards it was given', () => {
		const copy = [...cards];
		orderWall(cards, 'votes');
		expect(cards).toEqual(copy);
	});
});

describe('turning pages', () => {
	test('the next page starts after what fitted, and after the last page the wall starts again', () => {
		expect(nextPageStart(0, 12, 200)).toBe(12);
		expect(nextPageStart(192, 12, 200)).toBe(0);
		expect(nextPageStart(0, 200, 200)).toBe(0);
	});
	test('a card too tall for the screen cannot stop the rotation', () => expect(nextPageStart(5, 0, 10)).toBe(6));
	test('no cards: stays at the start', () => expect(nextPageStart(3, 4, 0)).toBe(0));
	test('"nog 47 kaartjes" counts what is not on the screen', () => {
		expect(cardsOffScreen(13, 60)).toBe(47);
		expect(cardsOffScreen(13, 5)).toBe(0);
	});
});

describe('contentPageStarts', () => {
	const rows = (heights: number[]) => {
		let top = 0;
		return heights.map((height) => {
			const block = { top, bottom: top + height };
			top += height;
			return block;
		});
	};

	test('content that fits is one page', () => {
		expect(contentPageStarts(rows([100, 100, 100]), 300, 300)).toEqual([0]);
		expect(contentPageStarts([], 0, 500)).toEqual([0]);
	});

	test('a page ends before the first block it would cut', () => {
		// Rows of 120 px on pages of 300 px: two rows per page, the third starts the next page.
		expect(contentPageStarts(rows([120, 120, 120, 120, 120]), 600, 300)).toEqual([0, 240, 480]);
	});

	test('of nested blocks, the outer one that would be cut moves whole to the next page', () => {
		const item = { top: 200, bottom: 380 };
		const lineInItem = { top: 250, bottom: 290 };
		const lastLine = { top: 290, bottom: 380 };
		expect(contentPageStarts([{ top: 0, bottom: 200 }, item, lineInItem, lastLine], 380, 300)).toEqual([0, 200]);
	});

	test('unless that would leave the page less than half full: then the item is split between its lines', () => {
		const item = { top: 100, bottom: 380 };
		const lineInItem = { top: 250, bottom: 290 };
		const lastLine = { top: 290, bottom: 380 };
		expect(contentPageStarts([{ top: 0, bottom: 100 }, item, lineInItem, lastLine], 380, 300)).toEqual([0, 290]);
	});

	test('a block taller than a page is cut where the page ends, so the pages still move on', () => {
		expect(contentPageStarts([{ top: 0, bottom: 700 }], 700, 300)).toEqual([0, 300, 600]);
	});

	test('no page height (not measured yet) is one page', () => {
		expect(contentPageStarts(rows([100]), 100, 0)).toEqual([0]);
	});
});
