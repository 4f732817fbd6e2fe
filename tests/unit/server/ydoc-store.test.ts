import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { YDocStore } from '../../../src/lib/server/ydoc-store.ts';

const dirs: string[] = [];
const dbs: Db[] = [];
function freshStore(): { store: YDocStore; db: Db; dir: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-store-'));
	dirs.push(dir);
	const db = openDatabase(dir);
	dbs.push(db);
	return { store: new YDocStore(db), db, dir };
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function collectUpdates(doc: Y.Doc): Uint8Array[] {
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	return updates;
}

describe('YDocStore', () => {
	test('a doc loads from its snapshot plus the updates appended after it', () => {
		const { store } = freshStore();
		const source = new Y.Doc();
		const updates = collectUpdates(source);
		source.getArray('cards').push(['een']);
		source.getArray('cards').push(['twee']);
		for (const u of updates.splice(0)) store.append('agenda-aaaaaaaa', u);
		const { doc: loaded, lastUpdateId } = store.loadYDoc('agenda-aaaaaaaa');
		store.compact('agenda-aaaaaaaa', Y.encodeStateAsUpdate(loaded), lastUpdateId);
		expect(store.countUpdates('agenda-aaaaaaaa')).toBe(0);

		source.getArray('cards').push(['drie']);
		for (const u of updates.splice(0)) store.append('agenda-aaaaaaaa', u);
		expect(store.countUpdates('agenda-aaaaaaaa')).toBe(1);
		expect(store.loadYDoc('agenda-aaaaaaaa').doc.getArray('cards').toJSON()).toEqual(['een', 'twee', 'drie']);
	});

	test('compaction keeps updates appended after the compacted point', () => {
		const { store } = freshStore();
		const source = new Y.Doc();
		const updates = collectUpdates(source);
		source.getMap('m').set('a', 1);
		const firstId = store.append('d-aaaaaaaa', updates[0]);
		const stateAtFirst = Y.encodeStateAsUpdate(source);
		source.getMap('m').set('b', 2);
		store.append('d-aaaaaaaa', updates[1]);
		store.compact('d-aaaaaaaa', stateAtFirst, firstId);
		expect(store.loadYDoc('d-aaaaaaaa').doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
	});

	test('replace drops the whole history, so deleted text is gone from the stored rows', () => {
		const { store, db } = freshStore();
		const source = new Y.Doc();
		const updates = collectUpdates(source);
		source.getText('t').insert(0, 'geheime tekst');
		for (const u of updates.splice(0)) store.append('d-bbbbbbbb', u);
		const clean = new Y.Doc();
		clean.getText('t').insert(0, 'schoon');
		store.replace('d-bbbbbbbb', Y.encodeStateAsUpdate(clean));
		const blobs = db.prepare('SELECT data AS b FROM ydoc_updates UNION ALL SELECT state FROM ydoc_snapshots').all() as { b: Buffer }[];
		expect(blobs.some(({ b }) => b.includes(Buffer.from('geheime')))).toBe(false);
		expect(store.loadYDoc('d-bbbbbbbb').doc.getText('t').toString()).toBe('schoon');
	});

	test('an unwritable data directory fails with a clear message', () => {
		const file = path.join(os.tmpdir(), `wijktafel-not-a-dir-${process.pid}`);
		fs.writeFileSync(file, 'x');
		try {
			expect(() => openDatabase(path.join(file, 'sub'))).toThrow(/DATA_DIR .* is not writable/);
		} finally {
			fs.rmSync(file);
		}
	});
});

describe('bytes on disk', () => {
	test('after compaction the database file holds little more than the encoded state', () => {
		const { store, db, dir } = freshStore();
		db.pragma('wal_checkpoint(TRUNCATE)');
		// An empty Wijktafel database: the schema's pages (each table and index takes at least one).
		const empty = fs.statSync(path.join(dir, 'wijktafel.sqlite')).size;
		const source = new Y.Doc();
		const updates = collectUpdates(source);
		const cards = source.getMap('cards');
		for (let i = 0; i < 3000; i++) cards.set(`kaart-${i}`, `Kaartje nummer ${i}: meer bankjes en een huiskamer in de buurt`);
		for (const u of updates.splice(0)) store.append('agenda-disk0000', u);
		const { doc, lastUpdateId } = store.loadYDoc('agenda-disk0000');
		const state = Y.encodeStateAsUpdate(doc);
		store.compact('agenda-disk0000', state, lastUpdateId);
		db.pragma('wal_checkpoint(TRUNCATE)');
		const onDisk = fs.statSync(path.join(dir, 'wijktafel.sqlite')).size;
		// Beyond the schema's own pages, what is on disk should be the snapshot.
		expect(onDisk - empty).toBeLessThan(1.5 * state.length + 16 * 1024);
	});
});
