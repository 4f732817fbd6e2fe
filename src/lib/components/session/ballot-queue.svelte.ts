/**
 * Ballots (ratings, dots, weights) are commands to the server (POST /api/ballots), not doc writes:
 * the server checks, stores and counts them. Offline a phone keeps them here instead of failing:
 * the newest ballot per kind and subject waits (persisted, so a reload keeps it) and is sent when the
 * network is back. The server still decides: a 4xx answer (vote closed, bad value) ends the wait with
 * its message; only "could not reach the server" (network error, 5xx, 429) keeps it waiting.
 */
import type { LocalizedText } from '$lib/domain/i18n-text';
import type { ConnectionEnvironment } from '$lib/sync/connection.svelte';
import { storedList, type StoredList } from '$lib/sync/stored-list';

export type BallotKind = 'rating' | 'dots' | 'weights';

export interface QueuedBallot {
	kind: BallotKind;
	subject: string;
	value: unknown;
}

export type BallotState =
	| { state: 'sending' }
	| { state: 'queued' }
	| { state: 'sent'; tally: unknown; value: unknown }
	| { state: 'refused'; message: LocalizedText | null };

export type CastOutcome = { status: 'sent'; tally: unknown } | { status: 'queued' } | { status: 'refused'; message: LocalizedText | null };

export type BallotStore = StoredList<QueuedBallot>;

export interface BallotQueueOptions {
	/** Where the waiting ballots are kept; localStorage under this key by default. */
	storageKey: string;
	store?: BallotStore;
	/** Defaults to '/api/ballots' on this origin. */
	endpoint?: string;
	/** Projector-style bearer token; phones use their cookie. */
	token?: string | null;
	fetch?: typeof fetch;
	environment?: Pick<ConnectionEnvironment, 'isOnline' | 'watchNetwork'> | null;
}

/** While ballots wait and the network seems up, try again this often. */
const RETRY_MS = 5_000;

export function ballotKey(kind: BallotKind, subject: string): string {
	return `${kind}:${subject}`;
}

function isQueuedBallot(value: unknown): value is QueuedBallot {
	if (typeof value !== 'object' || value === null) return false;
	const ballot = value as Record<string, unknown>;
	return (ballot.kind === 'rating' || ballot.kind === 'dots' || ballot.kind === 'weights') && typeof ballot.subject === 'string' && 'value' in ballot;
}

export function localBallotStore(key: string): BallotStore {
	return storedList(key, isQueuedBallot);
}

function defaultEnvironment(): BallotQueueOptions['environment'] {
	if (typeof window === 'undefined') return null;
	return {
		isOnline: () => navigator.onLine,
		watchNetwork(onChange) {
			const online = () => onChange(true);
			window.addEventListener('online', online);
			return () => window.removeEventListener('online', online);
		}
	};
}

export class BallotQueue {
	/** key (kind:subject) → what happened to the latest ballot of that key on this page. */
	states = $state.raw<ReadonlyMap<string, BallotState>>(new Map());
	/** How many ballots wait for the network. */
	waiting = $state(0);

	readonly #options: BallotQueueOptions;
	readonly #store: BallotStore;
	readonly #fetch: typeof fetch;
	readonly #environment: BallotQueueOptions['environment'];
	#queue = new Map<string, QueuedBallot>();
	#stopWatching: (() => void) | null = null;
	#retryTimer: ReturnType<typeof setInterval> | null = null;
	#flushing: Promise<void> | null = null;
	#destroyed = false;

	constructor(options: BallotQueueOptions) {
		this.#options = options;
		this.#store = options.store ?? localBallotStore(options.storageKey);
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#environment = options.environment === undefined ? defaultEnvironment() : options.environment;
		for (const ballot of this.#store.load()) this.#queue.set(ballotKey(ballot.kind, ballot.subject), ballot);
		this.#afterQueueChange();
		this.#stopWatching = this.#environment?.watchNetwork((online) => online && void this.flush()) ?? null;
		if (this.#queue.size > 0) void this.flush();
	}

	stateOf(kind: BallotKind, subject: string): BallotState | null {
		return this.states.get(ballotKey(kind, subject)) ?? null;
	}

	/** The waiting ballot of this kind and subject, if any (to show what will be sent). */
	queuedValue(kind: BallotKind, subject: string): unknown {
		return this.#queue.get(ballotKey(kind, subject))?.value;
	}

	/** Send now if we can; otherwise keep it (replacing an older waiting one of the same kind and subject). */
	async cast(kind: BallotKind, subject: string, value: unknown): Promise<CastOutcome> {
		const ballot: QueuedBallot = { kind, subject, value };
		const key = ballotKey(kind, subject);
		if (this.#environment && !this.#environment.isOnline()) return this.#enqueue(key, ballot);
		this.#setState(key, { state: 'sending' });
		const outcome = await this.#send(ballot);
		// A newer ballot of this key queued meanwhile wins; this answer is old news.
		if (outcome.status === 'queued') return this.#enqueue(key, ballot);
		this.#finish(key, ballot, outcome);
		return outcome;
	}

	/** Send everything that waits, oldest first. */
	flush(): Promise<void> {
		if (this.#flushing) return this.#flushing;
		this.#flushing = (async () => {
			try {
				for (const [key, ballot] of [...this.#queue]) {
					if (this.#destroyed) return;
					const outcome = await this.#send(ballot);
					if (outcome.status === 'queued') return; // still unreachable: try again later
					if (this.#queue.get(key) === ballot) {
						this.#queue.delete(key);
						this.#afterQueueChange();
					}
					this.#finish(key, ballot, outcome);
				}
			} finally {
				this.#flushing = null;
			}
		})();
		return this.#flushing;
	}

	destroy(): void {
		this.#destroyed = true;
		this.#stopWatching?.();
		if (this.#retryTimer !== null) clearInterval(this.#retryTimer);
		this.#retryTimer = null;
	}

	#enqueue(key: string, ballot: QueuedBallot): CastOutcome {
		this.#queue.delete(key); // re-insert: the newest goes last
		this.#queue.set(key, ballot);
		this.#afterQueueChange();
		this.#setState(key, { state: 'queued' });
		return { status: 'queued' };
	}

	#finish(key: string, ballot: QueuedBallot, outcome: Exclude<CastOutcome, { status: 'queued' }>): void {
		if (this.#queue.has(key)) return; // a newer one waits; its state is 'queued'
		this.#setState(key, outcome.status === 'sent' ? { state: 'sent', tally: outcome.tally, value: ballot.value } : { state: 'refused', message: outcome.message });
	}

	async #send(ballot: QueuedBallot): Promise<CastOutcome> {
		try {
			const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
			if (this.#options.token) headers.authorization = `Bearer ${this.#options.token}`;
			const response = await this.#fetch(this.#options.endpoint ?? '/api/ballots', {
				method: 'POST',
				headers,
				body: JSON.stringify(ballot)
			});
			if (response.status >= 500 || response.status === 429) return { status: 'queued' };
			const body = (await response.json().catch(() => null)) as { tally?: unknown; message?: LocalizedText } | null;
			if (response.ok && body && 'tally' in body) return { status: 'sent', tally: body.tally };
			return { status: 'refused', message: body?.message ?? null };
		} catch {
			return { status: 'queued' };
		}
	}

	#setState(key: string, state: BallotState): void {
		const next = new Map(this.states);
		next.set(key, state);
		this.states = next;
	}

	#afterQueueChange(): void {
		this.waiting = this.#queue.size;
		this.#store.save([...this.#queue.values()]);
		if (this.#queue.size > 0 && this.#retryTimer === null && !this.#destroyed) {
			this.#retryTimer = setInterval(() => {
				if (!this.#environment || this.#environment.isOnline()) void this.flush();
			}, RETRY_MS);
		} else if (this.#queue.size === 0 && this.#retryTimer !== null) {
			clearInterval(this.#retryTimer);
			this.#retryTimer = null;
		}
	}
}
