import { afterEach, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { createLogger } from '../../../src/lib/server/log.ts';
import { WalCheckpointer, type CheckpointResult } from '../../../src/lib/server/wal-checkpointer.ts';
import { waitFor } from '../../helpers/wait.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freshDb(): { db: Db; lines: string[] } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-wal-'));
	const db = openDatabase(dir);
	db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)');
	cleanups.push(() => {
		if (db.open) db.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});
	return { db, lines: [] };
}

function writePages(db: Db, rows: number): void {
	const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
	for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(4096, i % 251));
}

test('the server connection no longer checkpoints on its own; the worker copies the whole WAL back', async () => {
	const { db } = freshDb();
	const results: CheckpointResult[] = [];
	const checkpointer = new WalCheckpointer(db, { intervalMs: 50, log: createLogger('silent'), onCheckpoint: (r) => results.push(r) });
	cleanups.push(() => checkpointer.stop());
	expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

	// 1500 commits of a page each: SQLite alone would have checkpointed inside one of them.
	writePages(db, 1500);
	const done = await waitFor(() => results.find((r) => r.walFrames >= 1500 && r.copiedFrames === r.walFrames), {
		what: 'a checkpoint of the whole WAL'
	});
	expect(done.copiedFrames).toBeGreaterThanOrEqual(1500);
	expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 1500 });
});

test('stopping hands checkpoints back to SQLite', async () => {
	const { db } = freshDb();
	const checkpointer = new WalCheckpointer(db, { intervalMs: 1000, log: createLogger('silent') });
	await checkpointer.stop();
	expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
});

test('a worker that dies is logged and SQLite checkpoints on its own again', async () => {
	const { db } = freshDb();
	const lines: string[] = [];
	const checkpointer = new WalCheckpointer(db, {
		intervalMs: 1000,
		log: createLogger('info', (line) => lines.push(line)),
		workerFile: new URL('../../fixtures/crashing-worker.js', import.meta.url)
	});
	cleanups.push(() => checkpointer.stop());
	expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
	await waitFor(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000, { what: 'automatic checkpoints back on' });
	expect(lines.some((line) => /checkpoint worker stopped/.test(line))).toBe(true);
});

test('a write flood with a reader in the way: the WAL stays within three times its ceiling, half of what was written (without the ceiling it grows with every write)', async () => {
	const { db } = freshDb();
	const ceiling = 4 * 1024 * 1024;
	const results: CheckpointResult[] = [];
	const checkpointer = new WalCheckpointer(db, { intervalMs: 50, ceilingBytes: ceiling, log: createLogger('silent'), onCheckpoint: (r) => results.push(r) });
	cleanups.push(() => checkpointer.stop());
	// A reader on another thread (as a backup or a second process would be) that keeps a snapshot open
	// most of the time: PASSIVE checkpoints then cannot finish, so without the ceiling the WAL would
	// never start over and would grow with every write.
	const reader = new Worker(
		`const Database = require('better-sqlite3');
		const db = new Database(require('node:worker_threads').workerData.file);
		const count = db.prepare('SELECT count(*) FROM filler');
		const hold = () => { db.exec('BEGIN'); count.get(); setTimeout(() => { db.exec('COMMIT'); setTimeout(hold, 50); }, 100); };
		hold();`,
		{ eval: true, workerData: { file: db.name } }
	);
	cleanups.push(() => reader.terminate().then(() => undefined));
	const walFile = `${db.name}-wal`;
	const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
	let largest = 0;
	let written = 0;
	const started = Date.now();
	// Until six ceilings' worth is written (however slow the machine), at most 20 s.
	while (written < 6 * ceiling && Date.now() - started < 20_000) {
		for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(16 * 1024, i));
		written += 20 * 16 * 1024;
		largest = Math.max(largest, fs.statSync(walFile).size);
		// About 10 MB/s: far more than the write budgets let all participants together send.
		await new Promise((resolve) => setTimeout(resolve, 30));
	}
	expect(written).toBeGreaterThan(5 * ceiling);
	// Writes land on top of the ceiling until the worker gets a moment without the reader; on a
	// loaded machine that can take a while. Without the ceiling the WAL holds everything written.
	expect(largest).toBeLessThan(ceiling * 3);
	expect(results.some((r) => r.truncated)).toBe(true);
}, 30_000);
