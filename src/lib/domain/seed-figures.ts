/**
 * City- and buurt-level figures quoted in the municipality's own policy texts (shared/seeds).
 * Only numbers printed in the seed texts are here; each carries the line it was read from,
 * so tests can check it against the seed and nobody has to trust a retyped number.
 * Figures shown only as images in the seeds (e.g. Daalhof's profile) are absent by design.
 */
import type { LocalizedText } from './geo.ts';

export interface SeedDocument {
	/** File name in shared/seeds. */
	file: string;
	title: string;
	/** Year the document was published or presented. */
	year: number;
}

export type SeedFigureArea =
	| { kind: 'gemeente'; code: 'GM0935'; name: 'Maastricht' }
	| { kind: 'nederland'; name: 'Nederland' }
	| { kind: 'buurt'; code: string; name: string };

export interface SeedFigure {
	/** Metric id, the same for every area so figures can be compared side by side. */
	id: string;
	area: SeedFigureArea;
	value: number;
	unit: 'count' | 'percent';
	label: LocalizedText;
	/** The year the figure describes, only where the seed states it. */
	referenceYear: number | null;
	/** Short source line for display: seed document title and year. */
	source: LocalizedText;
	seed: SeedDocument;
	/** Text printed just before the figure in the seed; with seedText it pins the figure to one spot. */
	seedAnchor: string;
	/** The seed's line with whitespace collapsed to single spaces and markup removed. */
	seedText: string;
	/** The number exactly as printed (Dutch notation: "2.410", "50,3%"). */
	seedNumber: string;
	note?: LocalizedText;
}

export const SEED_DOCUMENTS = {
	basisPresentation2: {
		file: '002_607839571c8de426.txt',
		title: 'Presentatie gemeenteraad "Investeren in de Sociale Basis"',
		// The text has no date; it looks back on the domain meeting of 8 October 2024 and plans the council decision of April 2025.
		year: 2025
	},
	socialVision2040: {
		file: '003_ab86799a7a73b944.txt',
		title: 'Sociale Visie Maastricht 2040 "Van vangnet naar trampoline"',
		year: 2021
	},
	wmoPlan2024: {
		file: '004_afb9f5f0711668e7.txt',
		title: 'Beleids- en uitvoeringsplan Maatschappelijke Ondersteuning 2024-2026',
		year: 2024
	}
} as const satisfies Record<string, SeedDocument>;

function sourceLine(seed: SeedDocument, extra?: LocalizedText): LocalizedText {
	return {
		nl: `${seed.title} (${seed.year})${extra ? `, ${extra.nl}` : ''}`,
		en: `${seed.title} (${seed.year})${extra ? `, ${extra.en}` : ''}`
	};
}

const MAASTRICHT: SeedFigureArea = { kind: 'gemeente', code: 'GM0935', name: 'Maastricht' };
const NEDERLAND: SeedFigureArea = { kind: 'nederland', name: 'Nederland' };

// ---------------------------------------------------------------------------------------------
// Seed 003: Maastricht compared with the Netherlands (table in chapter 2 "Waar staan we nu?")

const VISION_TABLE_ANCHOR = 'Thema Maastricht Nederland';
const VISION_SOURCE = sourceLine(SEED_DOCUMENTS.socialVision2040, {
	nl: 'cijfers van waarstaatjegemeente.nl',
	en: 'figures from waarstaatjegemeente.nl'
});

interface ComparisonRow {
	id: string;
	label: LocalizedText;
	seedText: string;
	maastricht: string;
	nederland: string;
	referenceYear: number | null;
	note?: LocalizedText;
}

const VISION_ROWS: readonly ComparisonRow[] = [
	{
		id: 'loneliness',
		label: { nl: 'Eenzaamheid', en: 'Loneliness' },
		seedText: 'Eenzaamheid 50,3% 46,6%',
		maastricht: '50,3%',
		nederland: '46,6%',
		// Chapter 5 of the same seed: "gestegen van 47,7% in 2016 naar 50,3% in 2020".
		referenceYear: 2020,
		note: {
			nl: 'Het jaar 2020 staat in de tekst voor Maastricht; het jaar van het landelijke cijfer staat er niet.',
			en: 'The text gives 2020 for Maastricht; it does not give the year of the national figure.'
		}
	},
	{
		id: 'social_domain_support',
		label: { nl: 'Beroep op zorg en ondersteuning sociaal domein', en: 'Use of care and support in the social domain' },
		seedText: 'Beroep op zorg en ondersteuning sociaal domein 21,2% 20%',
		maastricht: '21,2%',
		nederland: '20%',
		referenceYear: null
	},
	{
		id: 'youth_care',
		label: { nl: 'Beroep op jeugdhulp', en: 'Use of youth care' },
		seedText: 'Beroep op jeugdhulp 14,9% 10,6%',
		maastricht: '14,9%',
		nederland: '10,6%',
		referenceYear: null
	},
	{
		id: 'district_nursing',
		label: { nl: 'Beroep op wijkverpleging', en: 'Use of district nursing' },
		seedText: 'Beroep op wijkverpleging 4,5% 3,4%',
		maastricht: '4,5%',
		nederland: '3,4%',
		referenceYear: null
	},
	{
		id: 'educational_disadvantage_risk',
		label: { nl: 'Kinderen met risico op onderwijsachterstand', en: 'Children at risk of educational disadvantage' },
		seedText: 'Kinderen met risico op onderwijsachterstand 18% 15%',
		maastricht: '18%',
		nederland: '15%',
		referenceYear: null
	},
	{
		id: 'unemployment',
		label: { nl: 'Werkloosheid', en: 'Unemployment' },
		seedText: 'Werkloosheid 4,8% 3,8%',
		maastricht: '4,8%',
		nederland: '3,8%',
		referenceYear: null
	},
	{
		id: 'children_in_welfare_households',
		label: { nl: 'Kinderen in een bijstandsgesin', en: 'Children in a household on social assistance' },
		seedText: 'Kinderen in een bijstandsgesin 9% 6%',
		maastricht: '9%',
		nederland: '6%',
		referenceYear: null
	},
	{
		id: 'labour_participation',
		label: { nl: 'Arbeidsparticipatiegraad', en: 'Labour participation rate' },
		seedText: 'Arbeidsparticipatiegraad 58,6% 67,7%',
		maastricht: '58,6%',
		nederland: '67,7%',
		referenceYear: null
	}
];

/** Reads a number the way the seeds print it: "." groups thousands, "," is the decimal mark. */
export function parseDutchNumber(printed: string): number {
	const cleaned = printed.trim().replace(/%$/, '').replace(/\./g, '').replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(cleaned)) throw new RangeError(`not a Dutch number: "${printed}"`);
	return Number(cleaned);
}

function comparisonFigures(row: ComparisonRow): SeedFigure[] {
	const common = {
		id: row.id,
		unit: 'percent' as const,
		label: row.label,
		source: VISION_SOURCE,
		seed: SEED_DOCUMENTS.socialVision2040,
		seedAnchor: VISION_TABLE_ANCHOR,
		seedText: row.seedText,
		...(row.note ? { note: row.note } : {})
	};
	return [
		{ ...common, area: MAASTRICHT, value: parseDutchNumber(row.maastricht), seedNumber: row.maastricht, referenceYear: row.referenceYear },
		// Only the Maastricht year is stated, so the national figure gets none.
		{ ...common, area: NEDERLAND, value: parseDutchNumber(row.nederland), seedNumber: row.nederland, referenceYear: null }
	];
}

export const CITY_VS_NETHERLANDS_FIGURES: readonly SeedFigure[] = VISION_ROWS.flatMap(comparisonFigures);

// ---------------------------------------------------------------------------------------------
// Seed 004, appendix 1: baseline (0-meting) of the priority buurten

export interface PriorityBuurt {
	code: string;
	name: string;
	/** False where the seed shows the profile only as an image. */
	figuresInSeedText: boolean;
}

/** The five priority buurten of the Wmo plan 2024-2026, with their CBS 2024 codes. */
export const PRIORITY_BUURTEN: readonly PriorityBuurt[] = [
	{ code: 'BU09350203', name: 'Pottenberg', figuresInSeedText: true },
	{ code: 'BU09350403', name: 'Nazareth', figuresInSeedText: true },
	{ code: 'BU09350406', name: 'Amby', figuresInSeedText: true },
	// The seed heads this section "Buurt 03 Malberg"; in the CBS 2024 division Malberg is buurt 07.
	{ code: 'BU09350207', name: 'Malberg', figuresInSeedText: true },
	{ code: 'BU09350209', name: 'Daalhof', figuresInSeedText: false }
];

interface BaselineBlock {
	buurt: PriorityBuurt;
	inhabitants2023: string;
	wmo: string;
	jeugdwet: string;
	participatiewet: string;
}

const BASELINE_BLOCKS: readonly BaselineBlock[] = [
	{ buurt: PRIORITY_BUURTEN[0], inhabitants2023: '2.410', wmo: '11%', jeugdwet: '3%', participatiewet: '12%' },
	{ buurt: PRIORITY_BUURTEN[1], inhabitants2023: '3.140', wmo: '10%', jeugdwet: '3%', participatiewet: '9%' },
	{ buurt: PRIORITY_BUURTEN[3], inhabitants2023: '5.300', wmo: '15%', jeugdwet: '2%', participatiewet: '6%' },
	{ buurt: PRIORITY_BUURTEN[2], inhabitants2023: '6.520', wmo: '8%', jeugdwet: '2%', participatiewet: '1%' }
];

const WMO_PLAN_SOURCE = sourceLine(SEED_DOCUMENTS.wmoPlan2024, { nl: 'bijlage 1 (0-meting)', en: 'appendix 1 (baseline)' });

function baselineFigures(block: BaselineBlock): SeedFigure[] {
	const area: SeedFigureArea = { kind: 'buurt', code: block.buurt.code, name: block.buurt.name };
	const common = { area, source: WMO_PLAN_SOURCE, seed: SEED_DOCUMENTS.wmoPlan2024, seedAnchor: `${block.buurt.name}:` };
	return [
		{
			...common,
			id: 'inhabitants',
			value: parseDutchNumber(block.inhabitants2023),
			unit: 'count',
			label: { nl: 'Aantal inwoners', en: 'Inhabitants' },
			referenceYear: 2023,
			seedText: `Aantal inwoners 2023: ${block.inhabitants2023}`,
			seedNumber: block.inhabitants2023
		},
		{
			...common,
			id: 'pct_wmo',
			value: parseDutchNumber(block.wmo),
			unit: 'percent',
			label: { nl: 'Inwoners met een voorziening uit de Wmo', en: 'Residents with a provision under the Wmo (Social Support Act)' },
			referenceYear: null,
			seedText: `% inwoners Wmo: ${block.wmo}`,
			seedNumber: block.wmo
		},
		{
			...common,
			id: 'pct_jeugdwet',
			value: parseDutchNumber(block.jeugdwet),
			unit: 'percent',
			label: { nl: 'Inwoners met een voorziening uit de Jeugdwet', en: 'Residents with a provision under the Youth Act' },
			referenceYear: null,
			seedText: `% inwoners Jeugdwet: ${block.jeugdwet}`,
			seedNumber: block.jeugdwet
		},
		{
			...common,
			id: 'pct_participatiewet',
			value: parseDutchNumber(block.participatiewet),
			unit: 'percent',
			label: {
				nl: 'Inwoners met een voorziening uit de Participatiewet',
				en: 'Residents with a provision under the Participation Act'
			},
			referenceYear: null,
			seedText: `% inwoners Participatiewet: ${block.participatiewet}`,
			seedNumber: block.participatiewet
		}
	];
}

export const PRIORITY_BUURT_BASELINE_FIGURES: readonly SeedFigure[] = BASELINE_BLOCKS.flatMap(baselineFigures);

// ---------------------------------------------------------------------------------------------
// Seed 002: "Gegevens % in Amby" (all values are percentages, per the slide's heading)

const AMBY_AREA: SeedFigureArea = { kind: 'buurt', code: 'BU09350406', name: 'Amby' };
const AMBY_ANCHOR = 'Gegevens % in Amby';
const AMBY_SOURCE = sourceLine(SEED_DOCUMENTS.basisPresentation2);

function ambyFigure(
	id: string,
	label: LocalizedText,
	seedText: string,
	seedNumber: string,
	note?: LocalizedText
): SeedFigure {
	return {
		id,
		area: AMBY_AREA,
		value: parseDutchNumber(seedNumber),
		unit: 'percent',
		label,
		referenceYear: null,
		source: AMBY_SOURCE,
		seed: SEED_DOCUMENTS.basisPresentation2,
		seedAnchor: AMBY_ANCHOR,
		seedText,
		seedNumber,
		...(note ? { note } : {})
	};
}

export const AMBY_FIGURES: readonly SeedFigure[] = [
	ambyFigure('pct_age_0_15', { nl: 'Leeftijd 0-15 jaar', en: 'Aged 0-15' }, '0-15 jaar 13', '13'),
	ambyFigure('pct_age_15_25', { nl: 'Leeftijd 15-25 jaar', en: 'Aged 15-25' }, '15-15 jaar 14', '14', {
		nl: 'In de bron staat "15-15 jaar"; uit de volgorde blijkt dat 15-25 jaar bedoeld is.',
		en: 'The source prints "15-15 jaar"; the sequence shows 15-25 is meant.'
	}),
	ambyFigure('pct_age_25_45', { nl: 'Leeftijd 25-45 jaar', en: 'Aged 25-45' }, '25-45 jaar 17', '17'),
	ambyFigure('pct_age_45_65', { nl: 'Leeftijd 45-65 jaar', en: 'Aged 45-65' }, '45-65 jaar 28', '28'),
	ambyFigure('pct_age_65_plus', { nl: 'Leeftijd 65 jaar en ouder', en: 'Aged 65 and over' }, '65+ 28', '28'),
	ambyFigure('pct_origin_nl', { nl: 'Herkomst Nederland', en: 'Origin: the Netherlands' }, 'Nederland 75', '75'),
	ambyFigure('pct_origin_europe', { nl: 'Herkomst Europa (zonder Nederland)', en: 'Origin: Europe (excluding the Netherlands)' }, 'Europa (excl. NL) 13', '13'),
	ambyFigure('pct_origin_outside_europe', { nl: 'Herkomst buiten Europa', en: 'Origin: outside Europe' }, 'Buiten Europa 12', '12'),
	ambyFigure('loneliness', { nl: 'Eenzaamheid', en: 'Loneliness' }, 'Eenzaamheid 47,9', '47,9'),
	ambyFigure('resilience', { nl: 'Veerkracht', en: 'Resilience' }, 'Veerkracht 15', '15', {
		nl: 'De bron zegt niet hoe veerkracht is gemeten.',
		en: 'The source does not say how resilience was measured.'
	}),
	ambyFigure('difficulty_making_ends_meet', { nl: 'Moeite met rondkomen', en: 'Difficulty making ends meet' }, 'Moeite rondkomen 14', '14')
];

export const SEED_FIGURES: readonly SeedFigure[] = [
	...CITY_VS_NETHERLANDS_FIGURES,
	...PRIORITY_BUURT_BASELINE_FIGURES,
	...AMBY_FIGURES
];
