/**
 * The y-websocket wire format, as the stock `WebsocketProvider` speaks it:
 * a varUint message type, then the payload of y-protocols' sync or awareness messages.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes. 4400–4499 make the stock client stop retrying; 4500–4599 mean "try again later". */
export const CLOSE = {
	MALFORMED: { code: 4400, reason: 'malformed message' },
	UNAUTHENTICATED: { code: 4401, reason: 'unknown or expired token' },
	FORBIDDEN: { code: 4403, reason: 'no access to this document' },
	NOT_FOUND: { code: 4404, reason: 'unknown document' },
	TOO_MANY_MESSAGES: { code: 4529, reason: 'too many messages, slow down' },
	SHUTTING_DOWN: { code: 4503, reason: 'server restarting' },
	/** Graceful stop (SIGTERM): the standard "service restart" code; the stock client retries. */
	RESTARTING: { code: 1012, reason: 'server restarting' },
	RESET: { code: 4409, reason: 'document was replaced, reload' }
} as const;
export type CloseSpec = (typeof CLOSE)[keyof typeof CLOSE];

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/** A stored update sent as the answer to a client's sync: the client applies it and counts itself synced. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}
