/**
 * Presence (y-protocols awareness) with rules, so the "people present" count on the projector and the
 * phones is the number of distinct people connected now, and no client can fake a crowd:
 *  - one presence id per connection: the first client id a connection announces is bound to it;
 *    entries for any other id (or an id another connection holds) are dropped;
 *  - a state of at most `maxStateBytes` (its JSON); bigger states are dropped;
 *  - no presence from read-only connections, except their own: participants only read the workshop
 *    doc, yet that is where they say they are there, and a projector link says it is on (the
 *    facilitator's readiness check shows "scherm verbonden"); it counts as a projector, never as a
 *    person present;
 *  - a state's `user.kind` must be the connection's own kind (a participant cannot pose as staff);
 *  - one presence per person in a room: when someone has the doc open twice (the workshop page and
 *    the map page), only one connection's state is shown; the others are held here and the next one
 *    is shown when the shown one leaves.
 * Leaving (the socket closes) removes the state at once, so the count drops within a turn.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RoomMember } from './room.ts';

export interface PresenceMember extends RoomMember {
	readonly canWrite: boolean;
	/** Who this is, e.g. "participant:abc": the same person on two sockets has the same value. */
	readonly person: string;
}

interface Entry {
	clientId: number;
	clock: number;
	/** The state's JSON as received ("null" for a removal). */
	json: string;
}

interface RoomPresence {
	/** client id → the connection it is bound to. */
	owners: Map<number, PresenceMember>;
	/** connection → its last accepted entry. */
	latest: Map<PresenceMember, Entry>;
	/** person → the connection whose state is shown. */
	shown: Map<string, PresenceMember>;
}

export interface PresenceOptions {
	maxStateBytes: number;
}

export class PresenceGate {
	readonly #rooms = new WeakMap<awarenessProtocol.Awareness, RoomPresence>();
	readonly #maxStateBytes: number;

	constructor(options: PresenceOptions) {
		this.#maxStateBytes = options.maxStateBytes;
	}

	/** An awareness message from `member`: what the rules allow is applied to the room's awareness. */
	receive(awareness: awarenessProtocol.Awareness, member: PresenceMember, update: Uint8Array): void {
		if (!member.canWrite && !PEOPLE.has(kindOf(member))) return;
		const room = this.#room(awareness);
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		for (let i = 0; i < count; i++) {
			const entry: Entry = {
				clientId: decoding.readVarUint(decoder),
				clock: decoding.readVarUint(decoder),
				json: decoding.readVarString(decoder)
			};
			if (this.#acceptable(room, member, entry)) this.#accept(awareness, room, member, entry);
		}
	}

	/** After the room removed `member`'s states: show the person's next connection, if they have one. */
	leave(awareness: awarenessProtocol.Awareness, member: PresenceMember): void {
		const room = this.#rooms.get(awareness);
		if (!room) return;
		const entry = room.latest.get(member);
		room.latest.delete(member);
		if (entry) room.owners.delete(entry.clientId);
		if (room.shown.get(member.person) !== member) return;
		room.shown.delete(member.person);
		this.#showNext(awareness, room, member.person);
	}

	#room(awareness: awarenessProtocol.Awareness): RoomPresence {
		let room = this.#rooms.get(awareness);
		if (!room) {
			room = { owners: new Map(), latest: new Map(), shown: new Map() };
			this.#rooms.set(awareness, room);
		}
		return room;
	}

	#acceptable(room: RoomPresence, member: PresenceMember, entry: Entry): boolean {
		const bound = room.latest.get(member)?.clientId;
		if (bound !== undefined && bound !== entry.clientId) return false;
		const owner = room.owners.get(entry.clientId);
		if (owner !== undefined && owner !== member) return false;
		if (Buffer.byteLength(entry.json) > this.#maxStateBytes) return false;
		let state: unknown;
		try {
			state = JSON.parse(entry.json);
		} catch {
			return false;
		}
		if (state === null) return true;
		if (typeof state !== 'object' || Array.isArray(state)) return false;
		const user = (state as { user?: unknown }).user;
		if (user === undefined) return true;
		const kind = typeof user === 'object' && user !== null ? (user as { kind?: unknown }).kind : undefined;
		return kind === undefined || kind === kindOf(member);
	}

	#accept(awareness: awarenessProtocol.Awareness, room: RoomPresence, member: PresenceMember, entry: Entry): void {
		room.owners.set(entry.clientId, member);
		room.latest.set(member, entry);
		const shown = room.shown.get(member.person);
		if (shown !== undefined && shown !== member) return; // held: the person is shown by another connection
		const removal = entry.json === 'null';
		if (removal) {
			if (shown === member) room.shown.delete(member.person);
			apply(awareness, member, entry);
			this.#showNext(awareness, room, member.person);
		} else {
			room.shown.set(member.person, member);
			apply(awareness, member, entry);
		}
	}

	#showNext(awareness: awarenessProtocol.Awareness, room: RoomPresence, person: string): void {
		for (const [other, entry] of room.latest) {
			if (other.person !== person || entry.json === 'null') continue;
			room.shown.set(person, other);
			apply(awareness, other, entry);
			return;
		}
	}
}

/** Kinds of connection that may say they are present even when they only read (their own state only). */
const PEOPLE = new Set(['participant', 'staff', 'projector']);

function kindOf(member: PresenceMember): string {
	return member.person.split(':')[0];
}

function apply(awareness: awarenessProtocol.Awareness, member: PresenceMember, entry: Entry): void {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint(encoder, entry.clientId);
	encoding.writeVarUint(encoder, entry.clock);
	encoding.writeVarString(encoder, entry.json);
	awarenessProtocol.applyAwarenessUpdate(awareness, encoding.toUint8Array(encoder), member);
}
