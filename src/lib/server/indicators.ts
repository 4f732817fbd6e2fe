/**
 * Indicator values per buurt (the afwegingskader's objective figures) in SQLite.
 *
 * Import is all-or-nothing twice over: the domain parser refuses the whole file when one row is bad,
 * and the rows that pass are written in one transaction, so a crash half-way leaves nothing behind.
 * A row for a (buurt, indicator, year) that already exists replaces it: re-importing a corrected
 * file is the way to fix a value.
 */
import type { Db } from './db.ts';
import {
	completeness,
	parseIndicatorCsv,
	type IndicatorCompleteness,
	type IndicatorImportError
} from '../domain/budget/indicator-import.ts';
import { INDICATOR_IDS, isIndicatorId, type IndicatorId } from '../domain/budget/indicators.ts';
import type { CsvDelimiter } from '../domain/csv.ts';

/** Files bigger than this are not indicator tables (44 buurten × 8 indicators × many years is far less). */
export const MAX_INDICATOR_FILE_BYTES = 2 * 1024 * 1024;

export interface StoredIndicatorValue {
	buurtCode: string;
	indicator: IndicatorId;
	year: number;
	value: number;
	source: string;
	importedAt: number;
}

export type IndicatorImportOutcome =
	| { ok: true; imported: number; replaced: number; delimiter: CsvDelimiter; buurten: number; importedAt: number }
	| { ok: false; errors: readonly IndicatorImportError[] };

function knownBuurtCodes(db: Db): string[] {
	return db.prepare<[], { code: string }>('SELECT code FROM buurten ORDER BY code').all().map((row) => row.code);
}

export function importIndicatorCsv(db: Db, text: string, now = Date.now()): IndicatorImportOutcome {
	const parsed = parseIndicatorCsv(text, knownBuurtCodes(db));
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const exists = db.prepare<[string, string, number], { n: number }>(
		'SELECT count(*) AS n FROM indicator_values WHERE buurt_code = ? AND indicator = ? AND year = ?'
	);
	const upsert = db.prepare(
		`INSERT INTO indicator_values (buurt_code, indicator, year, value, source, imported_at) VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (buurt_code, indicator, year) DO UPDATE SET value = excluded.value, source = excluded.source, imported_at = excluded.imported_at`
	);
	let replaced = 0;
	db.transaction(() => {
		for (const row of parsed.values) {
			if ((exists.get(row.buurtCode, row.indicator, row.year)?.n ?? 0) > 0) replaced++;
			upsert.run(row.buurtCode, row.indicator, row.year, row.value, row.source, now);
		}
	})();
	return {
		ok: true,
		imported: parsed.values.length,
		replaced,
		delimiter: parsed.delimiter,
		buurten: new Set(parsed.values.map((row) => row.buurtCode)).size,
		importedAt: now
	};
}

interface ValueRow {
	buurt_code: string;
	indicator: string;
	year: number;
	value: number;
	source: string;
	imported_at: number;
}

function fromRow(row: ValueRow): StoredIndicatorValue | null {
	if (!isIndicatorId(row.indicator)) return null;
	return { buurtCode: row.buurt_code, indicator: row.indicator, year: row.year, value: row.value, source: row.source, importedAt: row.imported_at };
}

/** Every stored value, optionally only for some buurten; newest year first. */
export function listIndicatorValues(db: Db, buurtCodes?: readonly string[]): StoredIndicatorValue[] {
	const rows = db.prepare<[], ValueRow>('SELECT * FROM indicator_values ORDER BY buurt_code, indicator, year DESC').all();
	const wanted = buurtCodes ? new Set(buurtCodes) : null;
	return rows
		.filter((row) => wanted === null || wanted.has(row.buurt_code))
		.map(fromRow)
		.filter((value): value is StoredIndicatorValue => value !== null);
}

/**
 * Per buurt and indicator the value of the most recent year. The need index compares buurten on one
 * value each; which years were used is reported next to the result, so a mix of years is visible.
 */
export function latestIndicatorValues(db: Db, buurtCodes: readonly string[]): Map<string, Partial<Record<IndicatorId, StoredIndicatorValue>>> {
	const latest = new Map<string, Partial<Record<IndicatorId, StoredIndicatorValue>>>(buurtCodes.map((code) => [code, {}]));
	for (const value of listIndicatorValues(db, buurtCodes)) {
		const perBuurt = latest.get(value.buurtCode);
		if (perBuurt && perBuurt[value.indicator] === undefined) perBuurt[value.indicator] = value;
	}
	return latest;
}

export interface IndicatorOverview {
	/** Per indicator: how many of the buurten have a value (any year). */
	completeness: IndicatorCompleteness[];
	/** Per indicator the years present among these buurten, newest first. */
	years: Record<IndicatorId, number[]>;
	/** Per indicator the distinct sources, as typed in the files. */
	sources: Record<IndicatorId, string[]>;
	totalValues: number;
	lastImportAt: number | null;
}

export function indicatorOverview(db: Db, buurtCodes: readonly string[]): IndicatorOverview {
	const values = listIndicatorValues(db, buurtCodes);
	const years = {} as Record<IndicatorId, number[]>;
	const sources = {} as Record<IndicatorId, string[]>;
	for (const id of INDICATOR_IDS) {
		const forIndicator = values.filter((value) => value.indicator === id);
		years[id] = [...new Set(forIndicator.map((value) => value.year))].sort((a, b) => b - a);
		sources[id] = [...new Set(forIndicator.map((value) => value.source))].sort();
	}
	return {
		completeness: completeness(values, buurtCodes),
		years,
		sources,
		totalValues: values.length,
		lastImportAt: values.reduce<number | null>((latest, value) => (latest === null || value.importedAt > latest ? value.importedAt : latest), null)
	};
}
