/**
 * The tables of the export as rows of typed cells: one per result (the action table, the cards, and
 * the results of questions 1–8). The CSV writes one of them (`what`), the XLSX all of them, a sheet
 * each. CSV: `;`-separated, UTF-8 with a BOM, CRLF, and every cell that would start a formula
 * (=, +, -, @) prefixed with ' — all by the domain's `toCsv`. Amounts and counts are numbers, so
 * Excel can add them up; a count of 1–2 people is an empty cell (never shown).
 */
import { toCsv, type CsvCell } from '../../domain/csv.ts';
import type { AgendaExport } from './agenda-export-model.ts';
import { exportTexts } from './texts.ts';

export const CSV_KINDS = ['actions', 'cards', 'keywords', 'needs', 'elements', 'ratings', 'developments', 'efficiency', 'weighing', 'vote'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export function isCsvKind(value: unknown): value is CsvKind {
	return typeof value === 'string' && (CSV_KINDS as readonly string[]).includes(value);
}

export interface ResultSheet {
	kind: CsvKind;
	/** Sheet name (at most 31 characters, Excel's limit). */
	name: string;
	rows: CsvCell[][];
}

export function actionsCsvRows(model: AgendaExport): CsvCell[][] {
	const c = exportTexts(model.locale).actionColumns;
	return [
		[c.ref, c.theme, c.list, c.title, c.owner, c.quarter, `${c.amount} (€)`, c.budgetLine, c.cards, c.id],
		...model.actions.map((a) => [a.ref, a.theme, a.listLabel, a.title, a.owner, a.quarter, a.amountEuros, a.budgetLine, a.cardRefs.join(', '), a.id])
	];
}

export function cardsCsvRows(model: AgendaExport): CsvCell[][] {
	const c = exportTexts(model.locale).cardColumns;
	const question = new Map(model.syntheses.map((s) => [s.questionNumber, s.question]));
	return [
		[c.ref, c.question, c.text, c.themes, c.workshop, c.kind, c.plusOnesCount, c.merged, c.actions, c.id],
		...model.cards.map((card) => [
			card.ref,
			`${card.questionNumber}. ${question.get(card.questionNumber) ?? ''}`,
			card.text,
			card.themes.join(', '),
			card.workshop,
			card.kind === null ? null : exportTexts(model.locale).cardKind(card.kind),
			card.plusOnes,
			card.mergedCount,
			card.actionRefs.join(', '),
			card.id
		])
	];
}

export function resultSheets(model: AgendaExport): ResultSheet[] {
	const t = exportTexts(model.locale);
	const r = model.results;
	const kinded = (result: AgendaExport['results']['q5']): CsvCell[][] => [[...t.kindColumns], ...result.cards.map((c) => [c.ref, c.text, c.kindLabel])];
	const w = r.q7.weighing;
	return [
		{ kind: 'actions', name: t.sheetNames.actions, rows: actionsCsvRows(model) },
		{ kind: 'cards', name: t.sheetNames.cards, rows: cardsCsvRows(model) },
		{ kind: 'keywords', name: t.sheetNames.keywords, rows: [[...t.keywordColumns], ...r.q1.keywords.map((k) => [k.text, k.people.count])] },
		{ kind: 'needs', name: t.sheetNames.needs, rows: [[...t.needColumns], ...r.q2.themes.map((n) => [n.theme, n.cards, n.plusOnes.count, n.cardRefs.join(', ')])] },
		{
			kind: 'elements',
			name: t.sheetNames.elements,
			rows: [[t.layer, ...t.elementColumns], ...r.q3.layers.flatMap((layer) => layer.elements.map((e) => [layer.layer, e.name, e.categoryLabel, e.targetGroups.join(', '), e.facilityName, e.buurtName]))]
		},
		{
			kind: 'ratings',
			name: t.sheetNames.ratings,
			rows: [[...t.ratingColumns, t.reasonsHeading], ...r.q4.ratings.map((x) => [x.name, x.voters.count, ...x.counts.map((c) => c.people.count), x.verdict, x.reasons.join(' | ')])]
		},
		{ kind: 'developments', name: t.sheetNames.developments, rows: kinded(r.q5) },
		{ kind: 'efficiency', name: t.sheetNames.efficiency, rows: kinded(r.q6) },
		{
			kind: 'weighing',
			name: t.sheetNames.weighing,
			rows: w
				? [
						[...t.weighingColumns.slice(0, 2), t.needIndexNumber, t.coveragePercent, t.amountEuros],
						...w.buurten.map((b) => [b.name, b.population, b.needIndex === null ? null : Math.round(b.needIndex * 10000) / 10000, b.coveragePercent, b.euros]),
						[t.total, null, null, null, w.totalEuros],
						[],
						[...t.weightColumns],
						...w.weights.map((x) => [x.label, x.weight])
					]
				: [[t.noWeighing]]
		},
		{ kind: 'vote', name: t.sheetNames.vote, rows: [[...t.voteColumns], ...r.q8.ranking.map((x) => [x.rank, x.ref, x.text, x.dots])] }
	];
}

export function writeCsv(model: AgendaExport, kind: CsvKind = 'actions'): string {
	return toCsv(resultSheets(model).find((sheet) => sheet.kind === kind)!.rows);
}
