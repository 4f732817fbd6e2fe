/**
 * Wire formats the bench clients speak, written from the protocol definitions (y-protocols and
 * @hocuspocus/server's MessageReceiver/OutgoingMessage) rather than through a provider, so one
 * client process can hold hundreds of connections cheaply.
 *
 *  - y-websocket (our server and @y/websocket-server): varUint message type, then the payload.
 *      0 sync      → varUint sync type (0 step 1 | 1 step 2 | 2 update), varUint8Array payload
 *      1 awareness → varUint8Array awareness update
 *  - Hocuspocus: the same messages, each prefixed with the document name as a varString; a
 *    connection must first send an Auth message (type 2, sub type 0 = token, varString token) or
 *    the server only queues what it receives. It also sends: 2 Auth (sub type 2 authenticated,
 *    1 permission denied), 4 sync reply, 7 close, 8 sync status (an ack per applied update).
 *
 * Fan-out latency is measured without decoding Yjs on the receiving side: every card's text
 * carries an ASCII marker "~bench:<phase>:<sender>:<sentMicros>~", which a Yjs update stores as
 * plain UTF-8, so the receiver finds it with a byte search in the update it got.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export type WireFlavor = 'y-websocket' | 'hocuspocus';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const HOCUSPOCUS_SYNC_REPLY = 4;
export const HOCUSPOCUS_CLOSE = 7;
export const HOCUSPOCUS_SYNC_STATUS = 8;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export const HOCUSPOCUS_AUTH_TOKEN = 0;
export const HOCUSPOCUS_AUTH_PERMISSION_DENIED = 1;
export const HOCUSPOCUS_AUTH_AUTHENTICATED = 2;

/** Starts a message: the Hocuspocus document-name prefix when needed, then the message type. */
function begin(flavor: WireFlavor, docName: string, messageType: number): encoding.Encoder {
	const encoder = encoding.createEncoder();
	if (flavor === 'hocuspocus') encoding.writeVarString(encoder, docName);
	encoding.writeVarUint(encoder, messageType);
	return encoder;
}

export function encodeSyncStep1(flavor: WireFlavor, docName: string, doc: Y.Doc): Uint8Array {
	const encoder = begin(flavor, docName, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

/** Our answer to the server's step 1: what we have that it lacks. */
export function encodeSyncStep2(flavor: WireFlavor, docName: string, doc: Y.Doc, remoteStateVector: Uint8Array): Uint8Array {
	const encoder = begin(flavor, docName, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, remoteStateVector));
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(flavor: WireFlavor, docName: string, update: Uint8Array): Uint8Array {
	const encoder = begin(flavor, docName, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_UPDATE);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/**
 * One client's awareness state, in the y-protocols awareness update format
 * (varUint count, then per client: varUint clientID, varUint clock, varString JSON state).
 * The clock must grow with every change or the server ignores the update.
 */
export function encodeAwareness(flavor: WireFlavor, docName: string, clientId: number, clock: number, state: unknown): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const encoder = begin(flavor, docName, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
	return encoding.toUint8Array(encoder);
}

/** Hocuspocus: the first message on a document; the server holds everything else until it passes. */
export function encodeHocuspocusAuth(docName: string, token: string): Uint8Array {
	const encoder = begin('hocuspocus', docName, MESSAGE_AUTH);
	encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH_TOKEN);
	encoding.writeVarString(encoder, token);
	return encoding.toUint8Array(encoder);
}

export type IncomingMessage =
	| { kind: 'sync-step-1'; stateVector: Uint8Array }
	| { kind: 'sync-step-2'; update: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness' }
	| { kind: 'authenticated' }
	| { kind: 'permission-denied'; reason: string }
	| { kind: 'closed-by-server'; reason: string }
	| { kind: 'other'; messageType: number };

/** Decodes what a server sends; payloads are views into `bytes`, not copies. Throws on malformed input. */
export function decodeIncoming(flavor: WireFlavor, bytes: Uint8Array): IncomingMessage {
	const decoder = decoding.createDecoder(bytes);
	if (flavor === 'hocuspocus') decoding.readVarString(decoder);
	const messageType = decoding.readVarUint(decoder);
	switch (messageType) {
		case MESSAGE_SYNC:
		case HOCUSPOCUS_SYNC_REPLY: {
			const syncType = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (syncType === SYNC_STEP_1) return { kind: 'sync-step-1', stateVector: payload };
			if (syncType === SYNC_STEP_2) return { kind: 'sync-step-2', update: payload };
			if (syncType === SYNC_UPDATE) return { kind: 'update', update: payload };
			throw new Error(`unknown sync message type ${syncType}`);
		}
		case MESSAGE_AWARENESS:
			return { kind: 'awareness' };
		case MESSAGE_AUTH: {
			if (flavor !== 'hocuspocus') return { kind: 'other', messageType };
			const authType = decoding.readVarUint(decoder);
			if (authType === HOCUSPOCUS_AUTH_AUTHENTICATED) return { kind: 'authenticated' };
			if (authType === HOCUSPOCUS_AUTH_PERMISSION_DENIED) return { kind: 'permission-denied', reason: decoding.readVarString(decoder) };
			return { kind: 'other', messageType };
		}
		case HOCUSPOCUS_CLOSE:
			if (flavor !== 'hocuspocus') return { kind: 'other', messageType };
			return { kind: 'closed-by-server', reason: decoding.readVarString(decoder) };
		default:
			return { kind: 'other', messageType };
	}
}

const MARKER_PREFIX = '~bench:';
const MARKER_PREFIX_BYTES = Buffer.from(MARKER_PREFIX, 'latin1');
const MARKER_END = '~'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
const DIGIT_0 = '0'.charCodeAt(0);

export interface CardMarker {
	phase: number;
	sender: number;
	sentMicros: number;
}

export function cardMarker({ phase, sender, sentMicros }: CardMarker): string {
	return `${MARKER_PREFIX}${phase}:${sender}:${Math.round(sentMicros)}~`;
}

/**
 * Card text of about `targetBytes` bytes: the marker, then filler. The filler is plain Dutch, not
 * random, because real card texts are words and Yjs stores them as they are.
 */
export function cardText(marker: CardMarker, targetBytes = 100): string {
	const head = cardMarker(marker);
	const filler = ' Meer bankjes en schaduw op het plein bij de school, en een veilige oversteek.';
	let text = head;
	while (text.length < targetBytes) text += filler;
	return text.slice(0, Math.max(head.length, targetBytes));
}

/**
 * Calls `onMarker` for every card marker in `bytes`. Returns how many it found. Ignores anything
 * that merely looks like a marker but does not parse, so a stray "~bench:" cannot crash a client.
 */
export function scanCardMarkers(bytes: Uint8Array, onMarker: (marker: CardMarker) => void): number {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let found = 0;
	let from = 0;
	for (let guard = 0; guard < 100_000; guard++) {
		const start = buffer.indexOf(MARKER_PREFIX_BYTES, from);
		if (start < 0) break;
		let position = start + MARKER_PREFIX_BYTES.length;
		const fields: number[] = [0, 0, 0];
		let field = 0;
		let digits = 0;
		let ok = false;
		// Three decimal fields separated by ':' and closed by '~'; at most 20 digits each.
		for (; position < buffer.length && position - start < 80; position++) {
			const byte = buffer[position];
			if (byte >= DIGIT_0 && byte <= DIGIT_0 + 9) {
				fields[field] = fields[field] * 10 + (byte - DIGIT_0);
				digits++;
			} else if (byte === COLON && digits > 0 && field < 2) {
				field++;
				digits = 0;
			} else {
				ok = byte === MARKER_END && digits > 0 && field === 2;
				break;
			}
		}
		if (ok) {
			found++;
			onMarker({ phase: fields[0], sender: fields[1], sentMicros: fields[2] });
		}
		from = Math.max(position, start + 1);
	}
	return found;
}

/**
 * Microseconds on the machine's monotonic clock. process.hrtime uses CLOCK_MONOTONIC, which on
 * Linux is one clock for all processes: a timestamp taken in one client process can be subtracted
 * from one taken in another.
 */
export function monotonicMicros(): number {
	return Number(process.hrtime.bigint() / 1000n);
}
