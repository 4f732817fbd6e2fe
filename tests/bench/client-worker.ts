/**
 * A forked client process: holds many protocol-level connections (no browser, no provider) and
 * does what the orchestrator asks over IPC (see ipc.ts).
 *
 * Each connection has its own Y.Doc, so the cards it writes are genuine Yjs updates with their own
 * client id and clock — the server integrates them exactly as it would a browser's. It does not
 * integrate what others send: a receipt is timed by finding the card marker in the raw update
 * (protocol.ts), which keeps the receiving side cheap enough that the clients, which share the
 * machine with the server, disturb it as little as possible.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
	cardText,
	decodeIncoming,
	encodeAwareness,
	encodeHocuspocusAuth,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	monotonicMicros,
	scanCardMarkers
} from './protocol.ts';
import { LatencyHistogram } from './stats.ts';
import type { ClientSpec, ConnectCommand, ConnectResult, ParentToWorker, PhaseCommand, WorkerToParent } from './ipc.ts';

/** A worker never outlives a bench run, even if the orchestrator is killed without cleaning up. */
const MAX_LIFETIME_MS = 30 * 60 * 1000;
/** Upper bound of sends handled in one timer tick, so a far-behind schedule cannot starve receipts. */
const MAX_SENDS_PER_TICK = 2_000;

/** How a connection attempt ended, before the common fields are filled in. */
type SyncOutcome = Omit<ConnectResult, 'globalIndex' | 'connectMs'> & { connectMs?: number };

const LOCAL_ORIGIN = Symbol('local');
const REMOTE_ORIGIN = Symbol('remote');

function send(message: WorkerToParent): void {
	process.send?.(message);
}

class BenchClient {
	readonly doc = new Y.Doc();
	readonly cards = this.doc.getMap<Y.Map<unknown>>('cards');
	socket: WebSocket | null = null;
	awarenessClock = 0;
	cardSeq = 0;
	closedByUs = false;
	/** This client's own clock in the server's last sync step 1: how much of what it wrote the server holds. */
	acknowledgedClock = 0;
	#openedAt: number | null = null;
	#firstMessageAt: number | null = null;
	#serverStep1At: number | null = null;
	/** keepInitialState: the state received with sync step 2, held until the server's own step 1 arrives. */
	#loadedState: SyncOutcome | null = null;
	#onSynced: ((outcome: SyncOutcome) => void) | null = null;

	constructor(
		readonly spec: ClientSpec,
		readonly worker: Worker
	) {
		// Like a provider: every local change goes out as one update message.
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === LOCAL_ORIGIN) this.sendRaw(encodeUpdate(this.spec.flavor, this.spec.docName, update));
		});
	}

	/** True when the server's last acknowledgement covers everything this client wrote. */
	get acknowledged(): boolean {
		return this.acknowledgedClock >= Y.getState(this.doc.store, this.doc.clientID);
	}

	get isOpen(): boolean {
		return this.socket?.readyState === WebSocket.OPEN;
	}

	sendRaw(message: Uint8Array): void {
		if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(message);
	}

	connect(keepInitialState: boolean, timeoutMs: number): Promise<ConnectResult> {
		const { spec } = this;
		return new Promise<ConnectResult>((resolve) => {
			const startedAt = monotonicMicros();
			let settled = false;
			const finish = (outcome: SyncOutcome) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				this.#onSynced = null;
				const since = (at: number | null) => (at === null ? undefined : (at - startedAt) / 1000);
				resolve({
					...outcome,
					globalIndex: spec.globalIndex,
					connectMs: outcome.connectMs ?? (monotonicMicros() - startedAt) / 1000,
					openMs: since(this.#openedAt),
					firstMessageMs: since(this.#firstMessageAt),
					serverSyncStep1Ms: since(this.#serverStep1At)
				});
			};
			const timer = setTimeout(() => finish({ ok: false, error: `no sync step 2 within ${timeoutMs} ms` }), timeoutMs);
			this.#onSynced = finish;

			const socket = new WebSocket(spec.url, { perMessageDeflate: false });
			socket.binaryType = 'nodebuffer';
			this.socket = socket;
			socket.on('open', () => {
				this.#openedAt = monotonicMicros();
				// What the stock providers send first: Hocuspocus needs its Auth before anything else.
				if (spec.flavor === 'hocuspocus') this.sendRaw(encodeHocuspocusAuth(spec.docName, spec.token ?? 'bench'));
				this.sendRaw(encodeSyncStep1(spec.flavor, spec.docName, this.doc));
				this.sendAwareness();
			});
			socket.on('message', (data: Buffer) => this.#onMessage(data, startedAt, keepInitialState));
			socket.on('error', (error) => finish({ ok: false, error: error.message }));
			socket.on('close', (code, reason) => {
				finish({ ok: false, error: `closed ${code} ${reason.toString()}` });
				if (!this.closedByUs) this.worker.unexpectedCloses.push({ globalIndex: spec.globalIndex, code, reason: reason.toString() });
			});
		});
	}

	#onMessage(data: Buffer, startedAt: number, keepInitialState: boolean): void {
		const receivedAt = monotonicMicros();
		this.#firstMessageAt ??= receivedAt;
		let message;
		try {
			message = decodeIncoming(this.spec.flavor, data);
		} catch {
			// Counted and reported: a server sending what the protocol does not allow is a finding, not a crash.
			this.worker.protocolErrors++;
			return;
		}
		switch (message.kind) {
			case 'update':
				// Before sync step 2, updates are part of the initial state (our server sends a cold doc's
				// log rows this way): a loader keeps them like a provider would.
				if (keepInitialState && this.#onSynced) {
					Y.applyUpdate(this.doc, message.update, REMOTE_ORIGIN);
					break;
				}
				scanCardMarkers(message.update, (marker) => {
					// Servers that echo an update to its sender (the stock ones do) must not count as fan-out.
					if (marker.sender === this.spec.globalIndex) return;
					this.worker.recordReceipt(marker.phase, receivedAt - marker.sentMicros);
				});
				break;
			case 'sync-step-1':
				this.#serverStep1At ??= receivedAt;
				this.acknowledgedClock = Math.max(this.acknowledgedClock, Y.decodeStateVector(message.stateVector).get(this.doc.clientID) ?? 0);
				this.sendRaw(encodeSyncStep2(this.spec.flavor, this.spec.docName, this.doc, message.stateVector));
				// A loader that has its state already was only waiting for the server to be ready.
				if (this.#loadedState) this.#onSynced?.(this.#loadedState);
				break;
			case 'sync-step-2': {
				const onSynced = this.#onSynced;
				if (!onSynced) break;
				const connectMs = (receivedAt - startedAt) / 1000;
				if (!keepInitialState) {
					onSynced({ ok: true, connectMs });
					break;
				}
				Y.applyUpdate(this.doc, message.update, REMOTE_ORIGIN);
				this.#loadedState = { ok: true, connectMs, cardsInState: this.cards.size, encodedStateBytes: Y.encodeStateAsUpdate(this.doc).length };
				// A server may answer before it has loaded the doc itself (ours does for a cold doc); it
				// sends its own sync step 1 once it has. Report both moments: wait for that step 1 too.
				if (this.#serverStep1At !== null) onSynced(this.#loadedState);
				break;
			}
			case 'awareness':
				this.worker.awarenessReceived++;
				break;
			case 'permission-denied':
				this.#onSynced?.({ ok: false, error: `permission denied: ${message.reason}` });
				break;
			case 'closed-by-server':
				if (!this.closedByUs) this.worker.unexpectedCloses.push({ globalIndex: this.spec.globalIndex, code: 0, reason: `hocuspocus close: ${message.reason}` });
				break;
			default:
				break;
		}
	}

	sendCard(phase: number, cardBytes: number): void {
		if (!this.isOpen) return;
		const sentMicros = monotonicMicros();
		const id = `b${this.spec.globalIndex.toString(36)}x${(this.cardSeq++).toString(36)}`;
		// A real agenda card, as the phone writes it (our server's write policy checks every field);
		// the text carries the timing marker. The peers get the same shape with a made-up author.
		const author = this.spec.author ?? { id: `bench${this.spec.globalIndex}`, name: `Deelnemer ${this.spec.globalIndex}`, workshopId: 'benchworkshop' };
		this.doc.transact(() => {
			const card = new Y.Map<unknown>();
			card.set('id', id);
			card.set('questionNumber', 1 + (this.cardSeq % 8));
			card.set('text', cardText({ phase, sender: this.spec.globalIndex, sentMicros }, cardBytes).trim());
			card.set('themes', []);
			card.set('authorId', author.id);
			card.set('authorName', author.name);
			card.set('authorKind', 'participant');
			card.set('workshopId', author.workshopId);
			card.set('createdAt', Date.now());
			card.set('plusOnes', new Y.Map<boolean>());
			this.cards.set(id, card);
		}, LOCAL_ORIGIN);
	}

	sendAwareness(): void {
		this.awarenessClock++;
		const state = { user: { name: `Deelnemer ${this.spec.globalIndex}`, color: '#0b6e4f' }, step: 1 + (this.awarenessClock % 8) };
		this.sendRaw(encodeAwareness(this.spec.flavor, this.spec.docName, this.doc.clientID, this.awarenessClock, state));
	}

	close(): Promise<void> {
		this.closedByUs = true;
		const socket = this.socket;
		if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				socket.terminate();
				resolve();
			}, 2_000);
			socket.once('close', () => {
				clearTimeout(timer);
				resolve();
			});
			socket.close(1000, 'bench done');
		});
	}
}

/**
 * Walks the global send sequence of a phase (see PhaseCommand) and calls `onSend` for the sends
 * that belong to this worker's clients. Bounded by the phase end and `maxEvents`.
 */
class Pacer {
	#next = 0;
	#timer: NodeJS.Timeout | null = null;
	maxLagMicros = 0;

	constructor(
		readonly startMicros: number,
		readonly endMicros: number,
		readonly ratePerSecond: number,
		readonly firstSender: number,
		readonly senderCount: number,
		readonly maxEvents: number,
		readonly ownSender: (globalIndex: number) => boolean,
		readonly onSend: (globalIndex: number) => void,
		readonly onDone: () => void
	) {}

	#timeOf(k: number): number {
		return this.startMicros + (k * 1_000_000) / this.ratePerSecond;
	}

	#senderOf(k: number): number {
		return this.firstSender + (k % this.senderCount);
	}

	#finished(): boolean {
		return this.#next >= this.maxEvents || this.#timeOf(this.#next) >= this.endMicros;
	}

	start(): void {
		if (this.ratePerSecond <= 0 || this.senderCount <= 0) return this.onDone();
		this.#schedule();
	}

	#schedule(): void {
		if (this.#finished()) {
			this.#timer = null;
			return this.onDone();
		}
		// Skip ahead to this worker's next own send, so the timer does not wake for other workers' sends.
		for (let i = 0; i < this.senderCount && !this.ownSender(this.#senderOf(this.#next)); i++) this.#next++;
		if (this.#finished()) {
			this.#timer = null;
			return this.onDone();
		}
		const delayMs = Math.max(0, (this.#timeOf(this.#next) - monotonicMicros()) / 1000);
		this.#timer = setTimeout(() => this.#tick(), delayMs);
	}

	#tick(): void {
		const now = monotonicMicros();
		for (let handled = 0; handled < MAX_SENDS_PER_TICK && !this.#finished(); handled++) {
			const due = this.#timeOf(this.#next);
			if (due > now) break;
			const sender = this.#senderOf(this.#next);
			if (this.ownSender(sender)) {
				this.maxLagMicros = Math.max(this.maxLagMicros, now - due);
				this.onSend(sender);
			}
			this.#next++;
		}
		this.#schedule();
	}

	cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

class Worker {
	clients = new Map<number, BenchClient>();
	histograms = new Map<number, LatencyHistogram>();
	receivedByPhase = new Map<number, number>();
	awarenessReceived = 0;
	protocolErrors = 0;
	unexpectedCloses: Array<{ globalIndex: number; code: number; reason: string }> = [];
	pacers: Pacer[] = [];

	recordReceipt(phase: number, latencyMicros: number): void {
		let histogram = this.histograms.get(phase);
		if (!histogram) {
			histogram = new LatencyHistogram();
			this.histograms.set(phase, histogram);
		}
		histogram.record(latencyMicros);
		this.receivedByPhase.set(phase, (this.receivedByPhase.get(phase) ?? 0) + 1);
	}

	async connect(command: ConnectCommand): Promise<ConnectResult[]> {
		const results: ConnectResult[] = [];
		const queue = [...command.clients];
		const runners = Array.from({ length: Math.max(1, command.concurrency) }, async () => {
			for (let spec = queue.shift(); spec; spec = queue.shift()) {
				const client = new BenchClient(spec, this);
				this.clients.set(spec.globalIndex, client);
				results.push(await client.connect(command.keepInitialState, command.timeoutMs));
			}
		});
		await Promise.all(runners);
		return results.sort((a, b) => a.globalIndex - b.globalIndex);
	}

	runPhase(command: PhaseCommand): Promise<void> {
		const endMicros = command.startAtMicros + command.durationMs * 1000;
		let cardsSent = 0;
		let awarenessSent = 0;
		let expectedReceipts = 0;
		const isOwn = (globalIndex: number) => this.clients.has(globalIndex);
		return new Promise<void>((resolve) => {
			let pending = 2;
			const done = () => {
				if (--pending > 0) return;
				const maxLagMicros = Math.max(...this.pacers.map((p) => p.maxLagMicros), 0);
				this.pacers = [];
				send({ type: 'phase-done', phase: command.phase, cardsSent, awarenessSent, expectedReceipts, maxSendLagMs: maxLagMicros / 1000 });
				resolve();
			};
			const cards = new Pacer(
				command.startAtMicros,
				endMicros,
				command.cardsPerSecond,
				command.firstSender,
				command.cardSenderCount,
				command.maxCards ?? Number.POSITIVE_INFINITY,
				isOwn,
				(globalIndex) => {
					const client = this.clients.get(globalIndex);
					if (!client?.isOpen) return;
					client.sendCard(command.phase, command.cardBytes);
					cardsSent++;
					expectedReceipts += client.spec.roomSize - 1;
				},
				done
			);
			const awareness = new Pacer(
				// Offset by half a gap, so a card and an awareness update are never due at the same instant.
				command.startAtMicros + 500_000 / Math.max(command.awarenessPerSecond, 1),
				endMicros,
				command.awarenessPerSecond,
				command.firstSender,
				command.awarenessSenderCount,
				Number.POSITIVE_INFINITY,
				isOwn,
				(globalIndex) => {
					const client = this.clients.get(globalIndex);
					if (!client?.isOpen) return;
					client.sendAwareness();
					awarenessSent++;
				},
				done
			);
			this.pacers = [cards, awareness];
			cards.start();
			awareness.start();
		});
	}

	async awaitAcks(timeoutMs: number): Promise<number> {
		const deadline = performance.now() + timeoutMs;
		const waiting = () => [...this.clients.values()].filter((client) => client.isOpen && !client.acknowledged).length;
		while (waiting() > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		return waiting();
	}

	async closeAll(): Promise<void> {
		for (const pacer of this.pacers) pacer.cancel();
		this.pacers = [];
		await Promise.all([...this.clients.values()].map((client) => client.close()));
		for (const client of this.clients.values()) client.doc.destroy();
		this.clients.clear();
		this.histograms.clear();
		this.receivedByPhase.clear();
		this.awarenessReceived = 0;
		this.protocolErrors = 0;
		this.unexpectedCloses = [];
	}

	async handle(command: ParentToWorker): Promise<void> {
		switch (command.type) {
			case 'connect':
				send({ type: 'connected', results: await this.connect(command) });
				return;
			case 'run-phase':
				await this.runPhase(command);
				return;
			case 'report': {
				const histogram = this.histograms.get(command.phase) ?? new LatencyHistogram();
				send({ type: 'phase-report', phase: command.phase, histogram: histogram.snapshot(), received: this.receivedByPhase.get(command.phase) ?? 0 });
				return;
			}
			case 'counts':
				send({
					type: 'counts',
					receivedByPhase: Object.fromEntries(this.receivedByPhase),
					awarenessReceived: this.awarenessReceived,
					protocolErrors: this.protocolErrors,
					openConnections: [...this.clients.values()].filter(
						(c) => c.isOpen && c.spec.globalIndex >= (command.openFrom ?? 0) && c.spec.globalIndex < (command.openTo ?? Number.POSITIVE_INFINITY)
					).length,
					unexpectedCloses: this.unexpectedCloses.slice(0, 50)
				});
				return;
			case 'await-acks':
				send({ type: 'acked', unacknowledged: await this.awaitAcks(command.timeoutMs) });
				return;
			case 'close':
				await this.closeAll();
				send({ type: 'closed' });
				return;
		}
	}
}

const worker = new Worker();
process.on('message', (command: ParentToWorker) => {
	worker.handle(command).catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) }));
});
// The orchestrator went away (crash, SIGKILL): nothing left to do here.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(3), MAX_LIFETIME_MS).unref();
