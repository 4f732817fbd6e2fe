/**
 * One shared document in the browser: a Y.Doc kept in IndexedDB (so a participant keeps working when
 * the venue Wi-Fi drops, and nothing typed is lost) and synced over the stock y-websocket protocol.
 *
 * The state people see must be honest: y-websocket only notices a dead socket on its next send or
 * after 30 s of silence, so the browser's own online/offline events count too. While the browser is
 * offline the socket is closed on purpose; changes stay in the Y.Doc and IndexedDB, and the sync
 * handshake after reconnecting sends them.
 *
 * Close codes from our sync server:
 *  - 4409: the server rebuilt the doc (e.g. someone asked to be forgotten). Our local copy still holds
 *    the removed content and would send it back, so IndexedDB is cleared and a fresh Y.Doc connects.
 *  - 4422 / 4423: the server refused our writes (the write policy said no, or this connection may
 *    only read, e.g. the workshop closed while we were offline). The server never applied them, so
 *    our local copy now differs from everyone else's: like 4409 it is dropped and a fresh doc
 *    connects, but first the writes the server never confirmed are handed to `onRefused`, so the
 *    page can keep their texts and say plainly they were not sent.
 *  - other 44xx: refused for good (unknown token, no access, unknown doc) → status 'closed'.
 *  - 45xx and network errors: the provider retries by itself → status 'offline' meanwhile.
 *
 * Pending marks: `track(key)` after a write remembers it until the server has it (pending-writes.ts);
 * `pending` holds the keys not yet confirmed.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SYNC, PendingWrites, clocksInUpdate, encodeQuestion, localPendingStore, type PendingStore, type PendingWrite } from './pending-writes.ts';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'closed';
export type ClosedReason = 'unauthenticated' | 'forbidden' | 'not-found' | 'refused' | 'too-large' | 'budget-used' | 'full';
export type PresenceKind = 'participant' | 'staff' | 'projector';

export interface Presence {
	kind: PresenceKind;
	name?: string;
}

export interface DocConnectionOptions {
	docName: string;
	/** Only for the projector link; browsers with a session cookie need none. */
	token?: string;
	/** Keep a copy in IndexedDB (default true). */
	persist?: boolean;
	/** The server's state from the page load, so the first paint (and SSR) already shows content. */
	initialState?: Uint8Array | null;
	/** What this client announces to the others on the doc (counted as "people present"). */
	presence?: Presence;
	/** Defaults to ws(s)://<this origin>/sync. */
	syncUrl?: string;
	/** The browser by default; tests (and Node) bring their own WebSocket and network. */
	environment?: ConnectionEnvironment;
	/** Where pending marks are kept across reloads (default: localStorage). */
	pendingStore?: PendingStore;
}

/** What the connection needs from its surroundings; in a browser, window and navigator. */
export interface ConnectionEnvironment {
	/** navigator.onLine */
	isOnline(): boolean;
	/** Calls back on the browser's online/offline events; returns a function that stops. */
	watchNetwork(onChange: (online: boolean) => void): () => void;
	/** ws(s)://<origin>/sync */
	defaultSyncUrl(): string;
	WebSocket?: typeof WebSocket;
}

/** The server said no to writes we had made (4422, 4423). The old doc is still readable in the callback. */
export interface Refusal {
	code: number;
	/** The server's reason, e.g. "update refused: text too long" (not for people; see the page's wording). */
	reason: string;
	/** Our writes the server never confirmed, in the order they were made. */
	unsent: PendingWrite[];
	doc: Y.Doc;
}

export const RESET_CODE = 4409;
/** The write policy refused an update. */
export const REFUSED_CODE = 4422;
/** A connection that may only read tried to write (e.g. the workshop is closed). */
export const READ_ONLY_CODE = 4423;
/** How soon after a write we ask the server whether it has it (writes of one burst share the question). */
const ASK_AFTER_WRITE_MS = 300;
/** While writes are pending and we are online, ask again this often (a lost answer must not leave a mark forever). */
const ASK_AGAIN_MS = 4_000;
const CLOSED_REASONS: Record<number, ClosedReason> = {
	4401: 'unauthenticated',
	4403: 'forbidden',
	4404: 'not-found',
	// Write budgets (server/sync/budget.ts).
	4413: 'too-large',
	4429: 'budget-used',
	4415: 'full'
};
/** The server's "you wrote a lot, wait": it closes with this and the client retries by itself. */
export const SLOW_DOWN_CODE = 4530;
/** While the browser says it is offline, look again this often (some browsers miss the 'online' event). */
const OFFLINE_RECHECK_MS = 5_000;

const isBrowser = typeof window !== 'undefined' && typeof indexedDB !== 'undefined';

function browserEnvironment(): ConnectionEnvironment {
	return {
		isOnline: () => navigator.onLine,
		watchNetwork(onChange) {
			const online = () => onChange(true);
			const offline = () => onChange(false);
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			return () => {
				window.removeEventListener('online', online);
				window.removeEventListener('offline', offline);
			};
		},
		defaultSyncUrl: () => `${location.origin.replace(/^http/, 'ws')}/sync`
	};
}

export function storageName(docName: string): string {
	return `wijktafel:${docName}`;
}

export function closedReasonFor(code: number): ClosedReason {
	return CLOSED_REASONS[code] ?? 'refused';
}

type DocBinding = (doc: Y.Doc) => (() => void) | void;

export class DocConnection {
	/** The current doc. Replaced by a fresh one after a 4409 reset; use `bind` to follow it. */
	doc = $state.raw<Y.Doc>(new Y.Doc());
	status = $state<ConnectionStatus>('connecting');
	closedReason = $state<ClosedReason | null>(null);
	closedCode = $state<number | null>(null);
	/** Synced with the server since the last (re)connect. */
	synced = $state(false);
	/** The local IndexedDB copy has been loaded. */
	storedLocally = $state(false);
	/** Everyone announcing themselves on this doc, this client included (only meaningful while online). */
	present = $state(0);
	presentByKind = $state.raw<Record<PresenceKind, number>>({ participant: 0, staff: 0, projector: 0 });
	/** How many times the server replaced the doc under us. */
	resets = $state(0);
	/** The server asked us to wait (we wrote a lot); cleared by the next successful sync. */
	slowDown = $state(false);
	/** Keys given to `track` whose latest write the server does not have yet. */
	pending = $state.raw<ReadonlySet<string>>(new Set());
	/** How many sync messages from the server have been read for pending marks (tests wait on it). */
	serverAnswers = $state(0);
	/** The last refusal (4422/4423), if any. */
	refusal = $state.raw<{ code: number; reason: string } | null>(null);

	readonly docName: string;
	readonly #options: DocConnectionOptions;
	#provider: WebsocketProvider | null = null;
	#persistence: IndexeddbPersistence | null = null;
	#bindings = new Map<DocBinding, (() => void) | void>();
	#offlineTimer: ReturnType<typeof setInterval> | null = null;
	#destroyed = false;
	#resetting = false;
	readonly #environment: ConnectionEnvironment | null;
	#stopWatchingNetwork: (() => void) | null = null;
	readonly #pendingWrites: PendingWrites;
	#askTimer: ReturnType<typeof setTimeout> | null = null;
	#askAgainTimer: ReturnType<typeof setInterval> | null = null;
	#refusalListeners = new Set<(refusal: Refusal) => void>();

	constructor(options: DocConnectionOptions) {
		this.docName = options.docName;
		this.#options = options;
		this.#environment = options.environment ?? (isBrowser ? browserEnvironment() : null);
		this.#pendingWrites = new PendingWrites(options.pendingStore ?? localPendingStore(`wijktafel:pending:${options.docName}`));
		this.pending = new Set(this.#pendingWrites.keys());
		if (options.initialState && options.initialState.length > 0) Y.applyUpdate(this.doc, options.initialState, 'snapshot');
		if (!this.#environment) return; // server-side rendering: the snapshot is all there is
		this.#stopWatchingNetwork = this.#environment.watchNetwork((online) => (online ? this.#onBrowserOnline() : this.#onBrowserOffline()));
		this.#open(this.doc);
		if (!this.#environment.isOnline()) this.#onBrowserOffline();
	}

	/**
	 * Call right after writing `key` (e.g. "card:<id>") in `doc`: it is marked pending until the server
	 * has this write. A later write of the same key replaces the mark.
	 */
	track(key: string): void {
		if (this.#destroyed) return;
		this.#pendingWrites.record(key, this.doc);
		this.pending = new Set(this.#pendingWrites.keys());
		this.#askSoon(ASK_AFTER_WRITE_MS);
	}

	isPending(key: string): boolean {
		return this.pending.has(key);
	}

	/** Called when the server refused our writes, before the local copy is dropped. Returns a function that stops. */
	onRefused(listener: (refusal: Refusal) => void): () => void {
		this.#refusalListeners.add(listener);
		return () => this.#refusalListeners.delete(listener);
	}

	get online(): boolean {
		return this.status === 'online';
	}

	/**
	 * Runs `bind` for the current doc and again for every replacement (after a reset), calling the
	 * cleanup it returned first. Returns a function that unbinds.
	 */
	bind(bind: DocBinding): () => void {
		this.#bindings.set(bind, bind(this.doc));
		return () => {
			const cleanup = this.#bindings.get(bind);
			this.#bindings.delete(bind);
			if (typeof cleanup === 'function') cleanup();
		};
	}

	/** Try again now, e.g. from a "reconnect" button. */
	reconnect(): void {
		if (this.#destroyed || !this.#provider) return;
		this.#provider.disconnect();
		this.#provider.connect();
		if (this.status !== 'online') this.status = 'connecting';
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#stopWatchingNetwork?.();
		this.#stopOfflineRecheck();
		this.#stopAsking();
		this.#refusalListeners.clear();
		for (const cleanup of this.#bindings.values()) if (typeof cleanup === 'function') cleanup();
		this.#bindings.clear();
		this.#close();
		this.doc.destroy();
	}

	#open(doc: Y.Doc): void {
		const { docName, token, persist = true, presence, syncUrl } = this.#options;
		if (persist) {
			const persistence = new IndexeddbPersistence(storageName(docName), doc);
			this.#persistence = persistence;
			persistence.whenSynced.then(() => {
				if (this.#persistence === persistence) this.storedLocally = true;
			});
		}
		const environment = this.#environment!;
		const url = syncUrl ?? environment.defaultSyncUrl();
		const provider = new WebsocketProvider(url, docName, doc, {
			params: token ? { token } : {},
			connect: environment.isOnline(),
			// Another tab's BroadcastChannel copy is not the server: pending marks must come from the socket.
			disableBc: true,
			...(environment.WebSocket ? { WebSocketPolyfill: environment.WebSocket } : {})
		});
		this.#provider = provider;
		this.#listenToServerSync(provider);
		if (presence) provider.awareness.setLocalStateField('user', presence);
		else provider.awareness.setLocalState(null);

		provider.on('status', ({ status }) => {
			if (this.#provider !== provider || this.status === 'closed') return;
			if (status === 'connected' || status === 'connecting') {
				// Stay "offline" while retrying after a drop; the switch to online comes with the sync.
				if (this.status !== 'offline') this.status = 'connecting';
			} else {
				this.synced = false;
				this.status = 'offline';
			}
		});
		provider.on('sync', (isSynced: boolean) => {
			if (this.#provider !== provider) return;
			this.synced = isSynced;
			if (isSynced) this.slowDown = false;
			if (isSynced && this.status !== 'closed') this.status = 'online';
			if (isSynced) this.#startAskingAgain();
		});
		provider.on('connection-close', (event) => {
			if (this.#provider !== provider || this.status === 'closed') return;
			this.synced = false;
			if (event?.code === SLOW_DOWN_CODE) this.slowDown = true;
			// A refusal before the socket ever opened emits no 'disconnected' status.
			if (event === null || event.code < 4400 || event.code >= 4500) this.status = 'offline';
		});
		provider.on('closed', ({ code, reason }) => {
			if (this.#provider !== provider) return;
			if (code === RESET_CODE) void this.#reset();
			else if (code === REFUSED_CODE || code === READ_ONLY_CODE) this.#refused(code, reason);
			else {
				this.closedCode = code;
				this.closedReason = closedReasonFor(code);
				this.status = 'closed';
				this.synced = false;
			}
		});
		provider.awareness.on('change', () => {
			if (this.#provider === provider) this.#countPresence(provider);
		});
		this.#countPresence(provider);
	}

	#countPresence(provider: WebsocketProvider): void {
		const byKind: Record<PresenceKind, number> = { participant: 0, staff: 0, projector: 0 };
		let total = 0;
		for (const state of provider.awareness.getStates().values()) {
			const kind = (state as { user?: Presence }).user?.kind;
			if (kind === 'participant' || kind === 'staff' || kind === 'projector') {
				byKind[kind]++;
				total++;
			}
		}
		this.present = total;
		this.presentByKind = byKind;
	}

	/**
	 * Reads what the server sends before y-websocket applies it: its state vector (step 1) and the
	 * structs it has (step 2, updates), which tell which of our pending writes arrived.
	 */
	#listenToServerSync(provider: WebsocketProvider): void {
		const original = provider.messageHandlers[MESSAGE_SYNC];
		provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, handlerProvider, emitSynced, messageType) => {
			if (this.#provider === provider) this.#inspectServerSync(decoding.clone(decoder));
			original(encoder, decoder, handlerProvider, emitSynced, messageType);
		};
	}

	#inspectServerSync(decoder: decoding.Decoder): void {
		try {
			const syncType = decoding.readVarUint(decoder);
			if (syncType === syncProtocol.messageYjsSyncStep1) {
				this.#confirm(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
				// At connect the server's vector predates the step 2 we send in reply; ask once that is on its way.
				if (this.#pendingWrites.size > 0) queueMicrotask(() => this.#ask());
			} else if (this.#pendingWrites.size > 0) {
				this.#confirm(clocksInUpdate(decoding.readVarUint8Array(decoder)));
			}
			this.serverAnswers++;
		} catch {
			// Not ours to judge: y-websocket reads the same message next and handles what is wrong with it.
		}
	}

	#confirm(serverClocks: ReadonlyMap<number, number>): void {
		if (this.#pendingWrites.size === 0) return;
		if (this.#pendingWrites.confirm(serverClocks).length > 0) this.pending = new Set(this.#pendingWrites.keys());
		if (this.#pendingWrites.size === 0) this.#stopAsking();
	}

	/** Ask the server which of our pending writes it has (see pending-writes.ts). */
	#ask(): void {
		const provider = this.#provider;
		const ws = provider?.ws;
		if (!provider || !ws || !provider.wsconnected || ws.readyState !== ws.OPEN || this.#pendingWrites.size === 0) return;
		ws.send(encodeQuestion(this.#pendingWrites.question(this.doc)));
	}

	#askSoon(delayMs: number): void {
		if (this.#askTimer !== null) return;
		this.#askTimer = setTimeout(() => {
			this.#askTimer = null;
			this.#ask();
		}, delayMs);
		this.#startAskingAgain();
	}

	#startAskingAgain(): void {
		if (this.#askAgainTimer !== null || this.#pendingWrites.size === 0) return;
		this.#askAgainTimer = setInterval(() => this.#ask(), ASK_AGAIN_MS);
	}

	#stopAsking(): void {
		if (this.#askTimer !== null) clearTimeout(this.#askTimer);
		if (this.#askAgainTimer !== null) clearInterval(this.#askAgainTimer);
		this.#askTimer = null;
		this.#askAgainTimer = null;
	}

	/** 4422/4423: hand over what the server never got, then start over like a reset. */
	#refused(code: number, reason: string): void {
		const unsent = this.#pendingWrites.clear();
		this.pending = new Set();
		this.refusal = { code, reason };
		for (const listener of [...this.#refusalListeners]) {
			try {
				listener({ code, reason, unsent, doc: this.doc });
			} catch {
				// One listener's failure must not keep the doc from being reset.
			}
		}
		void this.#reset();
	}

	#close(): void {
		this.#provider?.awareness.setLocalState(null);
		this.#provider?.destroy();
		this.#provider = null;
		void this.#persistence?.destroy();
		this.#persistence = null;
	}

	/** The server replaced the doc: forget everything local and start over from the server's state. */
	async #reset(): Promise<void> {
		if (this.#resetting || this.#destroyed) return;
		this.#resetting = true;
		this.status = 'connecting';
		this.synced = false;
		this.storedLocally = false;
		const old = this.doc;
		this.#close();
		// The server no longer has (or never had) what the old doc held: nothing of it can still arrive.
		this.#stopAsking();
		this.#pendingWrites.clear();
		this.pending = new Set();
		try {
			if (this.#options.persist !== false) await clearDocument(storageName(this.docName));
		} catch {
			// A blocked delete (another tab still open) must not leave us without a doc; that tab gets 4409 too.
		}
		if (this.#destroyed) return;
		const fresh = new Y.Doc();
		for (const [bind, cleanup] of this.#bindings) {
			if (typeof cleanup === 'function') cleanup();
			this.#bindings.set(bind, bind(fresh));
		}
		this.doc = fresh;
		old.destroy();
		this.resets++;
		this.#resetting = false;
		this.#open(fresh);
	}

	#onBrowserOffline(): void {
		if (this.#destroyed || this.status === 'closed') return;
		// Close the socket ourselves: the browser will not tell y-websocket for up to 30 s.
		this.#provider?.disconnect();
		this.synced = false;
		this.status = 'offline';
		this.#startOfflineRecheck();
	}

	#onBrowserOnline(): void {
		if (this.#destroyed || this.status === 'closed') return;
		this.#stopOfflineRecheck();
		if (this.#provider && !this.#provider.wsconnected && !this.#provider.wsconnecting) {
			this.#provider.connect();
		}
	}

	#startOfflineRecheck(): void {
		if (this.#offlineTimer !== null) return;
		this.#offlineTimer = setInterval(() => {
			if (this.#environment?.isOnline()) this.#onBrowserOnline();
		}, OFFLINE_RECHECK_MS);
	}

	#stopOfflineRecheck(): void {
		if (this.#offlineTimer === null) return;
		clearInterval(this.#offlineTimer);
		this.#offlineTimer = null;
	}
}
