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

/** A UTF-16 code unit that may never stand in a text (see above). Surrogates are judged in pairs. */
function isForbiddenUnit(code: number): boolean {
	return (
		(code <= 0x1f && code !== 0x0a) ||
		(code >= 0x7f && code <= 0x9f) ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069) ||
		code === 0xfffe ||
		code === 0xffff
	);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The text without forbidden characters and unpaired surrogates (or null when it has none, to save a copy). */
function withoutForbidden(text: string): string | null {
	let kept: string[] | null = null;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		let forbidden = isForbiddenUnit(code);
		if (isHighSurrogate(code)) {
			if (isLowSurrogate(text.charCodeAt(i + 1))) {
				kept?.push(text.slice(i, i + 2));
				i++;
				continue;
			}
			forbidden = true;
		} else if (isLowSurrogate(code)) {
			forbidden = true;
		}
		if (forbidden) kept ??= [text.slice(0, i)];
		else kept?.push(text[i]);
	}
	return kept === null ? null : kept.join('');
}
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/** Characters as people count them: "👍🏽" or "é" written as e + accent is one. */
export function countCharacters(text: string): number {
	// Below U+0300 (Latin, with its precomposed accents) every code unit is one character; segmenting
	// is only needed for combining marks, emoji and other scripts, and it is slow.
	if (SIMPLE_TEXT.test(text)) return text.length;
	let count = 0;
	for (const _ of graphemes.segment(text)) count++;
	return count;
}
const graphemes = new Intl.Segmenter('nl', { granularity: 'grapheme' });
// No \r: a CR LF pair is one character, and cleaned texts hold only LF.
const SIMPLE_TEXT = /^[\n\u0020-\u02FF]*$/;

export function hasForbiddenCharacters(text: string): boolean {
	return withoutForbidden(text) !== null;
}

/** What a form does before it writes: CRLF to LF, a tab to a space, forbidden characters out, outer whitespace trimmed. */
export function cleanText(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
	return (withoutForbidden(lines) ?? lines).trim();
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
