/**
 * Backups are consistent SQLite copies made with SQLite's online backup API, safe while the server
 * writes. A restore checks the file first and replaces the live database in one go.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Db } from './db.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { endMaintenance, isAcknowledged, requestMaintenance } from './maintenance.ts';

export async function backupDatabase(db: Db, outFile: string): Promise<{ bytes: number }> {
	const target = path.resolve(outFile);
	if (fs.existsSync(target)) throw new Error(`${target} exists already; choose a new file name`);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	await db.backup(target);
	return { bytes: fs.statSync(target).size };
}

/** Refuses files that are not a healthy Wijktafel database this version can read. */
export function checkBackupFile(file: string): { ok: true; schemaVersion: number } | { ok: false; message: string } {
	if (!fs.existsSync(file)) return { ok: false, message: `${file} does not exist` };
	let source: Database.Database | undefined;
	try {
		source = new Database(file, { readonly: true, fileMustExist: true });
		const integrity = source.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') return { ok: false, message: `${file} is damaged: ${String(integrity)}` };
		const version = source.pragma('user_version', { simple: true }) as number;
		const newest = MIGRATIONS[MIGRATIONS.length - 1].version;
		if (version < 1) return { ok: false, message: `${file} is not a Wijktafel backup` };
		if (version > newest) return { ok: false, message: `${file} was made by a newer Wijktafel (schema ${version} > ${newest})` };
		const tables = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('workshops', 'ydoc_updates')").all();
		if (tables.length !== 2) return { ok: false, message: `${file} is not a Wijktafel backup` };
		return { ok: true, schemaVersion: version };
	} catch (error) {
		return { ok: false, message: `${file} is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)}` };
	} finally {
		source?.close();
	}
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (check()) return true;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return check();
}

/**
 * Replaces the live database with a backup. A running server is asked to let go of its in-memory
 * documents first (see maintenance.ts); with no server running the handshake simply times out.
 */
export async function restoreDatabase(
	db: Db,
	dataDir: string,
	fromFile: string,
	options: { serverAckTimeoutMs?: number } = {}
): Promise<{ serverAcknowledged: boolean }> {
	const checked = checkBackupFile(fromFile);
	if (!checked.ok) throw new Error(checked.message);
	const requestId = randomUUID();
	requestMaintenance(dataDir, requestId);
	try {
		const serverAcknowledged = await waitUntil(() => isAcknowledged(dataDir, requestId), options.serverAckTimeoutMs ?? 3000);
		const source = new Database(fromFile, { readonly: true });
		try {
			// Copy into the live database through our own connection: one write transaction that every
			// other connection (the server's) sees complete or not at all.
			const tmp = `${path.resolve(fromFile)}.restore-${process.pid}.sqlite`;
			await source.backup(tmp);
			try {
				// Bring an older backup up to this version's schema so its tables line up column for column.
				const copy = new Database(tmp);
				try {
					migrate(copy);
				} finally {
					copy.close();
				}
				db.exec(`ATTACH DATABASE '${tmp.replace(/'/g, "''")}' AS restored`);
				const tables = (
					db.prepare("SELECT name FROM restored.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
				).map((t) => t.name);
				db.pragma('foreign_keys = OFF');
				db.transaction(() => {
					const live = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
					for (const table of live) db.prepare(`DELETE FROM main."${table}"`).run();
					for (const table of tables) {
						if (!live.includes(table)) continue;
						db.prepare(`INSERT INTO main."${table}" SELECT * FROM restored."${table}"`).run();
					}
				})();
				db.pragma('foreign_keys = ON');
				db.exec('DETACH DATABASE restored');
			} finally {
				fs.rmSync(tmp, { force: true });
			}
		} finally {
			source.close();
		}
		return { serverAcknowledged };
	} finally {
		endMaintenance(dataDir);
	}
}
