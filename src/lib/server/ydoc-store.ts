/**
 * Durable storage of Yjs documents: one snapshot per doc plus an append-only log of updates.
 * The sync server appends every accepted update here before it broadcasts it, so whatever a client
 * has received is already on disk.
 */
import * as Y from 'yjs';
import type { Db } from './db.ts';
import { countStoredUpdate } from './metrics.ts';

export interface StoredDoc {
	/** The snapshot first (if any), then every later update in order. */
	updates: Uint8Array[];
	/** Id of the last log row included; compaction may delete rows up to it. */
	lastUpdateId: number;
}

export class YDocStore {
	readonly #db: Db;
	readonly #statements;

	constructor(db: Db) {
		this.#db = db;
		this.#statements = {
			snapshot: db.prepare<[string], { state: Buffer }>('SELECT state FROM ydoc_snapshots WHERE doc_name = ?'),
			updates: db.prepare<[string], { id: number; data: Buffer }>(
				'SELECT id, data FROM ydoc_updates WHERE doc_name = ? ORDER BY id'
			),
			append: db.prepare<[string, Buffer, number]>('INSERT INTO ydoc_updates (doc_name, data, created_at) VALUES (?, ?, ?)'),
			countUpdates: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM ydoc_updates WHERE doc_name = ?'),
			upsertSnapshot: db.prepare<[string, Buffer, number]>(
				`INSERT INTO ydoc_snapshots (doc_name, state, updated_at) VALUES (?, ?, ?)
				 ON CONFLICT(doc_name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`
			),
			deleteUpTo: db.prepare<[string, number]>('DELETE FROM ydoc_updates WHERE doc_name = ? AND id <= ?'),
			deleteAll: db.prepare<[string]>('DELETE FROM ydoc_updates WHERE doc_name = ?'),
			deleteSnapshot: db.prepare<[string]>('DELETE FROM ydoc_snapshots WHERE doc_name = ?'),
			exists: db.prepare<[string, string], { one: number }>(
				`SELECT 1 AS one FROM ydoc_snapshots WHERE doc_name = ?
				 UNION ALL SELECT 1 FROM ydoc_updates WHERE doc_name = ? LIMIT 1`
			)
		};
	}

	/** Snapshot and later updates, read in one transaction so a concurrent compaction cannot split them. */
	load(docName: string): StoredDoc {
		return this.#db.transaction((): StoredDoc => {
			const updates: Uint8Array[] = [];
			const snapshot = this.#statements.snapshot.get(docName);
			if (snapshot) updates.push(new Uint8Array(snapshot.state));
			let lastUpdateId = 0;
			for (const row of this.#statements.updates.iterate(docName)) {
				updates.push(new Uint8Array(row.data));
				lastUpdateId = row.id;
			}
			return { updates, lastUpdateId };
		})();
	}

	/** Builds a fresh Y.Doc from storage. Applying in one transaction is much faster than Y.mergeUpdates on long logs. */
	loadYDoc(docName: string, doc: Y.Doc = new Y.Doc({ gc: true })): { doc: Y.Doc; lastUpdateId: number } {
		return YDocStore.toYDoc(this.load(docName), doc);
	}

	static toYDoc(stored: StoredDoc, doc: Y.Doc = new Y.Doc({ gc: true })): { doc: Y.Doc; lastUpdateId: number } {
		Y.transact(doc, () => {
			for (const update of stored.updates) Y.applyUpdate(doc, update);
		});
		return { doc, lastUpdateId: stored.lastUpdateId };
	}

	exists(docName: string): boolean {
		return this.#statements.exists.get(docName, docName) !== undefined;
	}

	append(docName: string, update: Uint8Array): number {
		const result = this.#statements.append.run(docName, Buffer.from(update), Date.now());
		countStoredUpdate(update.byteLength);
		return Number(result.lastInsertRowid);
	}

	countUpdates(docName: string): number {
		return this.#statements.countUpdates.get(docName)?.n ?? 0;
	}

	/** Replaces snapshot + log rows up to `upToId` by one snapshot of `state` (which must include them). */
	compact(docName: string, state: Uint8Array, upToId: number): void {
		this.#db.transaction(() => {
			this.#statements.upsertSnapshot.run(docName, Buffer.from(state), Date.now());
			this.#statements.deleteUpTo.run(docName, upToId);
		})();
		this.#releaseFreePages();
	}

	/** Gives pages freed by deleted log rows back to the file system (see auto_vacuum in db.ts). */
	#releaseFreePages(): void {
		this.#db.pragma('incremental_vacuum');
	}

	/** Replaces the whole stored history with `state`: used to restore a version or to forget a participant. */
	replace(docName: string, state: Uint8Array): void {
		this.#db.transaction(() => {
			this.#statements.upsertSnapshot.run(docName, Buffer.from(state), Date.now());
			this.#statements.deleteAll.run(docName);
		})();
		this.#releaseFreePages();
	}

	delete(docName: string): void {
		this.#db.transaction(() => {
			this.#statements.deleteSnapshot.run(docName);
			this.#statements.deleteAll.run(docName);
		})();
	}
}
