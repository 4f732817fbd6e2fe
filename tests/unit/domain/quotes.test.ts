import { expect, test } from 'vitest';
import { QUOTE_CARD_ID_MAX, parseQuoteMarkRequest, selectQuotes } from '../../../src/lib/domain/quotes.ts';

test('a mark request is {cardId, shareable}; anything else is refused with a reason', () => {
	expect(parseQuoteMarkRequest({ cardId: 'abc_12-x', shareable: true })).toEqual({ ok: true, value: { cardId: 'abc_12-x', shareable: true } });
	expect(parseQuoteMarkRequest({ cardId: 'abc', shareable: false })).toEqual({ ok: true, value: { cardId: 'abc', shareable: false } });
	expect(parseQuoteMarkRequest(null)).toMatchObject({ ok: false, reason: 'bad-body' });
	expect(parseQuoteMarkRequest([1])).toMatchObject({ ok: false, reason: 'bad-body' });
	expect(parseQuoteMarkRequest({ cardId: '', shareable: true })).toMatchObject({ ok: false, reason: 'bad-card-id' });
	expect(parseQuoteMarkRequest({ cardId: 'x'.repeat(QUOTE_CARD_ID_MAX + 1), shareable: true })).toMatchObject({ ok: false, reason: 'bad-card-id' });
	expect(parseQuoteMarkRequest({ cardId: "a' OR 1=1", shareable: true })).toMatchObject({ ok: false, reason: 'bad-card-id' });
	expect(parseQuoteMarkRequest({ cardId: 'abc', shareable: 'yes' })).toMatchObject({ ok: false, reason: 'bad-shareable', message: { nl: expect.any(String), en: expect.any(String) } });
});

test('selectQuotes keeps no field but words, reference, themes and area', () => {
	const withName = { id: 'c1', ref: 'K001', text: 'Een bankje', themes: [], area: 'Zuid', markedAt: 1, authorName: 'Anna', buurt: 'Heugem' };
	expect(selectQuotes([withName])).toEqual([{ ref: 'K001', text: 'Een bankje', themes: [], area: 'Zuid' }]);
	expect(selectQuotes([withName], 0)).toEqual([]);
});
