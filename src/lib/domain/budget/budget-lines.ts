/**
 * Budget lines of the Sociale Basis and the volunteer subsidy scheme, as printed in the seeds.
 *
 * The seeds give amounts in "x mln." with three decimals, i.e. in whole thousands of euros; we store
 * them as whole euros so they can be summed and compared with allocation results without floats.
 * Labels are kept exactly as printed (typos included) so a reader can find them back in the source;
 * where the seed abbreviates, `expansion` gives the full term and says where the seed spells it out.
 *
 * The two tables are from different moments (seed 000: October 2024, seed 001: March 2025) and do
 * NOT add up to each other; see SEED_FIGURE_NOTES. Do not derive one from the other.
 */

export interface SeedSource {
	readonly seed: string;
	readonly section: string;
}

const SEED_000 = '000_2fcc8dcb5a29dbf4.txt';
const SEED_001 = '001_518ce0c4b7a39c4f.txt';
const SEED_002 = '002_607839571c8de426.txt';

const SEED_000_FINANCE: SeedSource = {
	seed: SEED_000,
	section: '10. Financiën — Beschikbare financiële middelen (begrotingsposten Sociale Basis)'
};
const SEED_001_FINANCE: SeedSource = { seed: SEED_001, section: '5. Financiën' };
const SEED_002_VOLUNTEER_SCHEME: SeedSource = {
	seed: SEED_002,
	section: "3. Inzoomen op 4 thema's — Investeren in de Sociale Basis “Vrijwillige inzet”, tabel Activiteiten (huidige regeling)"
};
const SEED_002_AWARDS: SeedSource = {
	seed: SEED_002,
	section: "3. Inzoomen op 4 thema's — Vrijwillige inzet, Toekenning 2025"
};

export type TaakveldCode = '0.1' | '6.1' | '6.2' | '6.4' | '7.1';

/** Names as printed; 0.1 only appears with its single line "Halt preventie", so it has no name here. */
export const TAAKVELD_NAMES = {
	'6.1': 'Samenkracht & burgerparticipatie',
	'6.2': 'Wijkteams',
	'6.4': 'Begeleide participatie',
	'7.1': 'Volksgezondheid'
} as const satisfies Partial<Record<TaakveldCode, string>>;

export const SOCIAL_BASIS_YEARS = [2025, 2026, 2027, 2028] as const;
export type SocialBasisYear = (typeof SOCIAL_BASIS_YEARS)[number];

export interface TaakveldBudget {
	readonly taakveld: TaakveldCode;
	readonly eurosByYear: Readonly<Record<SocialBasisYear, number>>;
	readonly source: SeedSource;
}

/** Seed 001 §5: "Binnen de hieronder genoemde taakvelden zijn de volgende middelen beschikbaar". */
export const SOCIAL_BASIS_BUDGET_BY_TAAKVELD = [
	{
		taakveld: '6.1',
		eurosByYear: { 2025: 12_513_000, 2026: 11_870_000, 2027: 11_867_000, 2028: 11_915_000 },
		source: SEED_001_FINANCE
	},
	{
		taakveld: '6.2',
		eurosByYear: { 2025: 2_064_000, 2026: 2_064_000, 2027: 2_064_000, 2028: 2_064_000 },
		source: SEED_001_FINANCE
	},
	{
		taakveld: '6.4',
		eurosByYear: { 2025: 1_694_000, 2026: 1_694_000, 2027: 1_694_000, 2028: 1_694_000 },
		source: SEED_001_FINANCE
	},
	{
		taakveld: '7.1',
		eurosByYear: { 2025: 6_214_000, 2026: 6_006_000, 2027: 6_014_000, 2028: 6_023_000 },
		source: SEED_001_FINANCE
	}
] as const satisfies readonly TaakveldBudget[];

/**
 * "Totaal taakvelden" as printed. The four taakveld rows above add up to exactly these totals in
 * every year (checked in the tests), which is why the rows could be read despite the OCR mixing
 * decimal points and commas.
 */
export const SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR = {
	totalEurosByYear: { 2025: 22_485_000, 2026: 21_634_000, 2027: 21_639_000, 2028: 21_696_000 },
	/** Seed 001 §5: "De financiën met betrekking tot sport, cultuur en de fysieke omgeving maken geen onderdeel hiervan uit". */
	excludes: 'sport, cultuur en de fysieke omgeving',
	source: SEED_001_FINANCE
} as const;

export const BUDGET_LINE_YEARS = [2024, 2025, 2026] as const;
export type BudgetLineYear = (typeof BUDGET_LINE_YEARS)[number];

export interface BudgetLine {
	readonly taakveld: TaakveldCode;
	/** As printed in the seed. */
	readonly label: string;
	readonly expansion?: string;
	readonly eurosByYear: Readonly<Record<BudgetLineYear, number>>;
	readonly source: SeedSource;
}

/** Seed 000 §10. Every row has three readable figures; the taakveld of an indented row is the one above it. */
export const SOCIAL_BASIS_BUDGET_LINES_2024_2026 = [
	{
		taakveld: '0.1',
		label: 'Halt preventie',
		eurosByYear: { 2024: 55_000, 2025: 55_000, 2026: 55_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'Buurtgericht werken',
		eurosByYear: { 2024: 630_000, 2025: 468_000, 2026: 576_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'Mantelzorg',
		eurosByYear: { 2024: 1_060_000, 2025: 1_083_000, 2026: 1_083_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'Preventie',
		eurosByYear: { 2024: 1_005_000, 2025: 1_027_000, 2026: 1_027_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'Sociaal cultureel werk',
		eurosByYear: { 2024: 5_857_000, 2025: 4_011_000, 2026: 3_261_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'Vrijwilligers participatie',
		eurosByYear: { 2024: 2_164_000, 2025: 2_230_000, 2026: 2_230_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'IDO (SPUK)',
		// Seed 000 §9 "Informatie en advies": "We blijven het Informatiepunt Digitale Overheid faciliteren."
		expansion: 'Informatiepunt Digitale Overheid (SPUK)',
		eurosByYear: { 2024: 118_000, 2025: 100_000, 2026: 100_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'Schoolmaatschappelijk werk, jeugdwerk brugf.',
		// Seed 000 §9 "Laagdrempelige ondersteuning" names the "brugfunctionarissen".
		expansion: 'Schoolmaatschappelijk werk, jeugdwerk, brugfunctionarissen',
		eurosByYear: { 2024: 3_355_000, 2025: 3_355_000, 2026: 3_355_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.1',
		label: 'KO SMI',
		// Seed 000 §9 "Pedagogische basis": "kinderopvang op sociaal-medische indicatie".
		expansion: 'Kinderopvang op sociaal-medische indicatie',
		eurosByYear: { 2024: 351_000, 2025: 753_000, 2026: 753_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.2',
		label: 'Clïëntondersteuning (incl jeugd)',
		// Seed 000 §9 "Laagdrempelige ondersteuning" spells it "onafhankelijke cliëntondersteuning".
		expansion: 'Cliëntondersteuning (inclusief jeugd)',
		eurosByYear: { 2024: 1_361_000, 2025: 1_391_000, 2026: 1_391_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.2',
		label: 'POH Jeugd',
		eurosByYear: { 2024: 404_000, 2025: 413_000, 2026: 413_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.2',
		label: 'CJG043',
		eurosByYear: { 2024: 70_000, 2025: 70_000, 2026: 70_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.2',
		label: 'Zorgfuncties op school',
		eurosByYear: { 2024: 234_000, 2025: 234_000, 2026: 239_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '6.4',
		label: 'Dagbesteding (algemene voorzieningen)',
		eurosByYear: { 2024: 1_614_000, 2025: 1_649_000, 2026: 1_649_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '7.1',
		label: 'Gezondheidszorg AMW',
		eurosByYear: { 2024: 2_017_000, 2025: 2_313_000, 2026: 2_313_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '7.1',
		label: 'Jeugdgezondheidszorg',
		eurosByYear: { 2024: 3_998_000, 2025: 3_901_000, 2026: 3_693_000 },
		source: SEED_000_FINANCE
	},
	{
		taakveld: '7.1',
		label: "Preventieprogramma's",
		eurosByYear: { 2024: 23_000, 2025: 23_000, 2026: 23_000 },
		source: SEED_000_FINANCE
	}
] as const satisfies readonly BudgetLine[];

export interface VolunteerSubsidyActivity {
	/** Number as printed in the seed's table (1–13). */
	readonly number: number;
	readonly activity: string;
	readonly description?: string;
	/** Maximum subsidy in whole euros; null when the seed gives no maximum. */
	readonly maxEuros: number | null;
	/** How the amount is set when there is no maximum, as printed. */
	readonly amountBasis?: string;
	readonly source: SeedSource;
}

/**
 * The 13 activity types of the CURRENT scheme "Vrijwillige inzet" (seed 002). The same seed
 * announces a new, simpler scheme (partly base subsidy, partly flexible activity subsidy), so these
 * maxima describe 2025 and may change. The seed groups the activities under the goals Ontmoeting,
 * Zelfredzaamheid and Samenredzaamheid, but the extracted text does not show which rows fall
 * under which goal, so no goal is recorded here.
 */
export const VOLUNTEER_SUBSIDY_ACTIVITIES = [
	{ number: 1, activity: 'Huiskamer', maxEuros: 12_000, source: SEED_002_VOLUNTEER_SCHEME },
	{ number: 2, activity: 'Sociaal restaurant', maxEuros: 20_000, source: SEED_002_VOLUNTEER_SCHEME },
	{
		number: 3,
		activity: '(Informatieve) activiteiten/bijeenkomsten',
		description:
			'over de thema´s welzijn, zorg, inclusie/diversiteit, eenzaamheid, armoede, participatie en gezondheid die voor de buurt/stad relevant zijn',
		maxEuros: 50_000,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 4,
		activity: 'Buurtnetwerk',
		maxEuros: null,
		amountBasis: 'vaste bedragen per inwoner buurt',
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 5,
		activity: 'Kleinschalige activiteiten',
		description:
			'Activiteiten van (buurtnetwerk)organisaties en inwoners, gericht op het verbinden en stimuleren van bewoners, (vrijwilligers)organisaties en bedrijven om zich actief in te zetten voor de eigen leefomgeving',
		maxEuros: 500,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 6,
		activity:
			'Stimuleren en ontwikkelen van een brede talentontwikkeling en sociale vaardigheden, meestal buiten schooltijd, voor en door jeugdigen tot 27 jaar',
		maxEuros: 40_000,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 7,
		activity: 'Informatie, advies en voorlichting aan jeugdigen tot 27 jaar',
		maxEuros: 750,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 8,
		activity: 'Huiswerkbegeleiding',
		description:
			'Bieden van laagdrempelige begeleiding of coaching voor jeugdigen tot 27 jaar die hier behoefte aan hebben bij hun persoonlijke, sociale of cognitieve ontwikkeling',
		maxEuros: 7_500,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 9,
		activity: 'Scouting en vrijwillig jeugd en jongerenwerk',
		description:
			'Bieden van zinvolle vrijetijdsbesteding aan jeugdigen tot 27 jaar, waarbij in ruime mate aandacht is voor (positieve)gezondheid, beweging en sociaal contact',
		maxEuros: 15_000,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 10,
		activity: 'Schakelfunctie',
		description:
			'vrijwilligers verwijzen en/of begeleiden buurtbewoners naar passende activiteiten en/of voorzieningen',
		maxEuros: 5_000,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 11,
		activity: 'Maatjesproject',
		description:
			'Bemiddelen tussen vrijwilligers die als maatje gedurende langere tijd één op één contact hebben met zelfstandig wonende Maastrichtenaren die behoefte hebben aan contact of lichte ondersteuning',
		maxEuros: 40_000,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 12,
		activity: 'Informatie, advies en voorlichting aan senioren',
		description:
			'over de volgende onderwerpen: langer (zelfstandig) thuis wonen, positieve gezondheid, bewegen en gezonde leefstijl, sociale en digitale vaardigheden',
		maxEuros: 750,
		source: SEED_002_VOLUNTEER_SCHEME
	},
	{
		number: 13,
		activity: 'Volwassen inwoners in een kwetsbare positie, preventief, tijdelijke praktische ondersteuning bieden',
		description:
			'op het gebied van financiën/financiële zelfredzaamheid, vergroten weerbaarheid/empowerment, sociale vaardigheden en taalvaardigheid',
		maxEuros: 20_000,
		source: SEED_002_VOLUNTEER_SCHEME
	}
] as const satisfies readonly VolunteerSubsidyActivity[];

/** Seed 002 "Toekenning 2025": what the current scheme actually awarded, per size class. */
export const VOLUNTEER_SUBSIDY_AWARDS_2025 = [
	{
		organisations: 61,
		sizeClass: 'Organisaties tot € 20.000 en zonder beroepskrachten',
		awardedEuros: 430_000,
		source: SEED_002_AWARDS
	},
	{
		organisations: 23,
		sizeClass: 'Organisaties meer dan € 20.000 en/of beroepskracht',
		awardedEuros: 785_000,
		source: SEED_002_AWARDS
	}
] as const;

/**
 * Figures in the seeds that were deliberately NOT turned into data, with the reason, so a later
 * reader does not mistake their absence for an oversight.
 */
export const SEED_FIGURE_NOTES = [
	{
		quote: 'extra investering ontmoetingsplekken 150k mln (afhankelijk van begrotingsbehandeling)',
		reason: '"150k mln" can be read as 150 thousand or 150 million euros, and the years it covers are not stated.',
		source: { seed: SEED_000, section: '10. Financiën — Aanvullende middelen' }
	},
	{
		quote: 'extra investering jeugd cf uitvoeringsplan 200k en evt transformatiemiddelen IZA',
		reason: 'Not stated whether 200k is per year or in total for "t/m 2026"; the IZA amount is not given.',
		source: { seed: SEED_000, section: '10. Financiën — Aanvullende middelen' }
	},
	{
		quote: 'Taakstelling sociaal domein 0.75 (2025), 1.5 (2026 ev.)',
		reason: 'A savings target for the whole social domain, not a budget line of the social basis; the unit is presumably € million but not printed next to it.',
		source: { seed: SEED_000, section: '10. Financiën — Taakstelling sociaal domein' }
	},
	{
		quote: 'Dagbesteding (algemene voorzieningen) 1.649 (seed 000) vs 6.4 Begeleide participatie 1,694 (seed 001)',
		reason: 'The two seeds differ for 2025 and 2026 (1.649 vs 1.694, possibly transposed digits). Both are stored as printed; which is right cannot be told from the text.',
		source: { seed: SEED_001, section: '5. Financiën' }
	},
	{
		quote: 'Seed 000 §10 lines per taakveld vs seed 001 §5 taakveld totals',
		reason: 'The finer 2024–2026 lines do not add up to the 2025–2026 taakveld totals of seed 001 (e.g. 6.1 in 2025: 13.027 vs 12.513). They are different moments in the budget cycle.',
		source: { seed: SEED_000, section: '10. Financiën' }
	}
] as const;
