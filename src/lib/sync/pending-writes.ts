/**
 * Which of this phone's own writes the server has, so a card written offline can say "nog niet
 * verstuurd" until it is really there, and not one moment longer.
 *
 * Every Yjs write of a client gets clocks; after a write, `Y.getState(doc.store, doc.clientID)` is
 * the clock up to which that client's writes exist. The server has the write once its state vector
 * for that clientID reaches it. We learn the server's clocks in two ways:
 *  - the server's sync step 1 (its state vector), sent at connect and, with the write policy, shortly
 *    after it accepted a connection's writes;
 *  - our own question: a sync step 1 that claims slightly less than we have of the pending clients.
 *    The server answers with step 2: exactly the structs it has from there on, whose ends are its
 *    clocks. That answer is true even from a server that silently drops a read-only client's writes.
 *
 * A write is remembered by key (e.g. "card:<id>"), with the clientID and clock of its latest change;
 * the list is persisted (localStorage) so a reload while offline still knows what was not sent, even
 * though the reloaded Y.Doc has a new clientID.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { storedList, type StoredList } from './stored-list.ts';

/** y-websocket's message type for sync messages. */
export const MESSAGE_SYNC = 0;

export interface PendingWrite {
	key: string;
	client: number;
	clock: number;
}

export type PendingStore = StoredList<PendingWrite>;

export type StateVector = ReadonlyMap<number, number>;

export function isPendingWrite(value: unknown): value is PendingWrite {
	if (typeof value !== 'object' || value === null) return false;
	const write = value as Record<string, unknown>;
	return typeof write.key === 'string' && Number.isSafeInteger(write.client) && Number.isSafeInteger(write.clock);
}

/** localStorage when there is one; otherwise (server rendering, tests without it) memory only. */
export function localPendingStore(name: string): PendingStore {
	return storedList(name, isPendingWrite);
}

export class PendingWrites {
	#writes = new Map<string, PendingWrite>();
	readonly #store: PendingStore;

	constructor(store: PendingStore) {
		this.#store = store;
		for (const write of store.load()) this.#writes.set(write.key, write);
	}

	get size(): number {
		return this.#writes.size;
	}

	keys(): string[] {
		return [...this.#writes.keys()];
	}

	all(): PendingWrite[] {
		return [...this.#writes.values()];
	}

	has(key: string): boolean {
		return this.#writes.has(key);
	}

	/** The latest change of `key` was just made in `doc`. */
	record(key: string, doc: Y.Doc): void {
		this.#writes.set(key, { key, client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) });
		this.#store.save(this.all());
	}

	/** The server has everything up to `serverClocks`; returns the keys that are now sent. */
	confirm(serverClocks: StateVector): string[] {
		const sent: string[] = [];
		for (const write of this.#writes.values()) {
			if ((serverClocks.get(write.client) ?? 0) >= write.clock) sent.push(write.key);
		}
		if (sent.length === 0) return sent;
		for (const key of sent) this.#writes.delete(key);
		this.#store.save(this.all());
		return sent;
	}

	/** Forget everything (after the local doc was dropped); returns what was still pending. */
	clear(): PendingWrite[] {
		const left = this.all();
		this.#writes.clear();
		this.#store.save([]);
		return left;
	}

	/**
	 * The state vector to ask the server with: ours, but for each client with pending writes one
	 * clock below the earliest one, so the server's answer holds those structs if (and only if) it has them.
	 */
	question(doc: Y.Doc): Map<number, number> {
		const vector = Y.decodeStateVector(Y.encodeStateVector(doc));
		const lowest = new Map<number, number>();
		for (const write of this.#writes.values()) {
			const current = lowest.get(write.client);
			if (current === undefined || write.clock < current) lowest.set(write.client, write.clock);
		}
		for (const [client, clock] of lowest) vector.set(client, Math.max(0, clock - 1));
		return vector;
	}
}

/** The clocks up to which an update holds each client's structs (skips are holes, not content). */
export function clocksInUpdate(update: Uint8Array): Map<number, number> {
	const clocks = new Map<number, number>();
	for (const struct of Y.decodeUpdate(update).structs) {
		if (struct instanceof Y.Skip) continue;
		const end = struct.id.clock + struct.length;
		if (end > (clocks.get(struct.id.client) ?? 0)) clocks.set(struct.id.client, end);
	}
	return clocks;
}

/** A sync step 1 message (y-protocols framing) with the given state vector. */
export function encodeQuestion(vector: Map<number, number>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(vector));
	return encoding.toUint8Array(encoder);
}
