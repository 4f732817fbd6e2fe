import { describe, expect, test } from 'vitest';
import { textWidth, wrapText } from '../../../../src/lib/server/export/fonts.ts';

describe('wrapText', () => {
	test('breaks only at spaces, every line within the width, nothing lost', () => {
		const text = 'Şükrü ve Ayşe çalışıyor samen met Zażółć gęślą jaźń en Привет, соседи in Heugemerveld';
		for (const width of [40, 60, 90, 150, 400]) {
			const lines = wrapText(text, 9, 'regular', width);
			for (const line of lines) {
				// A line is wider than the width only when it is one word that is itself wider.
				if (line.includes(' ')) expect(textWidth(line, 9, 'regular'), `${width}: "${line}"`).toBeLessThanOrEqual(width);
			}
			const words = text.split(' ');
			const widest = Math.max(...words.map((w) => textWidth(w, 9, 'regular')));
			// Where every word fits, no word is cut: the lines' words are the text's words.
			if (widest <= width) expect(lines.flatMap((line) => line.split(' '))).toEqual(words);
			expect(lines.join(' ').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
		}
	});

	test('keeps newlines as line breaks, and cuts only a word wider than the whole line', () => {
		expect(wrapText('Zuid is groen.\nHeugem is een dorp.', 10, 'regular', 500)).toEqual(['Zuid is groen.', 'Heugem is een dorp.']);
		const long = 'samenlevingsinitiatievenvrijwilligersorganisaties';
		const lines = wrapText(long, 10, 'bold', 60);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join('')).toBe(long);
		for (const line of lines) expect(textWidth(line, 10, 'bold')).toBeLessThanOrEqual(60);
		expect(wrapText('', 10, 'regular', 60)).toEqual(['']);
	});
});
