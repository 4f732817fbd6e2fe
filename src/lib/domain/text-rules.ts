/**
 * Rules for any text a person writes into the agenda: what characters may be in it and how its
 * length is counted. The server enforces them on every write (server/sync/write-policy.ts); the
 * forms use the same functions, so an honest phone never sends what the server would refuse.
 *
 * Why these characters are out:
 *  - C0/C1 control characters (except a newline) and U+FFFE/U+FFFF are not allowed in XML, so one of
 *    them makes the Word export an invalid file;
 *  - bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a card read differently
 *    from what it says (the "Trojan source" trick), on the wall and in the export;
 *  - an unpaired surrogate is not a character at all.
 * Zero-width characters may stand inside a text (they join emoji and some scripts), but a text made
 * only of them and spaces is empty.
 */

const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const FORBIDDEN_GLOBAL = new RegExp(FORBIDDEN.source, 'gu');
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/** Characters as people count them: "👍🏽" or "é" written as e + accent is one. */
export function countCharacters(text: string): number {
	let count = 0;
	for (const _ of graphemes.segment(text)) count++;
	return count;
}
const graphemes = new Intl.Segmenter('nl', { granularity: 'grapheme' });

export function hasForbiddenCharacters(text: string): boolean {
	return FORBIDDEN.test(text);
}

/** What a form does before it writes: CRLF to LF, forbidden characters out, outer whitespace trimmed. */
export function cleanText(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(FORBIDDEN_GLOBAL, '').trim();
}

/** Empty once spaces and zero-width characters are taken out. */
export function isBlank(text: string): boolean {
	return text.replace(INVISIBLE, '') === '';
}

export type TextProblem = 'empty' | 'too-long' | 'forbidden-characters';

/**
 * The server's check of a text as stored: nothing forbidden, not blank (unless allowed), at most
 * `max` characters. It does not clean: a text that needs cleaning was not written by our forms.
 */
export function checkStoredText(text: string, max: number, options: { mayBeEmpty?: boolean } = {}): TextProblem | null {
	if (hasForbiddenCharacters(text)) return 'forbidden-characters';
	if (!options.mayBeEmpty && isBlank(text)) return 'empty';
	if (text.length > max * 16 || countCharacters(text) > max) return 'too-long';
	return null;
}
