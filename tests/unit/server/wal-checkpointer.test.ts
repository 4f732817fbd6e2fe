import { afterEach, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
