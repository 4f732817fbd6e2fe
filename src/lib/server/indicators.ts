/**
 * Indicator values per buurt (the afwegingskader's objective figures) in SQLite.
 *
 * Import is all-or-nothing twice over: the domain parser refuses the whole file when one row is bad,
 * and the rows that pass are written in one transaction, so a crash half-way leaves nothing behind.
 *
 * Every value keeps its measure (the published figure, see domain/budget/measures.ts), year, level
 * and source. Newer figures replace older ones, never the other way round: per buurt and measure a
 * value is written only when its year is at least the newest year stored (the same year again is a
 * correction and replaces the value; a wijk figure never replaces the buurt's own figure of the same
 * year). An older figure is skipped and counted, so the screen can say so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeTransaction, type Db } from './db.ts';
import {
	completeness,
	parseIndicatorCsv,
	type IndicatorCompleteness,
	type IndicatorImportError
} from '../domain/budget/indicator-import.ts';
import { parseLayoutFile, type ImportArea, type IndicatorFigure, type IndicatorLayout, type LayoutImportOptions } from '../domain/budget/indicator-layouts.ts';
import { parseSeedIndicators, SEED_INDICATOR_FILES } from '../domain/budget/seed-indicators.ts';
import { INDICATOR_IDS, isIndicatorId, type IndicatorId } from '../domain/budget/indicators.ts';
import { plainMeasure, type FigureLevel } from '../domain/budget/measures.ts';
import type { CsvDelimiter } from '../domain/csv.ts';
import { defaultSeedDir } from './seed-areas.ts';
import type { WeighingMeasureSummary } from '../sync/weighing-schema.ts';

/** Files bigger than this are not indicator tables (44 buurten × 8 indicators × many years is far less). */
export const MAX_INDICATOR_FILE_BYTES = 2 * 1024 * 1024;

export interface StoredIndicatorValue {
	buurtCode: string;
	indicator: IndicatorId;
	measure: string;
	year: number;
	value: number;
	source: string;
	level: FigureLevel;
	levelCode: string;
	levelName: string;
	importedAt: number;
}

export type IndicatorImportOutcome =
	| {
			ok: true;
			layout: IndicatorLayout | 'plain';
			imported: number;
			replaced: number;
			/** Figures not written because a newer year (or the buurt's own figure) is stored. */
			keptNewer: number;
			/** Rows about other municipalities or the municipality as a whole. */
			skippedRows: number;
			delimiter: CsvDelimiter;
			buurten: number;
			importedAt: number;
	  }
	| { ok: false; errors: readonly IndicatorImportError[] };

function knownBuurtCodes(db: Db): string[] {
	return db.prepare<[], { code: string }>('SELECT code FROM buurten ORDER BY code').all().map((row) => row.code);
}

function importAreas(db: Db): ImportArea[] {
	return db
		.prepare<[], { code: string; name: string; wijk_code: string | null; wijk_name: string | null }>('SELECT code, name, wijk_code, wijk_name FROM buurten ORDER BY code')
		.all()
		.map((row) => ({ code: row.code, name: row.name, wijkCode: row.wijk_code, wijkName: row.wijk_name }));
}

interface StoreCounts {
	written: number;
	replaced: number;
	keptNewer: number;
}

/**
 * Writes figures under the rule in the module comment, in one transaction. `keepSameYear` (the shipped
 * seed) also leaves a value of the same year alone, so a correction an official imported survives a restart.
 */
function storeFigures(db: Db, figures: readonly IndicatorFigure[], now: number, options: { keepSameYear?: boolean } = {}): StoreCounts {
	const newest = db.prepare<[string, string, string], { year: number; level: string }>(
		'SELECT year, level FROM indicator_values WHERE buurt_code = ? AND indicator = ? AND measure = ? ORDER BY year DESC LIMIT 1'
	);
	const upsert = db.prepare(
		`INSERT INTO indicator_values (buurt_code, indicator, measure, year, value, source, level, level_code, level_name, imported_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (buurt_code, indicator, measure, year) DO UPDATE SET value = excluded.value, source = excluded.source,
		   level = excluded.level, level_code = excluded.level_code, level_name = excluded.level_name, imported_at = excluded.imported_at`
	);
	const counts: StoreCounts = { written: 0, replaced: 0, keptNewer: 0 };
	writeTransaction(db, () => {
		for (const figure of figures) {
			const current = newest.get(figure.buurtCode, figure.indicator, figure.measure);
			if (current) {
				if (current.year > figure.year) {
					counts.keptNewer++;
					continue;
				}
				if (current.year === figure.year) {
					if (options.keepSameYear || (current.level === 'buurt' && figure.level === 'wijk')) {
						counts.keptNewer++;
						continue;
					}
					counts.replaced++;
				}
			}
			upsert.run(figure.buurtCode, figure.indicator, figure.measure, figure.year, figure.value, figure.source, figure.level, figure.levelCode, figure.levelName, now);
			counts.written++;
		}
	});
	return counts;
}

/**
 * The figures shipped in server/seed/maastricht/ (see its README), written on start under the same
 * rule as an import: nothing newer or corrected is overwritten, so running it again changes nothing.
 */
export function seedIndicatorValues(db: Db, seedDir: string = defaultSeedDir(), now = Date.now()): StoreCounts {
	const read = (name: string) => readFileSync(path.join(seedDir, name), 'utf8');
	const figures = parseSeedIndicators(read(SEED_INDICATOR_FILES.buurten), read(SEED_INDICATOR_FILES.wijken), importAreas(db));
	return storeFigures(db, figures, now, { keepSameYear: true });
}

/**
 * An indicator file: one of the known layouts (CBS KWB, CBS SES-WOA, Gezondheidsmonitor; see
 * indicator-layouts.ts) or the plain layout buurt_code;indicator;value;year;source.
 */
export function importIndicatorCsv(db: Db, text: string, now = Date.now(), options: LayoutImportOptions = {}): IndicatorImportOutcome {
	const layout = parseLayoutFile(text, importAreas(db), options);
	let figures: IndicatorFigure[];
	let delimiter: CsvDelimiter;
	let skippedRows = 0;
	let layoutName: IndicatorLayout | 'plain' = 'plain';
	if (layout) {
		if (!layout.ok) return { ok: false, errors: layout.errors };
		figures = [...layout.figures];
		delimiter = layout.delimiter;
		skippedRows = layout.skippedRows;
		layoutName = layout.layout;
	} else {
		const parsed = parseIndicatorCsv(text, knownBuurtCodes(db));
		if (!parsed.ok) return { ok: false, errors: parsed.errors };
		const nameOf = new Map(importAreas(db).map((area) => [area.code, area.name]));
		figures = parsed.values.map((row) => ({
			buurtCode: row.buurtCode,
			indicator: row.indicator,
			measure: plainMeasure(row.indicator),
			value: row.value,
			year: row.year,
			source: row.source,
			level: 'buurt' as const,
			levelCode: row.buurtCode,
			levelName: nameOf.get(row.buurtCode) ?? row.buurtCode
		}));
		delimiter = parsed.delimiter;
	}
	const counts = storeFigures(db, figures, now);
	return {
		ok: true,
		layout: layoutName,
		imported: counts.written,
		replaced: counts.replaced,
		keptNewer: counts.keptNewer,
		skippedRows,
		delimiter,
		buurten: new Set(figures.map((row) => row.buurtCode)).size,
		importedAt: now
	};
}

interface ValueRow {
	buurt_code: string;
	indicator: string;
	measure: string;
	year: number;
	value: number;
	source: string;
	level: string;
	level_code: string;
	level_name: string;
	imported_at: number;
}

function fromRow(row: ValueRow): StoredIndicatorValue | null {
	if (!isIndicatorId(row.indicator)) return null;
	return {
		buurtCode: row.buurt_code,
		indicator: row.indicator,
		measure: row.measure,
		year: row.year,
		value: row.value,
		source: row.source,
		level: row.level === 'wijk' ? 'wijk' : 'buurt',
		levelCode: row.level_code,
		levelName: row.level_name,
		importedAt: row.imported_at
	};
}

/** Every stored value, optionally only for some buurten; newest year first. */
export function listIndicatorValues(db: Db, buurtCodes?: readonly string[]): StoredIndicatorValue[] {
	const rows = db.prepare<[], ValueRow>('SELECT * FROM indicator_values ORDER BY buurt_code, indicator, measure, year DESC').all();
	const wanted = buurtCodes ? new Set(buurtCodes) : null;
	return rows
		.filter((row) => wanted === null || wanted.has(row.buurt_code))
		.map(fromRow)
		.filter((value): value is StoredIndicatorValue => value !== null);
}

/**
 * Per buurt, indicator and measure the value of the most recent year. The need index compares buurten
 * on one value per measure; which years and levels were used is shown next to the result.
 */
export function latestIndicatorValues(db: Db, buurtCodes: readonly string[]): Map<string, Partial<Record<IndicatorId, StoredIndicatorValue[]>>> {
	const latest = new Map<string, Partial<Record<IndicatorId, StoredIndicatorValue[]>>>(buurtCodes.map((code) => [code, {}]));
	for (const value of listIndicatorValues(db, buurtCodes)) {
		const perBuurt = latest.get(value.buurtCode);
		if (!perBuurt) continue;
		const list = (perBuurt[value.indicator] ??= []);
		// Rows come newest year first per measure, so the first one seen is the latest.
		if (!list.some((seen) => seen.measure === value.measure)) list.push(value);
	}
	return latest;
}

/** Per measure over some buurten: years, levels, wijken, sources and how many buurten have it. */
export function summariseMeasures(
	latest: ReturnType<typeof latestIndicatorValues>,
	indicators: readonly IndicatorId[],
	buurtenTotal: number
): WeighingMeasureSummary[] {
	const byMeasure = new Map<string, { indicator: IndicatorId; values: StoredIndicatorValue[] }>();
	for (const perBuurt of latest.values()) {
		for (const id of INDICATOR_IDS) {
			if (!indicators.includes(id)) continue;
			for (const value of perBuurt[id] ?? []) {
				const entry = byMeasure.get(value.measure) ?? { indicator: id, values: [] };
				entry.values.push(value);
				byMeasure.set(value.measure, entry);
			}
		}
	}
	return [...byMeasure.entries()]
		.sort(([, a], [, b]) => INDICATOR_IDS.indexOf(a.indicator) - INDICATOR_IDS.indexOf(b.indicator))
		.map(([measure, { indicator, values }]) => ({
			indicator,
			measure,
			years: [...new Set(values.map((value) => value.year))].sort((a, b) => a - b),
			levels: (['buurt', 'wijk'] as const).filter((level) => values.some((value) => value.level === level)),
			wijken: [...new Set(values.filter((value) => value.level === 'wijk').map((value) => value.levelName))].sort(),
			sources: [...new Set(values.map((value) => value.source))].sort(),
			buurtenWithValue: new Set(values.map((value) => value.buurtCode)).size,
			buurtenTotal
		}));
}

export interface IndicatorOverview {
	/** Per indicator: how many of the buurten have a value (any year). */
	completeness: IndicatorCompleteness[];
	/** Per indicator the years present among these buurten, newest first. */
	years: Record<IndicatorId, number[]>;
	/** Per indicator the distinct sources, as typed in the files. */
	sources: Record<IndicatorId, string[]>;
	/** Per indicator the levels its values describe (a buurt's own figure, or its wijk's). */
	levels: Record<IndicatorId, FigureLevel[]>;
	totalValues: number;
	lastImportAt: number | null;
}

export function indicatorOverview(db: Db, buurtCodes: readonly string[]): IndicatorOverview {
	const values = listIndicatorValues(db, buurtCodes);
	const years = {} as Record<IndicatorId, number[]>;
	const sources = {} as Record<IndicatorId, string[]>;
	const levels = {} as Record<IndicatorId, FigureLevel[]>;
	for (const id of INDICATOR_IDS) {
		const forIndicator = values.filter((value) => value.indicator === id);
		years[id] = [...new Set(forIndicator.map((value) => value.year))].sort((a, b) => b - a);
		sources[id] = [...new Set(forIndicator.map((value) => value.source))].sort();
		levels[id] = (['buurt', 'wijk'] as const).filter((level) => forIndicator.some((value) => value.level === level));
	}
	return {
		completeness: completeness(values, buurtCodes),
		years,
		sources,
		levels,
		totalValues: values.length,
		lastImportAt: values.reduce<number | null>((latest, value) => (latest === null || value.importedAt > latest ? value.importedAt : latest), null)
	};
}
