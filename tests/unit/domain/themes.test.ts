import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
	ACTION_LISTS,
	MAIN_AMBITION,
	THEMES,
	UNEQUAL_INVESTMENT,
	actionListById,
	isActionListId,
	isThemeId,
	themeById
} from '../../../src/lib/domain/themes.ts';

// The text of seed 000, the presentation "Sociale Basis in Maastricht" (gemeente Maastricht,
// domeinvergadering 8 oktober 2024), committed as a fixture (see tests/fixtures/seeds/README.md).
const SEED_PATH = fileURLToPath(new URL('../../fixtures/seeds/000_2fcc8dcb5a29dbf4.txt', import.meta.url));

// The seeds wrap lines and use tabs between table cells; compare on collapsed whitespace.
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const readSeed = () => normalise(readFileSync(SEED_PATH, 'utf8'));

describe('THEMES', () => {
	test('are ten themes with unique ids', () => {
		expect(THEMES).toHaveLength(10);
		expect(new Set(THEMES.map((theme) => theme.id)).size).toBe(10);
	});

	test('are the nine sub-ambitions plus the cross-cutting Inclusie & diversiteit', () => {
		expect(THEMES.filter((theme) => theme.kind === 'sub-ambition')).toHaveLength(9);
		const crossCutting = THEMES.filter((theme) => theme.kind === 'cross-cutting');
		expect(crossCutting.map((theme) => theme.name.nl)).toEqual(['Inclusie & diversiteit']);
	});

	test('every Dutch and English text is non-empty', () => {
		for (const theme of THEMES) {
			for (const text of [theme.name, theme.outcome]) {
				expect(text.nl.trim(), theme.id).not.toBe('');
				expect(text.en.trim(), theme.id).not.toBe('');
			}
		}
		for (const text of [
			MAIN_AMBITION.name,
			MAIN_AMBITION.description,
			UNEQUAL_INVESTMENT.name,
			UNEQUAL_INVESTMENT.description,
			...ACTION_LISTS.map((list) => list.label)
		]) {
			expect(text.nl.trim()).not.toBe('');
			expect(text.en.trim()).not.toBe('');
		}
	});

	test('quote theme names and outcome sentences from seed 000', () => {
		const seed = readSeed();
		for (const theme of THEMES) {
			expect(seed, theme.id).toContain(normalise(theme.name.nl));
			expect(seed, theme.id).toContain(normalise(theme.outcome.nl));
		}
	});

	test('quote the main ambition and the cross-cutting principle from seed 000', () => {
		const seed = readSeed();
		// The seed prints the main ambition in capitals only.
		expect(seed.toLowerCase()).toContain(MAIN_AMBITION.name.nl.toLowerCase());
		expect(seed).toContain(normalise(MAIN_AMBITION.description.nl));
		expect(seed).toContain(UNEQUAL_INVESTMENT.name.nl);
		expect(seed).toContain(normalise(UNEQUAL_INVESTMENT.description.nl));
	});
});

describe('theme lookups', () => {
	test('themeById finds a theme and returns null for an unknown id', () => {
		expect(themeById('cultuur')?.name.nl).toBe('Cultuur');
		expect(themeById('onbekend')).toBeNull();
		expect(themeById('')).toBeNull();
	});

	test('isThemeId accepts only known ids', () => {
		for (const theme of THEMES) expect(isThemeId(theme.id)).toBe(true);
		for (const outside of ['Cultuur', 'onbekend', 1, null, undefined]) {
			expect(isThemeId(outside)).toBe(false);
		}
	});
});

describe('ACTION_LISTS', () => {
	test('are the three lists of a district programme chapter, in order', () => {
		expect(ACTION_LISTS.map((list) => [list.id, list.label.nl])).toEqual([
			['al', 'Wat doen we al en blijven we doorontwikkelen'],
			['extra', 'Waar zetten we extra op in'],
			['inwoners', 'Wat betekent dit voor de inwoners']
		]);
	});

	test('use the headings of the policy agenda in seed 000 §9', () => {
		// The seed prints these headings in capitals.
		const seed = readSeed().toLowerCase();
		for (const list of ACTION_LISTS) expect(seed).toContain(list.label.nl.toLowerCase());
	});

	test('lookups return null or false for unknown ids', () => {
		expect(actionListById('extra')?.label.en).toBe('Where we invest extra');
		expect(actionListById('onbekend')).toBeNull();
		expect(isActionListId('inwoners')).toBe(true);
		expect(isActionListId('onbekend')).toBe(false);
	});
});
