/**
 * What every live view of a doc (LiveAgenda, LiveWorkshop, the step and map views) does to keep its
 * Svelte state in step with Yjs. The `readAndObserve*` helpers return the matching unobserve, so they
 * fit straight into the callback of `DocConnection.bind`, which runs again for the fresh doc after a
 * server reset (4409).
 */
import type * as Y from 'yjs';

interface Observable {
	observe(observer: () => void): void;
	unobserve(observer: () => void): void;
	observeDeep(observer: () => void): void;
	unobserveDeep(observer: () => void): void;
}

/** Calls `read` now and after every change to `type`'s own entries; returns the way to stop. */
export function readAndObserve(type: Observable, read: () => void): () => void {
	read();
	type.observe(read);
	return () => type.unobserve(read);
}

/** Calls `read` now and after every change to `type` or anything nested in it; returns the way to stop. */
export function readAndObserveDeep(type: Observable, read: () => void): () => void {
	read();
	type.observeDeep(read);
	return () => type.unobserveDeep(read);
}

/**
 * Listeners for items that other people added while we are synced: not the first load or a resync
 * (that is history, not news), and not our own writes (we know about those already).
 */
export class ArrivalListeners<Item> {
	#listeners = new Set<(arrived: Item[]) => void>();

	add(listener: (arrived: Item[]) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Passes `arrived` on when it is news by the rule above. */
	announce(arrived: Item[], transaction: Y.Transaction, connection: { readonly synced: boolean }): void {
		if (arrived.length === 0 || transaction.local || !connection.synced) return;
		for (const listener of this.#listeners) listener(arrived);
	}

	clear(): void {
		this.#listeners.clear();
	}
}
