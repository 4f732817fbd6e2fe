/**
 * The projector's card wall: in which order cards go up, and which card comes first on the next page.
 * The page itself is measured in the browser (what fits depends on the beamer and the texts); this
 * module only decides order and turning pages, so both are the same on every screen. No I/O.
 */
import { THEMES } from './themes.ts';

export interface WallCard {
	id: string;
	createdAt: number;
	themes: readonly string[];
	plusOnes: readonly unknown[];
}

export type WallOrderKind = 'newest' | 'votes' | 'theme';

const THEME_RANK = new Map<string, number>(THEMES.map((theme, index) => [theme.id as string, index]));
/** Cards without a theme come after all themes. */
const NO_THEME_RANK = THEMES.length;

function themeRank(card: WallCard): number {
	const first = card.themes[0];
	return first === undefined ? NO_THEME_RANK : (THEME_RANK.get(first) ?? NO_THEME_RANK);
}

/** A new array in wall order. Ties fall back to newest first, then id, so the order never flickers. */
export function orderWall<T extends WallCard>(cards: readonly T[], order: WallOrderKind): T[] {
	const newest = (a: T, b: T) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const sorted = [...cards];
	if (order === 'newest') sorted.sort(newest);
	else if (order === 'votes') sorted.sort((a, b) => b.plusOnes.length - a.plusOnes.length || newest(a, b));
	else sorted.sort((a, b) => themeRank(a) - themeRank(b) || newest(a, b));
	return sorted;
}

/**
 * Where the next page starts, given where this one started and how many cards fit on it. After the
 * last page the wall starts again at the first card. At least one card always moves on, so a single
 * card too tall for the screen cannot stop the rotation.
 */
export function nextPageStart(start: number, fitted: number, total: number): number {
	if (total <= 0) return 0;
	const next = start + Math.max(1, fitted);
	return next >= total ? 0 : next;
}

/** How many cards are not on the screen right now ("nog 47 kaartjes"). */
export function cardsOffScreen(fitted: number, total: number): number {
	return Math.max(0, total - fitted);
}

/** A block of a page's content (a heading, a paragraph, a row), from the top of the content, in px. */
export interface ContentBlock {
	top: number;
	bottom: number;
}

/**
 * Where each page of content starts (px from its top), for content of `totalHeight` shown `pageHeight`
 * at a time. A page ends where a block that would be cut starts, so no line shows half: the outermost
 * such block (a list item moves whole), unless that leaves the page less than half full; then the
 * innermost (the item is split between its lines). A block taller than a page is cut where the page
 * ends, so the pages always move on. One page (`[0]`) when everything fits.
 */
export function contentPageStarts(blocks: readonly ContentBlock[], totalHeight: number, pageHeight: number): number[] {
	if (pageHeight <= 0) return [0];
	const starts = [0];
	let top = 0;
	while (top + pageHeight < totalHeight - 0.5) {
		const limit = top + pageHeight;
		const cut = blocks.filter((block) => block.top > top + 0.5 && block.top < limit && block.bottom > limit + 0.5).map((block) => block.top);
		const outermost = Math.min(...cut);
		const next = cut.length === 0 ? limit : outermost - top >= pageHeight / 2 ? outermost : Math.max(...cut);
		starts.push(next);
		top = next;
	}
	return starts;
}
