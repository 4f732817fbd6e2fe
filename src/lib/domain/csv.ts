/**
 * Small CSV reader and writer for imports and exports that officials open in Excel.
 *
 * Reading follows RFC 4180 with the leniencies real Dutch spreadsheets need: `;` or `,` as
 * delimiter (detected from the header line), a UTF-8 BOM, CRLF / LF / lone CR line breaks, and
 * blank lines (skipped). A quote in the middle of an unquoted field is kept as a literal character;
 * text after the closing quote of a quoted field is refused, because guessing there could silently
 * change a value. Line breaks inside quoted fields are returned as "\n" whatever the file used.
 */

import type { LocalizedText } from './i18n-text.ts';

export type CsvDelimiter = ';' | ',';

export interface CsvRecord {
	/** 1-based line in the file where this record starts (a quoted field may span more lines). */
	readonly line: number;
	readonly cells: readonly string[];
}

export type CsvParseFailureReason = 'empty' | 'unterminated-quote' | 'text-after-closing-quote';

export type CsvParseResult =
	| {
			readonly ok: true;
			readonly delimiter: CsvDelimiter;
			readonly header: CsvRecord;
			readonly rows: readonly CsvRecord[];
	  }
	| {
			readonly ok: false;
			readonly reason: CsvParseFailureReason;
			readonly line: number;
			readonly message: LocalizedText;
	  };

export interface CsvParseOptions {
	/** Skip detection, e.g. when the user picked the delimiter by hand. */
	readonly delimiter?: CsvDelimiter;
}

const BYTE_ORDER_MARK = '\uFEFF';

function stripBom(text: string): string {
	return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/**
 * Counts `;` and `,` outside quotes on the first non-blank line. Ties (including a single-column
 * header) go to `;`: Dutch Excel writes `;`, and a `,` file with one column parses the same anyway.
 */
export function detectDelimiter(text: string): CsvDelimiter {
	const body = stripBom(text);
	let semicolons = 0;
	let commas = 0;
	let inQuotes = false;
	let seenContent = false;
	for (const char of body) {
		if (char === '"') {
			inQuotes = !inQuotes;
			seenContent = true;
		} else if (!inQuotes && (char === '\n' || char === '\r')) {
			if (seenContent) break;
		} else if (!inQuotes && char === ';') {
			semicolons++;
			seenContent = true;
		} else if (!inQuotes && char === ',') {
			commas++;
			seenContent = true;
		} else if (char.trim() !== '') {
			seenContent = true;
		}
	}
	return commas > semicolons ? ',' : ';';
}

export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
	const body = stripBom(text);
	const delimiter = options.delimiter ?? detectDelimiter(body);
	const records: CsvRecord[] = [];

	let line = 1;
	let recordLine = 1;
	let cells: string[] = [];
	let field = '';
	let fieldWasQuoted = false;
	let inQuotes = false;
	let quoteClosed = false;
	let quoteOpenedOnLine = 1;

	const endField = () => {
		cells.push(field);
		field = '';
		fieldWasQuoted = false;
		quoteClosed = false;
	};
	const endRecord = () => {
		const isBlankLine = cells.length === 0 && field === '' && !fieldWasQuoted;
		endField();
		if (!isBlankLine) records.push({ line: recordLine, cells });
		cells = [];
	};

	let index = 0;
	while (index < body.length) {
		const char = body.charAt(index);
		const next = body[index + 1];

		if (inQuotes) {
			if (char === '"') {
				if (next === '"') {
					field += '"';
					index += 2;
				} else {
					inQuotes = false;
					quoteClosed = true;
					index += 1;
				}
			} else if (char === '\r' || char === '\n') {
				field += '\n';
				line++;
				index += char === '\r' && next === '\n' ? 2 : 1;
			} else {
				field += char;
				index += 1;
			}
			continue;
		}

		if (char === delimiter) {
			endField();
			index += 1;
		} else if (char === '\r' || char === '\n') {
			endRecord();
			line++;
			recordLine = line;
			index += char === '\r' && next === '\n' ? 2 : 1;
		} else if (quoteClosed) {
			// Spaces after a closing quote are harmless padding; anything else makes the value unclear.
			if (char !== ' ' && char !== '\t') {
				return {
					ok: false,
					reason: 'text-after-closing-quote',
					line,
					message: {
						nl: `Regel ${line}: na een aanhalingsteken dat een veld afsluit, staat nog tekst. Zet het hele veld tussen aanhalingstekens en schrijf een aanhalingsteken in de tekst dubbel ("").`,
						en: `Line ${line}: there is text after the quote that closes a field. Put the whole field in quotes and double any quote inside it ("").`
					}
				};
			}
			index += 1;
		} else if (char === '"' && field === '' && !fieldWasQuoted) {
			inQuotes = true;
			fieldWasQuoted = true;
			quoteOpenedOnLine = line;
			index += 1;
		} else {
			field += char;
			index += 1;
		}
	}

	if (inQuotes) {
		return {
			ok: false,
			reason: 'unterminated-quote',
			line: quoteOpenedOnLine,
			message: {
				nl: `Regel ${quoteOpenedOnLine}: een veld begint met een aanhalingsteken, maar het wordt nergens afgesloten.`,
				en: `Line ${quoteOpenedOnLine}: a field starts with a quote that is never closed.`
			}
		};
	}
	if (cells.length > 0 || field !== '' || fieldWasQuoted) endRecord();

	const [header, ...rows] = records;
	if (header === undefined) {
		return {
			ok: false,
			reason: 'empty',
			line: 1,
			message: { nl: 'Het bestand is leeg.', en: 'The file is empty.' }
		};
	}
	return { ok: true, delimiter, header, rows };
}

export type CsvCell = string | number | null | undefined;

export interface ToCsvOptions {
	/** Default `;`, what Dutch Excel expects. */
	readonly delimiter?: CsvDelimiter;
	/** Default true: without a BOM Excel reads UTF-8 as Windows-1252 and breaks "ë" and "€". */
	readonly bom?: boolean;
	/** Default CRLF, as in RFC 4180. */
	readonly lineEnding?: '\r\n' | '\n';
}

/**
 * Characters that make Excel or LibreOffice treat a cell as a formula (CSV injection). Tab and CR
 * are included because some spreadsheet programs strip them and then see the next character.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Neutralises formula triggers and quotes where needed. Exported for single-cell use in tests and exports. */
export function escapeCsvCell(cell: CsvCell, delimiter: CsvDelimiter = ';'): string {
	if (cell === null || cell === undefined) return '';
	let text: string;
	if (typeof cell === 'number') {
		// A number cannot carry a formula, so "-3" stays a negative number instead of the text "'-3".
		if (!Number.isFinite(cell)) return '';
		text = String(cell);
		// A `;` file is meant for Dutch Excel, which reads "." as a thousands separator.
		if (delimiter === ';') text = text.replace('.', ',');
	} else {
		text = FORMULA_TRIGGERS.has(cell.charAt(0)) ? `'${cell}` : cell;
	}
	// Outer spaces are quoted because some readers trim unquoted fields.
	const needsQuotes =
		text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
	return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], options: ToCsvOptions = {}): string {
	const delimiter = options.delimiter ?? ';';
	const bom = options.bom ?? true;
	const lineEnding = options.lineEnding ?? '\r\n';
	const body = rows
		.map((row) => row.map((cell) => escapeCsvCell(cell, delimiter)).join(delimiter) + lineEnding)
		.join('');
	return (bom ? BYTE_ORDER_MARK : '') + body;
}
