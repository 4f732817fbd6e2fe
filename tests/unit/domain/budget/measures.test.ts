import { describe, expect, test } from 'vitest';
import { MEASURES, isOldFigure, measureDirection, provenanceText } from '../../../../src/lib/domain/budget/measures.ts';
import { computeNeedIndex, type NeedIndexAreaInput } from '../../../../src/lib/domain/budget/need-index.ts';
import { needIndexSentence } from '../../../../src/lib/domain/budget/need-sentence.ts';
import type { IndicatorId } from '../../../../src/lib/domain/budget/indicators.ts';

/** Two buurten that differ in one measure only; returns their need index. */
function twoBuurten(indicator: IndicatorId, measure: string, low: number, high: number): { low: number; high: number } {
	const areas: NeedIndexAreaInput[] = [
		{ code: 'A', name: 'Laag', population: 1000, values: {}, measures: { [indicator]: { [measure]: low } } },
		{ code: 'B', name: 'Hoog', population: 1000, values: {}, measures: { [indicator]: { [measure]: high } } }
	];
	const result = computeNeedIndex({ areas, weights: { [indicator]: 1 } });
	if (!result.ok) throw new Error(result.reason);
	return { low: result.areas[0].needIndex as number, high: result.areas[1].needIndex as number };
}

describe('direction of need, per shipped measure', () => {
	test.each([
		['eenzaamheid', 'pct_eenzaam', 'more lonely = more need'],
		['demografie', 'bevolkingsgroei_2017_2025', 'more growth = more need'],
		['demografie', 'pct_65plus', 'more 65+ = more need'],
		['demografie', 'pct_0_14', 'more children = more need'],
		['diversiteit', 'pct_niet_westers', 'more non-western background = more need']
	] as [IndicatorId, string, string][])('%s / %s: %s', (indicator, measure) => {
		expect(measureDirection(measure, indicator)).toBe('higher-is-more-need');
		expect(twoBuurten(indicator, measure, 10, 30)).toEqual({ low: 0, high: 1 });
	});

	test.each([
		['gezondheid', 'pct_goede_gezondheid', 'more good health = less need'],
		['zelfregie', 'pct_voldoende_regie', 'more control over one’s life = less need'],
		['ses', 'ses_woa', 'higher SES = less need']
	] as [IndicatorId, string, string][])('%s / %s: %s', (indicator, measure) => {
		expect(measureDirection(measure, indicator)).toBe('higher-is-less-need');
		expect(twoBuurten(indicator, measure, 60, 80)).toEqual({ low: 1, high: 0 });
	});

	test('every measure belongs to one of the eight indicators and is tested above', () => {
		expect(MEASURES.map((measure) => measure.id).sort()).toEqual(
			['bevolkingsgroei_2017_2025', 'pct_0_14', 'pct_65plus', 'pct_eenzaam', 'pct_goede_gezondheid', 'pct_niet_westers', 'pct_voldoende_regie', 'ses_woa'].sort()
		);
	});

	test('an indicator on three measures scores the mean of each measure normalised on its own', () => {
		// A: most growth, fewest 65+, most children → (1 + 0 + 1) / 3. B: the opposite → (0 + 1 + 0) / 3.
		const areas: NeedIndexAreaInput[] = [
			{ code: 'A', name: 'A', population: 1, values: {}, measures: { demografie: { bevolkingsgroei_2017_2025: 12, pct_65plus: 10, pct_0_14: 20 } } },
			{ code: 'B', name: 'B', population: 1, values: {}, measures: { demografie: { bevolkingsgroei_2017_2025: -3, pct_65plus: 30, pct_0_14: 5 } } }
		];
		const result = computeNeedIndex({ areas, weights: { demografie: 1 } });
		if (!result.ok) throw new Error(result.reason);
		expect(result.areas[0].needIndex).toBeCloseTo(2 / 3);
		expect(result.areas[1].needIndex).toBeCloseTo(1 / 3);
	});
});

describe('labels', () => {
	test('a buurt inheriting a wijk value is labelled with the wijk, in the words of the issue', () => {
		expect(provenanceText({ year: 2016, level: 'wijk', levelName: 'Wijk 04 Buitenwijk Oost' }).nl).toBe('cijfer van wijk Buitenwijk Oost, 2016');
		expect(provenanceText({ year: 2017, level: 'buurt', levelName: 'Heugem' }).nl).toBe('cijfer van de buurt, 2017');
	});

	test('the need index sentence names what was used, at which level and year, and what is missing', () => {
		const sentence = needIndexSentence(
			'Heugem',
			[
				{ indicator: 'demografie', year: 2017, level: 'buurt', levelName: 'Heugem' },
				{ indicator: 'demografie', year: 2025, level: 'buurt', levelName: 'Heugem' },
				{ indicator: 'diversiteit', year: 2017, level: 'buurt', levelName: 'Heugem' },
				{ indicator: 'eenzaamheid', year: 2016, level: 'wijk', levelName: 'Wijk 06 Buitenwijk Zuidoost' },
				{ indicator: 'gezondheid', year: 2016, level: 'wijk', levelName: 'Wijk 06 Buitenwijk Zuidoost' },
				{ indicator: 'zelfregie', year: 2016, level: 'wijk', levelName: 'Wijk 06 Buitenwijk Zuidoost' }
			],
			['ses']
		);
		expect(sentence.nl).toBe(
			'Voor Heugem telden mee: bevolking (cijfer van de buurt, 2017 en 2025), diversiteit (cijfer van de buurt, 2017) en zelfregie, eenzaamheid en ervaren gezondheid (cijfer van wijk Buitenwijk Zuidoost, 2016); er is geen cijfer voor SES.'
		);
		expect(sentence.en).toContain('loneliness and self-rated health (figure for the wijk Buitenwijk Zuidoost, 2016)');
	});

	test('a figure is old when it is more than five years before this year', () => {
		const now = new Date('2026-12-01T20:00:00Z');
		expect(isOldFigure(2016, now)).toBe(true);
		expect(isOldFigure(2020, now)).toBe(true);
		expect(isOldFigure(2021, now)).toBe(false);
		expect(isOldFigure(2025, now)).toBe(false);
	});
});
