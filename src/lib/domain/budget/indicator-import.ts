/**
 * Import of indicator values per buurt from a CSV file (one value per row).
 *
 * All-or-nothing: every row is checked before anything is returned, and a single bad row means no
 * values at all, so a half-imported file can never skew the need index unnoticed. Every error names
 * the 1-based line in the file, because that is what an official sees in Excel.
 */

import { parseCsv, type CsvDelimiter } from '../csv.ts';
import { INDICATOR_IDS, isIndicatorId, type IndicatorId } from './indicators.ts';
import type { LocalizedText } from '../i18n-text.ts';

export const INDICATOR_CSV_COLUMNS = ['buurt_code', 'indicator', 'value', 'year', 'source'] as const;
type IndicatorCsvColumn = (typeof INDICATOR_CSV_COLUMNS)[number];

export interface IndicatorValueRecord {
	/** Spelled as in the list of known buurt codes, whatever case the file used. */
	readonly buurtCode: string;
	readonly indicator: IndicatorId;
	readonly value: number;
	readonly year: number;
	readonly source: string;
	/** Line in the file, so later screens can point back to the row. */
	readonly line: number;
}

export interface IndicatorImportError {
	readonly line: number;
	readonly message: LocalizedText;
}

export type IndicatorImportResult =
	| { readonly ok: true; readonly delimiter: CsvDelimiter; readonly values: readonly IndicatorValueRecord[] }
	| { readonly ok: false; readonly errors: readonly IndicatorImportError[] };

const EXAMPLE_SOURCE = 'Voorbeeld, vervang door de echte bron';

/**
 * Template with one illustrative row per indicator. The buurt code is a placeholder on purpose: an
 * unchanged template is refused on import instead of loading made-up numbers.
 */
export const INDICATOR_CSV_TEMPLATE: string = [
	INDICATOR_CSV_COLUMNS.join(';'),
	`BU0935xxxx;demografie;28;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;zelfregie;72;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;ses;-0,15;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;diversiteit;25;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;tevredenheid;7,4;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;zorggebruik;11;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;eenzaamheid;47,9;2024;${EXAMPLE_SOURCE}`,
	`BU0935xxxx;gezondheid;78;2024;${EXAMPLE_SOURCE}`
]
	.map((line) => `${line}\r\n`)
	.join('');

const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

// toCsv puts an apostrophe before these so Excel does not run formulas; undo it on the way back in.
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

function normaliseCode(code: string): string {
	return code.trim().toUpperCase();
}

function cleanCell(raw: string | undefined): string {
	return (raw ?? '').replace(FORMULA_GUARD, '').trim();
}

export type ParsedNumber = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: LocalizedText };

/**
 * In a `;` file both "12,5" and "12.5" are accepted, because Dutch Excel writes the first and CBS
 * downloads the second. "1.234" is refused there: it could be 1234 (Dutch thousands separator) or
 * 1.234, and guessing would silently change a value by a factor of a thousand.
 */
export function parseDecimal(raw: string, delimiter: CsvDelimiter): ParsedNumber {
	const text = raw.trim();
	const integer = /^[+-]?\d+$/;
	const withPoint = /^[+-]?\d*\.\d+$/;
	const withComma = /^[+-]?\d*,\d+$/;
	if (integer.test(text) || (withPoint.test(text) && !(delimiter === ';' && /^[+-]?\d{1,3}\.\d{3}$/.test(text)))) {
		return { ok: true, value: Number(text) };
	}
	if (delimiter === ';' && withComma.test(text)) {
		return { ok: true, value: Number(text.replace(',', '.')) };
	}
	if (delimiter === ';' && /^[+-]?\d{1,3}\.\d{3}$/.test(text)) {
		return {
			ok: false,
			message: {
				nl: `De waarde "${text}" is niet duidelijk: is het ${text.replace('.', '')} of ${text.replace('.', ',')}? Schrijf een getal zonder punt voor duizendtallen, en een komma voor decimalen.`,
				en: `The value "${text}" is unclear: is it ${text.replace('.', '')} or ${text}? Write numbers without a thousands separator, with a comma for decimals.`
			}
		};
	}
	if (delimiter === ',' && withComma.test(text)) {
		return {
			ok: false,
			message: {
				nl: `De waarde "${text}" heeft een komma. In een bestand met komma's tussen de kolommen moet een decimaal een punt hebben, bijvoorbeeld 12.5.`,
				en: `The value "${text}" has a comma. In a comma-separated file decimals must use a point, for example 12.5.`
			}
		};
	}
	return {
		ok: false,
		message: {
			nl: `De waarde "${text}" is geen getal. Schrijf alleen cijfers, zonder %-teken of punt voor duizendtallen, bijvoorbeeld 1234,5.`,
			en: `The value "${text}" is not a number. Write digits only, without a % sign or thousands separator, for example 1234,5.`
		}
	};
}

export function parseIndicatorCsv(text: string, knownBuurtCodes: readonly string[]): IndicatorImportResult {
	const parsed = parseCsv(text);
	if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, message: parsed.message }] };

	const { delimiter, header, rows } = parsed;
	const errors: IndicatorImportError[] = [];
	const error = (line: number, nl: string, en: string) => errors.push({ line, message: { nl, en } });

	const columnIndex = new Map<IndicatorCsvColumn, number>();
	header.cells.forEach((cell, index) => {
		const name = cleanCell(cell).toLowerCase();
		if (!(INDICATOR_CSV_COLUMNS as readonly string[]).includes(name)) {
			error(
				header.line,
				`Onbekende kolom "${cell}". Gebruik precies deze kolommen: ${INDICATOR_CSV_COLUMNS.join(';')}.`,
				`Unknown column "${cell}". Use exactly these columns: ${INDICATOR_CSV_COLUMNS.join(';')}.`
			);
			return;
		}
		const column = name as IndicatorCsvColumn;
		if (columnIndex.has(column)) {
			error(header.line, `De kolom "${column}" staat er twee keer in.`, `The column "${column}" appears twice.`);
			return;
		}
		columnIndex.set(column, index);
	});
	for (const column of INDICATOR_CSV_COLUMNS) {
		if (!columnIndex.has(column)) {
			error(header.line, `De kolom "${column}" ontbreekt in de eerste regel.`, `The column "${column}" is missing from the first line.`);
		}
	}
	// Without a sound header no row can be read reliably, so stop here.
	if (errors.length > 0) return { ok: false, errors };

	const canonicalCode = new Map(knownBuurtCodes.map((code) => [normaliseCode(code), code]));
	const firstLineOfKey = new Map<string, number>();
	const values: IndicatorValueRecord[] = [];
	let dataRows = 0;

	for (const row of rows) {
		// Excel saves emptied rows as ";;;;"; they carry no data and are not an error.
		if (row.cells.every((cell) => cell.trim() === '')) continue;
		dataRows++;
		const { line } = row;

		if (row.cells.length !== header.cells.length) {
			error(
				line,
				`Deze regel heeft ${row.cells.length} kolommen, maar er horen er ${header.cells.length} te zijn. Staat er een "${delimiter}" in een tekst? Zet die tekst dan tussen aanhalingstekens.`,
				`This line has ${row.cells.length} columns, but ${header.cells.length} are expected. Is there a "${delimiter}" inside a text? Then put that text in quotes.`
			);
			continue;
		}
		const cell = (column: IndicatorCsvColumn) => cleanCell(row.cells[columnIndex.get(column) as number]);
		const rawCode = cell('buurt_code');
		const rawIndicator = cell('indicator').toLowerCase();
		const rawValue = cell('value');
		const rawYear = cell('year');
		const source = cell('source');
		const errorsBefore = errors.length;

		const buurtCode = rawCode === '' ? undefined : canonicalCode.get(normaliseCode(rawCode));
		if (rawCode === '') {
			error(line, 'De buurtcode ontbreekt.', 'The buurt code is missing.');
		} else if (buurtCode === undefined) {
			error(
				line,
				`Onbekende buurtcode "${rawCode}". Gebruik een CBS-buurtcode uit dit gebied, zoals BU0935….`,
				`Unknown buurt code "${rawCode}". Use a CBS buurt code from this area, such as BU0935….`
			);
		}

		if (rawIndicator === '') {
			error(line, 'Het cijfer (indicator) ontbreekt.', 'The indicator is missing.');
		} else if (!isIndicatorId(rawIndicator)) {
			error(
				line,
				`Onbekend cijfer "${rawIndicator}". Kies uit: ${INDICATOR_IDS.join(', ')}.`,
				`Unknown indicator "${rawIndicator}". Choose from: ${INDICATOR_IDS.join(', ')}.`
			);
		}

		let value: number | undefined;
		if (rawValue === '') {
			error(line, 'De waarde ontbreekt. Laat de hele regel weg als de waarde niet bekend is.', 'The value is missing. Leave out the whole line if the value is unknown.');
		} else {
			const number = parseDecimal(rawValue, delimiter);
			if (number.ok) value = number.value;
			else errors.push({ line, message: number.message });
		}

		let year: number | undefined;
		if (rawYear === '') {
			error(line, 'Het jaar ontbreekt.', 'The year is missing.');
		} else if (!/^\d{4}$/.test(rawYear) || Number(rawYear) < EARLIEST_YEAR || Number(rawYear) > LATEST_YEAR) {
			error(
				line,
				`Het jaar "${rawYear}" is niet geldig. Schrijf het jaar met vier cijfers, bijvoorbeeld 2024.`,
				`The year "${rawYear}" is not valid. Write the year with four digits, for example 2024.`
			);
		} else {
			year = Number(rawYear);
		}

		if (source === '') {
			error(line, 'De bron ontbreekt. Schrijf waar het cijfer vandaan komt.', 'The source is missing. Write where the figure comes from.');
		}

		if (errors.length > errorsBefore || buurtCode === undefined || value === undefined || year === undefined) continue;
		const indicator = rawIndicator as IndicatorId;

		const key = `${buurtCode}\u0000${indicator}\u0000${year}`;
		const earlierLine = firstLineOfKey.get(key);
		if (earlierLine !== undefined) {
			error(
				line,
				`Dubbele regel: ${buurtCode}, ${indicator}, ${year} staat ook op regel ${earlierLine}. Houd er één over.`,
				`Duplicate row: ${buurtCode}, ${indicator}, ${year} is also on line ${earlierLine}. Keep only one.`
			);
			continue;
		}
		firstLineOfKey.set(key, line);
		values.push({ buurtCode, indicator, value, year, source, line });
	}

	if (errors.length === 0 && dataRows === 0) {
		error(header.line, 'Het bestand heeft alleen een kopregel en geen cijfers.', 'The file has only a header line and no figures.');
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, delimiter, values };
}

export interface IndicatorCompleteness {
	readonly indicator: IndicatorId;
	readonly buurtenWithValue: number;
	readonly buurtenTotal: number;
	readonly missingBuurtCodes: readonly string[];
}

/**
 * Per indicator: how many of the given buurten have at least one value (in `year`, when given).
 * Values for buurten outside the list do not count, so the numbers always refer to the area on screen.
 */
export function completeness(
	values: readonly Pick<IndicatorValueRecord, 'buurtCode' | 'indicator' | 'year'>[],
	buurtCodes: readonly string[],
	year?: number
): IndicatorCompleteness[] {
	const uniqueBuurten = [...new Map(buurtCodes.map((code) => [normaliseCode(code), code])).entries()];
	return INDICATOR_IDS.map((indicator) => {
		const covered = new Set(
			values
				.filter((value) => value.indicator === indicator && (year === undefined || value.year === year))
				.map((value) => normaliseCode(value.buurtCode))
		);
		const missingBuurtCodes = uniqueBuurten.filter(([normalised]) => !covered.has(normalised)).map(([, code]) => code);
		return {
			indicator,
			buurtenWithValue: uniqueBuurten.length - missingBuurtCodes.length,
			buurtenTotal: uniqueBuurten.length,
			missingBuurtCodes
		};
	});
}
