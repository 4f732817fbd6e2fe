import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/seeded-random.ts';
import {
	NEED_INDEX_AREA_REASON_TEXT,
	NEED_INDEX_METHOD,
	computeNeedIndex,
	type NeedIndexAreaInput,
	type NeedIndexResult
} from '../../../../src/lib/domain/budget/need-index.ts';
import { INDICATOR_IDS, type IndicatorId } from '../../../../src/lib/domain/budget/indicators.ts';


function area(code: string, values: NeedIndexAreaInput['values'], population: number | null = 1000): NeedIndexAreaInput {
	return { code, name: `Buurt ${code}`, population, values };
}

function okAreas(result: NeedIndexResult) {
	if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
	return result.areas;
}

function indexByCode(result: NeedIndexResult): Record<string, number | null> {
	return Object.fromEntries(okAreas(result).map((entry) => [entry.code, entry.needIndex]));
}

describe('computeNeedIndex', () => {
	it('normalises per indicator and flips indicators where higher means less need', () => {
		const result = computeNeedIndex({
			areas: [
				area('A', { eenzaamheid: 40, gezondheid: 80 }),
				area('B', { eenzaamheid: 50, gezondheid: 70 }),
				area('C', { eenzaamheid: 60, gezondheid: 60 })
			],
			weights: { eenzaamheid: 1, gezondheid: 1 }
		});
		expect(indexByCode(result)).toEqual({ A: 0, B: 0.5, C: 1 });
		const c = okAreas(result)[2];
		expect(c.contributions).toEqual([
			{ indicator: 'eenzaamheid', normalised: 1, weight: 1 },
			{ indicator: 'gezondheid', normalised: 1, weight: 1 }
		]);
		expect(c.coverage).toBe(1);
		expect(c.missing).toEqual([]);
		expect(c.reason).toBeUndefined();
	});

	it('takes a weighted mean, and only the ratio of the weights matters', () => {
		const areas = [area('A', { eenzaamheid: 40, gezondheid: 60 }), area('B', { eenzaamheid: 60, gezondheid: 80 })];
		expect(indexByCode(computeNeedIndex({ areas, weights: { eenzaamheid: 3, gezondheid: 1 } }))).toEqual({
			A: 0.25,
			B: 0.75
		});
		expect(indexByCode(computeNeedIndex({ areas, weights: { eenzaamheid: 30, gezondheid: 10 } }))).toEqual({
			A: 0.25,
			B: 0.75
		});
	});

	it('gives 0.5 to everyone on an indicator where all areas share one value', () => {
		const result = computeNeedIndex({
			areas: [area('A', { zorggebruik: 12, ses: 0.1 }), area('B', { zorggebruik: 12, ses: -0.3 })],
			weights: { zorggebruik: 1, ses: 1 }
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		for (const entry of result.areas) {
			expect(entry.contributions.find((part) => part.indicator === 'zorggebruik')?.normalised).toBe(0.5);
		}
		expect(result.indicators.find((spread) => spread.indicator === 'zorggebruik')).toMatchObject({
			allEqual: true,
			min: 12,
			max: 12,
			areasWithValue: 2
		});
		// Lower SES means more need, so B (−0.3) scores 1 on ses.
		expect(indexByCode(result)).toEqual({ A: 0.25, B: 0.75 });
	});

	it('gives a single buurt the neutral index 0.5, since there is nothing to compare with', () => {
		const result = computeNeedIndex({
			areas: [area('BU09350101', { eenzaamheid: 47.9, tevredenheid: 7.4 })],
			weights: { eenzaamheid: 2, tevredenheid: 1 }
		});
		expect(indexByCode(result)).toEqual({ BU09350101: 0.5 });
		expect(okAreas(result)[0].coverage).toBe(1);
	});

	it('never imputes a missing value: it reports what is missing and the covered share of the weight', () => {
		const result = computeNeedIndex({
			areas: [
				area('A', { eenzaamheid: 40, gezondheid: 60 }),
				area('B', { eenzaamheid: 60, gezondheid: null }),
				area('C', { eenzaamheid: 50, gezondheid: 80 })
			],
			weights: { eenzaamheid: 1, gezondheid: 3 }
		});
		expect(indexByCode(result)).toEqual({ A: 0.75, B: 1, C: 0.125 });
		const b = okAreas(result)[1];
		expect(b.missing).toEqual(['gezondheid']);
		expect(b.coverage).toBe(0.25);
		expect(b.contributions.map((part) => part.indicator)).toEqual(['eenzaamheid']);
		expect(okAreas(result)[0].coverage).toBe(1);
	});

	it('does not list zero-weight indicators as missing', () => {
		const result = computeNeedIndex({
			areas: [area('A', { eenzaamheid: 1 }), area('B', { eenzaamheid: 2 })],
			weights: { eenzaamheid: 1, ses: 0 }
		});
		for (const entry of okAreas(result)) expect(entry.missing).toEqual([]);
		if (result.ok) {
			expect(result.usedWeights).toEqual(Object.fromEntries(INDICATOR_IDS.map((id) => [id, id === 'eenzaamheid' ? 1 : 0])));
		}
	});

	it('gives an area without any usable value no index, with a reason that can be shown', () => {
		const result = computeNeedIndex({
			areas: [area('A', { eenzaamheid: 40 }), area('B', { eenzaamheid: 60 }), area('C', { ses: 0.2 })],
			weights: { eenzaamheid: 1 }
		});
		const c = okAreas(result)[2];
		expect(c).toMatchObject({ needIndex: null, reason: 'no-indicator-values', coverage: 0, missing: ['eenzaamheid'] });
		expect(NEED_INDEX_AREA_REASON_TEXT['no-indicator-values'].nl).toMatch(/geen index/);
	});

	it('gives every area a null index with a reason when no area has values at all', () => {
		const result = computeNeedIndex({
			areas: [area('A', {}), area('B', { eenzaamheid: null })],
			weights: { eenzaamheid: 1 }
		});
		for (const entry of okAreas(result)) {
			expect(entry.needIndex).toBeNull();
			expect(entry.reason).toBe('no-indicator-values');
		}
	});

	it('can require a minimum coverage', () => {
		const areas = [
			area('A', { eenzaamheid: 40, gezondheid: 60 }),
			area('B', { eenzaamheid: 60 }),
			area('C', { eenzaamheid: 50, gezondheid: 80 })
		];
		const weights = { eenzaamheid: 1, gezondheid: 1 };
		const strict = computeNeedIndex({ areas, weights, minimumCoverage: 0.6 });
		expect(okAreas(strict)[1]).toMatchObject({ needIndex: null, reason: 'coverage-below-minimum', coverage: 0.5 });
		expect(okAreas(strict)[1].contributions).toHaveLength(1);
		const exact = computeNeedIndex({ areas, weights, minimumCoverage: 0.5 });
		expect(okAreas(exact)[1].needIndex).toBe(1);
		expect(computeNeedIndex({ areas, weights, minimumCoverage: 1.5 })).toMatchObject({
			ok: false,
			reason: 'invalid-minimum-coverage'
		});
	});

	it('explains instead of returning NaN when all weights are zero', () => {
		const areas = [area('A', { eenzaamheid: 1 }), area('B', { eenzaamheid: 2 })];
		for (const weights of [{}, { eenzaamheid: 0, ses: 0 }]) {
			const result = computeNeedIndex({ areas, weights });
			expect(result).toMatchObject({ ok: false, reason: 'all-weights-zero' });
			if (!result.ok) {
				expect(result.message.nl).toMatch(/gewicht/);
				expect(result.message.en).toMatch(/weight/);
			}
		}
	});

	it('refuses empty data with an explanation', () => {
		const result = computeNeedIndex({ areas: [], weights: { eenzaamheid: 1 } });
		expect(result).toMatchObject({ ok: false, reason: 'no-areas' });
		if (!result.ok) expect(result.message.nl.length).toBeGreaterThan(0);
	});

	it('refuses negative, non-numeric and unknown weights, naming the indicator', () => {
		const areas = [area('A', { ses: 1 })];
		expect(computeNeedIndex({ areas, weights: { ses: -1, eenzaamheid: 1 } })).toMatchObject({
			ok: false,
			reason: 'negative-weight',
			subjects: ['ses']
		});
		expect(computeNeedIndex({ areas, weights: { ses: Number.NaN } })).toMatchObject({
			ok: false,
			reason: 'invalid-weight',
			subjects: ['ses']
		});
		const unknown = { ses: 1, armoede: 1 } as unknown as Partial<Record<IndicatorId, number>>;
		expect(computeNeedIndex({ areas, weights: unknown })).toMatchObject({
			ok: false,
			reason: 'unknown-indicator',
			subjects: ['armoede']
		});
	});

	it('refuses duplicate area codes and values that are not finite numbers', () => {
		expect(
			computeNeedIndex({ areas: [area('A', { ses: 1 }), area('A', { ses: 2 })], weights: { ses: 1 } })
		).toMatchObject({ ok: false, reason: 'duplicate-area-code', subjects: ['A'] });
		expect(
			computeNeedIndex({
				areas: [area('A', { ses: 1 }), area('B', { ses: Number.POSITIVE_INFINITY })],
				weights: { ses: 1 }
			})
		).toMatchObject({ ok: false, reason: 'invalid-value', subjects: ['B'] });
	});

	it('keeps every index within 0..1 and coverage within 0..1 on random inputs', () => {
		const random = seededRandom(20250415);
		for (let round = 0; round < 300; round++) {
			const areaCount = 1 + Math.floor(random() * 12);
			const areas = Array.from({ length: areaCount }, (_, index) => {
				const values: Partial<Record<IndicatorId, number | null>> = {};
				for (const id of INDICATOR_IDS) {
					const roll = random();
					if (roll < 0.15) values[id] = null;
					else if (roll < 0.85) values[id] = Math.round((random() * 200 - 50) * 10) / 10;
				}
				return area(`BU${index}`, values);
			});
			const weights: Partial<Record<IndicatorId, number>> = {};
			for (const id of INDICATOR_IDS) weights[id] = random() < 0.3 ? 0 : random() * 5;
			weights.eenzaamheid = 1;
			const result = computeNeedIndex({ areas, weights });
			for (const entry of okAreas(result)) {
				expect(entry.coverage).toBeGreaterThanOrEqual(0);
				expect(entry.coverage).toBeLessThanOrEqual(1);
				if (entry.needIndex === null) {
					expect(entry.reason).toBeDefined();
				} else {
					expect(entry.needIndex).toBeGreaterThanOrEqual(0);
					expect(entry.needIndex).toBeLessThanOrEqual(1);
				}
			}
		}
	});

	it('writes the method down in plain Dutch and English', () => {
		expect(NEED_INDEX_METHOD.nl).toMatch(/0,5/);
		expect(NEED_INDEX_METHOD.nl).toMatch(/dekking/);
		expect(NEED_INDEX_METHOD.en).toMatch(/coverage/);
	});
});
