/**
 * The indicator figures shipped with the app (server/seed/maastricht/, see INDICATOREN_BRONNEN.md),
 * turned into values per buurt with source, year and level. Only published numbers are used; the one
 * computed figure is the population change 2017→2025, the difference of two published CBS counts,
 * and its source says so. A buurt takes its CBS wijk's Gezondheidsmonitor figure, labelled as the
 * wijk's. An empty cell stays missing.
 */
import { parseCsv } from '../csv.ts';
import { parseDecimal } from './indicator-import.ts';
import type { ImportArea, IndicatorFigure } from './indicator-layouts.ts';
import { measureById } from './measures.ts';

export const SEED_INDICATOR_FILES = {
	buurten: 'maastricht_buurten_indicatoren.csv',
	wijken: 'maastricht_wijken_gezondheid_2016.csv'
} as const;

const CBS_2017 = 'CBS, Wijk- en Buurtkaart 2017 (kerncijfers 1 januari 2017), CC BY 4.0';
const CBS_2017_2025 = 'Berekend uit CBS-aantallen inwoners 2017 (Wijk- en Buurtkaart 2017) en 2025 (Kerncijfers wijken en buurten 2025), CC BY 4.0';
const HEALTH_2016 = 'GGD/RIVM, Gezondheidsmonitor Volwassenen en Ouderen 2016, modelschatting per wijk (19 jaar en ouder)';

interface SeedColumn {
	readonly column: string;
	readonly measure: string;
	readonly year: number;
	readonly source: string;
}

const BUURT_COLUMNS: readonly SeedColumn[] = [
	{ column: 'pct_65plus_2017', measure: 'pct_65plus', year: 2017, source: CBS_2017 },
	{ column: 'pct_0_14_jaar_2017', measure: 'pct_0_14', year: 2017, source: CBS_2017 },
	{ column: 'pct_niet_westerse_migratieachtergrond_2017', measure: 'pct_niet_westers', year: 2017, source: `${CBS_2017}; indeling van voor 2022 (westers / niet-westers)` }
];

const WIJK_COLUMNS: readonly SeedColumn[] = [
	{ column: 'pct_eenzaam_19plus_2016', measure: 'pct_eenzaam', year: 2016, source: HEALTH_2016 },
	{ column: 'pct_goede_ervaren_gezondheid_19plus_2016', measure: 'pct_goede_gezondheid', year: 2016, source: HEALTH_2016 },
	{ column: 'pct_voldoende_regie_eigen_leven_19plus_2016', measure: 'pct_voldoende_regie', year: 2016, source: HEALTH_2016 }
];

function table(text: string, file: string): { get(row: readonly string[], column: string): number | null; rows: readonly (readonly string[])[] } {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(`${file}: ${parsed.message.en}`);
	const index = new Map(parsed.header.cells.map((cell, i) => [cell.trim(), i]));
	return {
		rows: parsed.rows.map((row) => row.cells),
		get(row, column) {
			const at = index.get(column);
			if (at === undefined) throw new Error(`${file}: column ${column} is missing`);
			const raw = (row[at] ?? '').trim();
			if (raw === '') return null;
			const number = parseDecimal(raw, parsed.delimiter);
			if (!number.ok) throw new Error(`${file}: ${column} "${raw}" is not a number`);
			return number.value;
		}
	};
}

/** Throws on a file that does not parse: that is a bug in what we ship. */
export function parseSeedIndicators(buurtenCsv: string, wijkenCsv: string, areas: readonly ImportArea[]): IndicatorFigure[] {
	const figures: IndicatorFigure[] = [];
	const areaByCode = new Map(areas.map((area) => [area.code, area]));
	const add = (area: ImportArea, measure: string, value: number, year: number, source: string, level: 'buurt' | 'wijk') => {
		const definition = measureById(measure);
		if (!definition) throw new Error(`unknown measure ${measure}`);
		figures.push({
			buurtCode: area.code,
			indicator: definition.indicator,
			measure,
			value,
			year,
			source,
			level,
			levelCode: level === 'buurt' ? area.code : (area.wijkCode as string),
			levelName: level === 'buurt' ? area.name : (area.wijkName ?? (area.wijkCode as string))
		});
	};

	const buurten = table(buurtenCsv, SEED_INDICATOR_FILES.buurten);
	for (const row of buurten.rows) {
		// buurt_code is the first column of the shipped file.
		const area = areaByCode.get(row[0]?.trim() ?? '');
		if (!area) continue;
		for (const column of BUURT_COLUMNS) {
			const value = buurten.get(row, column.column);
			if (value !== null) add(area, column.measure, value, column.year, column.source, 'buurt');
		}
		const before = buurten.get(row, 'aantal_inwoners_2017');
		const after = buurten.get(row, 'aantal_inwoners_2025');
		if (before !== null && after !== null && before > 0) {
			add(area, 'bevolkingsgroei_2017_2025', Math.round(((after - before) / before) * 1000) / 10, 2025, CBS_2017_2025, 'buurt');
		}
	}

	const wijken = table(wijkenCsv, SEED_INDICATOR_FILES.wijken);
	for (const row of wijken.rows) {
		const wijkCode = row[0]?.trim() ?? '';
		for (const area of areas.filter((candidate) => candidate.wijkCode === wijkCode)) {
			for (const column of WIJK_COLUMNS) {
				const value = wijken.get(row, column.column);
				if (value !== null) add(area, column.measure, value, column.year, column.source, 'wijk');
			}
		}
	}
	return figures;
}
