/**
 * Fixed reference numbers: K (cards) and A (actions) per agenda. A number is given once, the first
 * time an entry is seen (by an export or the agenda page), in the entries' creation order, and it is
 * never changed or reused — later additions, merges, hides and deletions leave every earlier number
 * as it was. They live here and not in a Yjs doc: no client can write them.
 */
import type { Db } from '../db.ts';

export type ReferenceKind = 'K' | 'A';

/** Digits a reference is padded to; more when the numbers grow past it (K1000, A100). */
const MIN_DIGITS: Record<ReferenceKind, number> = { K: 3, A: 2 };

export function formatReference(kind: ReferenceKind, number: number): string {
	return kind + String(number).padStart(MIN_DIGITS[kind], '0');
}

/**
 * The numbers of the given entries, giving the next free numbers to those that have none yet, in
 * the order given (pass them in creation order). One transaction, so two exports at once cannot
 * hand out the same number twice.
 */
export function assignReferenceNumbers(db: Db, agendaId: string, kind: ReferenceKind, entityIdsInCreationOrder: readonly string[]): Map<string, number> {
	const select = db.prepare<[string, string], { entity_id: string; number: number }>(
		'SELECT entity_id, number FROM reference_numbers WHERE agenda_id = ? AND kind = ?'
	);
	const insert = db.prepare('INSERT INTO reference_numbers (agenda_id, kind, entity_id, number) VALUES (?, ?, ?, ?)');
	return db.transaction(() => {
		const numbers = new Map(select.all(agendaId, kind).map((row) => [row.entity_id, row.number]));
		let next = Math.max(0, ...numbers.values()) + 1;
		for (const id of entityIdsInCreationOrder) {
			if (numbers.has(id)) continue;
			insert.run(agendaId, kind, id, next);
			numbers.set(id, next++);
		}
		return numbers;
	})();
}

/** The numbers given so far, without giving new ones (for read-only views such as an old version). */
export function readReferenceNumbers(db: Db, agendaId: string, kind: ReferenceKind): Map<string, number> {
	return new Map(
		db
			.prepare<[string, string], { entity_id: string; number: number }>('SELECT entity_id, number FROM reference_numbers WHERE agenda_id = ? AND kind = ?')
			.all(agendaId, kind)
			.map((row) => [row.entity_id, row.number])
	);
}
