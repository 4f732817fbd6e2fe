/**
 * Gathers what the dashboard counts (domain/dashboard.ts): the agreed actions of every agenda in
 * scope with their follow-up (through the export model, as the follow-up pages read them), the
 * workshops, the imported indicator values of the buurten in scope, and the shareable quotes. The
 * reach is the existing reach report over the same area. The route checks the permission.
 */
import type { AppContext } from './context.ts';
import { followUpOverview } from './follow-up.ts';
import { listIndicatorValues } from './indicators.ts';
import { loadReach, type ReachReport } from './reach.ts';
import { getStadsdeel, listBuurten, listStadsdelen } from './repositories/areas.ts';
import { listQuoteMarks } from './repositories/shareable-quotes.ts';
import { listAgendas, listWorkshops } from './repositories/workshops.ts';
import { buildDashboard, type Dashboard, type DashboardAgendaInput, type DashboardScope } from '../domain/dashboard.ts';
import { SOCIAL_BASIS_BUDGET_LINES_2024_2026 } from '../domain/budget/budget-lines.ts';
import { maastrichtDay } from '../domain/follow-up.ts';
import type { QuoteSource } from '../domain/quotes.ts';
import { pick, type Locale } from '../domain/i18n-text.ts';
import { indicatorById, isIndicatorId } from '../domain/budget/indicators.ts';
import { measureLabel } from '../domain/budget/measures.ts';

export interface DashboardPage {
	dashboard: Dashboard;
	/** Per indicator series (same order): the indicator's and the measure's label in the page language. */
	indicatorLabels: { indicator: string; measure: string }[];
	reach: ReachReport | null;
	stadsdelen: { code: string; name: string }[];
	/** The agendas counted, for links to their follow-up. */
	agendas: { id: string; title: string; period: string; stadsdeelName: string }[];
}

/** `stadsdeelCode` null: the city. null when the stadsdeel does not exist. */
export function loadDashboard(context: AppContext, stadsdeelCode: string | null, locale: Locale, now = new Date()): DashboardPage | null {
	const { db } = context;
	let scope: DashboardScope = { kind: 'city' };
	if (stadsdeelCode !== null) {
		const stadsdeel = getStadsdeel(db, stadsdeelCode);
		if (!stadsdeel) return null;
		scope = { kind: 'stadsdeel', code: stadsdeel.code, name: stadsdeel.name };
	}
	const stadsdelen = listStadsdelen(db);
	const nameOf = new Map<string, string>(stadsdelen.map((s) => [s.code, s.name]));
	const agendaRecords = listAgendas(db).filter((agenda) => stadsdeelCode === null || agenda.stadsdeelCode === stadsdeelCode);

	const agendas: DashboardAgendaInput[] = [];
	const quotes: QuoteSource[] = [];
	const listed: DashboardPage['agendas'] = [];
	for (const record of agendaRecords) {
		const overview = followUpOverview(context, record.id, locale);
		if (!overview) continue;
		const stadsdeelName = nameOf.get(record.stadsdeelCode) ?? record.stadsdeelCode;
		listed.push({ id: record.id, title: overview.model.titlePage.title, period: record.period, stadsdeelName });
		agendas.push({
			createdAt: record.createdAt,
			stadsdeelCode: record.stadsdeelCode,
			stadsdeelName,
			actions: overview.actions.map(({ action, state }) => ({
				id: action.id,
				themeId: action.themeId,
				theme: action.theme,
				status: state.status,
				amountEuros: action.amountEuros,
				spentEuros: state.spentEuros,
				budgetLine: action.budgetLine
			})),
			workshops: listWorkshops(db, record.id).map((workshop) => ({ status: workshop.status, startsAt: workshop.startsAt }))
		});
		// The export model's cards: no hidden or merged-away card, no name, buurt or age.
		const cards = new Map(overview.model.cards.map((card) => [card.id, card]));
		for (const mark of listQuoteMarks(db, record.id)) {
			const card = cards.get(mark.cardId);
			if (card) quotes.push({ id: card.id, ref: card.ref, text: card.text, themes: card.themes, area: stadsdeelName, markedAt: mark.markedAt });
		}
	}

	const buurtCodes = (stadsdeelCode === null ? listBuurten(db) : listBuurten(db, stadsdeelCode)).map((buurt) => buurt.code);
	const indicatorValues = listIndicatorValues(db, buurtCodes).map(({ buurtCode, indicator, measure, year, value }) => ({ buurtCode, indicator, measure, year, value }));

	const dashboard = buildDashboard({
			scope,
			today: maastrichtDay(now.getTime()),
			agendas,
			indicatorValues,
			budgetLines: SOCIAL_BASIS_BUDGET_LINES_2024_2026.map((line) => ({ label: line.label, eurosByYear: line.eurosByYear })),
			quotes,
			stadsdelen
		});
	return {
		dashboard,
		indicatorLabels: dashboard.indicators.map((series) =>
			isIndicatorId(series.indicator)
				? { indicator: pick(indicatorById(series.indicator).label, locale), measure: pick(measureLabel(series.measure, series.indicator), locale) }
				: { indicator: series.indicator, measure: series.measure }
		),
		reach: loadReach(context, { kind: 'area', stadsdeelCode }),
		stadsdelen: stadsdelen.map(({ code, name }) => ({ code, name })),
		agendas: listed
	};
}
