/**
 * Opens the one SQLite file of a Wijktafel installation and brings its schema up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type { Db };

export const DATABASE_FILE = 'wijktafel.sqlite';

export class DataDirError extends Error {}

/** Fails early with a plain message when the data directory cannot hold a database. */
function ensureWritableDir(dataDir: string): void {
	try {
		fs.mkdirSync(dataDir, { recursive: true });
		fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.R_OK);
		// accessSync trusts permission bits; root ignores those, and a full disk passes it. A real write tells.
		const probe = path.join(dataDir, `.write-probe-${process.pid}`);
		fs.writeFileSync(probe, 'ok');
		fs.rmSync(probe);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new DataDirError(`DATA_DIR ${dataDir} is not writable: ${reason}`);
	}
}

export function openDatabase(dataDir: string, fileName = DATABASE_FILE): Db {
	ensureWritableDir(dataDir);
	const db = new Database(path.join(dataDir, fileName));
	// Compaction deletes many log rows; with incremental auto-vacuum the file can give those pages back.
	// It only takes effect on a new, empty database (before the first table), which is when we set it.
	if ((db.pragma('user_version', { simple: true }) as number) === 0) db.pragma('auto_vacuum = INCREMENTAL');
	db.pragma('journal_mode = WAL');
	// NORMAL is durable against a crashed or killed process (the WAL is in the OS cache); only power loss can drop the last commits.
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	// Freed pages are zeroed, so text deleted for "vergeet mij" does not linger inside the file.
	db.pragma('secure_delete = ON');
	migrate(db);
	return db;
}

/**
 * Runs `fn` as one write transaction that takes SQLite's write lock at its start (BEGIN IMMEDIATE)
 * and returns what `fn` returns; a throw rolls it all back. For the write transactions the CLI runs,
 * also beside the live server on the same file: a transaction that starts deferred reads first and
 * asks for the write lock later, and if the server wrote in between, that upgrade fails at once with
 * SQLITE_BUSY (busy_timeout cannot help there). Asked for at the start, the lock is waited for under
 * busy_timeout, so the CLI waits its turn instead of failing.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
	return db.transaction(fn).immediate();
}

const preparedByConnection = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement prepared once per connection. For queries on hot paths: every open socket's access is
 * re-checked each heartbeat, and preparing the same SQL each time costs more than running it.
 */
export function preparedOnce<Params extends unknown[], Row = unknown>(db: Db, sql: string): Statement<Params, Row> {
	let prepared = preparedByConnection.get(db);
	if (!prepared) preparedByConnection.set(db, (prepared = new Map()));
	let statement = prepared.get(sql);
	if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
	return statement as unknown as Statement<Params, Row>;
}
