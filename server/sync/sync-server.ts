/**
 * The sync server: WebSocket upgrades on /sync/<docName>, the y-websocket protocol, and the rules
 * around it. Small on purpose; the parts that vary plug in:
 *  - `authorize` decides at the upgrade whether a connection may write, read, or nothing;
 *  - `store` persists (see ydoc-store.ts); `Room` appends before it broadcasts;
 *  - limits on frame size, message rate and send buffer protect the process from any one client.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { StoredDoc, YDocStore } from '../../src/lib/server/ydoc-store.ts';
import type { Logger } from '../../src/lib/server/log.ts';
import {
	CLOSE,
	type CloseSpec,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate
} from './protocol.ts';
import { MessageRateLimiter, SlowClientGuard } from './limits.ts';
import { WriteBudget, type BudgetSettings } from './budget.ts';
import { Room, type RoomMember } from './room.ts';
import { PresenceGate, type PresenceMember } from './presence.ts';
import { inspectUpdate } from './update-changes.ts';
import type { TouchedEntry, WritePolicy, Writer } from './write-policy.ts';

export type AccessDecision =
	| {
			ok: true;
			access: 'read' | 'write';
			/** Short, non-secret label for logs (e.g. "participant:abc"). */
			who: string;
			/** Who writes, for the write policy; null for a connection that only reads (the projector). */
			writer: Writer | null;
			/** Decides again with fresh data: used when a workshop closes or a user is disabled. */
			recheck(): AccessDecision;
	  }
	| { ok: false; close: CloseSpec };

export interface SyncServerOptions {
	store: YDocStore;
	logger: Logger;
	authorize(request: IncomingMessage, docName: string): AccessDecision;
	pathPrefix?: string;
	maxFrameBytes: number;
	maxMessagesPerSecond: number;
	maxBufferedBytes: number;
	compactAfterUpdates: number;
	/** Largest presence state per connection (presence.ts). */
	maxPresenceBytes?: number;
	/** Over the send-buffer limit, a client is cut off once it has read nothing for this long (limits.ts). */
	slowClientStallMs?: number;
	/** Write budgets and the per-person message rate (budget.ts); without them, only the per-socket limits hold. */
	budget?: BudgetSettings;
	/** How long an empty room stays in memory, so a flaky reconnect does not reload it. */
	unloadAfterMs?: number;
	heartbeatMs?: number;
	/** Runs once when the server closes (e.g. to stop watching for maintenance). */
	onClose?: () => void;
	/** Decides on every update before it is applied; null only for benchmarks that measure its cost. */
	writePolicy: WritePolicy | null;
	/** After an update passed the policy and was applied (and so stored): who changed which entries. */
	onAccepted?(docName: string, writer: Writer, touched: TouchedEntry[]): void;
	/** An update the policy refused, for the metrics. */
	onRefused?(reason: string): void;
	/** How long after a write the writer is sent the server's state vector (its acknowledgement). */
	ackDelayMs?: number;
}

class Connection implements RoomMember, PresenceMember {
	readonly awarenessIds = new Set<number>();
	readonly limiter: MessageRateLimiter;
	/** The message budget of this person, shared with their other sockets (budget.ts). */
	readonly personRate: { take(): boolean; release(): void };
	readonly #slowClient: SlowClientGuard;
	alive = true;
	#ackTimer: NodeJS.Timeout | null = null;

	constructor(
		readonly socket: WebSocket,
		readonly room: Room,
		public decision: Extract<AccessDecision, { ok: true }>,
		private readonly server: SyncServer
	) {
		this.limiter = new MessageRateLimiter(server.options.maxMessagesPerSecond);
		this.personRate = server.budget.personRate(decision.who);
		this.#slowClient = new SlowClientGuard(server.options.maxBufferedBytes, server.options.slowClientStallMs);
	}

	get canWrite(): boolean {
		return this.decision.access === 'write';
	}

	get person(): string {
		return this.decision.who;
	}

	send(message: Uint8Array): void {
		if (this.socket.readyState !== this.socket.OPEN) return;
		// A client that stops reading must not make the server hold its messages without bound (limits.ts).
		if (!this.#slowClient.admit(this.socket.bufferedAmount, message.byteLength)) {
			this.server.options.logger.warn('sync: slow client disconnected', {
				doc: this.room.name,
				who: this.decision.who,
				bufferedBytes: this.socket.bufferedAmount,
				stalledMs: this.#slowClient.stalledSinceMs
			});
			this.socket.terminate();
			return;
		}
		this.socket.send(message, { binary: true });
	}

	/**
	 * Tells the writer what the server now holds: a sync step 1 carries the server's state vector, so an
	 * honest client sees which of its own changes arrived (a card stops showing "nog niet verstuurd").
	 * One per burst of writes, not one per update.
	 */
	scheduleAck(delayMs: number): void {
		if (this.#ackTimer) return;
		this.#ackTimer = setTimeout(() => {
			this.#ackTimer = null;
			if (!this.room.broken) this.send(encodeSyncStep1(this.room.doc));
		}, delayMs);
		this.#ackTimer.unref();
	}

	cancelAck(): void {
		if (this.#ackTimer) clearTimeout(this.#ackTimer);
		this.#ackTimer = null;
	}

	close(spec: CloseSpec): void {
		if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
			this.socket.close(spec.code, spec.reason);
		}
	}
}

/** Without configured budgets (unit tests of the core): only the frame limit bounds an update. */
const UNBOUNDED_BUDGET = (options: SyncServerOptions): BudgetSettings => ({
	maxUpdateBytes: options.maxFrameBytes,
	participantBytesPerMinute: Number.MAX_SAFE_INTEGER,
	participantBytesTotal: Number.MAX_SAFE_INTEGER,
	maxDocBytes: Number.MAX_SAFE_INTEGER,
	maxMessagesPerSecondPerPerson: options.maxMessagesPerSecond * 1000,
	refusalCooldownMs: 0,
	hardRefusalCooldownMs: 0
});

export class SyncServer {
	readonly options: Required<SyncServerOptions>;
	readonly #wss: WebSocketServer;
	readonly #rooms = new Map<string, Room>();
	readonly #unloadTimers = new Map<string, NodeJS.Timeout>();
	readonly #connections = new Set<Connection>();
	readonly #presence: PresenceGate;
	readonly budget: WriteBudget;
	readonly #heartbeat: NodeJS.Timeout;
	#closed = false;
	#maintenance = false;

	constructor(options: SyncServerOptions) {
		this.options = {
			pathPrefix: '/sync/',
			unloadAfterMs: 10_000,
			heartbeatMs: 30_000,
			ackDelayMs: 250,
			onAccepted: () => {},
			onRefused: () => {},
			onClose: () => {},
			maxPresenceBytes: 1024,
			slowClientStallMs: 15_000,
			...options,
			budget: options.budget ?? UNBOUNDED_BUDGET(options)
		};
		this.#presence = new PresenceGate({ maxStateBytes: this.options.maxPresenceBytes });
		this.budget = new WriteBudget(this.options.budget);
		// maxPayload makes ws refuse an oversized frame from its header, before buffering it.
		this.#wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxFrameBytes, perMessageDeflate: false });
		this.#heartbeat = setInterval(() => this.#checkAlive(), this.options.heartbeatMs);
		this.#heartbeat.unref();
	}

	get log(): Logger {
		return this.options.logger;
	}

	/** For an http server's 'upgrade' event. Returns false for paths that are not ours (e.g. Vite's HMR). */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = (request.url ?? '').split('?')[0];
		if (!path.startsWith(this.options.pathPrefix)) return false;
		let docName: string;
		try {
			docName = decodeURIComponent(path.slice(this.options.pathPrefix.length));
		} catch {
			docName = '';
		}
		let decision: AccessDecision;
		try {
			decision = this.#maintenance || this.#closed ? { ok: false, close: CLOSE.SHUTTING_DOWN } : this.options.authorize(request, docName);
		} catch (error) {
			this.log.error('sync: authorize failed', { error });
			decision = { ok: false, close: CLOSE.SHUTTING_DOWN };
		}
		this.#wss.handleUpgrade(request, socket, head, (ws) => {
			// Refusals are closes with a code, not HTTP errors: the stock client stops retrying on 44xx.
			if (!decision.ok) {
				this.log.info('sync: connection refused', { doc: docName.slice(0, 80), code: decision.close.code });
				ws.close(decision.close.code, decision.close.reason);
				return;
			}
			this.#accept(ws, docName, decision);
		});
		return true;
	}

	#accept(ws: WebSocket, docName: string, decision: Extract<AccessDecision, { ok: true }>): void {
		// Someone whose write was just refused waits before a new socket (budget.ts), refused before any doc work.
		const connecting = this.budget.connect(decision.who);
		if (!connecting.ok) return void ws.close(connecting.close.code, connecting.close.reason);
		let room: Room;
		try {
			room = this.#rooms.get(docName)?.broken === false ? this.#room(docName) : this.#coldLoad(ws, docName);
		} catch (error) {
			this.log.error('sync: could not load document', { doc: docName, error });
			ws.close(CLOSE.SHUTTING_DOWN.code, 'could not load document');
			return;
		}
		const connection = new Connection(ws, room, decision, this);
		this.#connections.add(connection);
		room.join(connection);

		ws.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
		ws.on('pong', () => (connection.alive = true));
		ws.on('error', (error) => {
			// ws reports oversized frames here and then closes with 1009.
			this.log.warn('sync: socket error', { doc: room.name, who: decision.who, error: error.message });
		});
		ws.on('close', () => this.#onClose(connection));

		connection.send(encodeSyncStep1(room.doc));
		const present = [...room.awareness.getStates().keys()];
		if (present.length > 0) connection.send(encodeAwareness(room.awareness, present));
	}

	#onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
		// Closed: rooms are stored and gone; what a client still sends is neither applied nor answered,
		// so no client takes an update for acknowledged that the disk does not hold. It resends it.
		if (this.#closed) return;
		// Frames that arrive after we decided to close are not read (nor counted against the person's rate).
		if (connection.socket.readyState !== connection.socket.OPEN) return;
		if (!isBinary) return this.#reject(connection, CLOSE.MALFORMED, 'text frame');
		if (!connection.limiter.take()) return this.#reject(connection, CLOSE.TOO_MANY_MESSAGES, 'rate limit');
		if (!connection.personRate.take()) return this.#reject(connection, CLOSE.TOO_MANY_MESSAGES, 'rate limit per person');
		const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
		const room = connection.room;
		try {
			const decoder = decoding.createDecoder(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
			const messageType = decoding.readVarUint(decoder);
			switch (messageType) {
				case MESSAGE_SYNC: {
					const syncType = decoding.readVarUint(decoder);
					if (syncType === syncProtocol.messageYjsSyncStep1) {
						const encoder = encoding.createEncoder();
						encoding.writeVarUint(encoder, MESSAGE_SYNC);
						syncProtocol.readSyncStep1(decoder, encoder, room.doc);
						connection.send(encoding.toUint8Array(encoder));
					} else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
						this.#receiveUpdate(connection, decoding.readVarUint8Array(decoder));
					} else {
						throw new Error(`unknown sync message type ${syncType}`);
					}
					break;
				}
				case MESSAGE_AWARENESS:
					// Presence rules (one id per connection, size, read-only, one per person): presence.ts.
					this.#presence.receive(room.awareness, connection, decoding.readVarUint8Array(decoder));
					break;
				case MESSAGE_QUERY_AWARENESS:
					connection.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
					break;
				case MESSAGE_AUTH:
					break;
				default:
					throw new Error(`unknown message type ${messageType}`);
			}
		} catch (error) {
			this.#reject(connection, CLOSE.MALFORMED, error instanceof Error ? error.message : String(error));
		}
	}

	/**
	 * An update from a client: refused, or applied (and so stored, then broadcast by the room). A
	 * refused update reaches neither the disk nor anyone else; the sender is closed with a code its
	 * client understands (4423 read-only, 4422 refused), because its doc now holds what the room does
	 * not, and only a fresh start brings it back in line.
	 */
	#receiveUpdate(connection: Connection, update: Uint8Array): void {
		const room = connection.room;
		const writer = connection.decision.writer;
		if (!connection.canWrite || writer === null) {
			// An honest reader answers the server's sync step 1 with an update that holds nothing new.
			const inspection = inspectUpdate(room.doc, update);
			if (inspection.ok && inspection.empty) return;
			this.options.onRefused('read-only');
			return this.#reject(connection, CLOSE.READ_ONLY, 'write on a read-only connection');
		}
		// Write budget (budget.ts): how much one update, one person and one doc may add.
		const budget = this.budget.admit(connection.decision.who, room.doc, update.byteLength);
		if (!budget.ok) return this.#reject(connection, budget.close, 'write budget');
		const policy = this.options.writePolicy;
		const changesBefore = room.changes;
		if (policy) {
			const verdict = policy.check(room.name, room.doc, update, writer);
			if (!verdict.ok) {
				this.options.onRefused(verdict.reason);
				return this.#reject(connection, { code: CLOSE.REFUSED.code, reason: `${CLOSE.REFUSED.reason}: ${verdict.reason}` }, verdict.detail);
			}
			if (verdict.empty) return;
			Y.applyUpdate(room.doc, update, connection);
			if (verdict.touched.length > 0) this.options.onAccepted(room.name, writer, verdict.touched);
		} else {
			Y.applyUpdate(room.doc, update, connection);
		}
		// Acknowledge only what changed the doc: the honest client's answer to an acknowledgement
		// brings nothing new, and acknowledging it would start a loop of acknowledgements.
		if (room.changes !== changesBefore) connection.scheduleAck(this.options.ackDelayMs);
	}

	#reject(connection: Connection, spec: CloseSpec, detail: string): void {
		this.log.warn('sync: closing connection', {
			doc: connection.room.name,
			who: connection.decision.who,
			code: spec.code,
			reason: spec.reason,
			detail: detail.slice(0, 200)
		});
		connection.close(spec);
	}

	#onClose(connection: Connection): void {
		connection.personRate.release();
		connection.cancelAck();
		if (!this.#connections.delete(connection) || this.#closed) return;
		const room = connection.room;
		room.leave(connection);
		this.#presence.leave(room.awareness, connection);
		if (this.#rooms.get(room.name) !== room) return; // already unloaded (maintenance, persistence failure)
		if (room.members.size === 0) {
			room.compact();
			this.#scheduleUnload(room);
		}
	}

	/**
	 * A doc not in memory: send the stored rows to this first client as they are, before decoding
	 * them into a Y.Doc, so a phone starts applying while the server is still loading. Order does not
	 * matter to Yjs; the snapshot goes last as the sync answer, so "synced" means everything arrived.
	 */
	#coldLoad(ws: WebSocket, docName: string): Room {
		const stored = this.options.store.load(docName);
		const [snapshotOrFirst, ...rest] = stored.updates;
		if (snapshotOrFirst) {
			for (const update of rest) ws.send(encodeUpdate(update), { binary: true });
			ws.send(encodeSyncStep2(snapshotOrFirst), { binary: true });
		}
		return this.#room(docName, stored);
	}

	#room(docName: string, stored?: StoredDoc): Room {
		const timer = this.#unloadTimers.get(docName);
		if (timer) {
			clearTimeout(timer);
			this.#unloadTimers.delete(docName);
		}
		let room = this.#rooms.get(docName);
		if (!room || room.broken) {
			room = new Room(
				docName,
				this.options.store,
				{
					compactAfterUpdates: this.options.compactAfterUpdates,
					logger: this.log,
					onPersistenceFailure: (failed, error) => this.#onPersistenceFailure(failed, error)
				},
				stored
			);
			this.#rooms.set(docName, room);
		}
		return room;
	}

	/**
	 * The disk refused an update that memory already holds. Drop the room so memory never runs ahead
	 * of the disk; clients keep their own copy and send it again when they reconnect.
	 */
	#onPersistenceFailure(room: Room, error: unknown): void {
		this.log.error('sync: could not store update; room closed, clients will resend', { doc: room.name, error });
		for (const connection of [...this.#connections]) if (connection.room === room) connection.close(CLOSE.SHUTTING_DOWN);
		this.#unload(room);
	}

	#scheduleUnload(room: Room): void {
		if (this.#unloadTimers.has(room.name)) return;
		const timer = setTimeout(() => {
			this.#unloadTimers.delete(room.name);
			if (room.members.size === 0) this.#unload(room);
		}, this.options.unloadAfterMs);
		timer.unref();
		this.#unloadTimers.set(room.name, timer);
	}

	#unload(room: Room): void {
		if (this.#rooms.get(room.name) === room) this.#rooms.delete(room.name);
		room.destroy();
	}

	#checkAlive(): void {
		// Also re-decide access now and then: a user disabled or a password changed from the CLI (another
		// process) cannot tell this server, so open sockets learn it here within one heartbeat.
		this.#revalidateInSlices();
		for (const connection of this.#connections) {
			if (!connection.alive) {
				connection.socket.terminate();
				continue;
			}
			connection.alive = false;
			connection.socket.ping();
		}
	}

	/** Changes made by the server itself (tallies, restores), persisted and broadcast like any other. */
	change(docName: string, mutate: (doc: Y.Doc) => void): void {
		if (this.#maintenance) throw new Error('the database is being restored; try again in a moment');
		const room = this.#room(docName);
		Y.transact(room.doc, () => mutate(room.doc), 'server');
		if (room.members.size === 0) {
			room.compact();
			this.#scheduleUnload(room);
		}
	}

	/** The current state of a doc: from memory when loaded, else from the store. */
	encodeState(docName: string): Uint8Array {
		const room = this.#rooms.get(docName);
		if (room && !room.broken) return Y.encodeStateAsUpdate(room.doc);
		const { doc } = this.options.store.loadYDoc(docName);
		try {
			return Y.encodeStateAsUpdate(doc);
		} finally {
			doc.destroy();
		}
	}

	read<T>(docName: string, inspect: (doc: Y.Doc) => T): T {
		const room = this.#rooms.get(docName);
		if (room && !room.broken) return inspect(room.doc);
		const { doc } = this.options.store.loadYDoc(docName);
		try {
			return inspect(doc);
		} finally {
			doc.destroy();
		}
	}

	/**
	 * Replaces a doc's whole history (e.g. to forget a participant). Clients hold the old history, so
	 * they are disconnected with RESET and must start from the new state.
	 */
	replace(docName: string, state: Uint8Array): void {
		for (const connection of [...this.#connections]) if (connection.room.name === docName) connection.close(CLOSE.RESET);
		const room = this.#rooms.get(docName);
		if (room) this.#unload(room);
		this.options.store.replace(docName, state);
	}

	/** Re-decides every open connection: closed when access is gone, downgraded when it shrank. */
	revalidate(filter: (docName: string) => boolean = () => true): void {
		this.#recheck([...this.#connections].filter((connection) => filter(connection.room.name)));
	}

	/** The heartbeat's recheck, a slice of sockets per turn of the event loop, so updates keep flowing meanwhile. */
	#revalidateInSlices(sliceSize = 100): void {
		const waiting = [...this.#connections];
		const nextSlice = () => {
			this.#recheck(waiting.splice(0, sliceSize));
			if (waiting.length > 0) setImmediate(nextSlice);
		};
		nextSlice();
	}

	#recheck(connections: Connection[]): void {
		for (const connection of connections) {
			if (!this.#connections.has(connection)) continue; // closed since the list was made
			let next: AccessDecision;
			try {
				next = connection.decision.recheck();
			} catch (error) {
				this.log.error('sync: recheck failed', { error });
				continue;
			}
			if (!next.ok) {
				this.log.info('sync: access withdrawn', { doc: connection.room.name, who: connection.decision.who, code: next.close.code });
				connection.close(next.close);
			} else {
				connection.decision = next;
			}
		}
	}

	/**
	 * The database is about to be replaced (restore): disconnect everyone (they retry) and forget
	 * in-memory docs WITHOUT writing them, so nothing old is written over the restored data.
	 */
	enterMaintenance(): void {
		this.#maintenance = true;
		for (const connection of [...this.#connections]) connection.close(CLOSE.SHUTTING_DOWN);
		for (const timer of this.#unloadTimers.values()) clearTimeout(timer);
		this.#unloadTimers.clear();
		for (const room of [...this.#rooms.values()]) this.#unload(room);
		this.log.warn('sync: maintenance, connections closed and documents unloaded');
	}

	leaveMaintenance(): void {
		this.#maintenance = false;
		this.log.info('sync: maintenance over, accepting connections');
	}

	stats(): { rooms: number; connections: number } {
		return { rooms: this.#rooms.size, connections: this.#connections.size };
	}

	/** Whether a new connection would be let in (not closed, no restore running). */
	get accepting(): boolean {
		return !this.#closed && !this.#maintenance;
	}

	/**
	 * Stops accepting, stores and compacts every room, and closes every socket with `spec` (clients
	 * retry on 4503 and 1012). Every update was already stored before it was broadcast; compaction
	 * only folds the log. Resolves when the clients have answered the close, or after `waitMs`
	 * (the rest are cut off then).
	 */
	close(spec: CloseSpec = CLOSE.SHUTTING_DOWN, waitMs = 2000): Promise<void> {
		if (this.#closed) return Promise.resolve();
		this.#closed = true;
		clearInterval(this.#heartbeat);
		for (const timer of this.#unloadTimers.values()) clearTimeout(timer);
		this.#unloadTimers.clear();
		for (const room of this.#rooms.values()) {
			room.compact();
			room.destroy();
		}
		this.#rooms.clear();
		const sockets = [...this.#connections].map((connection) => connection.socket);
		const answered = sockets.map(
			(socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once('close', () => resolve())))
		);
		for (const connection of this.#connections) connection.close(spec);
		this.#wss.close();
		this.options.onClose();
		return new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				for (const socket of sockets) socket.terminate();
				resolve();
			}, waitMs);
			timer.unref();
			void Promise.all(answered).then(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}
}
