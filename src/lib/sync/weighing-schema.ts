/**
 * The final weighing of question 7 ("Welk budget is beschikbaar (op basis van analyse 'ongelijk'
 * investeren)"), recorded in the agenda's record doc (`record-<agendaId>`) under key `weighing`:
 *
 *   weighing: Y.Map
 *     weights:     { [indicatorId]: 0..10 }      the final weights, every indicator present
 *     scope:       'buurten' | 'stadsdelen'      what the budget is divided over
 *     stadsdeelCode: string | null               the agenda's stadsdeel (scope 'buurten')
 *     budget:      WeighingBudget | null         total, floor and where the total came from
 *     result:      WeighingResult                need index per buurt, allocation, sums
 *     setBy:       staff user id                 who recorded it (staff only: 'agenda.weights.set')
 *     setAt:       ms since epoch
 *
 * Only the server writes this key (POST /api/agendas/<id>/weighing): it computes the numbers with the
 * domain (computeNeedIndex, allocateBudget), so they never come from a browser. Every value is plain
 * JSON, replaced as a whole in one transaction: a weighing is one decision, not fields to merge.
 *
 * The record doc is read-only for every client (the sync server drops their updates), so nobody but
 * the server can change a recorded decision. `readWeighing` still checks the record is whole and adds
 * up, and the afweging page recomputes it on the server and says when the data changed since.
 */
import type * as Y from 'yjs';
import { INDICATOR_IDS, type IndicatorId } from '../domain/budget/indicators.ts';
import { MAX_WEIGHT } from '../domain/ballots.ts';

export const WEIGHING_KEY = 'weighing';

export const WEIGHING_SCOPES = ['buurten', 'stadsdelen'] as const;
export type WeighingScope = (typeof WEIGHING_SCOPES)[number];

export type BudgetSource =
	| { kind: 'typed' }
	/** A line from budget-lines.ts: its id, label as printed and the year its amount is for. */
	| { kind: 'line'; lineId: string; label: string; year: number };

export interface WeighingBudget {
	totalEuros: number;
	floorEuros: number;
	source: BudgetSource;
}

/** One published figure a buurt's index used, with where it comes from (see domain/budget/measures.ts). */
export interface WeighingFigure {
	indicator: IndicatorId;
	measure: string;
	value: number;
	year: number;
	/** 'wijk': the buurt took its CBS wijk's figure (levelCode/levelName say which wijk). */
	level: 'buurt' | 'wijk';
	levelCode: string;
	levelName: string;
	source: string;
}

/** Per measure over the compared buurten: which years, levels and sources, and how many buurten have it. */
export interface WeighingMeasureSummary {
	indicator: IndicatorId;
	measure: string;
	years: number[];
	levels: ('buurt' | 'wijk')[];
	/** Names of the wijken whose figures buurten took. */
	wijken: string[];
	sources: string[];
	buurtenWithValue: number;
	buurtenTotal: number;
}

export interface WeighingBuurtRow {
	code: string;
	name: string;
	stadsdeelCode: string;
	population: number | null;
	/** 0..1, null when the buurt has no index (see needReason). */
	needIndex: number | null;
	/** Share of the weight the index rests on, 0..1. */
	coverage: number;
	/** Weighted indicators this buurt has no value for. */
	missing: IndicatorId[];
	needReason: string | null;
	/** Whole euros; null when no budget was divided. */
	euros: number | null;
	floorEuros: number | null;
	proportionalEuros: number | null;
	allocationReason: string | null;
	/** The figures the index used (absent in weighings recorded before figures carried their level). */
	figures?: WeighingFigure[];
}

export interface WeighingStadsdeelRow {
	code: string;
	name: string;
	/** Sum of the euros of its buurten. */
	euros: number;
	buurten: number;
	buurtenWithoutIndex: number;
}

export interface WeighingResult {
	buurten: WeighingBuurtRow[];
	/** Only for scope 'stadsdelen': the buurt amounts added up per stadsdeel. */
	stadsdelen: WeighingStadsdeelRow[] | null;
	/** Sum of all euros handed out; equals budget.totalEuros when a budget was divided. */
	allocatedEuros: number | null;
	/** Years of the indicator values used, per indicator (empty when none were available). */
	indicatorYears: Partial<Record<IndicatorId, number[]>>;
	/** Indicators that got a weight but have no figure for any of these buurten: shown, not used. */
	unusedIndicators?: IndicatorId[];
	/** Provenance per measure used (absent in older records). */
	measures?: WeighingMeasureSummary[];
}

export interface WeighingRecord {
	weights: Record<IndicatorId, number>;
	scope: WeighingScope;
	stadsdeelCode: string | null;
	budget: WeighingBudget | null;
	result: WeighingResult;
	setBy: string;
	setAt: number;
}

export function weighingMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(WEIGHING_KEY);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWholeEuros(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function readWeights(value: unknown): Record<IndicatorId, number> | null {
	if (!isRecord(value)) return null;
	const weights = {} as Record<IndicatorId, number>;
	for (const id of INDICATOR_IDS) {
		const weight = value[id];
		if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) return null;
		weights[id] = weight;
	}
	return weights;
}

function readBudget(value: unknown): WeighingBudget | null | undefined {
	if (value === null) return null;
	if (!isRecord(value) || !isWholeEuros(value.totalEuros) || !isWholeEuros(value.floorEuros)) return undefined;
	const source = value.source;
	if (!isRecord(source)) return undefined;
	if (source.kind === 'typed') return { totalEuros: value.totalEuros, floorEuros: value.floorEuros, source: { kind: 'typed' } };
	if (source.kind === 'line' && typeof source.lineId === 'string' && typeof source.label === 'string' && Number.isInteger(source.year)) {
		return {
			totalEuros: value.totalEuros,
			floorEuros: value.floorEuros,
			source: { kind: 'line', lineId: source.lineId, label: source.label, year: source.year as number }
		};
	}
	return undefined;
}

const isIndicator = (value: unknown): value is IndicatorId => typeof value === 'string' && (INDICATOR_IDS as readonly string[]).includes(value);
const isLevel = (value: unknown): value is 'buurt' | 'wijk' => value === 'buurt' || value === 'wijk';
const isYear = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1900 && (value as number) <= 2100;
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function isFigure(value: unknown): value is WeighingFigure {
	return (
		isRecord(value) &&
		isIndicator(value.indicator) &&
		typeof value.measure === 'string' &&
		typeof value.value === 'number' &&
		Number.isFinite(value.value) &&
		isYear(value.year) &&
		isLevel(value.level) &&
		typeof value.levelCode === 'string' &&
		typeof value.levelName === 'string' &&
		typeof value.source === 'string'
	);
}

function isMeasureSummary(value: unknown): value is WeighingMeasureSummary {
	return (
		isRecord(value) &&
		isIndicator(value.indicator) &&
		typeof value.measure === 'string' &&
		Array.isArray(value.years) &&
		value.years.every(isYear) &&
		Array.isArray(value.levels) &&
		value.levels.every(isLevel) &&
		isStringList(value.wijken) &&
		isStringList(value.sources) &&
		Number.isInteger(value.buurtenWithValue) &&
		Number.isInteger(value.buurtenTotal)
	);
}

function isBuurtRow(value: unknown): value is WeighingBuurtRow {
	if (!isRecord(value)) return false;
	// Rows recorded before figures carried their level have no `figures`; present, it must be whole.
	if (value.figures !== undefined && !(Array.isArray(value.figures) && value.figures.every(isFigure))) return false;
	return (
		typeof value.code === 'string' &&
		typeof value.name === 'string' &&
		typeof value.stadsdeelCode === 'string' &&
		(value.needIndex === null || (typeof value.needIndex === 'number' && value.needIndex >= 0 && value.needIndex <= 1)) &&
		(value.euros === null || isWholeEuros(value.euros)) &&
		Array.isArray(value.missing)
	);
}

function readResult(value: unknown, budget: WeighingBudget | null): WeighingResult | null {
	if (!isRecord(value) || !Array.isArray(value.buurten) || !value.buurten.every(isBuurtRow)) return null;
	// Absent in records made before provenance was recorded; present, they must be whole.
	if (value.unusedIndicators !== undefined && !(Array.isArray(value.unusedIndicators) && value.unusedIndicators.every(isIndicator))) return null;
	if (value.measures !== undefined && !(Array.isArray(value.measures) && value.measures.every(isMeasureSummary))) return null;
	const buurten = value.buurten as WeighingBuurtRow[];
	const stadsdelen = Array.isArray(value.stadsdelen) ? (value.stadsdelen as WeighingStadsdeelRow[]) : null;
	const allocated = value.allocatedEuros;
	if (budget === null) {
		if (allocated !== null || buurten.some((row) => row.euros !== null)) return null;
	} else {
		// The one invariant that matters most: whole euros that add up exactly to the budget.
		const sum = buurten.reduce((total, row) => total + (row.euros ?? 0), 0);
		if (allocated !== budget.totalEuros || sum !== budget.totalEuros) return null;
		if (stadsdelen && stadsdelen.reduce((total, row) => total + row.euros, 0) !== budget.totalEuros) return null;
	}
	return {
		buurten,
		stadsdelen,
		allocatedEuros: budget === null ? null : (allocated as number),
		indicatorYears: isRecord(value.indicatorYears) ? (value.indicatorYears as WeighingResult['indicatorYears']) : {},
		unusedIndicators: value.unusedIndicators as IndicatorId[] | undefined,
		measures: value.measures as WeighingMeasureSummary[] | undefined
	};
}

/** The recorded weighing; null when there is none or it is not whole (an old or foreign writer). */
export function readWeighing(doc: Y.Doc): WeighingRecord | null {
	const map = weighingMap(doc);
	const weights = readWeights(map.get('weights'));
	const scope = map.get('scope');
	const stadsdeelCode = map.get('stadsdeelCode');
	const budget = readBudget(map.get('budget'));
	const setBy = map.get('setBy');
	const setAt = map.get('setAt');
	if (!weights || !(WEIGHING_SCOPES as readonly unknown[]).includes(scope) || budget === undefined) return null;
	if (!(stadsdeelCode === null || typeof stadsdeelCode === 'string')) return null;
	if (typeof setBy !== 'string' || typeof setAt !== 'number') return null;
	const result = readResult(map.get('result'), budget);
	if (!result) return null;
	return { weights, scope: scope as WeighingScope, stadsdeelCode, budget, result, setBy, setAt };
}

/** Replaces the recorded weighing in one transaction. The server calls this; see the module comment. */
export function writeWeighing(doc: Y.Doc, record: WeighingRecord): void {
	doc.transact(() => {
		const map = weighingMap(doc);
		map.set('weights', { ...record.weights });
		map.set('scope', record.scope);
		map.set('stadsdeelCode', record.stadsdeelCode);
		map.set('budget', record.budget === null ? null : structuredClone(record.budget));
		map.set('result', structuredClone(record.result));
		map.set('setBy', record.setBy);
		map.set('setAt', record.setAt);
	});
}
