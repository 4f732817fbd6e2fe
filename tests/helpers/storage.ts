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

/**
 * The data directory's size once the WAL is folded into the database file and cut to zero, so the
 * figure is what is stored, not how far the WAL happens to have grown since its last truncation
 * (that depends on the checkpoint worker's timing; it may hold up to WAL_CEILING_BYTES by design).
 * Retries while the server's own checkpoint or a writer is in the way.
 */
export async function settledDataDirBytes(dataDir: string, timeoutMs = 10_000): Promise<number> {
	const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 1000');
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
			if (result.busy === 0) break;
			if (Date.now() > deadline) throw new Error(`the WAL could not be checkpointed in ${timeoutMs} ms`);
			await new Promise<void>((resolve) => setImmediate(resolve));
		}
		return dataDirBytes(dataDir);
	} finally {
		db.close();
	}
}
