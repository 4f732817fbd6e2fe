import { describe, expect, it } from 'vitest';
import {
	BUDGET_LINE_YEARS,
	SEED_FIGURE_NOTES,
	SOCIAL_BASIS_BUDGET_BY_TAAKVELD,
	SOCIAL_BASIS_BUDGET_LINES_2024_2026,
	SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR,
	SOCIAL_BASIS_YEARS,
	VOLUNTEER_SUBSIDY_ACTIVITIES,
	VOLUNTEER_SUBSIDY_AWARDS_2025
} from '../../../../src/lib/domain/budget/budget-lines.ts';

describe('budget lines of the social basis', () => {
	it('has the seed 001 totals per year', () => {
		expect(SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR.totalEurosByYear).toEqual({
			2025: 22_485_000,
			2026: 21_634_000,
			2027: 21_639_000,
			2028: 21_696_000
		});
	});

	it('has taakveld rows that add up exactly to the printed totals in every year', () => {
		for (const year of SOCIAL_BASIS_YEARS) {
			const sum = SOCIAL_BASIS_BUDGET_BY_TAAKVELD.reduce((total, row) => total + row.eurosByYear[year], 0);
			expect(sum, String(year)).toBe(SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR.totalEurosByYear[year]);
		}
		expect(SOCIAL_BASIS_BUDGET_BY_TAAKVELD.map((row) => row.taakveld)).toEqual(['6.1', '6.2', '6.4', '7.1']);
	});

	it('has the seventeen finer lines of seed 000 §10 for 2024–2026', () => {
		expect(SOCIAL_BASIS_BUDGET_LINES_2024_2026).toHaveLength(17);
		const byLabel = Object.fromEntries(SOCIAL_BASIS_BUDGET_LINES_2024_2026.map((line) => [line.label, line]));
		expect(byLabel['Sociaal cultureel werk'].eurosByYear).toEqual({ 2024: 5_857_000, 2025: 4_011_000, 2026: 3_261_000 });
		expect(byLabel['Jeugdgezondheidszorg'].taakveld).toBe('7.1');
		expect(byLabel['Halt preventie'].taakveld).toBe('0.1');
	});

	it('keeps every amount in whole euros with a source', () => {
		for (const row of SOCIAL_BASIS_BUDGET_BY_TAAKVELD) {
			for (const year of SOCIAL_BASIS_YEARS) expect(Number.isSafeInteger(row.eurosByYear[year])).toBe(true);
			expect(row.source.seed).toMatch(/^001_/);
		}
		for (const line of SOCIAL_BASIS_BUDGET_LINES_2024_2026) {
			for (const year of BUDGET_LINE_YEARS) expect(Number.isSafeInteger(line.eurosByYear[year])).toBe(true);
			expect(line.source.seed).toMatch(/^000_/);
			expect(line.source.section).toMatch(/^10\./);
		}
		for (const note of SEED_FIGURE_NOTES) expect(note.source.seed).toMatch(/^00[0-4]_/);
	});

	it('lists the 13 activity types of the volunteer subsidy scheme with their maxima', () => {
		expect(VOLUNTEER_SUBSIDY_ACTIVITIES.map((activity) => activity.number)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
		]);
		const maxByActivity = Object.fromEntries(
			VOLUNTEER_SUBSIDY_ACTIVITIES.map((activity) => [activity.activity, activity.maxEuros])
		);
		expect(maxByActivity['Huiskamer']).toBe(12_000);
		expect(maxByActivity['Sociaal restaurant']).toBe(20_000);
		expect(maxByActivity['Kleinschalige activiteiten']).toBe(500);
		expect(maxByActivity['Maatjesproject']).toBe(40_000);
		expect(maxByActivity['Buurtnetwerk']).toBeNull();
		for (const activity of VOLUNTEER_SUBSIDY_ACTIVITIES) {
			expect(activity.source.seed).toMatch(/^002_/);
			if (activity.maxEuros !== null) expect(Number.isSafeInteger(activity.maxEuros)).toBe(true);
		}
		expect(VOLUNTEER_SUBSIDY_AWARDS_2025.reduce((sum, award) => sum + award.awardedEuros, 0)).toBe(1_215_000);
	});
});
