/**
 * Messages between the bench orchestrator (run.ts / workloads.ts) and its forked client workers.
 * One command at a time per worker; every command has exactly one answer (or an 'error').
 */
import type { WireFlavor } from './protocol.ts';
import type { HistogramSnapshot } from './stats.ts';

export interface ClientSpec {
	url: string;
	flavor: WireFlavor;
	docName: string;
	/** Our server: the participant token (already in `url`). Hocuspocus: sent in the Auth message. */
	token: string | null;
	/** Unique over all clients of a workload; decides when this client sends (see PhaseCommand). */
	globalIndex: number;
	/** Clients in the same document, this one included: each card should reach roomSize − 1 others. */
	roomSize: number;
	/** Our server: who the token is, so cards are written as the server's write policy accepts them. */
	author: { id: string; name: string; workshopId: string } | null;
}

export interface ConnectCommand {
	type: 'connect';
	clients: ClientSpec[];
	/** Connections opened at the same time by this worker. */
	concurrency: number;
	timeoutMs: number;
	/** Apply the server's sync step 2 to the client's doc and report its size (cold-load measurement). */
	keepInitialState: boolean;
}

/**
 * A paced phase. Sends form one global sequence k = 0, 1, 2, … at times startAt + k / rate; send k
 * belongs to the client with globalIndex firstSender + (k mod senderCount). Every worker computes the same
 * sequence and performs only its own clients' sends, so the whole room is evenly staggered
 * without any coordination beyond the shared start time (a CLOCK_MONOTONIC timestamp).
 */
export interface PhaseCommand {
	type: 'run-phase';
	phase: number;
	startAtMicros: number;
	durationMs: number;
	/** globalIndex of the first sender: the clients of one server while others' stay connected and idle. */
	firstSender: number;
	cardsPerSecond: number;
	cardSenderCount: number;
	/** Stop the card sequence after this many cards in total (W4 writes exactly 5,000). */
	maxCards: number | null;
	awarenessPerSecond: number;
	awarenessSenderCount: number;
	cardBytes: number;
}

export type ParentToWorker =
	| ConnectCommand
	| PhaseCommand
	| { type: 'report'; phase: number }
	/** openFrom/openTo: count only the open connections with globalIndex in [openFrom, openTo). */
	| { type: 'counts'; openFrom?: number; openTo?: number }
	/**
	 * Wait until the server has acknowledged every card of every open client: its sync step 1 (our
	 * server sends one to each writer shortly after accepting its writes) holds the client's own clock.
	 */
	| { type: 'await-acks'; timeoutMs: number }
	| { type: 'close' };

export interface ConnectResult {
	globalIndex: number;
	ok: boolean;
	error?: string;
	/** From `new WebSocket()` to receipt of the server's sync step 2. */
	connectMs: number;
	/** From `new WebSocket()` to the open event (TCP + HTTP upgrade, incl. the server's auth). */
	openMs?: number;
	/** From `new WebSocket()` to the server's first message. */
	firstMessageMs?: number;
	/**
	 * From `new WebSocket()` to the server's own sync step 1. Every server sends it once it holds the
	 * doc in memory, ready to take updates; ours answers a cold doc's first client before that.
	 */
	serverSyncStep1Ms?: number;
	/** keepInitialState only: cards in the received state and its re-encoded size. */
	cardsInState?: number;
	encodedStateBytes?: number;
}

export interface PhaseDone {
	type: 'phase-done';
	phase: number;
	cardsSent: number;
	awarenessSent: number;
	/** Sum over sent cards of (roomSize − 1): receipts the phase should produce. */
	expectedReceipts: number;
	/** How far behind schedule the worker's sends ran: a saturated client machine shows here. */
	maxSendLagMs: number;
}

export interface PhaseReport {
	type: 'phase-report';
	phase: number;
	histogram: HistogramSnapshot;
	received: number;
}

export interface Counts {
	type: 'counts';
	receivedByPhase: Record<string, number>;
	awarenessReceived: number;
	/** Messages from the server that did not decode. */
	protocolErrors: number;
	openConnections: number;
	/** Connections the server closed while the workload ran (rate limit, slow client, crash). */
	unexpectedCloses: Array<{ globalIndex: number; code: number; reason: string }>;
}

export type WorkerToParent =
	| { type: 'connected'; results: ConnectResult[] }
	| PhaseDone
	| PhaseReport
	| Counts
	/** unacknowledged: open clients whose last writes the server had not acknowledged when the wait ended. */
	| { type: 'acked'; unacknowledged: number }
	| { type: 'closed' }
	| { type: 'error'; message: string };
