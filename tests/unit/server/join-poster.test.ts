import { describe, expect, test } from 'vitest';
import { formatStartsAt, writeJoinPoster } from '../../../src/lib/server/join-poster.ts';
import { pdfText } from './export/read-back.ts';

const input = {
	title: 'Bewonersavond Heugem',
	stadsdeelName: 'Zuid',
	startsAt: '2026-12-10T19:30',
	place: 'Buurtcentrum De Romein',
	joinCode: 'K7M2QX',
	joinUrl: 'https://wijktafel.maastricht.nl/join/K7M2QX'
};

describe('the join poster and handout', () => {
	test('two A4 pages in Dutch with the code, the short address and three steps', async () => {
		const bytes = await writeJoinPoster(input, { compress: false });
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw.startsWith('%PDF-1.7')).toBe(true);
		expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(2);
		expect(raw).toContain('/Lang (nl-NL)');
		expect(raw).toContain('/StructTreeRoot');
		const text = pdfText(bytes);
		expect(text).toContain('Doe mee met je telefoon');
		// The big letter-spaced code: a text reader may give it with or without the spaces.
		expect(text).toMatch(/K ?7 ?M ?2 ?Q ?X/);
		expect(text).toContain('wijktafel.maastricht.nl/join');
		expect(text).toContain('Vul de code K7M2QX in');
		expect(text).toContain('Geen telefoon? Vraag de begeleider');
		expect(text).toContain('10 december 2026, 19:30 uur · Buurtcentrum De Romein');
	});

	test('without date and place the poster still has everything needed to join', async () => {
		const text = pdfText(await writeJoinPoster({ ...input, startsAt: null, place: null }, { compress: false }));
		expect(text).toContain('K7M2QX');
		expect(text).not.toContain('uur');
	});

	test('dates read as people say them', () => {
		expect(formatStartsAt('2026-03-05')).toBe('5 maart 2026');
		expect(formatStartsAt('2026-03-05T09:05')).toBe('5 maart 2026, 09:05 uur');
	});
});
