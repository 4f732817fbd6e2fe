import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { PendingWrites, clocksInUpdate, type PendingStore, type PendingWrite } from '../../../src/lib/sync/pending-writes.ts';

function memoryStore(initial: PendingWrite[] = []): PendingStore & { saved: PendingWrite[] } {
	const store = {
		saved: initial,
		load: () => store.saved,
		save: (writes: readonly PendingWrite[]) => void (store.saved = [...writes])
	};
	return store;
}

describe('PendingWrites', () => {
	test('a write is pending until the server clock of its client reaches it; a later write of the key waits again', () => {
		const doc = new Y.Doc();
		const store = memoryStore();
		const pending = new PendingWrites(store);
		doc.getMap('cards').set('a', 'eerste');
		pending.record('card:a', doc);
		const afterFirst = Y.getState(doc.store, doc.clientID);
		doc.getMap('cards').set('b', 'tweede');
		pending.record('card:b', doc);

		expect(pending.confirm(new Map([[doc.clientID, afterFirst - 1]]))).toEqual([]);
		expect(pending.confirm(new Map([[doc.clientID, afterFirst]]))).toEqual(['card:a']);
		expect(pending.keys()).toEqual(['card:b']);
		expect(store.saved.map((write) => write.key)).toEqual(['card:b']);
		// Another client's clocks say nothing about ours.
		expect(pending.confirm(new Map([[doc.clientID + 1, 1_000]]))).toEqual([]);
	});

	test('kept across a reload (a new doc has a new clientID, the old write still counts by its own)', () => {
		const old = new Y.Doc();
		old.getMap('cards').set('a', 'offline');
		const store = memoryStore();
		new PendingWrites(store).record('card:a', old);
		const reloaded = new PendingWrites(store);
		expect(reloaded.has('card:a')).toBe(true);
		expect(reloaded.confirm(new Map([[old.clientID, Y.getState(old.store, old.clientID)]]))).toEqual(['card:a']);
	});

	test('the question claims one clock less of pending clients, so the answer holds exactly what the server has of them', () => {
		const phone = new Y.Doc();
		const serverDoc = new Y.Doc();
		phone.getMap('cards').set('a', 'al verstuurd');
		Y.applyUpdate(serverDoc, Y.encodeStateAsUpdate(phone));
		const pending = new PendingWrites(memoryStore());
		phone.getMap('cards').set('b', 'nog niet verstuurd');
		pending.record('card:b', phone);

		const question = pending.question(phone);
		expect(question.get(phone.clientID)).toBe(Y.getState(phone.store, phone.clientID) - 1);
		// The server lacks card b: its answer holds nothing up to our write's clock.
		const before = clocksInUpdate(Y.encodeStateAsUpdate(serverDoc, Y.encodeStateVector(question)));
		expect(pending.confirm(before)).toEqual([]);
		// Once it has it, the answer shows it.
		Y.applyUpdate(serverDoc, Y.encodeStateAsUpdate(phone));
		const after = clocksInUpdate(Y.encodeStateAsUpdate(serverDoc, Y.encodeStateVector(question)));
		expect(pending.confirm(after)).toEqual(['card:b']);
	});

	test('clear hands back what was left and empties the store', () => {
		const doc = new Y.Doc();
		doc.getMap('cards').set('a', 'x');
		const store = memoryStore();
		const pending = new PendingWrites(store);
		pending.record('card:a', doc);
		expect(pending.clear().map((write) => write.key)).toEqual(['card:a']);
		expect(pending.size).toBe(0);
		expect(store.saved).toEqual([]);
	});
});
