/**
 * The dashboard of the sociale basis, per stadsdeel and for the city (council decision: "Daarom
 * wordt een dashboard ingericht voor de sociale basis"). Pure: the server gathers the agreed actions
 * with their follow-up, the workshops, the imported indicator values and the shareable quotes; this
 * module counts and sums. No I/O, no names: the input has no field that could hold one.
 *
 * Reach is not computed here: the dashboard shows the existing reach report (domain/reach.ts), with
 * its suppression of groups under 3.
 */
import { FOLLOW_UP_STATUSES, spentShare, type FollowUpStatus } from './follow-up.ts';
import { selectQuotes, type Quote, type QuoteSource } from './quotes.ts';

export type DashboardScope = { kind: 'city' } | { kind: 'stadsdeel'; code: string; name: string };

export interface DashboardActionInput {
	/** The action's id; an action carried into the next period keeps it (server/next-cycle.ts). */
	readonly id: string;
	readonly themeId: string;
	readonly theme: string;
	readonly status: FollowUpStatus;
	/** The agreed amount; null when none was set. */
	readonly amountEuros: number | null;
	readonly spentEuros: number;
	readonly budgetLine: string | null;
}

export interface DashboardWorkshopInput {
	readonly status: 'open' | 'closed';
	/** As entered by staff, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; null when no date was set. */
	readonly startsAt: string | null;
}

export interface DashboardAgendaInput {
	/** When the agenda (period) was made: a later period's copy of a carried action is the current one. */
	readonly createdAt: number;
	readonly stadsdeelCode: string;
	readonly stadsdeelName: string;
	readonly actions: readonly DashboardActionInput[];
	readonly workshops: readonly DashboardWorkshopInput[];
}

export interface DashboardIndicatorInput {
	readonly buurtCode: string;
	readonly indicator: string;
	readonly measure: string;
	readonly year: number;
	readonly value: number;
}

/** A budget line of the policy with its budget per year, to set the money against (seed 000 §10). */
export interface DashboardBudgetLineInput {
	readonly label: string;
	readonly eurosByYear: Readonly<Record<number, number>>;
}

export interface DashboardInput {
	readonly scope: DashboardScope;
	/** "YYYY-MM-DD" in Maastricht: a workshop on or before this day with a date counts as held. */
	readonly today: string;
	readonly agendas: readonly DashboardAgendaInput[];
	/** The values of the buurten in scope. */
	readonly indicatorValues: readonly DashboardIndicatorInput[];
	readonly budgetLines: readonly DashboardBudgetLineInput[];
	readonly quotes: readonly QuoteSource[];
	/** Every stadsdeel of the city: on the city dashboard one without an agenda shows as a row of zeros. */
	readonly stadsdelen?: readonly { readonly code: string; readonly name: string }[];
}

export interface StatusCount {
	readonly status: FollowUpStatus;
	readonly count: number;
}

export interface ThemeRow {
	readonly themeId: string;
	readonly theme: string;
	readonly counts: readonly StatusCount[];
	readonly total: number;
}

export interface MoneyRow {
	/** The action's budget line as written; null: actions without one. */
	readonly budgetLine: string | null;
	readonly committedEuros: number;
	readonly spentEuros: number;
	/** Spent as a whole percentage of committed; null when nothing was committed. */
	readonly spentShare: number | null;
	/** The line's budget in the policy for `budgetYear`, when the name matches a line there. */
	readonly budgetEuros: number | null;
}

export interface IndicatorSeries {
	readonly indicator: string;
	readonly measure: string;
	/** Per year, oldest first: the plain mean (two decimals) over the buurten that have a value that year. */
	readonly points: readonly { readonly year: number; readonly mean: number; readonly buurten: number }[];
	/** False when only one year was imported: there is no series to show ("geen reeks"). */
	readonly hasSeries: boolean;
}

export interface StadsdeelRow {
	readonly code: string;
	readonly name: string;
	readonly actions: number;
	readonly done: number;
	readonly committedEuros: number;
	readonly spentEuros: number;
	readonly workshopsHeld: number;
}

export interface Dashboard {
	readonly scope: DashboardScope;
	readonly actions: { readonly total: number; readonly byStatus: readonly StatusCount[]; readonly byTheme: readonly ThemeRow[] };
	readonly money: { readonly rows: readonly MoneyRow[]; readonly committedEuros: number; readonly spentEuros: number; readonly spentShare: number | null; readonly budgetYear: number };
	readonly workshops: { readonly held: number; readonly planned: number };
	readonly indicators: readonly IndicatorSeries[];
	readonly quotes: readonly Quote[];
	/** The city dashboard's row per stadsdeel; empty for a stadsdeel. */
	readonly stadsdelen: readonly StadsdeelRow[];
}

function statusCounts(actions: readonly DashboardActionInput[]): StatusCount[] {
	return FOLLOW_UP_STATUSES.map((status) => ({ status, count: actions.filter((action) => action.status === status).length }));
}

/** Held: closed, or its date has come. Planned: open and dated later, or not dated yet. */
export function isWorkshopHeld(workshop: DashboardWorkshopInput, today: string): boolean {
	if (workshop.status === 'closed') return true;
	return workshop.startsAt !== null && workshop.startsAt.slice(0, 10) <= today;
}

function sameLine(a: string, b: string): boolean {
	return a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl');
}

function moneyRows(actions: readonly DashboardActionInput[], budgetLines: readonly DashboardBudgetLineInput[], year: number): MoneyRow[] {
	const byLine = new Map<string | null, { budgetLine: string | null; committed: number; spent: number }>();
	for (const action of actions) {
		// Lines typed with other capitals or spaces are the same line.
		const key = action.budgetLine === null ? null : action.budgetLine.trim().toLocaleLowerCase('nl');
		const row = byLine.get(key) ?? { budgetLine: action.budgetLine === null ? null : action.budgetLine.trim(), committed: 0, spent: 0 };
		row.committed += action.amountEuros ?? 0;
		row.spent += action.spentEuros;
		byLine.set(key, row);
	}
	return [...byLine.values()]
		// Actions without any money (no amount, nothing spent) say nothing about money.
		.filter((row) => row.committed !== 0 || row.spent !== 0)
		.sort((a, b) => (a.budgetLine === null ? 1 : b.budgetLine === null ? -1 : a.budgetLine.localeCompare(b.budgetLine, 'nl')))
		.map((row) => {
			const policyLine = row.budgetLine === null ? undefined : budgetLines.find((line) => sameLine(line.label, row.budgetLine!));
			return {
				budgetLine: row.budgetLine,
				committedEuros: row.committed,
				spentEuros: row.spent,
				spentShare: spentShare(row.spent, row.committed),
				budgetEuros: policyLine?.eurosByYear[year] ?? null
			};
		});
}

function indicatorSeries(values: readonly DashboardIndicatorInput[]): IndicatorSeries[] {
	const byMeasure = new Map<string, { indicator: string; measure: string; years: Map<number, { sum: number; buurten: number }> }>();
	for (const value of values) {
		if (!Number.isFinite(value.value)) continue;
		const key = `${value.indicator}\u0000${value.measure}`;
		const entry = byMeasure.get(key) ?? { indicator: value.indicator, measure: value.measure, years: new Map() };
		const year = entry.years.get(value.year) ?? { sum: 0, buurten: 0 };
		year.sum += value.value;
		year.buurten += 1;
		entry.years.set(value.year, year);
		byMeasure.set(key, entry);
	}
	return [...byMeasure.values()]
		.sort((a, b) => a.indicator.localeCompare(b.indicator) || a.measure.localeCompare(b.measure))
		.map(({ indicator, measure, years }) => {
			const points = [...years]
				.sort(([a], [b]) => a - b)
				.map(([year, { sum, buurten }]) => ({ year, mean: Math.round((sum / buurten) * 100) / 100, buurten }));
			return { indicator, measure, points, hasSeries: points.length > 1 };
		});
}

/**
 * Every action once. An open action carried into the next period is in both agendas with the same id:
 * its status, theme and amount are the newest period's, and the money spent on it is the sum of what
 * each period recorded (the old period's spending stays there, the new one starts at 0).
 */
export function distinctActions(agendas: readonly DashboardAgendaInput[]): { stadsdeelCode: string; action: DashboardActionInput }[] {
	const byId = new Map<string, { stadsdeelCode: string; action: DashboardActionInput }>();
	const oldestFirst = [...agendas].sort((a, b) => a.createdAt - b.createdAt);
	for (const agenda of oldestFirst) {
		for (const action of agenda.actions) {
			const earlier = byId.get(action.id);
			const spentEuros = (earlier?.action.spentEuros ?? 0) + action.spentEuros;
			byId.set(action.id, { stadsdeelCode: agenda.stadsdeelCode, action: { ...action, spentEuros } });
		}
	}
	return [...byId.values()];
}

export function buildDashboard(input: DashboardInput): Dashboard {
	const distinct = distinctActions(input.agendas);
	const actions = distinct.map(({ action }) => action);
	const workshops = input.agendas.flatMap((agenda) => agenda.workshops);

	const themes = new Map<string, { theme: string; actions: DashboardActionInput[] }>();
	for (const action of actions) {
		const entry = themes.get(action.themeId) ?? { theme: action.theme, actions: [] };
		entry.actions.push(action);
		themes.set(action.themeId, entry);
	}
	const byTheme = [...themes]
		.map(([themeId, { theme, actions: inTheme }]) => ({ themeId, theme, counts: statusCounts(inTheme), total: inTheme.length }))
		.sort((a, b) => b.total - a.total || a.theme.localeCompare(b.theme, 'nl'));

	const committedEuros = actions.reduce((sum, action) => sum + (action.amountEuros ?? 0), 0);
	const spentEuros = actions.reduce((sum, action) => sum + action.spentEuros, 0);
	const budgetYear = Number(input.today.slice(0, 4));
	const held = workshops.filter((workshop) => isWorkshopHeld(workshop, input.today)).length;

	const stadsdelen = new Map<string, { name: string; agendas: DashboardAgendaInput[] }>();
	if (input.scope.kind === 'city') {
		for (const area of input.stadsdelen ?? []) stadsdelen.set(area.code, { name: area.name, agendas: [] });
		for (const agenda of input.agendas) {
			const entry = stadsdelen.get(agenda.stadsdeelCode) ?? { name: agenda.stadsdeelName, agendas: [] };
			entry.agendas.push(agenda);
			stadsdelen.set(agenda.stadsdeelCode, entry);
		}
	}

	return {
		scope: input.scope,
		actions: { total: actions.length, byStatus: statusCounts(actions), byTheme },
		money: { rows: moneyRows(actions, input.budgetLines, budgetYear), committedEuros, spentEuros, spentShare: spentShare(spentEuros, committedEuros), budgetYear },
		workshops: { held, planned: workshops.length - held },
		indicators: indicatorSeries(input.indicatorValues),
		quotes: selectQuotes(input.quotes),
		stadsdelen: [...stadsdelen]
			.map(([code, { name, agendas }]) => {
				const inArea = distinct.filter((entry) => entry.stadsdeelCode === code).map(({ action }) => action);
				return {
					code,
					name,
					actions: inArea.length,
					done: inArea.filter((action) => action.status === 'klaar').length,
					committedEuros: inArea.reduce((sum, action) => sum + (action.amountEuros ?? 0), 0),
					spentEuros: inArea.reduce((sum, action) => sum + action.spentEuros, 0),
					workshopsHeld: agendas.flatMap((agenda) => agenda.workshops).filter((workshop) => isWorkshopHeld(workshop, input.today)).length
				};
			})
			.sort((a, b) => a.name.localeCompare(b.name, 'nl'))
	};
}

/** Bar length as a whole percentage of the largest value (0 when everything is 0), for the charts. */
export function barPercent(value: number, max: number): number {
	if (!(max > 0) || !(value > 0)) return 0;
	return Math.min(100, Math.round((value / max) * 100));
}
