import { describe, expect, test } from 'vitest';
import { checkStoredText, cleanText, countCharacters, hasForbiddenCharacters, isBlank } from '../../../src/lib/domain/text-rules.ts';

describe('text rules', () => {
	test('characters are counted as people count them', () => {
		expect(countCharacters('Maastricht')).toBe(10);
		expect(countCharacters('👍🏽')).toBe(1);
		expect(countCharacters('👨‍👩‍👧')).toBe(1);
		expect(countCharacters('e\u0301')).toBe(1);
		expect(countCharacters('Şükrü')).toBe(5);
	});

	test('what the forms clean is exactly what the server refuses', () => {
		for (const bad of ['a\u0000b', 'bel\u0007', 'x\u001Fy', 'del\u007F', 'c1\u0085', '\uFFFE', '\uFFFF', 'r\u202Etl', 'iso\u2066x\u2069']) {
			expect(hasForbiddenCharacters(bad), JSON.stringify(bad)).toBe(true);
			expect(hasForbiddenCharacters(cleanText(bad)), JSON.stringify(bad)).toBe(false);
		}
		expect(cleanText('twee\r\nregels ')).toBe('twee\nregels');
		expect(cleanText('tab\tje')).toBe('tab je');
		expect(hasForbiddenCharacters('twee\nregels en Arabisch: مرحبا')).toBe(false);
	});

	test('a text of only spaces and zero-width characters is blank', () => {
		expect(isBlank('\u200B \u200C\u200D\u2060\uFEFF\n')).toBe(true);
		expect(isBlank('\u200Bja')).toBe(false);
	});

	test('the stored check: forbidden, empty, too long', () => {
		expect(checkStoredText('Meer bankjes', 280)).toBeNull();
		expect(checkStoredText('', 280)).toBe('empty');
		expect(checkStoredText('', 120, { mayBeEmpty: true })).toBeNull();
		expect(checkStoredText('a'.repeat(281), 280)).toBe('too-long');
		expect(checkStoredText('👍🏽'.repeat(280), 280)).toBeNull();
		expect(checkStoredText('x'.repeat(1_000_000), 280)).toBe('too-long');
		expect(checkStoredText('tab\tje', 280)).toBe('forbidden-characters');
	});
});
