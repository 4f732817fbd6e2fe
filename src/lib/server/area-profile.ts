/**
 * The area profile of questions 1 and 7: per stadsdeel and buurt the key figures we have, beside the
 * city value, each with its source and year. Missing stays missing: a buurt without a figure shows
 * "onbekend", and is left out of an average rather than counted as 0.
 *
 * City and stadsdeel values are computed from the buurten only where the figure's definition allows:
 *  - a share of inhabitants (15–24-year-olds) or a per-inhabitant average (distance to a supermarket):
 *    the mean of the buurten weighted by their inhabitants;
 *  - a share of dwellings (rental, flats) or a per-dwelling average (WOZ value): weighted by dwellings;
 *  - a share of households (one-person households): we have no number of households per buurt, so no
 *    honest average can be made and the city value stays unknown;
 *  - a count (inhabitants, dwellings) is not compared with an average at all.
 * Only buurten with both the value and its weight take part; how many did is reported with the value.
 *
 * The seed figures (policy texts) come as they are printed: Maastricht against the Netherlands, the
 * baseline of the five priority buurten, the Amby profile. They are never mixed with the CBS figures.
 */
import type { Db } from './db.ts';
import { latestIndicatorValues, summariseMeasures } from './indicators.ts';
import { INDICATOR_IDS, type IndicatorId } from '../domain/budget/indicators.ts';
import { isOldFigure, type FigureLevel } from '../domain/budget/measures.ts';
import type { WeighingMeasureSummary } from '../sync/weighing-schema.ts';
import { listBuurten, getStadsdeel } from './repositories/areas.ts';
import { BUURT_FIGURE_DEFINITIONS, type Buurt, type FigureUnit } from '../domain/areas.ts';
import type { LocalizedText } from '../domain/i18n-text.ts';
import {
	AMBY_FIGURES,
	CITY_VS_NETHERLANDS_FIGURES,
	PRIORITY_BUURTEN,
	PRIORITY_BUURT_BASELINE_FIGURES,
	type SeedFigure
} from '../domain/seed-figures.ts';

export type AverageMethod = 'population-weighted' | 'dwelling-weighted' | 'no-households' | 'count';

/** How each CBS buurt figure may be averaged; a figure not listed is not averaged. */
export const FIGURE_AVERAGE_METHOD: Readonly<Record<string, AverageMethod>> = {
	population: 'count',
	housing_units: 'count',
	pct_age_15_24: 'population-weighted',
	pct_one_person_households: 'no-households',
	pct_rental_dwellings: 'dwelling-weighted',
	pct_multifamily_dwellings: 'dwelling-weighted',
	avg_woz_value: 'dwelling-weighted',
	dist_large_supermarket: 'population-weighted'
};

const WEIGHT_FIGURE: Partial<Record<AverageMethod, string>> = {
	'population-weighted': 'population',
	'dwelling-weighted': 'housing_units'
};

export interface AreaAverage {
	/** null when the definition allows no average or no buurt has both value and weight. */
	value: number | null;
	method: AverageMethod;
	/** Buurten that have both the value and its weight. */
	buurtenUsed: number;
	buurtenTotal: number;
}

function figureValue(buurt: Pick<Buurt, 'figures'>, id: string): number | null {
	return buurt.figures.find((figure) => figure.id === id)?.value ?? null;
}

/** The average of a figure over some buurten, as the definition of the figure allows (see the module comment). */
export function averageOverBuurten(buurten: readonly Pick<Buurt, 'figures'>[], figureId: string): AreaAverage {
	const method = FIGURE_AVERAGE_METHOD[figureId] ?? 'count';
	const weightId = WEIGHT_FIGURE[method];
	if (!weightId) return { value: null, method, buurtenUsed: 0, buurtenTotal: buurten.length };
	let weightSum = 0;
	let weighted = 0;
	let used = 0;
	for (const buurt of buurten) {
		const value = figureValue(buurt, figureId);
		const weight = figureValue(buurt, weightId);
		if (value === null || weight === null || weight <= 0) continue;
		weightSum += weight;
		weighted += value * weight;
		used++;
	}
	return { value: used === 0 ? null : weighted / weightSum, method, buurtenUsed: used, buurtenTotal: buurten.length };
}

export interface ProfileFigure {
	id: string;
	unit: FigureUnit;
	label: LocalizedText;
	source: LocalizedText;
	year: number;
	buurten: { code: string; name: string; value: number | null }[];
	stadsdeel: AreaAverage;
	city: AreaAverage;
	/** For counts: the sum over the buurten that have the figure, and how many do. */
	stadsdeelTotal: { value: number; buurtenUsed: number; buurtenTotal: number } | null;
}

export interface ProfileSeedValue {
	value: number | null;
	/** The year the figure describes; null where the source does not say. */
	year: number | null;
}

export interface CityComparisonFigure {
	id: string;
	unit: 'count' | 'percent';
	label: LocalizedText;
	source: LocalizedText;
	/** Year the source document was published, to show when the figure's own year is unknown. */
	sourceYear: number;
	note: LocalizedText | null;
	maastricht: ProfileSeedValue;
	nederland: ProfileSeedValue;
}

export interface PriorityBuurtProfile {
	code: string;
	name: string;
	/** False where the seed shows the figures only as an image: then every value is unknown. */
	figuresInSeedText: boolean;
	figures: { id: string; unit: 'count' | 'percent'; label: LocalizedText; value: number | null; year: number | null; source: LocalizedText; sourceYear: number; note: LocalizedText | null }[];
}

/** One afwegingskader figure of one buurt, with its provenance (for screens and the export). */
export interface ProfileIndicatorFigure {
	buurtCode: string;
	buurtName: string;
	indicator: IndicatorId;
	measure: string;
	value: number;
	year: number;
	/** 'wijk': the buurt took its CBS wijk's figure; levelCode/levelName say which wijk. */
	level: FigureLevel;
	levelCode: string;
	levelName: string;
	source: string;
	/** More than five years before the current year: screens and the export carry a note. */
	olderThanFiveYears: boolean;
}

export interface ProfileIndicatorMeasure extends WeighingMeasureSummary {
	olderThanFiveYears: boolean;
	/** Fewer buurten of the stadsdeel have it than all of them. */
	partial: boolean;
}

export interface ProfileIndicators {
	measures: ProfileIndicatorMeasure[];
	figures: ProfileIndicatorFigure[];
	/** Indicators of the afwegingskader without any figure for these buurten ("ontbreekt"). */
	missing: IndicatorId[];
}

export interface AreaProfile {
	stadsdeel: { code: string; name: string };
	buurten: { code: string; name: string; population: number | null }[];
	figures: ProfileFigure[];
	cityComparison: CityComparisonFigure[];
	priorityBuurten: PriorityBuurtProfile[];
	/** The afwegingskader's indicator figures (question 7), each with year, level and source. */
	indicators: ProfileIndicators;
}

export function profileIndicators(db: Db, buurten: readonly { code: string; name: string }[], now: Date = new Date()): ProfileIndicators {
	const latest = latestIndicatorValues(db, buurten.map((buurt) => buurt.code));
	const nameOf = new Map(buurten.map((buurt) => [buurt.code, buurt.name]));
	const figures: ProfileIndicatorFigure[] = [];
	for (const [buurtCode, perBuurt] of latest) {
		for (const id of INDICATOR_IDS) {
			for (const value of perBuurt[id] ?? []) {
				figures.push({
					buurtCode,
					buurtName: nameOf.get(buurtCode) ?? buurtCode,
					indicator: id,
					measure: value.measure,
					value: value.value,
					year: value.year,
					level: value.level,
					levelCode: value.levelCode,
					levelName: value.levelName,
					source: value.source,
					olderThanFiveYears: isOldFigure(value.year, now)
				});
			}
		}
	}
	const measures = summariseMeasures(latest, INDICATOR_IDS, buurten.length).map((entry) => ({
		...entry,
		olderThanFiveYears: isOldFigure(Math.max(...entry.years), now),
		partial: entry.buurtenWithValue < entry.buurtenTotal
	}));
	const present = new Set(measures.map((entry) => entry.indicator));
	return { measures, figures, missing: INDICATOR_IDS.filter((id) => !present.has(id)) };
}

function seedFigureRow(figure: SeedFigure) {
	return {
		id: figure.id,
		unit: figure.unit,
		label: figure.label,
		value: figure.value,
		year: figure.referenceYear,
		source: figure.source,
		sourceYear: figure.seed.year,
		note: figure.note ?? null
	};
}

export function cityComparison(): CityComparisonFigure[] {
	const ids = [...new Set(CITY_VS_NETHERLANDS_FIGURES.map((figure) => figure.id))];
	return ids.map((id) => {
		const maastricht = CITY_VS_NETHERLANDS_FIGURES.find((f) => f.id === id && f.area.kind === 'gemeente');
		const nederland = CITY_VS_NETHERLANDS_FIGURES.find((f) => f.id === id && f.area.kind === 'nederland');
		const any = (maastricht ?? nederland) as SeedFigure;
		return {
			id,
			unit: any.unit,
			label: any.label,
			source: any.source,
			sourceYear: any.seed.year,
			note: maastricht?.note ?? nederland?.note ?? null,
			maastricht: { value: maastricht?.value ?? null, year: maastricht?.referenceYear ?? null },
			nederland: { value: nederland?.value ?? null, year: nederland?.referenceYear ?? null }
		};
	});
}

/** The priority buurten (Wmo plan) and Amby's profile (seed 002) among the given buurt codes. */
export function priorityBuurtenIn(buurtCodes: readonly string[]): PriorityBuurtProfile[] {
	const inArea = new Set(buurtCodes);
	return PRIORITY_BUURTEN.filter((buurt) => inArea.has(buurt.code)).map((buurt) => ({
		code: buurt.code,
		name: buurt.name,
		figuresInSeedText: buurt.figuresInSeedText,
		figures: [...PRIORITY_BUURT_BASELINE_FIGURES, ...AMBY_FIGURES]
			.filter((figure) => figure.area.kind === 'buurt' && figure.area.code === buurt.code)
			.map(seedFigureRow)
	}));
}

function profileFigures(areaBuurten: readonly Buurt[], allBuurten: readonly Buurt[]): ProfileFigure[] {
	return BUURT_FIGURE_DEFINITIONS.map((definition) => {
		const method = FIGURE_AVERAGE_METHOD[definition.id] ?? 'count';
		const withValue = areaBuurten.filter((buurt) => figureValue(buurt, definition.id) !== null);
		return {
			id: definition.id,
			unit: definition.unit,
			label: definition.label,
			source: definition.source,
			year: definition.year,
			buurten: areaBuurten.map((buurt) => ({ code: buurt.code, name: buurt.name, value: figureValue(buurt, definition.id) })),
			stadsdeel: averageOverBuurten(areaBuurten, definition.id),
			city: averageOverBuurten(allBuurten, definition.id),
			stadsdeelTotal:
				method === 'count'
					? {
							value: withValue.reduce((sum, buurt) => sum + (figureValue(buurt, definition.id) as number), 0),
							buurtenUsed: withValue.length,
							buurtenTotal: areaBuurten.length
						}
					: null
		};
	});
}

/** The profile of one stadsdeel; null when the code is unknown. */
export function loadAreaProfile(db: Db, stadsdeelCode: string): AreaProfile | null {
	const stadsdeel = getStadsdeel(db, stadsdeelCode);
	if (!stadsdeel) return null;
	const allBuurten = listBuurten(db);
	const areaBuurten = allBuurten.filter((buurt) => buurt.stadsdeelCode === stadsdeel.code);
	return {
		stadsdeel: { code: stadsdeel.code, name: stadsdeel.name },
		buurten: areaBuurten.map((buurt) => ({ code: buurt.code, name: buurt.name, population: figureValue(buurt, 'population') })),
		figures: profileFigures(areaBuurten, allBuurten),
		cityComparison: cityComparison(),
		priorityBuurten: priorityBuurtenIn(areaBuurten.map((buurt) => buurt.code)),
		indicators: profileIndicators(db, areaBuurten)
	};
}
