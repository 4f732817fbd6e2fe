/**
 * The paper sociale kaart keeps a group heading ("Hulp en zorg") together with its first entry: a
 * heading alone at the foot of a page was seen in print. Rendered for real (PDFKit, Fira Sans) and
 * read back page by page with pdftotext, over lists of many lengths so that every group heading
 * lands near a page end in some of them.
 */
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writePaperKaart } from '../../../../src/lib/server/reports/paper-kaart.ts';
import { NEED_TEXT, PUBLICATION_SCHEMA, type PublicPlace, type PublicSnapshot } from '../../../../src/lib/domain/sociale-kaart.ts';
import type { FacilityCategory } from '../../../../src/lib/domain/areas.ts';

const SNAPSHOT: PublicSnapshot = {
	schema: PUBLICATION_SCHEMA,
	agendaId: 'agenda1',
	title: 'Sociale agenda Zuid 2026',
	period: '2026',
	stadsdeel: { code: 'zuid', name: 'Zuid' },
	buurten: [{ code: 'BU09350600', name: 'Randwyck' }],
	versionId: 'v1',
	versionName: 'Vastgesteld',
	publishedAt: Date.UTC(2026, 4, 1),
	syntheses: [],
	actions: [],
	places: []
};

function place(index: number, category: FacilityCategory, name: string): PublicPlace {
	return {
		id: `p${index}`,
		kind: 'facility',
		name,
		category,
		layer: 'voorzieningen' as PublicPlace['layer'],
		themeIds: [],
		forWhom: [],
		address: `Voorbeeldstraat ${index}, 6229 Maastricht`,
		lat: 50.84 + index * 0.0007,
		lon: 5.7 + index * 0.0009,
		buurtCode: 'BU09350600',
		source: 'import',
		sourceRef: null,
		condition: { voters: null, counts: { goed: null, 'onder-druk': null, ontbreekt: null }, verdict: null }
	};
}

/** `meeting` places to meet, then the same few in every other group. */
function places(meeting: number): PublicPlace[] {
	const list: PublicPlace[] = [];
	for (let i = 0; i < meeting; i++) list.push(place(list.length, 'community_centre', `Buurthuis nummer ${i + 1}`));
	for (const [category, name] of [
		['health', 'Huisartsenpraktijk'],
		['care_social', 'Wijkteam'],
		['library', 'Bibliotheek'],
		['sport', 'Sporthal'],
		['childcare', 'Kinderopvang']
	] as const) {
		for (let i = 0; i < 3; i++) list.push(place(list.length, category, `${name} ${i + 1}`));
	}
	return list;
}

async function pagesOf(meeting: number): Promise<string[]> {
	const pdf = await writePaperKaart({
		snapshot: SNAPSHOT,
		buurt: { code: 'BU09350600', name: 'Randwyck' },
		places: places(meeting),
		sourceUrl: 'https://wijktafel.example/stadsdeel/zuid/sociale-kaart/BU09350600',
		geometry: null,
		correctionContact: 'Gemeente Maastricht, telefoon 14 043',
		now: new Date(Date.UTC(2026, 5, 1))
	});
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paper-kaart-')), 'kaart.pdf');
	fs.writeFileSync(file, pdf);
	try {
		return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

describe('the paper kaart keeps each heading with its first entry', () => {
	const groups = [
		{ title: NEED_TEXT['hulp-thuis'].title.nl, first: 'Huisartsenpraktijk 1' },
		{ title: NEED_TEXT['informatie-advies'].title.nl, first: 'Bibliotheek 1' },
		{ title: NEED_TEXT.actief.title.nl, first: 'Sporthal 1' },
		{ title: NEED_TEXT['kinderen-gezin'].title.nl, first: 'Kinderopvang 1' }
	];
	test('for lists of 0 to 16 places to meet before them, a group heading is never on another page than its first place', async () => {
		let pageBreaksSeen = 0;
		for (let meeting = 0; meeting <= 16; meeting++) {
			const pages = await pagesOf(meeting);
			for (const { title, first } of groups) {
				const headingPage = pages.findIndex((text) => new RegExp(`^\\s*${title}\\s*$`, 'm').test(text));
				const entryPage = pages.findIndex((text) => text.includes(first));
				expect(headingPage, `${meeting} places to meet: "${title}" is printed`).toBeGreaterThanOrEqual(0);
				expect(entryPage, `${meeting} places to meet: "${title}" and "${first}"`).toBe(headingPage);
				if (headingPage > 0 && !pages[headingPage - 1].includes(title)) pageBreaksSeen++;
			}
			// And no entry is split: its name and its address are on the same page.
			for (const text of pages) {
				const names = [...text.matchAll(/^\s*\d+\. (.+?)\s*$/gm)].map((match) => match[1]);
				for (const name of names) expect(text, `${meeting}: the address of ${name}`).toMatch(new RegExp(`${name}\\s+[\\s\\S]*?Adres: Voorbeeldstraat`));
			}
		}
		// A group that goes on over a page says so at the top of the next one.
		const long = await pagesOf(16);
		const goesOn = long.findIndex((text, i) => i > 0 && text.includes('Buurthuis nummer') && !text.includes(NEED_TEXT.ontmoeten.title.nl + '\n'));
		expect(goesOn, 'a page that continues the places to meet').toBeGreaterThan(0);
		expect(long[goesOn].trimStart().startsWith(`${NEED_TEXT.ontmoeten.title.nl} (vervolg)`)).toBe(true);
		// The lengths do push groups over page ends (otherwise this test would prove nothing).
		expect(pageBreaksSeen).toBeGreaterThan(0);
	}, 60_000);
});
