/**
 * Who created and who last changed each entry of a shared doc (a card, an action, …), recorded by the
 * sync server from the connection that wrote it. The doc's own `authorId` fields are checked by the
 * write policy too, but this record is what "vergeet mij" and the agenda page rely on: nobody writes
 * it but the server.
 */
import type { Db } from '../db.ts';
import { preparedOnce } from '../db.ts';

/** 'participant:<id>' or 'staff:<userId>'. */
export type ChangedBy = `participant:${string}` | `staff:${string}`;

export interface EntryChange {
	entryKey: string;
	createdBy: ChangedBy | null;
	changedBy: ChangedBy;
	changedAt: number;
}

export function participantWriter(participantId: string): ChangedBy {
	return `participant:${participantId}`;
}

export function staffWriter(userId: string): ChangedBy {
	return `staff:${userId}`;
}

export function recordEntryChanges(
	db: Db,
	docName: string,
	changedBy: ChangedBy,
	entries: ReadonlyArray<{ entryKey: string; created: boolean }>,
	now = Date.now()
): void {
	const upsert = preparedOnce<[string, string, string | null, string, number]>(
		db,
		`INSERT INTO entry_changes (doc_name, entry_key, created_by, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (doc_name, entry_key) DO UPDATE SET changed_by = excluded.changed_by, changed_at = excluded.changed_at,
		   created_by = COALESCE(entry_changes.created_by, excluded.created_by)`
	);
	for (const entry of entries) upsert.run(docName, entry.entryKey, entry.created ? changedBy : null, changedBy, now);
}

/** Entry keys ('cards/<id>', …) this writer created in a doc. */
export function entriesCreatedBy(db: Db, docName: string, createdBy: ChangedBy): string[] {
	return preparedOnce<[string, string], { entry_key: string }>(db, 'SELECT entry_key FROM entry_changes WHERE doc_name = ? AND created_by = ?')
		.all(docName, createdBy)
		.map((row) => row.entry_key);
}

/** Every entry of a doc that has a record, so entries without one (written before records were kept) can be told apart. */
export function recordedEntries(db: Db, docName: string): Set<string> {
	return new Set(
		preparedOnce<[string], { entry_key: string }>(db, 'SELECT entry_key FROM entry_changes WHERE doc_name = ?')
			.all(docName)
			.map((row) => row.entry_key)
	);
}

export function listEntryChanges(db: Db, docName: string): EntryChange[] {
	return preparedOnce<[string], { entry_key: string; created_by: string | null; changed_by: string; changed_at: number }>(
		db,
		'SELECT entry_key, created_by, changed_by, changed_at FROM entry_changes WHERE doc_name = ?'
	)
		.all(docName)
		.map((row) => ({
			entryKey: row.entry_key,
			createdBy: row.created_by as ChangedBy | null,
			changedBy: row.changed_by as ChangedBy,
			changedAt: row.changed_at
		}));
}

/** "Vergeet mij": the participant is no longer named as anyone's creator or last editor. */
export function forgetWriter(db: Db, writer: ChangedBy): void {
	preparedOnce<[string]>(db, 'DELETE FROM entry_changes WHERE created_by = ?').run(writer);
	preparedOnce<[string]>(db, "UPDATE entry_changes SET changed_by = 'participant:vergeten' WHERE changed_by = ?").run(writer);
}
