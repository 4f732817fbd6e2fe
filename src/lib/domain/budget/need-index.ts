/**
 * Need index ("behoefte-index") for "Ongelijk investeren voor gelijke kansen" (seed 000 §7).
 *
 * Method:
 * 1. Per indicator, take the areas that have a value and min–max normalise them to 0..1
 *    ((value − min) / (max − min)). For indicators where a higher value means LESS need
 *    (see `direction` in indicators.ts) the result is flipped (1 − x), so 1 always means "most need".
 * 2. If every area with a value shares the same value, the indicator tells us nothing about the
 *    difference between areas. Each of those areas then scores 0.5, the neutral middle: 0 would
 *    claim "least need" and 1 "most need" for everyone, and either would pull areas with this
 *    indicator away from areas without it for no measured reason.
 * 3. The need index of an area is the weighted mean of its normalised scores, over the indicators
 *    that carry weight AND that the area has a value for. Missing values are never imputed: the
 *    area reports which weighted indicators were missing and which share of the total weight its
 *    index rests on (`coverage`, 0..1).
 * 4. An area without any usable value (or below the optional minimum coverage) gets
 *    `needIndex: null` with a reason code; it is never silently treated as 0 or as average.
 *
 * The index is relative: it compares the areas passed in, so adding or removing an area can move
 * every other area's score. Weights not mentioned count as zero so that leaving an indicator out
 * is a visible choice, not a hidden default.
 */

import { INDICATOR_IDS, isIndicatorId, type IndicatorId } from './indicators.ts';
import type { LocalizedText } from '../i18n-text.ts';
import { measureDirection } from './measures.ts';

export interface NeedIndexAreaInput {
	readonly code: string;
	readonly name: string;
	readonly population: number | null;
	readonly values: Partial<Record<IndicatorId, number | null>>;
	/**
	 * Published figures behind an indicator, by measure id (domain/budget/measures.ts). Each measure is
	 * normalised on its own, with its own direction, and the indicator's score is the mean of the
	 * measures the area has. A plain `values` entry counts as the measure named after the indicator.
	 */
	readonly measures?: Partial<Record<IndicatorId, Readonly<Record<string, number>>>>;
}

export interface NeedIndexInput {
	readonly areas: readonly NeedIndexAreaInput[];
	/** Non-negative; indicators left out count as weight 0. Only the ratios matter. */
	readonly weights: Partial<Record<IndicatorId, number>>;
	/** 0..1. Areas whose covered share of the weight is lower get `needIndex: null`. Default 0. */
	readonly minimumCoverage?: number;
}

export interface IndicatorContribution {
	readonly indicator: IndicatorId;
	/** 0..1 where 1 is the most need among the compared areas. */
	readonly normalised: number;
	readonly weight: number;
}

export type NeedIndexAreaReason = 'no-indicator-values' | 'coverage-below-minimum';

export interface AreaNeedIndex {
	readonly code: string;
	readonly name: string;
	readonly population: number | null;
	readonly needIndex: number | null;
	readonly contributions: readonly IndicatorContribution[];
	/** Weighted indicators this area has no value for. Zero-weight indicators are not listed. */
	readonly missing: readonly IndicatorId[];
	readonly coverage: number;
	readonly reason?: NeedIndexAreaReason;
}

export interface IndicatorSpread {
	readonly indicator: IndicatorId;
	readonly weight: number;
	readonly areasWithValue: number;
	readonly min: number | null;
	readonly max: number | null;
	/** True when all areas with a value share it, so each of them scored the neutral 0.5. */
	readonly allEqual: boolean;
}

export type NeedIndexFailureReason =
	| 'no-areas'
	| 'all-weights-zero'
	| 'negative-weight'
	| 'invalid-weight'
	| 'unknown-indicator'
	| 'duplicate-area-code'
	| 'invalid-value'
	| 'invalid-minimum-coverage';

export type NeedIndexResult =
	| {
			readonly ok: true;
			readonly areas: readonly AreaNeedIndex[];
			readonly usedWeights: Readonly<Record<IndicatorId, number>>;
			readonly indicators: readonly IndicatorSpread[];
	  }
	| {
			readonly ok: false;
			readonly reason: NeedIndexFailureReason;
			readonly message: LocalizedText;
			/** Indicator ids or area codes the reason is about, for highlighting in the form. */
			readonly subjects: readonly string[];
	  };

export const NEED_INDEX_METHOD: LocalizedText = {
	nl: [
		'Zo berekenen we de behoefte-index van een buurt.',
		'1. We kijken per cijfer naar alle buurten die dat cijfer hebben. De laagste waarde wordt 0, de hoogste wordt 1. De andere buurten liggen daartussen.',
		'2. Bij sommige cijfers betekent een hoog cijfer juist minder behoefte, zoals tevredenheid of gezondheid. Die draaien we om. Zo betekent 1 altijd: de meeste behoefte.',
		'3. Hebben alle buurten hetzelfde cijfer? Dan laat dat cijfer geen verschil zien. Elke buurt krijgt dan 0,5, het midden.',
		'4. Daarna nemen we het gemiddelde van de cijfers. Een cijfer met een hoger gewicht telt zwaarder mee.',
		'5. Ontbreekt een cijfer voor een buurt? Dan vullen we niets zelf in. We rekenen alleen met de cijfers die er wel zijn. We laten zien welke cijfers ontbreken en welk deel van het gewicht wel meetelt. Dat heet de dekking.',
		'6. Heeft een buurt geen enkel bruikbaar cijfer? Dan krijgt die buurt geen index. We zeggen dan ook waarom.',
		'De index ligt tussen 0 (minste behoefte) en 1 (meeste behoefte). Het is een vergelijking tussen deze buurten. Het is geen oordeel over één buurt.'
	].join('\n'),
	en: [
		'This is how we calculate the need index of a neighbourhood.',
		'1. Per indicator we look at all neighbourhoods that have a value. The lowest value becomes 0, the highest becomes 1, the others lie in between.',
		'2. For some indicators a higher value means less need, such as satisfaction or health. We turn those around, so 1 always means: the most need.',
		'3. If all neighbourhoods share the same value, the indicator shows no difference. Each of them then scores 0.5, the middle.',
		'4. We then take the weighted mean. An indicator with a higher weight counts more.',
		'5. If a neighbourhood lacks a value, we do not fill it in. We only use the values that exist, and we show which are missing and which share of the weight is covered (coverage).',
		'6. A neighbourhood without any usable value gets no index, and we say why.',
		'The index lies between 0 (least need) and 1 (most need). It compares these neighbourhoods with each other; it is not a verdict on one neighbourhood.'
	].join('\n')
};

export const NEED_INDEX_AREA_REASON_TEXT: Readonly<Record<NeedIndexAreaReason, LocalizedText>> = {
	'no-indicator-values': {
		nl: 'Voor deze buurt is geen enkel cijfer bekend dat meetelt. Daarom is er geen index.',
		en: 'This neighbourhood has no value for any indicator that carries weight, so it has no index.'
	},
	'coverage-below-minimum': {
		nl: 'Voor deze buurt ontbreken te veel cijfers. De dekking is lager dan het gekozen minimum. Daarom is er geen index.',
		en: 'Too many values are missing for this neighbourhood: its coverage is below the chosen minimum, so it has no index.'
	}
};

const NEUTRAL_SCORE_WHEN_ALL_EQUAL = 0.5;
// Coverage is a ratio of float sums; without a little slack 0.3/0.6 could fall just below 0.5.
const COVERAGE_TOLERANCE = 1e-12;


function failure(
	reason: NeedIndexFailureReason,
	message: LocalizedText,
	subjects: readonly string[] = []
): NeedIndexResult {
	return { ok: false, reason, message, subjects };
}

function clampToUnit(value: number): number {
	return Math.min(1, Math.max(0, value));
}

function readValue(area: NeedIndexAreaInput, indicator: IndicatorId): number | null {
	const value = area.values[indicator];
	return value === undefined || value === null ? null : value;
}

/** Every measure value of an area for one indicator, the plain value under the indicator's own id. */
function readMeasures(area: NeedIndexAreaInput, indicator: IndicatorId): Map<string, number> {
	const found = new Map<string, number>(Object.entries(area.measures?.[indicator] ?? {}));
	const plain = readValue(area, indicator);
	if (plain !== null) found.set(indicator, plain);
	return found;
}

interface MeasureSpread {
	readonly min: number;
	readonly max: number;
}

export function computeNeedIndex(input: NeedIndexInput): NeedIndexResult {
	const { areas, weights } = input;

	if (areas.length === 0) {
		return failure('no-areas', {
			nl: 'Er zijn geen buurten om te vergelijken. Voeg eerst buurten toe.',
			en: 'There are no neighbourhoods to compare. Add neighbourhoods first.'
		});
	}

	const unknownWeightKeys = Object.keys(weights).filter((key) => !isIndicatorId(key));
	const unknownValueKeys = areas.flatMap((area) =>
		Object.keys(area.values).filter((key) => !isIndicatorId(key))
	);
	const unknownKeys = [...new Set([...unknownWeightKeys, ...unknownValueKeys])];
	if (unknownKeys.length > 0) {
		return failure(
			'unknown-indicator',
			{
				nl: `Onbekend cijfer: ${unknownKeys.join(', ')}. Gebruik alleen de acht cijfers van het afwegingskader.`,
				en: `Unknown indicator: ${unknownKeys.join(', ')}. Use only the eight indicators of the weighing framework.`
			},
			unknownKeys
		);
	}

	const usedWeights = {} as Record<IndicatorId, number>;
	for (const id of INDICATOR_IDS) usedWeights[id] = weights[id] ?? 0;

	const nonFinite = INDICATOR_IDS.filter((id) => !Number.isFinite(usedWeights[id]));
	if (nonFinite.length > 0) {
		return failure(
			'invalid-weight',
			{
				nl: `Het gewicht van ${nonFinite.join(', ')} is geen geldig getal.`,
				en: `The weight of ${nonFinite.join(', ')} is not a valid number.`
			},
			nonFinite
		);
	}

	const negative = INDICATOR_IDS.filter((id) => usedWeights[id] < 0);
	if (negative.length > 0) {
		return failure(
			'negative-weight',
			{
				nl: `Een gewicht kan niet negatief zijn. Dit geldt voor: ${negative.join(', ')}. Kies 0 als een cijfer niet mag meetellen.`,
				en: `A weight cannot be negative. This applies to: ${negative.join(', ')}. Choose 0 if an indicator should not count.`
			},
			negative
		);
	}

	const weighted = INDICATOR_IDS.filter((id) => usedWeights[id] > 0);
	if (weighted.length === 0) {
		return failure('all-weights-zero', {
			nl: 'Alle gewichten staan op 0. Dan telt geen enkel cijfer mee en is er geen index. Geef minstens één cijfer een gewicht groter dan 0.',
			en: 'All weights are 0, so no indicator counts and there is no index. Give at least one indicator a weight above 0.'
		});
	}

	const minimumCoverage = input.minimumCoverage ?? 0;
	if (!Number.isFinite(minimumCoverage) || minimumCoverage < 0 || minimumCoverage > 1) {
		return failure('invalid-minimum-coverage', {
			nl: 'De minimale dekking moet tussen 0 en 1 liggen.',
			en: 'The minimum coverage must lie between 0 and 1.'
		});
	}

	const seenCodes = new Set<string>();
	const duplicateCodes = new Set<string>();
	for (const area of areas) {
		if (seenCodes.has(area.code)) duplicateCodes.add(area.code);
		seenCodes.add(area.code);
	}
	if (duplicateCodes.size > 0) {
		const codes = [...duplicateCodes];
		return failure(
			'duplicate-area-code',
			{
				nl: `Deze buurtcode komt meer dan één keer voor: ${codes.join(', ')}.`,
				en: `This area code occurs more than once: ${codes.join(', ')}.`
			},
			codes
		);
	}

	const invalidValueAreas = areas
		.filter((area) => INDICATOR_IDS.some((id) => [...readMeasures(area, id).values()].some((value) => !Number.isFinite(value))))
		.map((area) => area.code);
	if (invalidValueAreas.length > 0) {
		return failure(
			'invalid-value',
			{
				nl: `Bij deze buurten staat een cijfer dat geen geldig getal is: ${invalidValueAreas.join(', ')}. Laat een cijfer leeg als het niet bekend is.`,
				en: `These areas have a value that is not a valid number: ${invalidValueAreas.join(', ')}. Leave a value empty when it is unknown.`
			},
			invalidValueAreas
		);
	}

	const measureValues = new Map<IndicatorId, Map<string, number>[]>(INDICATOR_IDS.map((id) => [id, areas.map((area) => readMeasures(area, id))]));
	const measureSpreads = new Map<IndicatorId, Map<string, MeasureSpread>>();
	const spreads: IndicatorSpread[] = INDICATOR_IDS.map((indicator) => {
		const perArea = measureValues.get(indicator) as Map<string, number>[];
		const perMeasure = new Map<string, MeasureSpread>();
		// A loop instead of Math.min(...values): spreading throws on very long lists.
		for (const values of perArea) {
			for (const [measure, value] of values) {
				const seen = perMeasure.get(measure);
				perMeasure.set(measure, seen ? { min: Math.min(seen.min, value), max: Math.max(seen.max, value) } : { min: value, max: value });
			}
		}
		measureSpreads.set(indicator, perMeasure);
		const only = perMeasure.size === 1 ? [...perMeasure.values()][0] : null;
		return {
			indicator,
			weight: usedWeights[indicator],
			areasWithValue: perArea.filter((values) => values.size > 0).length,
			min: only?.min ?? null,
			max: only?.max ?? null,
			allEqual: perMeasure.size > 0 && [...perMeasure.values()].every((spread) => spread.min === spread.max)
		};
	});

	const totalWeight = weighted.reduce((sum, id) => sum + usedWeights[id], 0);

	const results: AreaNeedIndex[] = areas.map((area, areaIndex) => {
		const contributions: IndicatorContribution[] = [];
		const missing: IndicatorId[] = [];
		for (const indicator of weighted) {
			const values = (measureValues.get(indicator) as Map<string, number>[])[areaIndex];
			if (values.size === 0) {
				missing.push(indicator);
				continue;
			}
			const perMeasure = measureSpreads.get(indicator) as Map<string, MeasureSpread>;
			let sum = 0;
			for (const [measure, value] of values) sum += normalise(value, perMeasure.get(measure) as MeasureSpread, measure, indicator);
			contributions.push({
				indicator,
				normalised: sum / values.size,
				weight: usedWeights[indicator]
			});
		}

		const coveredWeight = contributions.reduce((sum, part) => sum + part.weight, 0);
		const coverage = clampToUnit(coveredWeight / totalWeight);
		const base = { code: area.code, name: area.name, population: area.population, contributions, missing, coverage };

		if (contributions.length === 0) {
			return { ...base, needIndex: null, reason: 'no-indicator-values' as const };
		}
		if (coverage + COVERAGE_TOLERANCE < minimumCoverage) {
			return { ...base, needIndex: null, reason: 'coverage-below-minimum' as const };
		}
		const weightedSum = contributions.reduce((sum, part) => sum + part.weight * part.normalised, 0);
		return { ...base, needIndex: clampToUnit(weightedSum / coveredWeight) };
	});

	return { ok: true, areas: results, usedWeights, indicators: spreads };
}

function normalise(value: number, spread: MeasureSpread, measure: string, indicator: IndicatorId): number {
	if (spread.min === spread.max) return NEUTRAL_SCORE_WHEN_ALL_EQUAL;
	const position = clampToUnit((value - spread.min) / (spread.max - spread.min));
	return measureDirection(measure, indicator) === 'higher-is-less-need' ? 1 - position : position;
}
