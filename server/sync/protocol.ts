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
	/** The write policy refused an update; the reason follows after a colon. The client must start afresh. */
	REFUSED: { code: 4422, reason: 'update refused' },
	/** A write on a connection that may only read (the projector, a closed workshop). */
	READ_ONLY: { code: 4423, reason: 'read only: this document cannot be changed from here' },
	TOO_MANY_MESSAGES: { code: 4529, reason: 'too many messages, slow down' },
	SHUTTING_DOWN: { code: 4503, reason: 'server restarting' },
	/** Graceful stop (SIGTERM): the standard "service restart" code; the stock client retries. */
	RESTARTING: { code: 1012, reason: 'server restarting' },
	RESET: { code: 4409, reason: 'document was replaced, reload' },
	// Write budgets (budget.ts, issue #12). The client shows each in plain Dutch (connection.svelte.ts).
	UPDATE_TOO_LARGE: { code: 4413, reason: 'update too large' },
	WRITE_BUDGET_USED: { code: 4429, reason: 'write budget used up for this workshop' },
	DOCUMENT_FULL: { code: 4415, reason: 'document is full' },
	WRITE_BUDGET_WAIT: { code: 4530, reason: 'wrote a lot, wait a minute' },
	TOO_MANY_CONNECTIONS: { code: 4531, reason: 'write refused a moment ago, wait before reconnecting' }
} as const;
export type CloseSpec = { code: number; reason: string };

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
