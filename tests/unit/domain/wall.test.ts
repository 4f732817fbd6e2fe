import { describe, expect, test } from 'vitest';
import { cardsOffScreen, nextPageStart, orderWall, type WallCard } from '../../../src/lib/domain/wall.ts';

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
