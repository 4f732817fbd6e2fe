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
 *  - other 44xx: refused for good (unknown token, no access, unknown doc) → status 'closed'.
 *  - 45xx and network errors: the provider retries by itself → status 'offline' meanwhile.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';

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
}

export const RESET_CODE = 4409;
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

	readonly docName: string;
	readonly #options: DocConnectionOptions;
	#provider: WebsocketProvider | null = null;
	#persistence: IndexeddbPersistence | null = null;
	#bindings = new Map<DocBinding, (() => void) | void>();
	#offlineTimer: ReturnType<typeof setInterval> | null = null;
	#destroyed = false;
	#resetting = false;

	constructor(options: DocConnectionOptions) {
		this.docName = options.docName;
		this.#options = options;
		if (options.initialState && options.initialState.length > 0) Y.applyUpdate(this.doc, options.initialState, 'snapshot');
		if (!isBrowser) return; // server-side rendering: the snapshot is all there is
		window.addEventListener('online', this.#onBrowserOnline);
		window.addEventListener('offline', this.#onBrowserOffline);
		this.#open(this.doc);
		if (!navigator.onLine) this.#onBrowserOffline();
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
		if (isBrowser) {
			window.removeEventListener('online', this.#onBrowserOnline);
			window.removeEventListener('offline', this.#onBrowserOffline);
		}
		this.#stopOfflineRecheck();
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
		const url = syncUrl ?? `${location.origin.replace(/^http/, 'ws')}/sync`;
		const provider = new WebsocketProvider(url, docName, doc, { params: token ? { token } : {}, connect: navigator.onLine });
		this.#provider = provider;
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
		});
		provider.on('connection-close', (event) => {
			if (this.#provider !== provider || this.status === 'closed') return;
			this.synced = false;
			if (event?.code === SLOW_DOWN_CODE) this.slowDown = true;
			// A refusal before the socket ever opened emits no 'disconnected' status.
			if (event === null || event.code < 4400 || event.code >= 4500) this.status = 'offline';
		});
		provider.on('closed', ({ code }) => {
			if (this.#provider !== provider) return;
			if (code === RESET_CODE) void this.#reset();
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

	#onBrowserOffline = (): void => {
		if (this.#destroyed || this.status === 'closed') return;
		// Close the socket ourselves: the browser will not tell y-websocket for up to 30 s.
		this.#provider?.disconnect();
		this.synced = false;
		this.status = 'offline';
		this.#startOfflineRecheck();
	};

	#onBrowserOnline = (): void => {
		if (this.#destroyed || this.status === 'closed') return;
		this.#stopOfflineRecheck();
		if (this.#provider && !this.#provider.wsconnected && !this.#provider.wsconnecting) {
			this.#provider.connect();
		}
	};

	#startOfflineRecheck(): void {
		if (this.#offlineTimer !== null) return;
		this.#offlineTimer = setInterval(() => {
			if (navigator.onLine) this.#onBrowserOnline();
		}, OFFLINE_RECHECK_MS);
	}

	#stopOfflineRecheck(): void {
		if (this.#offlineTimer === null) return;
		clearInterval(this.#offlineTimer);
		this.#offlineTimer = null;
	}
}
