import { describe, expect, test } from 'vitest';
import {
	barPercent,
	buildDashboard,
	isWorkshopHeld,
	type DashboardActionInput,
	type DashboardAgendaInput,
	type DashboardInput
} from '../../../src/lib/domain/dashboard.ts';

let nextId = 0;
const action = (over: Partial<DashboardActionInput> = {}): DashboardActionInput => ({
	id: `a${nextId++}`,
	themeId: 'ontmoeten',
	theme: 'Ontmoeten',
	status: 'gepland',
	amountEuros: null,
	spentEuros: 0,
	budgetLine: null,
	...over
});

/** One agenda period in Zuid, with no actions and no workshops unless given. */
const agenda = (over: Partial<DashboardAgendaInput> = {}): DashboardAgendaInput => ({
	createdAt: 1,
	stadsdeelCode: 'zuid',
	stadsdeelName: 'Zuid',
	actions: [],
	workshops: [],
	...over
});

const input = (over: Partial<DashboardInput> = {}): DashboardInput => ({
	scope: { kind: 'stadsdeel', code: 'zuid', name: 'Zuid' },
	today: '2026-06-15',
	agendas: [],
	indicatorValues: [],
	budgetLines: [{ label: 'Buurtgericht werken', eurosByYear: { 2024: 630_000, 2025: 468_000, 2026: 576_000 } }],
	quotes: [],
	...over
});

describe('actions by status and theme', () => {
	test('counts every status, also the empty ones, and per theme with its total', () => {
		const dashboard = buildDashboard(
			input({
				agendas: [
					agenda({
						actions: [
							action({ status: 'bezig' }),
							action({ status: 'klaar' }),
							action({ status: 'klaar', themeId: 'gezondheid', theme: 'Gezondheid' }),
							action({ status: 'gestopt', themeId: 'gezondheid', theme: 'Gezondheid' }),
							action({ status: 'klaar', themeId: 'gezondheid', theme: 'Gezondheid' })
						]
					})
				]
			})
		);
		expect(dashboard.actions.total).toBe(5);
		expect(dashboard.actions.byStatus).toEqual([
			{ status: 'gepland', count: 0 },
			{ status: 'bezig', count: 1 },
			{ status: 'klaar', count: 3 },
			{ status: 'gestopt', count: 1 }
		]);
		// The theme with most actions first.
		expect(dashboard.actions.byTheme.map((row) => [row.theme, row.total, row.counts.map((c) => c.count)])).toEqual([
			['Gezondheid', 3, [0, 0, 2, 1]],
			['Ontmoeten', 2, [0, 1, 1, 0]]
		]);
	});
});

describe('money against the budget lines', () => {
	test('committed and spent per line; the same line typed differently is one line; the policy budget of this year where the name matches', () => {
		const dashboard = buildDashboard(
			input({
				agendas: [
					agenda({
						actions: [
							action({ amountEuros: 10_000, spentEuros: 2_500, budgetLine: 'Buurtgericht werken' }),
							action({ amountEuros: 5_000, spentEuros: 5_000, budgetLine: ' buurtgericht  werken'.replace('  ', ' ') }),
							action({ amountEuros: 1_000, spentEuros: 0, budgetLine: 'Eigen potje' }),
							action({ amountEuros: null, spentEuros: 300, budgetLine: null }),
							// No money at all: no row.
							action({ amountEuros: null, spentEuros: 0, budgetLine: 'Alleen tijd' })
						]
					})
				]
			})
		);
		expect(dashboard.money.rows).toEqual([
			{ budgetLine: 'Buurtgericht werken', committedEuros: 15_000, spentEuros: 7_500, spentShare: 50, budgetEuros: 576_000 },
			{ budgetLine: 'Eigen potje', committedEuros: 1_000, spentEuros: 0, spentShare: 0, budgetEuros: null },
			// Spent without anything committed: no percentage, never a division by zero.
			{ budgetLine: null, committedEuros: 0, spentEuros: 300, spentShare: null, budgetEuros: null }
		]);
		expect(dashboard.money).toMatchObject({ committedEuros: 16_000, spentEuros: 7_800, spentShare: 49, budgetYear: 2026 });
	});
});

describe('workshops held', () => {
	test('closed, or its day has come; open and later, or without a date, is planned', () => {
		expect(isWorkshopHeld({ status: 'closed', startsAt: '2027-01-01' }, '2026-06-15')).toBe(true);
		expect(isWorkshopHeld({ status: 'open', startsAt: '2026-06-15T19:30' }, '2026-06-15')).toBe(true);
		expect(isWorkshopHeld({ status: 'open', startsAt: '2026-06-16' }, '2026-06-15')).toBe(false);
		expect(isWorkshopHeld({ status: 'open', startsAt: null }, '2026-06-15')).toBe(false);
		const dashboard = buildDashboard(
			input({
				agendas: [
					agenda({
						workshops: [
							{ status: 'closed', startsAt: null },
							{ status: 'open', startsAt: '2026-05-01' },
							{ status: 'open', startsAt: '2026-09-01' }
						]
					})
				]
			})
		);
		expect(dashboard.workshops).toEqual({ held: 2, planned: 1 });
	});
});

describe('indicators over time', () => {
	test('a mean over the buurten per year, oldest first; one year only is "no series"', () => {
		const dashboard = buildDashboard(
			input({
				indicatorValues: [
					{ buurtCode: 'B1', indicator: 'eenzaamheid', measure: 'pct_eenzaam', year: 2020, value: 40 },
					{ buurtCode: 'B2', indicator: 'eenzaamheid', measure: 'pct_eenzaam', year: 2020, value: 50 },
					{ buurtCode: 'B1', indicator: 'eenzaamheid', measure: 'pct_eenzaam', year: 2016, value: 30 },
					{ buurtCode: 'B1', indicator: 'ses', measure: 'ses_woa', year: 2022, value: -0.25 },
					{ buurtCode: 'B2', indicator: 'ses', measure: 'ses_woa', year: 2022, value: Number.NaN }
				]
			})
		);
		expect(dashboard.indicators).toEqual([
			{
				indicator: 'eenzaamheid',
				measure: 'pct_eenzaam',
				points: [
					{ year: 2016, mean: 30, buurten: 1 },
					{ year: 2020, mean: 45, buurten: 2 }
				],
				hasSeries: true
			},
			{ indicator: 'ses', measure: 'ses_woa', points: [{ year: 2022, mean: -0.25, buurten: 1 }], hasSeries: false }
		]);
	});
});

describe('a few stories', () => {
	test('the newest marks first, at most six, and only the words, reference, themes and stadsdeel', () => {
		const quotes = Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, ref: `K00${i}`, text: `Verhaal ${i}`, themes: ['Ontmoeten'], area: 'Zuid', markedAt: i * 10 }));
		const dashboard = buildDashboard(input({ quotes }));
		expect(dashboard.quotes.map((q) => q.ref)).toEqual(['K007', 'K006', 'K005', 'K004', 'K003', 'K002']);
		expect(Object.keys(dashboard.quotes[0]).sort()).toEqual(['area', 'ref', 'text', 'themes']);
	});
});

describe('the city', () => {
	test('one row per stadsdeel, also without an agenda, sorted by name; a stadsdeel dashboard has none', () => {
		const agendas: DashboardInput['agendas'] = [
			agenda({ createdAt: 1, actions: [action({ status: 'klaar', amountEuros: 100, spentEuros: 40 })], workshops: [{ status: 'closed', startsAt: null }] }),
			agenda({ createdAt: 2, stadsdeelCode: 'centrum', stadsdeelName: 'Centrum', actions: [action(), action({ amountEuros: 50 })] }),
			agenda({ createdAt: 3, actions: [action({ status: 'bezig' })], workshops: [{ status: 'open', startsAt: '2026-01-01' }] })
		];
		const stadsdelen = [
			{ code: 'zuid', name: 'Zuid' },
			{ code: 'oost', name: 'Oost' },
			{ code: 'centrum', name: 'Centrum' }
		];
		const city = buildDashboard(input({ scope: { kind: 'city' }, agendas, stadsdelen }));
		expect(city.stadsdelen).toEqual([
			{ code: 'centrum', name: 'Centrum', actions: 2, done: 0, committedEuros: 50, spentEuros: 0, workshopsHeld: 0 },
			// No agenda yet: a row of zeros, so the city sees where nothing happens.
			{ code: 'oost', name: 'Oost', actions: 0, done: 0, committedEuros: 0, spentEuros: 0, workshopsHeld: 0 },
			{ code: 'zuid', name: 'Zuid', actions: 2, done: 1, committedEuros: 100, spentEuros: 40, workshopsHeld: 2 }
		]);
		expect(city.actions.total).toBe(4);
		expect(buildDashboard(input({ agendas, stadsdelen })).stadsdelen).toEqual([]);
	});
});

describe('the next period', () => {
	test('an action carried over counts once, as the newest period has it, with the money spent in both periods', () => {
		const carried = { id: 'carried', themeId: 'ontmoeten', theme: 'Ontmoeten', amountEuros: 10_000, budgetLine: 'Buurtgericht werken' };
		const dashboard = buildDashboard(
			input({
				agendas: [
					// Given newest first, as the agendas are listed: the order of the input does not matter.
					agenda({ createdAt: 200, actions: [{ ...carried, status: 'klaar', spentEuros: 1_000 }] }),
					agenda({ createdAt: 100, actions: [{ ...carried, status: 'bezig', spentEuros: 4_000 }, action({ status: 'klaar', amountEuros: 500 })] })
				]
			})
		);
		expect(dashboard.actions.total).toBe(2);
		expect(dashboard.actions.byStatus.find((row) => row.status === 'klaar')?.count).toBe(2);
		expect(dashboard.actions.byStatus.find((row) => row.status === 'bezig')?.count).toBe(0);
		expect(dashboard.money.rows.find((row) => row.budgetLine === 'Buurtgericht werken')).toMatchObject({ committedEuros: 10_000, spentEuros: 5_000, spentShare: 50 });
		expect(dashboard.money.committedEuros).toBe(10_500);
	});
});

test('bar lengths: share of the largest, never below 0 or above 100, 0 when all are 0', () => {
	expect(barPercent(5, 10)).toBe(50);
	expect(barPercent(0, 0)).toBe(0);
	expect(barPercent(-3, 10)).toBe(0);
	expect(barPercent(30, 10)).toBe(100);
});
