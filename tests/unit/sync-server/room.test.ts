import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { YDocStore } from '../../../src/lib/server/ydoc-store.ts';
import { createLogger } from '../../../src/lib/server/log.ts';
import { Room, type RoomMember } from '../../../server/sync/room.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../../server/sync/protocol.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

function openRoom(): { room: Room; store: YDocStore } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-room-'));
	const db: Db = openDatabase(dir);
	const store = new YDocStore(db);
	const room = new Room('agenda-aaaaaaaa', store, {
		compactAfterUpdates: 10_000,
		logger: createLogger('error', () => {}),
		onPersistenceFailure: () => {
			throw new Error('unexpected persistence failure');
		}
	});
	cleanups.push(() => {
		room.destroy();
		db.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});
	return { room, store };
}

/** A member that records what the room sends it, decoded as a client would. */
class RecordingMember implements RoomMember {
	readonly awarenessIds = new Set<number>();
	readonly received: Uint8Array[] = [];
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	updateMessages = 0;
	awarenessMessages = 0;
	constructor() {
		// Only what others announce should show up here.
		this.awareness.setLocalState(null);
	}
	send(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const kind = decoding.readVarUint(decoder);
		if (kind === MESSAGE_SYNC) {
			this.updateMessages++;
			syncProtocol.readSyncMessage(decoder, { length: 0 } as never, this.doc, 'room');
		} else if (kind === MESSAGE_AWARENESS) {
			this.awarenessMessages++;
			awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'room');
		}
	}
}

function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

function updateFrom(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getArray('cards').push([text]);
	return Y.encodeStateAsUpdate(doc);
}

test('the first update of a turn goes out at once; the rest of that turn reaches each member as one message', async () => {
	const { room, store } = openRoom();
	const members = Array.from({ length: 20 }, () => new RecordingMember());
	for (const member of members) room.join(member);
	cleanups.push(() => members.forEach((m) => m.doc.destroy()));

	// Every member sends a card in the same turn, as phones coming back from a Wi-Fi drop do.
	for (const [i, member] of members.entries()) {
		const own = updateFrom(`kaart ${i}`);
		Y.applyUpdate(member.doc, own, 'typed here');
		Y.applyUpdate(room.doc, own, member);
	}
	expect(store.countUpdates('agenda-aaaaaaaa')).toBe(20);
	// The first card is already on its way to everyone but its sender; the other 19 wait for the turn to end.
	expect(members[0].updateMessages).toBe(0);
	expect(members.slice(1).every((m) => m.updateMessages === 1 && m.doc.getArray('cards').length === 2)).toBe(true);

	await nextTurn();
	const everyCard = Array.from({ length: 20 }, (_, i) => `kaart ${i}`).sort();
	for (const member of members) {
		// Two messages at most, instead of one per other member.
		expect(member.updateMessages).toBeLessThanOrEqual(2);
		expect(member.doc.getArray('cards').toArray().sort()).toEqual(everyCard);
	}
});

test('a lone sender does not get its own update back; the others get each turn once', async () => {
	const { room } = openRoom();
	const [sender, listener] = [new RecordingMember(), new RecordingMember()];
	room.join(sender);
	room.join(listener);
	Y.applyUpdate(room.doc, updateFrom('alleen'), sender);
	Y.applyUpdate(room.doc, updateFrom('nog een'), sender);
	Y.applyUpdate(room.doc, updateFrom('en nog een'), sender);
	await nextTurn();
	expect(sender.updateMessages).toBe(0);
	expect(listener.updateMessages).toBe(2);
	expect(listener.doc.getArray('cards').length).toBe(3);
});

test('presence changes: the first at once, the rest of the turn together; and a member that leaves is announced as gone', async () => {
	const { room } = openRoom();
	const [a, b, watcher] = [new RecordingMember(), new RecordingMember(), new RecordingMember()];
	for (const member of [a, b, watcher]) room.join(member);
	for (const [member, name] of [[a, 'Anna'], [b, 'Bram']] as const) {
		const own = new awarenessProtocol.Awareness(new Y.Doc());
		own.setLocalState({ name });
		awarenessProtocol.applyAwarenessUpdate(room.awareness, awarenessProtocol.encodeAwarenessUpdate(own, [own.clientID]), member);
		own.destroy();
	}
	await nextTurn();
	expect(watcher.awarenessMessages).toBe(2);
	expect([...watcher.awareness.getStates().values()].map((s) => s.name).sort()).toEqual(['Anna', 'Bram']);

	room.leave(a);
	await nextTurn();
	expect([...watcher.awareness.getStates().values()].map((s) => s.name)).toEqual(['Bram']);
});
