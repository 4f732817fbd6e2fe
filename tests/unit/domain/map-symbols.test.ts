/**
 * The one table of map symbols (src/lib/domain/map-symbols.ts), used by the live map and the export
 * picture: every category has a symbol, every colour meets WCAG 2.1 AA non-text contrast (3:1) on
 * every map background, and symbols and their names tell the categories apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FACILITY_CATEGORY_IDS } from '../../../src/lib/domain/areas.ts';
import { MAP_BACKGROUNDS, MAP_SYMBOLS, STATUS_KEY_SYMBOL, SYMBOL_COLOURS, SYMBOL_SHAPES, symbolName } from '../../../src/lib/domain/map-symbols.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** sRGB channel (0–255) to linear light, as WCAG 2.1 defines relative luminance. */
function linear(channel: number): number {
	const c = channel / 255;
	return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}
function rgbOf(hex: string): [number, number, number] {
	expect(hex).toMatch(/^#[0-9a-f]{6}$/i);
	return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}
function relativeLuminance(hex: string): number {
	const [r, g, b] = rgbOf(hex).map(linear);
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrastRatio(a: string, b: string): number {
	const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

test('the contrast formula gives the known WCAG values', () => {
	expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
	expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
	expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
});

describe('every symbol colour meets 3:1 (WCAG 2.1 AA, 1.4.11 non-text contrast)', () => {
	for (const [id, colour] of Object.entries(SYMBOL_COLOURS)) {
		test(`${id} ${colour.hex}`, () => {
			for (const [where, background] of Object.entries(MAP_BACKGROUNDS)) {
				expect(contrastRatio(colour.hex, background), `${id} on ${where} ${background}`).toBeGreaterThanOrEqual(3);
			}
		});
	}
	test('and the table only uses those colours', () => {
		const known = new Set<string>(Object.values(SYMBOL_COLOURS).map((c) => c.hex));
		for (const [category, symbol] of Object.entries({ ...MAP_SYMBOLS, STATUS_KEY_SYMBOL })) {
			expect(known.has(symbol.colour), category).toBe(true);
			expect(symbol.colour, category).toBe(SYMBOL_COLOURS[symbol.colourId].hex);
			expect(SYMBOL_SHAPES, category).toContain(symbol.shape);
		}
	});
});

describe('every facility kind has a symbol', () => {
	test('every category the app knows', () => {
		expect(Object.keys(MAP_SYMBOLS).sort()).toEqual([...FACILITY_CATEGORY_IDS].sort());
	});

	test('every category in the shipped facility data', () => {
		const file = path.join(ROOT, 'server/seed/maastricht/maastricht_social_facilities_osm_2023.geojson');
		const data = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { category: string } }[] };
		const categories = new Set(data.features.map((f) => f.properties.category));
		expect(categories.size).toBeGreaterThan(0);
		for (const category of categories) expect(Object.keys(MAP_SYMBOLS), category).toContain(category);
	});
});

describe('symbols tell the categories apart', () => {
	test('no two categories share colour and shape, nor the words that name them in a legend', () => {
		const looks = Object.values(MAP_SYMBOLS).map((s) => `${s.colourId} ${s.shape}`);
		expect(new Set(looks).size).toBe(looks.length);
		for (const locale of ['nl', 'en'] as const) {
			const names = FACILITY_CATEGORY_IDS.map((c) => symbolName(c, locale));
			expect(new Set(names).size, locale).toBe(names.length);
		}
	});

	test('legend words follow Dutch grammar: -e before a de-word, none before a het-word', () => {
		expect(symbolName('community_centre', 'nl')).toBe('blauwe cirkel');
		expect(symbolName('meeting_place', 'nl')).toBe('blauw vierkant');
		expect(symbolName('education', 'nl')).toBe('oranje vierkant');
		expect(symbolName('worship', 'nl')).toBe('zwarte ruit');
		expect(symbolName('meeting_place', 'en')).toBe('blue square');
	});

	/**
	 * Within one shape, colour is what differs, so it must survive the common colour blindness too:
	 * simulated deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009, severity 1) must leave
	 * every two colours of a shape at least ΔE*ab 20 apart (about twice "clearly different").
	 */
	test('colours that share a shape stay apart for red–green colour blindness', () => {
		const SIMULATIONS = {
			deuteranopia: [
				[0.367322, 0.860646, -0.227968],
				[0.280085, 0.672501, 0.047413],
				[-0.01182, 0.04294, 0.968881]
			],
			protanopia: [
				[0.152286, 1.052583, -0.204868],
				[0.114503, 0.786281, 0.099216],
				[-0.003882, -0.048116, 1.051998]
			]
		};
		const lab = ([r, g, b]: number[]) => {
			const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
			const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
			const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
			const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
			return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
		};
		const seenAs = (hex: string, matrix: number[][]) => {
			const rgb = rgbOf(hex).map(linear);
			return lab(matrix.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]))));
		};
		for (const shape of SYMBOL_SHAPES) {
			const colours = [...new Set(Object.values(MAP_SYMBOLS).filter((s) => s.shape === shape).map((s) => s.colour))];
			for (const [i, a] of colours.entries()) {
				for (const b of colours.slice(i + 1)) {
					for (const [vision, matrix] of Object.entries(SIMULATIONS)) {
						const distance = Math.hypot(...seenAs(a, matrix).map((v, k) => v - seenAs(b, matrix)[k]));
						expect(distance, `${shape}: ${a} and ${b} with ${vision}`).toBeGreaterThanOrEqual(20);
					}
				}
			}
		}
	});
});
