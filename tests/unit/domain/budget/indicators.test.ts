import { describe, expect, it } from 'vitest';
import {
	INDICATORS,
	INDICATOR_IDS,
	indicatorById,
	isIndicatorId
} from '../../../../src/lib/domain/budget/indicators.ts';

describe('indicators of the afwegingskader', () => {
	it('lists the eight indicators of seed 000 §7 in the order of the seed', () => {
		expect(INDICATORS.map((indicator) => indicator.id)).toEqual([...INDICATOR_IDS]);
		expect(INDICATOR_IDS).toEqual([
			'demografie',
			'zelfregie',
			'ses',
			'diversiteit',
			'tevredenheid',
			'zorggebruik',
			'eenzaamheid',
			'gezondheid'
		]);
	});

	it('quotes the Dutch wording of the seed', () => {
		expect(INDICATORS.map((indicator) => indicator.label.nl)).toEqual([
			'De demografische ontwikkeling',
			'De mate van zelfregie',
			'De SES score',
			'De samenstelling (diversiteit) van de buurt',
			'De tevredenheid over de buurt',
			'Het zorggebruik',
			'De mate van eenzaamheid',
			'De mate waarin inwoners een goede gezondheid ervaren'
		]);
	});

	it('says for each indicator whether a higher value means more or less need', () => {
		const direction = Object.fromEntries(INDICATORS.map((indicator) => [indicator.id, indicator.direction]));
		expect(direction).toEqual({
			demografie: 'higher-is-more-need',
			zelfregie: 'higher-is-less-need',
			ses: 'higher-is-less-need',
			diversiteit: 'higher-is-more-need',
			tevredenheid: 'higher-is-less-need',
			zorggebruik: 'higher-is-more-need',
			eenzaamheid: 'higher-is-more-need',
			gezondheid: 'higher-is-less-need'
		});
	});

	it('has a one-line explanation in both languages', () => {
		for (const indicator of INDICATORS) {
			for (const text of [indicator.explanation.nl, indicator.explanation.en, indicator.label.en]) {
				expect(text.trim().length).toBeGreaterThan(0);
				expect(text).not.toContain('\n');
			}
		}
	});

	it('recognises indicator ids and nothing else', () => {
		expect(isIndicatorId('ses')).toBe(true);
		expect(isIndicatorId('SES')).toBe(false);
		expect(isIndicatorId('toString')).toBe(false);
		expect(indicatorById('eenzaamheid').label.nl).toBe('De mate van eenzaamheid');
	});
});
