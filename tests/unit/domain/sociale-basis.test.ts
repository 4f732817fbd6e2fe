import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
	CONDITION_RATINGS,
	PRINCIPLES,
	SOCIALE_BASIS_DEFINITION,
	SOCIALE_BASIS_LAYERS,
	SOCIAL_QUALITY_CONDITIONS,
	conditionRatingById,
	isConditionRatingId,
	isLayerId,
	isPrincipleId,
	isSocialQualityConditionId,
	layerById,
	principleById,
	principleByNumber,
	socialQualityConditionById
} from '../../../src/lib/domain/sociale-basis.ts';

// The text of seed 000, the presentation "Sociale Basis in Maastricht" (gemeente Maastricht,
// domeinvergadering 8 oktober 2024), committed as a fixture (see tests/fixtures/seeds/README.md).
const SEED_PATH = fileURLToPath(new URL('../../fixtures/seeds/000_2fcc8dcb5a29dbf4.txt', import.meta.url));

// The seeds wrap lines and use tabs between table cells; compare on collapsed whitespace.
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const readSeed = () => normalise(readFileSync(SEED_PATH, 'utf8'));

const sentencesOf = (text: string) => text.trim().split(/(?<=[.!?])\s+/);
const wordCount = (sentence: string) => sentence.split(/\s+/).filter(Boolean).length;

describe('SOCIALE_BASIS_LAYERS', () => {
	test('are the three layers in order', () => {
		expect(SOCIALE_BASIS_LAYERS.map((layer) => layer.id)).toEqual([
			'persoonlijk',
			'institutioneel',
			'fysiek'
		]);
	});

	test('explanations are B1: at most two sentences of at most 20 words each', () => {
		for (const layer of SOCIALE_BASIS_LAYERS) {
			const sentences = sentencesOf(layer.explanation.nl);
			expect(sentences.length, layer.id).toBeLessThanOrEqual(2);
			for (const sentence of sentences) {
				expect(wordCount(sentence), `${layer.id}: ${sentence}`).toBeLessThanOrEqual(20);
			}
		}
	});

	test('quote the layer names and descriptions from seed 000 §2', () => {
		const seed = readSeed();
		for (const layer of SOCIALE_BASIS_LAYERS) {
			// Names stand alone as labels, so they start with a capital where the seed has none.
			expect(seed.toLowerCase(), layer.id).toContain(layer.name.nl.toLowerCase());
			expect(seed, layer.id).toContain(normalise(layer.seedText.nl));
		}
	});

	test('lookups return null or false for unknown ids', () => {
		expect(layerById('fysiek')?.name.nl).toBe('Fysieke infrastructuur');
		expect(layerById('onbekend')).toBeNull();
		expect(isLayerId('institutioneel')).toBe(true);
		expect(isLayerId('Fysiek')).toBe(false);
		expect(isLayerId(undefined)).toBe(false);
	});
});

describe('SOCIALE_BASIS_DEFINITION', () => {
	test('quotes seed 000 §2', () => {
		expect(readSeed()).toContain(normalise(SOCIALE_BASIS_DEFINITION.nl));
	});
});

describe('SOCIAL_QUALITY_CONDITIONS', () => {
	test('are the four conditions with unique ids', () => {
		expect(SOCIAL_QUALITY_CONDITIONS).toHaveLength(4);
		expect(new Set(SOCIAL_QUALITY_CONDITIONS.map((condition) => condition.id)).size).toBe(4);
	});

	test('quote each row of the table in seed 000 §3', () => {
		const seed = readSeed();
		for (const { condition, via, value } of SOCIAL_QUALITY_CONDITIONS) {
			expect(seed).toContain(normalise(`${condition.nl} ${via.nl} ${value.nl}`));
		}
	});

	test('lookups return null or false for unknown ids', () => {
		expect(socialQualityConditionById('sociale-cohesie')?.value.nl).toBe('Solidariteit');
		expect(socialQualityConditionById('onbekend')).toBeNull();
		expect(isSocialQualityConditionId('sociale-inclusie')).toBe(true);
		expect(isSocialQualityConditionId('onbekend')).toBe(false);
	});
});

describe('PRINCIPLES', () => {
	test('are the eight principles numbered 1 to 8 with unique ids', () => {
		expect(PRINCIPLES.map((principle) => principle.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(new Set(PRINCIPLES.map((principle) => principle.id)).size).toBe(8);
	});

	test('quote seed 000 §4 under the same numbers', () => {
		const seed = readSeed();
		for (const principle of PRINCIPLES) {
			expect(seed).toContain(normalise(`${principle.number}. ${principle.text.nl}`));
		}
	});

	test('lookups return null or false for unknown ids and numbers', () => {
		expect(principleByNumber(6)?.id).toBe('ongelijk-investeren');
		expect(principleByNumber(0)).toBeNull();
		expect(principleByNumber(9)).toBeNull();
		expect(principleById('partnerschap')?.number).toBe(5);
		expect(principleById('onbekend')).toBeNull();
		expect(isPrincipleId('partnerschap')).toBe(true);
		expect(isPrincipleId(5)).toBe(false);
	});
});

describe('CONDITION_RATINGS', () => {
	test('are good, under pressure and missing, in that order', () => {
		expect(CONDITION_RATINGS.map((rating) => [rating.id, rating.label.nl, rating.label.en])).toEqual([
			['goed', 'Goed', 'Good'],
			['onder-druk', 'Onder druk', 'Under pressure'],
			['ontbreekt', 'Ontbreekt', 'Missing']
		]);
	});

	test('lookups return null or false for unknown ids', () => {
		expect(conditionRatingById('onder-druk')?.label.nl).toBe('Onder druk');
		expect(conditionRatingById('slecht')).toBeNull();
		expect(isConditionRatingId('ontbreekt')).toBe(true);
		expect(isConditionRatingId('slecht')).toBe(false);
	});
});

describe('texts', () => {
	test('every Dutch and English text is non-empty', () => {
		const texts = [
			SOCIALE_BASIS_DEFINITION,
			...SOCIALE_BASIS_LAYERS.flatMap((layer) => [layer.name, layer.seedText, layer.explanation]),
			...SOCIAL_QUALITY_CONDITIONS.flatMap((condition) => [
				condition.condition,
				condition.via,
				condition.value
			]),
			...PRINCIPLES.map((principle) => principle.text),
			...CONDITION_RATINGS.map((rating) => rating.label)
		];
		for (const text of texts) {
			expect(text.nl.trim()).not.toBe('');
			expect(text.en.trim()).not.toBe('');
		}
	});
});
