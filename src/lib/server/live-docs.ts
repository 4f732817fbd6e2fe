/**
 * What the rest of the server needs from the live Yjs documents. The sync server implements it when
 * it runs in this process; `StoredDocs` is the fallback for the CLI, which must not write docs a
 * running server holds in memory (the server would overwrite them at its next compaction).
 */
import * as Y from 'yjs';
import type { YDocStore } from './ydoc-store.ts';

export interface LiveDocs {
	/** A change by the server itself: persisted and broadcast like a client's. */
	change(docName: string, mutate: (doc: Y.Doc) => void): void;
	encodeState(docName: string): Uint8Array;
	/** Reads a doc without copying it when it is loaded; `inspect` must not keep or change the doc. */
	read<T>(docName: string, inspect: (doc: Y.Doc) => T): T;
	/** Replace the whole history; connected clients are told to reload. */
	replace(docName: string, state: Uint8Array): void;
	/** Re-decide open connections' access after a permission-relevant change. */
	revalidate(filter?: (docName: string) => boolean): void;
}

export class StoredDocs implements LiveDocs {
	constructor(private readonly store: YDocStore) {}

	change(docName: string, mutate: (doc: Y.Doc) => void): void {
		const { doc } = this.store.loadYDoc(docName);
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		Y.transact(doc, () => mutate(doc), 'server');
		for (const update of updates) this.store.append(docName, update);
		doc.destroy();
	}

	encodeState(docName: string): Uint8Array {
		const { doc } = this.store.loadYDoc(docName);
		try {
			return Y.encodeStateAsUpdate(doc);
		} finally {
			doc.destroy();
		}
	}

	read<T>(docName: string, inspect: (doc: Y.Doc) => T): T {
		const { doc } = this.store.loadYDoc(docName);
		try {
			return inspect(doc);
		} finally {
			doc.destroy();
		}
	}

	replace(docName: string, state: Uint8Array): void {
		this.store.replace(docName, state);
	}

	revalidate(): void {
		// No sockets in this process.
	}
}
