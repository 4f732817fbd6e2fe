/** Whether the agenda or workshop a Yjs doc name points at exists (checked at every sync upgrade and recheck). */
import type { Db } from '../db.ts';
import type { DocRef } from '../../sync/doc-names.ts';
import { prepared } from './prepared.ts';

const AGENDA_EXISTS = 'SELECT 1 AS one FROM agendas WHERE id = ?';
const WORKSHOP_EXISTS = 'SELECT 1 AS one FROM workshops WHERE id = ?';

export function docOwnerExists(db: Db, doc: DocRef): boolean {
	const sql = doc.kind === 'agenda' || doc.kind === 'record' ? AGENDA_EXISTS : WORKSHOP_EXISTS;
	return prepared<[string], { one: number }>(db, sql).get(doc.id) !== undefined;
}
