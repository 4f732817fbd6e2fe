import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
	AMBY_FIGURES,
	CITY_VS_NETHERLANDS_FIGURES,
	parseDutchNumber,
	PRIORITY_BUURT_BASELINE_FIGURES,
	PRIORITY_BUURTEN,
	SEED_DOCUMENTS,
	SEED_FIGURES
} from '../../../src/lib/domain/seed-figures.ts';

// Verbatim excerpts of the policy documents, committed with the tests (tests/fixtures/seeds/README.md
// names each source): the paragraphs around every quoted figure, cut by scripts/extract-seed-excerpts.js.
const SEEDS_DIR = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));

/** Same normalisation the figures' seedText uses: no markup, single spaces. */
function normalizeSeedText(text: string): string {
	return text
		.replace(/<\/?[a-zA-Z]+>/g, '')
		.replace(/[#*]/g, '')
		.replace(/\s+/g, ' ');
}

const seedTexts = new Map<string, string>();
function seedText(file: string): string {
	let text = seedTexts.get(file);
	if (text === undefined) {
		text = normalizeSeedText(readFileSync(path.join(SEEDS_DIR, file), 'utf8'));
		seedTexts.set(file, text);
	}
	return text;
}

function areaKey(figure: (typeof SEED_FIGURES)[number]): string {
	return figure.area.kind === 'nederland' ? 'NL' : figure.area.code;
}

describe('seed figures (pure)', () => {
	test('parseDutchNumber reads thousands dots, decimal commas and a trailing %', () => {
		expect(parseDutchNumber('2.410')).toBe(2410);
		expect(parseDutchNumber('50,3%')).toBe(50.3);
		expect(parseDutchNumber('20%')).toBe(20);
		expect(parseDutchNumber('47,9')).toBe(47.9);
		expect(() => parseDutchNumber('veel')).toThrow(RangeError);
	});

	test('every figure has a unique (area, id), a value equal to its printed number, and a source naming the seed', () => {
		const keys = SEED_FIGURES.map((f) => `${areaKey(f)}:${f.id}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const figure of SEED_FIGURES) {
			expect(figure.value, figure.id).toBe(parseDutchNumber(figure.seedNumber));
			expect(figure.seedText, figure.id).toContain(figure.seedNumber);
			expect(figure.source.nl).toContain(figure.seed.title);
			expect(figure.source.nl).toContain(`(${figure.seed.year})`);
			expect(figure.label.nl.length * figure.label.en.length).toBeGreaterThan(0);
		}
	});

	test('the expected sets: 8 themes × 2 areas, 4 priority buurten × 4 figures, 11 Amby figures', () => {
		expect(CITY_VS_NETHERLANDS_FIGURES).toHaveLength(16);
		expect(PRIORITY_BUURT_BASELINE_FIGURES).toHaveLength(16);
		expect(AMBY_FIGURES).toHaveLength(11);
		expect(SEED_FIGURES).toHaveLength(43);
	});

	test('shares add up where the seed gives a complete breakdown (Amby age and origin)', () => {
		const sum = (prefix: string) => AMBY_FIGURES.filter((f) => f.id.startsWith(prefix)).reduce((total, f) => total + f.value, 0);
		expect(sum('pct_age_')).toBe(100);
		expect(sum('pct_origin_')).toBe(100);
	});

	test('Maastricht comes before the Netherlands in each table row, as in the seed', () => {
		for (const city of CITY_VS_NETHERLANDS_FIGURES.filter((f) => f.area.kind === 'gemeente')) {
			const national = CITY_VS_NETHERLANDS_FIGURES.find((f) => f.area.kind === 'nederland' && f.id === city.id);
			expect(national).toBeDefined();
			const row = city.seedText;
			const cityAt = row.indexOf(city.seedNumber);
			expect(row.indexOf(national!.seedNumber, cityAt + city.seedNumber.length)).toBeGreaterThan(cityAt);
		}
	});

	test('priority buurten: Daalhof is listed but has no figures, because the seed shows them only as an image', () => {
		expect(PRIORITY_BUURTEN.map((b) => b.name).sort()).toEqual(['Amby', 'Daalhof', 'Malberg', 'Nazareth', 'Pottenberg']);
		const withFigures = new Set(PRIORITY_BUURT_BASELINE_FIGURES.map((f) => (f.area.kind === 'buurt' ? f.area.name : '')));
		expect([...withFigures].sort()).toEqual(['Amby', 'Malberg', 'Nazareth', 'Pottenberg']);
		expect(PRIORITY_BUURTEN.find((b) => b.name === 'Daalhof')?.figuresInSeedText).toBe(false);
	});
});

describe('seed figures against the committed excerpts of the seed texts', () => {
	test('the excerpt of every seed document is committed', () => {
		for (const document of Object.values(SEED_DOCUMENTS)) {
			expect(existsSync(path.join(SEEDS_DIR, document.file)), document.file).toBe(true);
		}
	});

	test.each(SEED_FIGURES.map((f) => [`${areaKey(f)} ${f.id} = ${f.value}`, f] as const))(
		'%s occurs in its seed, right after its anchor',
		(_name, figure) => {
			const text = seedText(figure.seed.file);
			const anchorAt = text.indexOf(figure.seedAnchor);
			expect(anchorAt, `anchor "${figure.seedAnchor}" in ${figure.seed.file}`).toBeGreaterThanOrEqual(0);
			expect(text.indexOf(figure.seedAnchor, anchorAt + 1), 'anchor must be unique').toBe(-1);
			// Within the block that follows the anchor, not somewhere else in a long document.
			const block = text.slice(anchorAt, anchorAt + 500);
			expect(block, `"${figure.seedText}" after "${figure.seedAnchor}"`).toContain(figure.seedText);
			// The printed number is a whole token of the line, not a fragment of a larger number.
			const numberPattern = new RegExp(`(^|[\\s:])${figure.seedNumber.replace(/[.%+]/g, '\\$&')}($|\\s)`);
			expect(figure.seedText).toMatch(numberPattern);
		}
	);

	test('the loneliness reference year (2020) is stated in the social vision', () => {
		expect(seedText(SEED_DOCUMENTS.socialVision2040.file)).toContain('naar 50,3% in 2020');
	});
});
