/**
 * Cards marked as a shareable quote (table `shareable_quotes`). Only the mark is stored: who marked
 * which card of which agenda, and when. The words stay in the card, where "vergeet mij" finds them.
 */
import type { Db } from '../db.ts';

export interface QuoteMark {
	agendaId: string;
	cardId: string;
	markedBy: string;
	markedAt: number;
}

interface MarkRow {
	agenda_id: string;
	card_id: string;
	marked_by: string;
	marked_at: number;
}

function fromRow(row: MarkRow): QuoteMark {
	return { agendaId: row.agenda_id, cardId: row.card_id, markedBy: row.marked_by, markedAt: row.marked_at };
}

/** Marks a card; marking it again keeps the first mark (who and when). */
export function insertQuoteMark(db: Db, input: { agendaId: string; cardId: string; userId: string }, now = Date.now()): void {
	db.prepare('INSERT OR IGNORE INTO shareable_quotes (agenda_id, card_id, marked_by, marked_at) VALUES (?, ?, ?, ?)').run(
		input.agendaId,
		input.cardId,
		input.userId,
		now
	);
}

export function deleteQuoteMark(db: Db, agendaId: string, cardId: string): void {
	db.prepare('DELETE FROM shareable_quotes WHERE agenda_id = ? AND card_id = ?').run(agendaId, cardId);
}

/** Oldest mark first. */
export function listQuoteMarks(db: Db, agendaId: string): QuoteMark[] {
	return db
		.prepare<[string], MarkRow>('SELECT agenda_id, card_id, marked_by, marked_at FROM shareable_quotes WHERE agenda_id = ? ORDER BY marked_at, card_id')
		.all(agendaId)
		.map(fromRow);
}

/** Removes the marks of cards that are no longer in the agenda (forgotten or deleted); returns how many. */
export function pruneQuoteMarks(db: Db, agendaId: string, existingCardIds: ReadonlySet<string>): number {
	const gone = listQuoteMarks(db, agendaId).filter((mark) => !existingCardIds.has(mark.cardId));
	const remove = db.prepare('DELETE FROM shareable_quotes WHERE agenda_id = ? AND card_id = ?');
	db.transaction(() => {
		for (const mark of gone) remove.run(agendaId, mark.cardId);
	})();
	return gone.length;
}
