import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { pick } from '../../../src/lib/domain/i18n-text.ts';
import {
	QUESTIONS,
	isQuestionId,
	isQuestionNumber,
	questionById,
	questionByNumber
} from '../../../src/lib/domain/questions.ts';

// The text of seed 000, the presentation "Sociale Basis in Maastricht" (gemeente Maastricht,
// domeinvergadering 8 oktober 2024), committed as a fixture (see tests/fixtures/seeds/README.md).
const SEED_PATH = fileURLToPath(new URL('../../fixtures/seeds/000_2fcc8dcb5a29dbf4.txt', import.meta.url));

const sentencesOf = (text: string) => text.trim().split(/(?<=[.!?])\s+/);
const wordCount = (sentence: string) => sentence.split(/\s+/).filter(Boolean).length;

describe('QUESTIONS', () => {
	test('are the eight questions, numbered 1 to 8 in order', () => {
		expect(QUESTIONS.map((question) => question.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	test('have unique, stable ids', () => {
		const ids = QUESTIONS.map((question) => question.id);
		expect(new Set(ids).size).toBe(8);
		expect(ids).toEqual([
			'karakter',
			'behoeften',
			'elementen',
			'staat',
			'ontwikkelingen',
			'efficienter',
			'budget',
			'prioriteit'
		]);
	});

	test('each step carries its own extra structure', () => {
		expect(QUESTIONS.map((question) => question.needs)).toEqual([
			'keywords',
			'needs-by-theme',
			'elements-by-layer',
			'condition-ratings',
			'developments',
			'efficiency-ideas',
			'budget',
			'priorities'
		]);
	});

	test('every Dutch and English text is non-empty', () => {
		for (const question of QUESTIONS) {
			for (const text of [question.text, question.explanation, question.example]) {
				expect(text.nl.trim(), question.id).not.toBe('');
				expect(text.en.trim(), question.id).not.toBe('');
			}
		}
	});

	test('explanations are B1: at most two sentences of at most 20 words each', () => {
		for (const question of QUESTIONS) {
			const sentences = sentencesOf(question.explanation.nl);
			expect(sentences.length, question.id).toBeLessThanOrEqual(2);
			for (const sentence of sentences) {
				expect(wordCount(sentence), `${question.id}: ${sentence}`).toBeLessThanOrEqual(20);
			}
		}
	});

	test('quote the Dutch wording of seed 000 §8 verbatim and in seed order', () => {
		const seed = readFileSync(SEED_PATH, 'utf8');
		const positions = QUESTIONS.map((question) => {
			const position = seed.indexOf(`- ${question.text.nl}\n`);
			expect(position, question.text.nl).toBeGreaterThanOrEqual(0);
			return position;
		});
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});
});

describe('question lookups', () => {
	test('questionByNumber finds a question by its number', () => {
		expect(questionByNumber(4)?.id).toBe('staat');
		expect(questionByNumber(8)?.text.nl).toBe('Wat krijgt prioriteit, wat gaan we doen?');
	});

	test('questionByNumber returns null outside 1 to 8', () => {
		for (const outside of [0, 9, -1, 2.5, Number.NaN]) {
			expect(questionByNumber(outside)).toBeNull();
		}
	});

	test('questionById returns null for an unknown id', () => {
		expect(questionById('budget')?.number).toBe(7);
		expect(questionById('onbekend')).toBeNull();
		expect(questionById('')).toBeNull();
	});

	test('isQuestionNumber accepts only the integers 1 to 8', () => {
		for (let candidate = 1; candidate <= 8; candidate++) {
			expect(isQuestionNumber(candidate)).toBe(true);
		}
		for (const outside of [0, 9, 1.5, '1', null, undefined, Number.NaN, {}]) {
			expect(isQuestionNumber(outside)).toBe(false);
		}
	});

	test('isQuestionId accepts only known ids', () => {
		expect(isQuestionId('karakter')).toBe(true);
		expect(isQuestionId('Karakter')).toBe(false);
		expect(isQuestionId(1)).toBe(false);
	});
});

describe('pick', () => {
	test('returns the text for the requested locale', () => {
		const text = { nl: 'Wat is het karakter van het gebied?', en: 'What is the character of the area?' };
		expect(pick(text, 'nl')).toBe(text.nl);
		expect(pick(text, 'en')).toBe(text.en);
	});
});
