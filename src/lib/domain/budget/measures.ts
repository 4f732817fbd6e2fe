/**
 * Measures: the published figures behind the afwegingskader's eight indicators, and where each one
 * comes from. An indicator can rest on more than one measure (demografische ontwikkeling on three);
 * the need index normalises each measure on its own and takes their mean as the indicator's score.
 *
 * The direction of need is chosen here, per measure, and written down with the reason, because it
 * decides which buurt gets more money:
 *  - population change 2017→2025, higher = more need: more residents (and more newcomers who do not
 *    yet know the buurt's network) ask more of the social basis; a shrinking buurt asks less of it.
 *  - % aged 65+, higher = more need: seed 001 §4 names the ageing peak of 2040 as the pressure to
 *    prepare for (care, loneliness, meeting places close by).
 *  - % aged 0–14, higher = more need: children and their parents lean most on playgrounds, youth work
 *    and school-related support in the buurt.
 *  - % non-western migration background (CBS classification before 2022), higher = more need: see
 *    the reading of "diversiteit" in indicators.ts (extra effort for inclusion, not a problem in itself).
 *  - % lonely (19+), higher = more need.
 *  - % good or very good self-rated health (19+), higher = LESS need.
 *  - % with enough control over their own life (19+), higher = LESS need.
 *  - SES-WOA score, higher = LESS need (a higher score is a higher socio-economic status).
 * A measure imported under an indicator's own id (the plain CSV layout) takes the indicator's direction.
 */
import { indicatorById, isIndicatorId, type IndicatorDirection, type IndicatorId } from './indicators.ts';
import type { LocalizedText } from '../i18n-text.ts';

export type FigureLevel = 'buurt' | 'wijk';

export const FIGURE_LEVELS: readonly FigureLevel[] = ['buurt', 'wijk'];

export interface MeasureDefinition {
	readonly id: string;
	readonly indicator: IndicatorId;
	readonly direction: IndicatorDirection;
	readonly label: LocalizedText;
	readonly unit: 'percent' | 'score';
	/** A change since this year: shown as "2017–2025", not as the end year alone. */
	readonly sinceYear?: number;
}

export const MEASURES: readonly MeasureDefinition[] = [
	{
		id: 'bevolkingsgroei_2017_2025',
		indicator: 'demografie',
		direction: 'higher-is-more-need',
		label: { nl: 'Groei van het aantal inwoners 2017–2025', en: 'Population change 2017–2025' },
		unit: 'percent',
		sinceYear: 2017
	},
	{
		id: 'pct_65plus',
		indicator: 'demografie',
		direction: 'higher-is-more-need',
		label: { nl: 'Inwoners van 65 jaar en ouder', en: 'Residents aged 65 and over' },
		unit: 'percent'
	},
	{
		id: 'pct_0_14',
		indicator: 'demografie',
		direction: 'higher-is-more-need',
		label: { nl: 'Kinderen van 0 tot 15 jaar', en: 'Children aged 0 to 14' },
		unit: 'percent'
	},
	{
		id: 'pct_niet_westers',
		indicator: 'diversiteit',
		direction: 'higher-is-more-need',
		label: {
			nl: 'Inwoners met een niet-westerse migratieachtergrond (oude CBS-indeling, van voor 2022)',
			en: 'Residents with a non-western migration background (CBS classification before 2022)'
		},
		unit: 'percent'
	},
	{
		id: 'pct_eenzaam',
		indicator: 'eenzaamheid',
		direction: 'higher-is-more-need',
		label: { nl: 'Volwassenen die zich eenzaam voelen', en: 'Adults who feel lonely' },
		unit: 'percent'
	},
	{
		id: 'pct_goede_gezondheid',
		indicator: 'gezondheid',
		direction: 'higher-is-less-need',
		label: { nl: 'Volwassenen met een goede ervaren gezondheid', en: 'Adults who rate their health as good' },
		unit: 'percent'
	},
	{
		id: 'pct_voldoende_regie',
		indicator: 'zelfregie',
		direction: 'higher-is-less-need',
		label: { nl: 'Volwassenen met voldoende regie over hun eigen leven', en: 'Adults with enough control over their own life' },
		unit: 'percent'
	},
	{
		id: 'ses_woa',
		indicator: 'ses',
		direction: 'higher-is-less-need',
		label: { nl: 'Gemiddelde SES-WOA-score', en: 'Mean SES-WOA score' },
		unit: 'score'
	}
];

const MEASURE_BY_ID: ReadonlyMap<string, MeasureDefinition> = new Map(MEASURES.map((measure) => [measure.id, measure]));

export function measureById(id: string): MeasureDefinition | undefined {
	return MEASURE_BY_ID.get(id);
}

/** The measure's own direction; a measure named after its indicator (plain CSV) takes the indicator's. */
export function measureDirection(measure: string, indicator: IndicatorId): IndicatorDirection {
	return MEASURE_BY_ID.get(measure)?.direction ?? indicatorById(indicator).direction;
}

export function measureLabel(measure: string, indicator: IndicatorId): LocalizedText {
	return MEASURE_BY_ID.get(measure)?.label ?? indicatorById(indicator).label;
}

/** A measure id that may be stored under this indicator. */
export function isMeasureOf(measure: string, indicator: string): boolean {
	if (!isIndicatorId(indicator)) return false;
	return measure === indicator || MEASURE_BY_ID.get(measure)?.indicator === indicator;
}

/**
 * A value in the plain CSV layout (buurt_code;indicator;value;…) is the figure the afwegingskader
 * names for that indicator, so it is stored as that measure: a newer plain value then replaces an
 * older CBS or GGD figure of the same kind, and the other way round. Demografie, tevredenheid and
 * zorggebruik have no single published measure; their plain values keep the indicator's own id.
 */
const PLAIN_MEASURE: Partial<Record<IndicatorId, string>> = {
	eenzaamheid: 'pct_eenzaam',
	gezondheid: 'pct_goede_gezondheid',
	zelfregie: 'pct_voldoende_regie',
	diversiteit: 'pct_niet_westers',
	ses: 'ses_woa'
};

export function plainMeasure(indicator: IndicatorId): string {
	return PLAIN_MEASURE[indicator] ?? indicator;
}

/** Figures older than this many years carry a note on every screen that shows them. */
export const OLD_FIGURE_YEARS = 5;

export function isOldFigure(year: number, now: Date = new Date()): boolean {
	return now.getUTCFullYear() - year > OLD_FIGURE_YEARS;
}

/** "Wijk 04 Buitenwijk Oost" (CBS) → "Buitenwijk Oost", as people say it. */
export function plainWijkName(cbsName: string | null): string | null {
	if (cbsName === null) return null;
	return cbsName.replace(/^Wijk\s+\d+\s+/i, '').trim() || cbsName;
}

export interface FigureProvenance {
	readonly year: number;
	readonly level: FigureLevel;
	/** Code of the area the figure describes: the buurt itself, or its CBS wijk. */
	readonly levelCode: string;
	readonly levelName: string;
	readonly source: string;
}

/** "cijfer van de buurt, 2017" / "cijfer van wijk Buitenwijk Oost, 2016" / "cijfer van de buurt, 2017–2025". */
export function provenanceText(figure: Pick<FigureProvenance, 'year' | 'level' | 'levelName'> & { measure?: string }): LocalizedText {
	const since = figure.measure ? MEASURE_BY_ID.get(figure.measure)?.sinceYear : undefined;
	const year = since ? `${since}–${figure.year}` : String(figure.year);
	if (figure.level === 'wijk') {
		const wijk = plainWijkName(figure.levelName) ?? figure.levelName;
		return { nl: `cijfer van wijk ${wijk}, ${year}`, en: `figure for the wijk ${wijk}, ${year}` };
	}
	return { nl: `cijfer van de buurt, ${year}`, en: `figure for the buurt, ${year}` };
}
