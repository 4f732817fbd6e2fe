/**
 * When a set of Yjs documents last changed, from the storage tables (the newest logged update, or
 * the snapshot an update log was folded into).
 */
import type { Db } from '../db.ts';

/** ms since epoch of the last stored change of any of these docs; null when none was ever stored. */
export function lastStoredChange(db: Db, docNames: readonly string[]): number | null {
	if (docNames.length === 0) return null;
	const placeholders = docNames.map(() => '?').join(', ');
	const row = db
		.prepare<string[], { at: number | null }>(
			`SELECT max(at) AS at FROM (
				SELECT max(created_at) AS at FROM ydoc_updates WHERE doc_name IN (${placeholders})
				UNION ALL SELECT max(updated_at) AS at FROM ydoc_snapshots WHERE doc_name IN (${placeholders})
			)`
		)
		.get(...docNames, ...docNames);
	return row?.at ?? null;
}
