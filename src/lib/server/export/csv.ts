/**
 * The CSV exports, for Excel: `;`-separated, UTF-8 with a BOM, CRLF, and every cell that would start
 * a formula (=, +, -, @) prefixed with ' — all by the domain's `toCsv`.
 *
 * Two kinds, because one table cannot hold both without repeating:
 *  - `actions` (default): one row per action — the action table of the stadsdeelprogramma;
 *  - `cards`: one row per visible card, without names — the appendix, to trace an action back.
 * Amounts are numbers (whole euros) so Excel can add them up.
 */
import { toCsv, type CsvCell } from '../../domain/csv.ts';
import type { AgendaExport } from './agenda-export-model.ts';
import { exportTexts } from './texts.ts';

export const CSV_KINDS = ['actions', 'cards'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export function isCsvKind(value: unknown): value is CsvKind {
	return typeof value === 'string' && (CSV_KINDS as readonly string[]).includes(value);
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
		[c.ref, c.question, c.text, c.themes, c.plusOnesCount, c.merged, c.actions, c.id],
		...model.cards.map((card) => [
			card.ref,
			`${card.questionNumber}. ${question.get(card.questionNumber) ?? ''}`,
			card.text,
			card.themes.join(', '),
			card.plusOnes,
			card.mergedCount,
			card.actionRefs.join(', '),
			card.id
		])
	];
}

export function writeCsv(model: AgendaExport, kind: CsvKind = 'actions'): string {
	return toCsv(kind === 'cards' ? cardsCsvRows(model) : actionsCsvRows(model));
}
