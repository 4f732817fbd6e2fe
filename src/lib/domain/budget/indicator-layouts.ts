/**
 * Indicator files as the municipality gets them, read without retyping:
 *  - CBS Kerncijfers wijken en buurten (KWB): the kwb-YYYY table with its own column names
 *    (gwb_code_10, recs, a_inw, p_00_14_jr / a_00_14, p_65_eo_jr / a_65_oo, p_n_w_al / a_nw_all);
 *  - CBS SES-WOA per wijk and buurt (StatLine 85163NED and successors): a region code column, Perioden
 *    and the mean SES-WOA score;
 *  - Gezondheidsmonitor (GGD/RIVM "Gezondheid per wijk en buurt") per wijk or buurt: eenzaam, goede
 *    ervaren gezondheid, voldoende regie over het eigen leven.
 * StatLine downloads name columns either with labels ("Wijken en buurten", "Perioden") or with keys
 * ("WijkenEnBuurten", "Eenzaam_27"); both are recognised by comparing names without case, spaces,
 * punctuation or the numeric suffix.
 *
 * Every figure keeps its year and its level. A wijk row becomes a value for each buurt of that wijk,
 * labelled as the wijk's figure; when the same file also has the buurt's own row, the buurt row wins.
 * Rows of other municipalities and of the municipality as a whole are skipped and counted. One bad
 * number refuses the whole file, as with the plain CSV layout.
 */
import { parseCsv, type CsvDelimiter } from '../csv.ts';
import type { LocalizedText } from '../i18n-text.ts';
import type { IndicatorId } from './indicators.ts';
import { parseDecimal, type IndicatorImportError } from './indicator-import.ts';
import { measureById, type FigureLevel } from './measures.ts';

export type IndicatorLayout = 'kwb' | 'ses-woa' | 'gezondheidsmonitor';

export const LAYOUT_NAMES: Readonly<Record<IndicatorLayout, LocalizedText>> = {
	kwb: { nl: 'CBS Kerncijfers wijken en buurten', en: 'CBS Key figures for wijken and buurten' },
	'ses-woa': { nl: 'CBS SES-WOA', en: 'CBS SES-WOA' },
	gezondheidsmonitor: { nl: 'Gezondheidsmonitor (GGD/RIVM)', en: 'Health monitor (GGD/RIVM)' }
};

/** A buurt as the import needs it: its CBS wijk, so a wijk row can reach every buurt of the wijk. */
export interface ImportArea {
	readonly code: string;
	readonly name: string;
	readonly wijkCode: string | null;
	readonly wijkName: string | null;
}

/** One value for one buurt, with where it comes from. */
export interface IndicatorFigure {
	readonly buurtCode: string;
	readonly indicator: IndicatorId;
	readonly measure: string;
	readonly value: number;
	readonly year: number;
	readonly source: string;
	readonly level: FigureLevel;
	readonly levelCode: string;
	readonly levelName: string;
}

export type LayoutImportResult =
	| {
			readonly ok: true;
			readonly layout: IndicatorLayout;
			readonly delimiter: CsvDelimiter;
			readonly figures: readonly IndicatorFigure[];
			/** Measures found in the header, in the order of MEASURES. */
			readonly measures: readonly string[];
			/** Rows about other municipalities or the municipality as a whole. */
			readonly skippedRows: number;
	  }
	| { readonly ok: false; readonly errors: readonly IndicatorImportError[] };

/** Lower case, letters and digits only: "Wijken en buurten" and "WijkenEnBuurten" compare equal. */
function key(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** StatLine keys end in "_<n>" (Eenzaam_27); that suffix says nothing about the content. */
function statKey(name: string): string {
	return key(name.trim().replace(/_\d+$/, ''));
}

const CODE_COLUMNS = ['gwbcode10', 'gwbcode', 'wijkenenbuurten', 'codering', 'coderingcode', 'regioaanduidingcoderingcode', 'regioaanduidingcodering', 'regiocode', 'wijkenbuurtcode', 'wijkcode', 'buurtcode', 'code'];
const AREA_CODE = /^(BU|WK|GM)\d{4,8}$/i;
/** A hand-made example file has this column; it is refused, so its figures never count. */
const EXAMPLE_MARKER = 'voorbeeld';
const YEAR_COLUMNS = ['perioden', 'jaar', 'year', 'peiljaar'];

/** CBS writes these for "secret" or "not available"; StatLine writes a dot. None of them is a number. */
const MISSING_MARKERS = new Set(['', '.', '-', 'x', '?', '-99999999', '-99999997', '-99999998']);

interface MeasureColumn {
	readonly measure: string;
	/** A share read as is, or computed as count / inhabitants × 100. */
	readonly column: number;
	readonly perInhabitants?: number;
}

function findColumn(header: readonly string[], names: readonly string[]): number | undefined {
	for (const name of names) {
		const index = header.findIndex((cell) => key(cell) === name || statKey(cell) === name);
		if (index >= 0) return index;
	}
	return undefined;
}

function kwbMeasures(header: readonly string[]): MeasureColumn[] {
	const at = (name: string) => findColumn(header, [name]);
	const inhabitants = at('ainw');
	const measures: MeasureColumn[] = [];
	const share = (measure: string, percent: string[], count: string) => {
		const direct = findColumn(header, percent);
		if (direct !== undefined) measures.push({ measure, column: direct });
		else {
			const counted = at(count);
			if (counted !== undefined && inhabitants !== undefined) measures.push({ measure, column: counted, perInhabitants: inhabitants });
		}
	};
	share('pct_65plus', ['p65eojr'], 'a65oo');
	share('pct_0_14', ['p0014jr'], 'a0014');
	share('pct_niet_westers', ['pnwal', 'pnwall'], 'anwall');
	return measures;
}

function sesMeasures(header: readonly string[]): MeasureColumn[] {
	const column = header.findIndex((cell) => {
		const name = statKey(cell);
		return name.includes('seswoa') && name.includes('score') && !/financ|opleid|arbeid|spreiding/.test(name);
	});
	return column >= 0 ? [{ measure: 'ses_woa', column }] : [];
}

function healthMeasures(header: readonly string[]): MeasureColumn[] {
	const measures: MeasureColumn[] = [];
	const find = (test: (name: string) => boolean) => header.findIndex((cell) => test(statKey(cell)));
	const lonely = find((name) => /^(pct|percentage)?eenzaam/.test(name) && !/ernstig|sociaal|emotioneel/.test(name));
	if (lonely >= 0) measures.push({ measure: 'pct_eenzaam', column: lonely });
	const health = find((name) => name.includes('ervarengezondheid') && name.includes('goed'));
	if (health >= 0) measures.push({ measure: 'pct_goede_gezondheid', column: health });
	const control = find((name) => name.includes('regie'));
	if (control >= 0) measures.push({ measure: 'pct_voldoende_regie', column: control });
	return measures;
}

/**
 * The column with the region codes: "Wijken en buurten" holds codes in a StatLine key download but
 * names in a labelled one, so the first candidate whose first value looks like a code wins.
 */
function findCodeColumn(header: readonly string[], rows: readonly { cells: readonly string[] }[]): number | undefined {
	const candidates = CODE_COLUMNS.map((name) => header.findIndex((cell) => key(cell) === name || statKey(cell) === name)).filter((index) => index >= 0);
	const sample = rows.find((row) => row.cells.some((cell) => cell.trim() !== ''));
	if (!sample) return candidates[0];
	return candidates.find((index) => AREA_CODE.test((sample.cells[index] ?? '').trim())) ?? candidates[0];
}

/** Which known layout this header is, with its measure columns; null for anything else. */
export function detectLayout(header: readonly string[]): { layout: IndicatorLayout; columns: MeasureColumn[] } | null {
	if (findColumn(header, CODE_COLUMNS) === undefined) return null;
	const isKwb = findColumn(header, ['gwbcode10', 'gwbcode']) !== undefined || findColumn(header, ['recs']) !== undefined;
	if (isKwb) {
		const columns = kwbMeasures(header);
		if (columns.length > 0) return { layout: 'kwb', columns };
	}
	const ses = sesMeasures(header);
	if (ses.length > 0) return { layout: 'ses-woa', columns: ses };
	const health = healthMeasures(header);
	if (health.length > 0) return { layout: 'gezondheidsmonitor', columns: health };
	return null;
}

function sourceName(layout: IndicatorLayout, year: number): string {
	switch (layout) {
		case 'kwb':
			return `CBS, Kerncijfers wijken en buurten ${year} (CC BY 4.0)`;
		case 'ses-woa':
			return `CBS, SES-WOA per wijk en buurt ${year} (CC BY 4.0)`;
		case 'gezondheidsmonitor':
			return `GGD/RIVM, Gezondheidsmonitor ${year}, per wijk en buurt`;
	}
}

/** "2019JJ00", "2019" or "2019 " → 2019. */
function readYear(raw: string): number | null {
	const match = /^\s*((19|20)\d{2})/.exec(raw);
	return match ? Number(match[1]) : null;
}

export interface LayoutImportOptions {
	/** The year the figures describe, when the file has no year column (KWB files do not). */
	readonly year?: number | null;
	/** The uploaded file's name: a year in it ("kwb-2023.csv") is used when nothing else says. */
	readonly fileName?: string | null;
}

export function yearFromFileName(fileName: string | null | undefined): number | null {
	const match = /(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(fileName ?? '');
	return match ? Number(match[1]) : null;
}

/** Reads a file in one of the known layouts; `{ok:false}` with no errors means "not one of these layouts". */
export function parseLayoutFile(text: string, areas: readonly ImportArea[], options: LayoutImportOptions = {}): LayoutImportResult | null {
	const parsed = parseCsv(text);
	if (!parsed.ok) return null;
	const header = parsed.header.cells;
	const detected = detectLayout(header);
	if (!detected) return null;
	const { layout, columns } = detected;
	const { delimiter, rows } = parsed;
	const codeColumn = findCodeColumn(header, rows) as number;
	const yearColumn = findColumn(header, YEAR_COLUMNS);
	const margesColumn = findColumn(header, ['marges']);
	const ageColumn = findColumn(header, ['leeftijd']);
	const fallbackYear = options.year ?? yearFromFileName(options.fileName);
	const errors: IndicatorImportError[] = [];
	const error = (line: number, nl: string, en: string) => errors.push({ line, message: { nl, en } });

	if (header.some((cell) => key(cell) === EXAMPLE_MARKER)) {
		error(
			parsed.header.line,
			'Dit is een voorbeeldbestand (kolom VOORBEELD). Het laat alleen zien hoe het bestand eruitziet. Haal de echte cijfers bij CBS of de GGD en lees die in.',
			'This is an example file (column VOORBEELD). It only shows what the file looks like. Get the real figures from CBS or the GGD and import those.'
		);
		return { ok: false, errors };
	}
	if (yearColumn === undefined && fallbackYear === null) {
		error(
			parsed.header.line,
			'In dit bestand staat niet voor welk jaar de cijfers zijn. Vul het jaar in bij het uploaden.',
			'This file does not say which year the figures are for. Enter the year when you upload it.'
		);
		return { ok: false, errors };
	}

	const buurtByCode = new Map(areas.map((area) => [area.code.toUpperCase(), area]));
	const buurtenByWijk = new Map<string, ImportArea[]>();
	for (const area of areas) {
		if (!area.wijkCode) continue;
		const list = buurtenByWijk.get(area.wijkCode.toUpperCase()) ?? [];
		list.push(area);
		buurtenByWijk.set(area.wijkCode.toUpperCase(), list);
	}

	// Per buurt, measure and year: the figure, buurt rows before wijk rows.
	const chosen = new Map<string, IndicatorFigure>();
	let skippedRows = 0;
	for (const row of rows) {
		if (row.cells.every((cell) => cell.trim() === '')) continue;
		const cell = (index: number) => (row.cells[index] ?? '').trim();
		if (margesColumn !== undefined && !['waarde', 'mw00000'].includes(key(cell(margesColumn)))) continue;
		if (ageColumn !== undefined && !/^(18|19)/.test(cell(ageColumn))) continue;
		const code = cell(codeColumn).toUpperCase();
		const targets: { area: ImportArea; level: FigureLevel; levelCode: string; levelName: string }[] = [];
		const buurt = buurtByCode.get(code);
		if (buurt) targets.push({ area: buurt, level: 'buurt', levelCode: buurt.code, levelName: buurt.name });
		else {
			for (const area of buurtenByWijk.get(code) ?? []) targets.push({ area, level: 'wijk', levelCode: area.wijkCode as string, levelName: area.wijkName ?? code });
		}
		if (targets.length === 0) {
			skippedRows++;
			continue;
		}
		let year = fallbackYear;
		if (yearColumn !== undefined) {
			year = readYear(cell(yearColumn));
			if (year === null) {
				error(row.line, `Het jaar "${cell(yearColumn)}" is niet geldig. Schrijf het jaar met vier cijfers.`, `The year "${cell(yearColumn)}" is not valid. Write it with four digits.`);
				continue;
			}
		}
		for (const column of columns) {
			const raw = cell(column.column);
			if (MISSING_MARKERS.has(raw)) continue;
			const number = parseDecimal(raw, delimiter);
			if (!number.ok) {
				errors.push({ line: row.line, message: number.message });
				continue;
			}
			let value = number.value;
			if (column.perInhabitants !== undefined) {
				const inhabitantsRaw = cell(column.perInhabitants);
				if (MISSING_MARKERS.has(inhabitantsRaw)) continue;
				const inhabitants = parseDecimal(inhabitantsRaw, delimiter);
				if (!inhabitants.ok) {
					errors.push({ line: row.line, message: inhabitants.message });
					continue;
				}
				if (inhabitants.value <= 0) continue;
				value = Math.round((value / inhabitants.value) * 1000) / 10;
			}
			const definition = measureById(column.measure);
			if (!definition) continue;
			for (const target of targets) {
				const figureKey = `${target.area.code}\u0000${column.measure}\u0000${year}`;
				const earlier = chosen.get(figureKey);
				if (earlier && earlier.level === 'buurt' && target.level === 'wijk') continue;
				if (earlier && earlier.level === target.level) {
					error(
						row.line,
						`Dubbele regel: ${code} staat voor ${year} meer dan één keer in het bestand. Houd er één over.`,
						`Duplicate row: ${code} appears more than once for ${year}. Keep only one.`
					);
					continue;
				}
				chosen.set(figureKey, {
					buurtCode: target.area.code,
					indicator: definition.indicator,
					measure: column.measure,
					value,
					year: year as number,
					source: sourceName(layout, year as number),
					level: target.level,
					levelCode: target.levelCode,
					levelName: target.levelName
				});
			}
		}
	}
	if (errors.length === 0 && chosen.size === 0) {
		error(
			parsed.header.line,
			'In dit bestand staan geen cijfers voor buurten of wijken van Maastricht.',
			'This file has no figures for buurten or wijken of Maastricht.'
		);
	}
	if (errors.length > 0) return { ok: false, errors: errors.slice(0, 50) };
	return { ok: true, layout, delimiter, figures: [...chosen.values()], measures: columns.map((column) => column.measure), skippedRows };
}
