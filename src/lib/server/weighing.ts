/**
 * The weighing of question 7 on the server: from weights and a budget to a need index per buurt and
 * whole euros per buurt (or per stadsdeel), with the numbers from the domain (computeNeedIndex,
 * allocateBudget). The same code previews a weighing for the afweging page and records the final one
 * in the agenda doc (see sync/weighing-schema.ts), so what is shown is what gets recorded.
 *
 * Dividing over stadsdelen runs the same per-buurt computation over all buurten of the city and adds
 * the whole-euro amounts up per stadsdeel: the sum of whole euros stays exact, and the floor amount is
 * a floor per buurt in both scopes.
 */
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { listBuurten, listStadsdelen } from './repositories/areas.ts';
import { getAgenda, listWorkshops, type AgendaRecord } from './repositories/workshops.ts';
import { latestIndicatorValues, summariseMeasures } from './indicators.ts';
import { computeNeedIndex } from '../domain/budget/need-index.ts';
import { allocateBudget } from '../domain/budget/allocation.ts';
import { INDICATOR_IDS, isIndicatorId, type IndicatorId } from '../domain/budget/indicators.ts';
import {
	SOCIAL_BASIS_BUDGET_BY_TAAKVELD,
	SOCIAL_BASIS_BUDGET_LINES_2024_2026,
	SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR,
	TAAKVELD_NAMES,
	type SeedSource
} from '../domain/budget/budget-lines.ts';
import { MAX_WEIGHT, tallyWeights, type WeightsBallot, type WeightsTally } from '../domain/ballots.ts';
import type { LocalizedText } from '../domain/i18n-text.ts';
import { docName } from '../sync/doc-names.ts';
import { parseEuros } from '../sync/actions-schema.ts';
import {
	WEIGHING_SCOPES,
	readWeighing,
	writeWeighing,
	type WeighingBudget,
	type WeighingBuurtRow,
	type WeighingRecord,
	type WeighingResult,
	type WeighingScope,
	type WeighingStadsdeelRow
} from '../sync/weighing-schema.ts';

// ---------------------------------------------------------------------------------------------
// Budget lines to choose from

export interface BudgetLineOption {
	id: string;
	label: LocalizedText;
	year: number;
	euros: number;
	source: SeedSource;
}

/** Every amount in budget-lines.ts that can be divided: the total, the taakvelden and the finer lines, per year. */
export function budgetLineOptions(): BudgetLineOption[] {
	const options: BudgetLineOption[] = [];
	for (const [year, euros] of Object.entries(SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR.totalEurosByYear)) {
		options.push({
			id: `total-${year}`,
			label: { nl: `Totaal Sociale Basis (alle taakvelden, heel Maastricht) ${year}`, en: `Total social basis (all taakvelden, all of Maastricht) ${year}` },
			year: Number(year),
			euros,
			source: SOCIAL_BASIS_TOTAL_EUROS_BY_YEAR.source
		});
	}
	for (const row of SOCIAL_BASIS_BUDGET_BY_TAAKVELD) {
		for (const [year, euros] of Object.entries(row.eurosByYear)) {
			const name = TAAKVELD_NAMES[row.taakveld as keyof typeof TAAKVELD_NAMES] ?? '';
			options.push({
				id: `taakveld-${row.taakveld}-${year}`,
				label: { nl: `Taakveld ${row.taakveld} ${name} ${year}`, en: `Taakveld ${row.taakveld} ${name} ${year}` },
				year: Number(year),
				euros,
				source: row.source
			});
		}
	}
	SOCIAL_BASIS_BUDGET_LINES_2024_2026.forEach((row, index) => {
		const label: string = 'expansion' in row ? row.expansion : row.label;
		for (const [year, euros] of Object.entries(row.eurosByYear)) {
			options.push({
				id: `line-${index}-${year}`,
				label: { nl: `${label} (taakveld ${row.taakveld}) ${year}`, en: `${label} (taakveld ${row.taakveld}) ${year}` },
				year: Number(year),
				euros,
				source: row.source
			});
		}
	});
	return options;
}

export function budgetLineById(id: string): BudgetLineOption | null {
	return budgetLineOptions().find((option) => option.id === id) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Requests (JSON from the API, form fields from the afweging page)

export type BudgetRequest = { kind: 'typed'; totalEuros: number; floorEuros: number } | { kind: 'line'; lineId: string; floorEuros: number };

export interface WeighingRequest {
	weights: Record<IndicatorId, number>;
	scope?: WeighingScope;
	/** Absent: keep the budget recorded before (if any). null: divide no budget. */
	budget?: BudgetRequest | null;
}

export type WeighingField = 'body' | 'weights' | 'scope' | 'budget' | 'total' | 'line' | 'floor';

export type WeighingProblem = { ok: false; status: 400 | 404; reason: string; field: WeighingField; message: LocalizedText };

function problem(reason: string, field: WeighingField, nl: string, en: string, status: 400 | 404 = 400): WeighingProblem {
	return { ok: false, status, reason, field, message: { nl, en } };
}

const WEIGHT_TEXT = { nl: `Een gewicht is een getal van 0 tot ${MAX_WEIGHT}.`, en: `A weight is a number from 0 to ${MAX_WEIGHT}.` };

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkWeights(input: Record<string, unknown>): { ok: true; value: Record<IndicatorId, number> } | WeighingProblem {
	const unknown = Object.keys(input).filter((key) => !isIndicatorId(key));
	if (unknown.length > 0) {
		return problem('unknown-indicator', 'weights', `Onbekend cijfer: ${unknown.join(', ')}.`, `Unknown indicator: ${unknown.join(', ')}.`);
	}
	const weights = {} as Record<IndicatorId, number>;
	for (const id of INDICATOR_IDS) {
		const weight = input[id] ?? 0;
		if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) {
			return problem('bad-weight', 'weights', `${WEIGHT_TEXT.nl} Dat klopt niet bij ${id}.`, `${WEIGHT_TEXT.en} ${id} is not.`);
		}
		weights[id] = weight;
	}
	return { ok: true, value: weights };
}

function checkWholeEuros(value: unknown, field: 'total' | 'floor'): { ok: true; value: number } | WeighingProblem {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		return field === 'total'
			? problem('bad-total', 'total', "Het budget is een heel aantal euro's, 0 of meer, zonder centen.", 'The budget is a whole number of euros, 0 or more, without cents.')
			: problem('bad-floor', 'floor', "Het bodembedrag is een heel aantal euro's, 0 of meer, zonder centen.", 'The floor amount is a whole number of euros, 0 or more, without cents.');
	}
	return { ok: true, value };
}

/** The JSON body of POST /api/agendas/<id>/weighing. */
export function parseWeighingRequest(body: unknown): { ok: true; value: WeighingRequest } | WeighingProblem {
	if (!isRecord(body)) return problem('not-an-object', 'body', 'Stuur een JSON-object met de gewichten.', 'Send a JSON object with the weights.');
	if (!isRecord(body.weights)) return problem('no-weights', 'weights', 'De gewichten ontbreken.', 'The weights are missing.');
	const weights = checkWeights(body.weights);
	if (!weights.ok) return weights;
	const request: WeighingRequest = { weights: weights.value };
	if (body.scope !== undefined) {
		if (!(WEIGHING_SCOPES as readonly unknown[]).includes(body.scope)) {
			return problem('bad-scope', 'scope', 'Kies: verdelen over buurten of over stadsdelen.', 'Choose: divide over neighbourhoods or over districts.');
		}
		request.scope = body.scope as WeighingScope;
	}
	if (body.budget === null) request.budget = null;
	else if (body.budget !== undefined) {
		const budget = body.budget;
		if (!isRecord(budget)) return problem('bad-budget', 'budget', 'Het budget klopt niet.', 'The budget is not valid.');
		const floor = checkWholeEuros(budget.floorEuros ?? 0, 'floor');
		if (!floor.ok) return floor;
		if (budget.lineId !== undefined) {
			if (typeof budget.lineId !== 'string' || !budgetLineById(budget.lineId)) {
				return problem('unknown-budget-line', 'line', 'Deze begrotingspost kennen we niet.', 'We do not know this budget line.');
			}
			request.budget = { kind: 'line', lineId: budget.lineId, floorEuros: floor.value };
		} else {
			const total = checkWholeEuros(budget.totalEuros, 'total');
			if (!total.ok) return total;
			request.budget = { kind: 'typed', totalEuros: total.value, floorEuros: floor.value };
		}
	}
	return { ok: true, value: request };
}

/** Form fields of the afweging page: w_<indicator>, scope, budgetMode (none|typed|line), total, line, floor. */
export function parseWeighingForm(form: { get(name: string): unknown }): { ok: true; value: WeighingRequest } | WeighingProblem {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.trim() : '';
	};
	const weights: Record<string, unknown> = {};
	for (const id of INDICATOR_IDS) {
		const raw = text(`w_${id}`).replace(',', '.');
		weights[id] = raw === '' ? 0 : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
	}
	const checked = checkWeights(weights);
	if (!checked.ok) return checked;
	const scope = text('scope') || 'buurten';
	if (!(WEIGHING_SCOPES as readonly string[]).includes(scope)) {
		return problem('bad-scope', 'scope', 'Kies: verdelen over buurten of over stadsdelen.', 'Choose: divide over neighbourhoods or over districts.');
	}
	const euros = (name: 'total' | 'floor') => {
		const parsed = parseEuros(text(name));
		if (!parsed.ok) return checkWholeEuros(Number.NaN, name);
		return { ok: true as const, value: parsed.value ?? 0 };
	};
	const mode = text('budgetMode') || 'none';
	let budget: BudgetRequest | null = null;
	if (mode === 'typed' || mode === 'line') {
		const floor = euros('floor');
		if (!floor.ok) return floor;
		if (mode === 'typed') {
			if (text('total') === '') return problem('no-total', 'total', 'Vul het budget in.', 'Enter the budget.');
			const total = euros('total');
			if (!total.ok) return total;
			budget = { kind: 'typed', totalEuros: total.value, floorEuros: floor.value };
		} else {
			const lineId = text('line');
			if (!budgetLineById(lineId)) return problem('unknown-budget-line', 'line', 'Kies een begrotingspost uit de lijst.', 'Choose a budget line from the list.');
			budget = { kind: 'line', lineId, floorEuros: floor.value };
		}
	} else if (mode !== 'none') {
		return problem('bad-budget', 'budget', 'Kies hoe je het budget invult.', 'Choose how to enter the budget.');
	}
	return { ok: true, value: { weights: checked.value, scope: scope as WeighingScope, budget } };
}

function resolveBudget(request: BudgetRequest | null): WeighingBudget | null {
	if (request === null) return null;
	if (request.kind === 'typed') return { totalEuros: request.totalEuros, floorEuros: request.floorEuros, source: { kind: 'typed' } };
	const line = budgetLineById(request.lineId) as BudgetLineOption;
	return { totalEuros: line.euros, floorEuros: request.floorEuros, source: { kind: 'line', lineId: line.id, label: line.label.nl, year: line.year } };
}

// ---------------------------------------------------------------------------------------------
// Computing

export interface WeighingInput {
	weights: Record<IndicatorId, number>;
	scope: WeighingScope;
	budget: WeighingBudget | null;
}

export type ComputedWeighing = { ok: true; value: Omit<WeighingRecord, 'setBy' | 'setAt'> } | WeighingProblem;

/** Need index and allocation for an agenda's stadsdeel (scope 'buurten') or the whole city ('stadsdelen'). */
export function computeWeighing(db: Db, agenda: Pick<AgendaRecord, 'stadsdeelCode'>, input: WeighingInput): ComputedWeighing {
	const buurten = input.scope === 'buurten' ? listBuurten(db, agenda.stadsdeelCode) : listBuurten(db);
	const codes = buurten.map((buurt) => buurt.code);
	const latest = latestIndicatorValues(db, codes);
	const population = (figures: { id: string; value: number | null }[]) => figures.find((figure) => figure.id === 'population')?.value ?? null;

	// A weight for an indicator no buurt here has a figure for is shown but not used: counting it would
	// only lower every buurt's coverage without telling the buurten apart.
	const hasAnyFigure = (id: IndicatorId) => [...latest.values()].some((perBuurt) => (perBuurt[id]?.length ?? 0) > 0);
	if (!INDICATOR_IDS.some(hasAnyFigure)) {
		return problem(
			'no-indicator-data',
			'weights',
			'Er zijn nog geen cijfers over deze buurten. Zonder cijfers kunnen we geen behoefte-index maken. Een beheerder kan cijfers laden op de pagina Indicatoren.',
			'There are no figures for these neighbourhoods yet. Without figures there is no need index. An administrator can load figures on the Indicators page.'
		);
	}
	const unusedIndicators = INDICATOR_IDS.filter((id) => input.weights[id] > 0 && !hasAnyFigure(id));
	const usedWeights = { ...input.weights };
	for (const id of unusedIndicators) usedWeights[id] = 0;
	if (unusedIndicators.length > 0 && INDICATOR_IDS.every((id) => usedWeights[id] === 0)) {
		return problem(
			'weights-only-on-missing',
			'weights',
			`De gewichten staan alleen op cijfers die er niet zijn: ${unusedIndicators.join(', ')}. Die tellen niet mee. Geef ook een gewicht aan een cijfer dat er wel is.`,
			`The weights are only on indicators without figures: ${unusedIndicators.join(', ')}. Those do not count. Also give a weight to an indicator that has figures.`
		);
	}

	const need = computeNeedIndex({
		areas: buurten.map((buurt) => {
			const stored = latest.get(buurt.code) ?? {};
			const measures: Partial<Record<IndicatorId, Record<string, number>>> = {};
			for (const id of INDICATOR_IDS) {
				const list = stored[id] ?? [];
				if (list.length > 0) measures[id] = Object.fromEntries(list.map((value) => [value.measure, value.value]));
			}
			return { code: buurt.code, name: buurt.name, population: population(buurt.figures), values: {}, measures };
		}),
		weights: usedWeights
	});
	if (!need.ok) return { ok: false, status: 400, reason: need.reason, field: need.reason === 'no-areas' ? 'scope' : 'weights', message: need.message };

	let allocationByCode: Map<string, { euros: number; floorEuros: number; proportionalEuros: number; reason?: string }> | null = null;
	if (input.budget) {
		const allocation = allocateBudget({
			totalEuros: input.budget.totalEuros,
			floorEuros: input.budget.floorEuros,
			areas: need.areas.map((area) => ({ code: area.code, population: area.population, needIndex: area.needIndex }))
		});
		if (!allocation.ok) {
			const field: WeighingField = allocation.reason === 'floor-exceeds-total' || allocation.reason === 'invalid-floor' ? 'floor' : allocation.reason === 'no-area-can-share' ? 'weights' : 'total';
			return { ok: false, status: 400, reason: allocation.reason, field, message: allocation.message };
		}
		allocationByCode = new Map(allocation.areas.map((area) => [area.code, area]));
	}

	const stadsdeelOf = new Map(buurten.map((buurt) => [buurt.code, buurt.stadsdeelCode]));
	const rows: WeighingBuurtRow[] = need.areas.map((area) => {
		const share = allocationByCode?.get(area.code) ?? null;
		return {
			code: area.code,
			name: area.name,
			stadsdeelCode: stadsdeelOf.get(area.code) as string,
			population: area.population,
			needIndex: area.needIndex,
			coverage: area.coverage,
			missing: [...area.missing],
			needReason: area.reason ?? null,
			euros: share?.euros ?? null,
			floorEuros: share?.floorEuros ?? null,
			proportionalEuros: share?.proportionalEuros ?? null,
			allocationReason: share?.reason ?? null,
			figures: INDICATOR_IDS.filter((id) => usedWeights[id] > 0).flatMap((id) =>
				(latest.get(area.code)?.[id] ?? []).map((value) => ({
					indicator: id,
					measure: value.measure,
					value: value.value,
					year: value.year,
					level: value.level,
					levelCode: value.levelCode,
					levelName: value.levelName,
					source: value.source
				}))
			)
		};
	});

	const allocatedEuros = allocationByCode ? rows.reduce((sum, row) => sum + (row.euros ?? 0), 0) : null;
	// The domain guarantees this; checked again because a wrong total must never be recorded.
	if (input.budget && allocatedEuros !== input.budget.totalEuros) throw new Error('allocation does not add up to the budget');

	let stadsdelen: WeighingStadsdeelRow[] | null = null;
	if (input.scope === 'stadsdelen') {
		stadsdelen = listStadsdelen(db).map((stadsdeel) => {
			const own = rows.filter((row) => row.stadsdeelCode === stadsdeel.code);
			return {
				code: stadsdeel.code,
				name: stadsdeel.name,
				euros: own.reduce((sum, row) => sum + (row.euros ?? 0), 0),
				buurten: own.length,
				buurtenWithoutIndex: own.filter((row) => row.needIndex === null).length
			};
		});
	}

	const indicatorYears: WeighingResult['indicatorYears'] = {};
	for (const id of INDICATOR_IDS) {
		if (usedWeights[id] <= 0) continue;
		const years = new Set<number>();
		for (const perBuurt of latest.values()) for (const value of perBuurt[id] ?? []) years.add(value.year);
		indicatorYears[id] = [...years].sort((a, b) => a - b);
	}
	const measures = summariseMeasures(latest, INDICATOR_IDS.filter((id) => usedWeights[id] > 0), codes.length);
	return {
		ok: true,
		value: {
			weights: { ...input.weights },
			scope: input.scope,
			stadsdeelCode: input.scope === 'buurten' ? agenda.stadsdeelCode : null,
			budget: input.budget,
			result: { buurten: rows, stadsdelen, allocatedEuros, indicatorYears, unusedIndicators, measures }
		}
	};
}

export function readRecordedWeighing(context: Pick<AppContext, 'liveDocs'>, agendaId: string): WeighingRecord | null {
	return context.liveDocs.read(docName('record', agendaId), readWeighing);
}

/** Fills in what the request left out from the weighing recorded before. */
export function weighingInput(request: WeighingRequest, previous: WeighingRecord | null): WeighingInput {
	return {
		weights: request.weights,
		scope: request.scope ?? previous?.scope ?? 'buurten',
		budget: request.budget === undefined ? (previous?.budget ?? null) : resolveBudget(request.budget)
	};
}

export type RecordOutcome = { ok: true; record: WeighingRecord } | WeighingProblem;

/** Computes the weighing on the server and records it in the agenda doc as the final choice. */
export function recordWeighing(
	context: Pick<AppContext, 'db' | 'liveDocs'>,
	agendaId: string,
	request: WeighingRequest,
	staffUserId: string,
	now = Date.now()
): RecordOutcome {
	const agenda = getAgenda(context.db, agendaId);
	if (!agenda) return problem('no-such-agenda', 'body', 'Deze agenda bestaat niet.', 'This agenda does not exist.', 404);
	const computed = computeWeighing(context.db, agenda, weighingInput(request, readRecordedWeighing(context, agendaId)));
	if (!computed.ok) return computed;
	const record: WeighingRecord = { ...computed.value, setBy: staffUserId, setAt: now };
	context.liveDocs.change(docName('record', agendaId), (doc) => writeWeighing(doc, record));
	return { ok: true, record };
}

/** Does a recorded weighing still give the same numbers with today's data? */
export function sameOutcome(recorded: WeighingResult, now: WeighingResult): boolean {
	if (recorded.buurten.length !== now.buurten.length) return false;
	const byCode = new Map(now.buurten.map((row) => [row.code, row]));
	return recorded.buurten.every((row) => {
		const current = byCode.get(row.code);
		if (!current || current.euros !== row.euros) return false;
		if (row.needIndex === null || current.needIndex === null) return row.needIndex === current.needIndex;
		return Math.abs(row.needIndex - current.needIndex) < 1e-9;
	});
}

// ---------------------------------------------------------------------------------------------
// Proposals from participants (weights ballots)

/** The mean proposal over every workshop of the agenda, counted from the ballots themselves. */
export function proposalsForAgenda(db: Db, agendaId: string): WeightsTally {
	const workshopIds = listWorkshops(db, agendaId).map((workshop) => workshop.id);
	if (workshopIds.length === 0) return tallyWeights([]);
	const placeholders = workshopIds.map(() => '?').join(', ');
	const rows = db
		.prepare<string[], { value: string }>(`SELECT value FROM ballots WHERE kind = 'weights' AND workshop_id IN (${placeholders})`)
		.all(...workshopIds);
	return tallyWeights(rows.map((row) => JSON.parse(row.value) as WeightsBallot));
}

/** Equal weights: where a weighing starts when nobody chose yet. */
export function equalWeights(weight = 5): Record<IndicatorId, number> {
	return Object.fromEntries(INDICATOR_IDS.map((id) => [id, weight])) as Record<IndicatorId, number>;
}
