/**
 * Shareable quotes ("deelbaar citaat"): staff mark a card whose words may be shown on the dashboard
 * as one of "a few stories". The mark is a server-side command stored in SQLite, not a key in the
 * agenda doc, so no participant can mark their own card. The route checks `agenda.quotes`; this
 * module trusts only the user id it is given.
 *
 * A quote is always the card's text alone: never the writer's name, buurt or age, read through the
 * export model (which leaves out hidden and merged-away cards and carries no names).
 */
import type { AppContext } from './context.ts';
import { buildAgendaExport, type AgendaExport, type ExportCard } from './export/agenda-export-model.ts';
import { deleteQuoteMark, insertQuoteMark, listQuoteMarks, pruneQuoteMarks } from './repositories/shareable-quotes.ts';
import { getAgenda } from './repositories/workshops.ts';
import { docName } from '../sync/doc-names.ts';
import { listCards } from '../sync/agenda-schema.ts';
import type { Locale } from '../domain/i18n-text.ts';

export type QuoteMarkResult = { ok: true; shareable: boolean } | { ok: false; reason: 'not-found' };

/** Marks or unmarks a card of the agenda. The card must be in the agenda now. */
export function setQuoteMark(
	context: AppContext,
	input: { agendaId: string; cardId: string; shareable: boolean; userId: string },
	now = Date.now()
): QuoteMarkResult {
	if (!getAgenda(context.db, input.agendaId)) return { ok: false, reason: 'not-found' };
	const exists = context.liveDocs.read(docName('agenda', input.agendaId), (doc) => listCards(doc).some((card) => card.id === input.cardId));
	if (!exists) return { ok: false, reason: 'not-found' };
	if (input.shareable) insertQuoteMark(context.db, { agendaId: input.agendaId, cardId: input.cardId, userId: input.userId }, now);
	else deleteQuoteMark(context.db, input.agendaId, input.cardId);
	context.log.info('quote mark changed', { agendaId: input.agendaId, shareable: input.shareable });
	return { ok: true, shareable: input.shareable };
}

/** The ids of the agenda's marked cards. */
export function markedCardIds(context: Pick<AppContext, 'db'>, agendaId: string): Set<string> {
	return new Set(listQuoteMarks(context.db, agendaId).map((mark) => mark.cardId));
}

export interface QuoteCandidate {
	card: ExportCard;
	shareable: boolean;
}

/** Every card staff may mark, as the export shows it (no names), with its mark; null when the agenda does not exist. */
export function quoteCandidates(context: AppContext, agendaId: string, locale: Locale, model?: AgendaExport | null): { model: AgendaExport; cards: QuoteCandidate[] } | null {
	const built = model ?? buildAgendaExport(context, agendaId, locale);
	if (!built) return null;
	const marked = markedCardIds(context, agendaId);
	return { model: built, cards: built.cards.map((card) => ({ card, shareable: marked.has(card.id) })) };
}

/** After cards left the agenda doc ("vergeet mij"): their marks go too. */
export function pruneQuotesOfAgenda(context: Pick<AppContext, 'db' | 'liveDocs'>, agendaId: string): number {
	const existing = context.liveDocs.read(docName('agenda', agendaId), (doc) => new Set(listCards(doc).map((card) => card.id)));
	return pruneQuoteMarks(context.db, agendaId, existing);
}
