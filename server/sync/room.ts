/**
 * One loaded document: its Y.Doc, awareness and the sockets on it. Every update is appended to the
 * store before it is broadcast; the log is folded into the snapshot when it grows or the room empties.
 *
 * Broadcasts are coalesced per turn of the event loop: the first update (and presence change) of a
 * turn goes out at once, so a lone card costs no extra wait; whatever else arrives in the same turn
 * goes out together as one merged message when the turn ends. When 200 phones come back from a
 * Wi-Fi drop at once, each phone then receives a handful of messages instead of one per other phone.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { YDocStore, type StoredDoc } from '../../src/lib/server/ydoc-store.ts';
import type { Logger } from '../../src/lib/server/log.ts';
import { encodeAwareness, encodeUpdate } from './protocol.ts';

export interface RoomMember {
	/** Awareness client ids this member has announced; removed when it leaves. */
	readonly awarenessIds: Set<number>;
	send(message: Uint8Array): void;
}

export interface RoomOptions {
	compactAfterUpdates: number;
	logger: Logger;
	/** Called when persisting fails: the room's memory may then be ahead of the disk and must be dropped. */
	onPersistenceFailure(room: Room, error: unknown): void;
}

export class Room {
	readonly name: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly members = new Set<RoomMember>();
	#store: YDocStore;
	#options: RoomOptions;
	#lastUpdateId: number;
	#updatesSinceCompaction: number;
	#compactionScheduled = false;
	#broken = false;
	/** Whether this turn already broadcast an update / a presence change at once. */
	#updateSentThisTurn = false;
	#awarenessSentThisTurn = false;
	#turnEndScheduled = false;
	#changes = 0;
	/** Updates stored but not yet broadcast, and who sent them (a member, or another origin). */
	#pendingUpdates: Uint8Array[] = [];
	#pendingOrigins = new Set<unknown>();
	/** Awareness client ids changed since the last broadcast. */
	#pendingAwareness = new Set<number>();

	/** `stored`: what the store holds for this doc, when the caller has read it already. */
	constructor(name: string, store: YDocStore, options: RoomOptions, stored: StoredDoc = store.load(name)) {
		this.name = name;
		this.#store = store;
		this.#options = options;
		const { doc, lastUpdateId } = YDocStore.toYDoc(stored);
		this.doc = doc;
		this.#lastUpdateId = lastUpdateId;
		this.#updatesSinceCompaction = store.countUpdates(name);
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server is not a participant: it announces no presence of its own.
		this.awareness.setLocalState(null);
		doc.on('update', this.#onDocUpdate);
		this.awareness.on('update', this.#onAwarenessUpdate);
	}

	get broken(): boolean {
		return this.#broken;
	}

	/** Updates that changed the doc so far (Yjs emits none for an update that brings nothing new). */
	get changes(): number {
		return this.#changes;
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#changes++;
		if (this.#broken) return;
		try {
			this.#lastUpdateId = this.#store.append(this.name, update);
		} catch (error) {
			this.#broken = true;
			this.#options.onPersistenceFailure(this, error);
			return;
		}
		if (this.#updateSentThisTurn) {
			this.#pendingUpdates.push(update);
			this.#pendingOrigins.add(origin);
		} else {
			this.#updateSentThisTurn = true;
			this.#broadcastUpdates([update], new Set([origin]));
		}
		this.#endTurnSoon();
		this.#updatesSinceCompaction++;
		if (this.#updatesSinceCompaction >= this.#options.compactAfterUpdates) this.#scheduleCompaction();
	};

	#onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		if (origin && this.members.has(origin as RoomMember)) {
			const ids = (origin as RoomMember).awarenessIds;
			for (const id of added) ids.add(id);
			for (const id of removed) ids.delete(id);
		}
		const changed = [...added, ...updated, ...removed];
		if (this.#awarenessSentThisTurn) {
			for (const id of changed) this.#pendingAwareness.add(id);
		} else {
			this.#awarenessSentThisTurn = true;
			this.#broadcastAwareness(changed);
		}
		this.#endTurnSoon();
	};

	#endTurnSoon(): void {
		if (this.#turnEndScheduled) return;
		this.#turnEndScheduled = true;
		// setImmediate runs after the poll phase, so every message read from the sockets in this turn is in the batch.
		setImmediate(this.#endTurn);
	}

	/** Sends what waited during this turn, and lets the next turn's first message go out at once again. */
	#endTurn = (): void => {
		this.#turnEndScheduled = false;
		this.#updateSentThisTurn = false;
		this.#awarenessSentThisTurn = false;
		const updates = this.#pendingUpdates;
		const origins = this.#pendingOrigins;
		const awarenessIds = [...this.#pendingAwareness];
		this.#pendingUpdates = [];
		this.#pendingOrigins = new Set();
		this.#pendingAwareness.clear();
		if (this.#broken) return;
		if (updates.length > 0) this.#broadcastUpdates(updates, origins);
		if (awarenessIds.length > 0) this.#broadcastAwareness(awarenessIds);
	};

	#broadcastUpdates(updates: Uint8Array[], origins: Set<unknown>): void {
		const message = encodeUpdate(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
		// A lone sender need not hear its own update back; in a mixed batch everyone gets the whole
		// batch (applying one's own update again changes nothing, as with the stock y-websocket server).
		const skip = origins.size === 1 ? [...origins][0] : undefined;
		for (const member of this.members) if (member !== skip) member.send(message);
	}

	#broadcastAwareness(clientIds: number[]): void {
		const message = encodeAwareness(this.awareness, clientIds);
		for (const member of this.members) member.send(message);
	}

	#scheduleCompaction(): void {
		if (this.#compactionScheduled) return;
		this.#compactionScheduled = true;
		// After the current message: compaction encodes the whole doc, which should not delay the broadcast.
		setImmediate(() => {
			this.#compactionScheduled = false;
			this.compact();
		});
	}

	/** Folds the update log into one snapshot of the in-memory doc (which already contains every logged update). */
	compact(): void {
		if (this.#broken || this.#updatesSinceCompaction === 0) return;
		try {
			this.#store.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.#lastUpdateId);
			this.#updatesSinceCompaction = 0;
		} catch (error) {
			// Not fatal: the log still holds every update; we try again next time.
			this.#options.logger.error('compaction failed', { doc: this.name, error });
		}
	}

	join(member: RoomMember): void {
		this.members.add(member);
	}

	leave(member: RoomMember): void {
		if (!this.members.delete(member)) return;
		if (member.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...member.awarenessIds], null);
		}
	}

	destroy(): void {
		// A destroyed room never writes again (a scheduled compaction might otherwise still run).
		this.#broken = true;
		this.doc.off('update', this.#onDocUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
