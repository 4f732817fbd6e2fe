/** How much a data directory holds: on disk, and what the database stores for documents. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** All files of the data directory (database, WAL, shared memory). */
export function dataDirBytes(dir: string): number {
	return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

/** Document snapshots and the update log, read beside the running server (WAL allows it). */
export function storedDocBytes(dataDir: string): number {
	const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const snapshots = db.prepare('SELECT coalesce(sum(length(state)), 0) AS n FROM ydoc_snapshots').get() as { n: number };
		const updates = db.prepare('SELECT coalesce(sum(length(data)), 0) AS n FROM ydoc_updates').get() as { n: number };
		return snapshots.n + updates.n;
	} finally {
		db.close();
	}
}
