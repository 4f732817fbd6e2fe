/**
 * Shareable quotes ("deelbaar citaat"): the rules without I/O. Staff mark a card; the dashboard shows
 * a few marked cards as stories, by their words alone (never who wrote them, their buurt or age).
 */
import type { LocalizedText } from './i18n-text.ts';

/** Card ids of the sync schema are short; a longer one is not a card id. */
export const QUOTE_CARD_ID_MAX = 64;
/** How many stories the dashboard shows: "a few", not a wall. */
export const DASHBOARD_QUOTES_MAX = 6;

export type QuoteMarkRequest = { cardId: string; shareable: boolean };

export type QuoteMarkRequestResult =
	| { ok: true; value: QuoteMarkRequest }
	| { ok: false; reason: 'bad-body' | 'bad-card-id' | 'bad-shareable'; message: LocalizedText };

/** Reads `{cardId: string, shareable: boolean}`; anything else is refused with a plain reason. */
export function parseQuoteMarkRequest(body: unknown): QuoteMarkRequestResult {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, reason: 'bad-body', message: { nl: 'Stuur {"cardId": "...", "shareable": true of false}.', en: 'Send {"cardId": "...", "shareable": true or false}.' } };
	}
	const { cardId, shareable } = body as Record<string, unknown>;
	if (typeof cardId !== 'string' || cardId.length === 0 || cardId.length > QUOTE_CARD_ID_MAX || !/^[A-Za-z0-9_-]+$/.test(cardId)) {
		return { ok: false, reason: 'bad-card-id', message: { nl: 'Deze kaart bestaat niet.', en: 'There is no such card.' } };
	}
	if (typeof shareable !== 'boolean') {
		return { ok: false, reason: 'bad-shareable', message: { nl: 'Zeg met true of false of de kaart deelbaar is.', en: 'Say with true or false whether the card is shareable.' } };
	}
	return { ok: true, value: { cardId, shareable } };
}

export interface QuoteSource {
	readonly id: string;
	readonly ref: string;
	readonly text: string;
	readonly themes: readonly string[];
	/** Stadsdeel name, for the city dashboard. */
	readonly area: string;
	readonly markedAt: number;
}

export interface Quote {
	readonly ref: string;
	readonly text: string;
	readonly themes: readonly string[];
	readonly area: string;
}

/**
 * A few stories: the most recently marked first, at most `max`. Only the words, the card's
 * reference, its themes and the stadsdeel go out; the input type has no room for a name.
 */
export function selectQuotes(sources: readonly QuoteSource[], max = DASHBOARD_QUOTES_MAX): Quote[] {
	return [...sources]
		.sort((a, b) => b.markedAt - a.markedAt || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
		.slice(0, Math.max(0, max))
		.map(({ ref, text, themes, area }) => ({ ref, text, themes: [...themes], area }));
}
