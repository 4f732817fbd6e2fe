import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/seeded-random.ts';
import {
	ALLOCATION_AREA_REASON_TEXT,
	ALLOCATION_METHOD,
	allocateBudget,
	type AllocationAreaInput,
	type AllocationResult
} from '../../../../src/lib/domain/budget/allocation.ts';


function randomInt(random: () => number, min: number, maxInclusive: number): number {
	return min + Math.floor(random() * (maxInclusive - min + 1));
}

function eurosByCode(result: AllocationResult): Record<string, number> {
	if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
	return Object.fromEntries(result.areas.map((area) => [area.code, area.euros]));
}

function sumOf(result: AllocationResult): number {
	if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
	return result.areas.reduce((sum, area) => sum + area.euros, 0);
}

interface RandomCase {
	totalEuros: number;
	floorEuros: number;
	areas: AllocationAreaInput[];
}

function randomCase(random: () => number): RandomCase {
	const areaCount = randomInt(random, 1, 12);
	const areas: AllocationAreaInput[] = Array.from({ length: areaCount }, (_, index) => {
		const roll = random();
		return {
			code: `BU0935${String(randomInt(random, 0, 9999)).padStart(4, '0')}-${index}`,
			population: roll < 0.08 ? null : roll < 0.12 ? 0 : randomInt(random, 1, 12_000),
			needIndex: random() < 0.1 ? null : random() < 0.05 ? 0 : random() < 0.1 ? 1 : random()
		};
	});
	// Small totals make rounding decide a large part of the result, which is where paradoxes live.
	const totalEuros = random() < 0.5 ? randomInt(random, 0, 60) : randomInt(random, 0, 25_000_000);
	const maxFloor = Math.floor(totalEuros / areaCount);
	const floorEuros = random() < 0.4 ? randomInt(random, 0, maxFloor) : 0;
	// Guarantee that something can absorb the proportional part.
	areas[0] = { ...areas[0], population: randomInt(random, 1, 12_000), needIndex: 0.01 + random() * 0.99 };
	return { totalEuros, floorEuros, areas };
}

describe('allocateBudget', () => {
	it('splits proportionally to population × need index', () => {
		const result = allocateBudget({
			totalEuros: 1000,
			areas: [
				{ code: 'A', population: 100, needIndex: 0.5 },
				{ code: 'B', population: 100, needIndex: 1 },
				{ code: 'C', population: 50, needIndex: 1 }
			]
		});
		expect(eurosByCode(result)).toEqual({ A: 250, B: 500, C: 250 });
	});

	it('hands out rounding euros by largest remainder, ties broken by code whatever the input order', () => {
		const equal = (code: string) => ({ code, population: 10, needIndex: 0.5 });
		const result = allocateBudget({ totalEuros: 100, areas: [equal('C'), equal('A'), equal('B')] });
		expect(eurosByCode(result)).toEqual({ A: 34, B: 33, C: 33 });
		expect(result.ok && result.areas.map((area) => area.code)).toEqual(['C', 'A', 'B']);

		const remainders = allocateBudget({
			totalEuros: 10,
			areas: [
				{ code: 'A', population: 1, needIndex: 0.33 },
				{ code: 'B', population: 1, needIndex: 0.33 },
				{ code: 'C', population: 1, needIndex: 0.34 }
			]
		});
		// Quotas 3.30, 3.30, 3.40: the one spare euro goes to the largest remainder, C.
		expect(eurosByCode(remainders)).toEqual({ A: 3, B: 3, C: 4 });
	});

	it('gives the floor first and the rest proportionally; areas without index or population get only the floor', () => {
		const result = allocateBudget({
			totalEuros: 1000,
			floorEuros: 100,
			areas: [
				{ code: 'A', population: 100, needIndex: 1 },
				{ code: 'B', population: 100, needIndex: null },
				{ code: 'C', population: 0, needIndex: 0.5 },
				{ code: 'D', population: null, needIndex: 0.5 },
				{ code: 'E', population: 100, needIndex: 0 }
			]
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.proportionalTotalEuros).toBe(500);
		expect(result.areas).toEqual([
			{ code: 'A', euros: 600, floorEuros: 100, proportionalEuros: 500 },
			{ code: 'B', euros: 100, floorEuros: 100, proportionalEuros: 0, reason: 'no-need-index' },
			{ code: 'C', euros: 100, floorEuros: 100, proportionalEuros: 0, reason: 'no-population' },
			{ code: 'D', euros: 100, floorEuros: 100, proportionalEuros: 0, reason: 'no-population' },
			{ code: 'E', euros: 100, floorEuros: 100, proportionalEuros: 0, reason: 'zero-need' }
		]);
		for (const reason of ['no-need-index', 'no-population', 'zero-need'] as const) {
			expect(ALLOCATION_AREA_REASON_TEXT[reason].nl).toMatch(/bodembedrag/);
		}
	});

	it('refuses a floor that cannot be met', () => {
		const result = allocateBudget({
			totalEuros: 250,
			floorEuros: 100,
			areas: ['A', 'B', 'C'].map((code) => ({ code, population: 10, needIndex: 0.5 }))
		});
		expect(result).toMatchObject({ ok: false, reason: 'floor-exceeds-total' });
		if (!result.ok) expect(result.message.nl).toMatch(/300/);
	});

	it('accepts a floor that uses up the whole total, even when no area could share a rest', () => {
		const result = allocateBudget({
			totalEuros: 300,
			floorEuros: 100,
			areas: ['A', 'B', 'C'].map((code) => ({ code, population: null, needIndex: null }))
		});
		expect(eurosByCode(result)).toEqual({ A: 100, B: 100, C: 100 });
	});

	it('refuses invalid floors', () => {
		const areas = [{ code: 'A', population: 1, needIndex: 1 }];
		for (const floorEuros of [-1, 1.5, Number.NaN]) {
			expect(allocateBudget({ totalEuros: 10, floorEuros, areas })).toMatchObject({ ok: false, reason: 'invalid-floor' });
		}
	});

	it('gives a single area everything', () => {
		expect(eurosByCode(allocateBudget({ totalEuros: 12_345, areas: [{ code: 'A', population: 3140, needIndex: 0.5 }] }))).toEqual({
			A: 12_345
		});
		expect(
			eurosByCode(
				allocateBudget({ totalEuros: 12_345, floorEuros: 1000, areas: [{ code: 'A', population: 3140, needIndex: 0.5 }] })
			)
		).toEqual({ A: 12_345 });
	});

	it('gives zeros when the total is 0', () => {
		const result = allocateBudget({
			totalEuros: 0,
			areas: [
				{ code: 'A', population: 10, needIndex: 0.2 },
				{ code: 'B', population: null, needIndex: null }
			]
		});
		expect(eurosByCode(result)).toEqual({ A: 0, B: 0 });
	});

	it('refuses negative, non-integer and too large totals with a reason', () => {
		const areas = [{ code: 'A', population: 1, needIndex: 1 }];
		expect(allocateBudget({ totalEuros: -1, areas })).toMatchObject({ ok: false, reason: 'negative-total' });
		expect(allocateBudget({ totalEuros: 10.5, areas })).toMatchObject({ ok: false, reason: 'non-integer-total' });
		expect(allocateBudget({ totalEuros: Number.NaN, areas })).toMatchObject({ ok: false, reason: 'non-integer-total' });
		expect(allocateBudget({ totalEuros: 2 ** 60, areas })).toMatchObject({ ok: false, reason: 'total-too-large' });
	});

	it('explains empty data and data nobody can share in', () => {
		const empty = allocateBudget({ totalEuros: 1000, areas: [] });
		expect(empty).toMatchObject({ ok: false, reason: 'no-areas' });
		const noneEligible = allocateBudget({
			totalEuros: 1000,
			areas: [
				{ code: 'A', population: null, needIndex: 0.5 },
				{ code: 'B', population: 100, needIndex: null }
			]
		});
		expect(noneEligible).toMatchObject({ ok: false, reason: 'no-area-can-share', subjects: ['A', 'B'] });
		if (!noneEligible.ok) expect(noneEligible.message.en).toMatch(/1000/);
	});

	it('refuses invalid inputs per area', () => {
		expect(
			allocateBudget({ totalEuros: 10, areas: [{ code: 'A', population: 1, needIndex: 1.2 }] })
		).toMatchObject({ ok: false, reason: 'invalid-need-index', subjects: ['A'] });
		expect(
			allocateBudget({ totalEuros: 10, areas: [{ code: 'A', population: 2.5, needIndex: 1 }] })
		).toMatchObject({ ok: false, reason: 'invalid-population', subjects: ['A'] });
		expect(
			allocateBudget({
				totalEuros: 10,
				areas: [
					{ code: 'A', population: 1, needIndex: 1 },
					{ code: 'A', population: 1, needIndex: 1 }
				]
			})
		).toMatchObject({ ok: false, reason: 'duplicate-area-code' });
	});

	it('stays exact for totals near the largest safe integer', () => {
		const totalEuros = Number.MAX_SAFE_INTEGER;
		const result = allocateBudget({
			totalEuros,
			areas: [
				{ code: 'A', population: 7, needIndex: 0.3 },
				{ code: 'B', population: 11, needIndex: 0.7 },
				{ code: 'C', population: 13, needIndex: 0.9 }
			]
		});
		expect(sumOf(result)).toBe(totalEuros);
	});

	it('property: whole euros that add up exactly to the total, each within one euro of its exact share', () => {
		const random = seededRandom(0x5eed_0001);
		for (let round = 0; round < 3000; round++) {
			const input = randomCase(random);
			const result = allocateBudget(input);
			expect(result.ok, `round ${round}`).toBe(true);
			if (!result.ok) continue;
			expect(sumOf(result), `round ${round}`).toBe(input.totalEuros);

			const rest = input.totalEuros - input.floorEuros * input.areas.length;
			const weights = input.areas.map((area) =>
				area.needIndex === null || area.population === null ? 0 : area.population * area.needIndex
			);
			const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
			result.areas.forEach((area, index) => {
				expect(Number.isInteger(area.euros)).toBe(true);
				expect(area.euros).toBe(input.floorEuros + area.proportionalEuros);
				const exactShare = weightSum === 0 ? 0 : (rest * weights[index]) / weightSum;
				expect(Math.abs(area.proportionalEuros - exactShare), `round ${round}`).toBeLessThan(1 + 1e-6);
			});
		}
	});

	it('property: more need never gets less money, other things equal', () => {
		const random = seededRandom(0x5eed_0002);
		let compared = 0;
		for (let round = 0; round < 3000; round++) {
			const input = randomCase(random);
			const index = randomInt(random, 0, input.areas.length - 1);
			const chosen = input.areas[index];
			const before = chosen.needIndex ?? 0;
			if (before >= 1) continue;
			// Sometimes a tiny step, to probe rounding; sometimes a big one.
			const step = random() < 0.5 ? random() * 1e-3 : random();
			const after = Math.min(1, before + step * (1 - before));
			const raised = input.areas.map((area, position) =>
				position === index ? { ...area, needIndex: after } : area
			);
			const lower = allocateBudget(input);
			const higher = allocateBudget({ ...input, areas: raised });
			if (!lower.ok || !higher.ok) continue;
			compared++;
			expect(higher.areas[index].euros, `round ${round}`).toBeGreaterThanOrEqual(lower.areas[index].euros);
		}
		expect(compared).toBeGreaterThan(2500);
	});

	it('property: the order of the areas does not change anyone’s amount', () => {
		const random = seededRandom(0x5eed_0003);
		for (let round = 0; round < 500; round++) {
			const input = randomCase(random);
			const shuffled = [...input.areas].sort(() => random() - 0.5);
			expect(eurosByCode(allocateBudget({ ...input, areas: shuffled }))).toEqual(eurosByCode(allocateBudget(input)));
		}
	});

	it('writes the formula down in plain Dutch and English', () => {
		expect(ALLOCATION_METHOD.nl).toMatch(/inwoners/);
		expect(ALLOCATION_METHOD.nl).toMatch(/bodembedrag/);
		expect(ALLOCATION_METHOD.en).toMatch(/floor/);
	});
});
