/**
 * Write budgets: how much one client can make the server store. Checked for every update before it
 * is applied (one marked line in sync-server.ts), so a refused write reaches neither the disk nor
 * other clients:
 *  - one update at most `maxUpdateBytes` (a card is 280 characters; 64 KiB is a long offline session);
 *  - a participant at most `participantBytesPerMinute` a minute and `participantBytesTotal` in all,
 *    over all their connections and docs (a participant belongs to one workshop, so this is per
 *    workshop). Twenty 500,000-character cards therefore add nothing: each is over the update limit,
 *    and a participant who stays under it still stops at 1 MiB;
 *  - a document takes no client writes once it reaches `maxDocBytes` (server changes still go in).
 * Staff are held by the update and document limits, not by the per-participant ones.
 * Also the message rate per person (`personRate`), shared by all sockets of one token, so five
 * connections on one token get what one gets.
 *
 * Kept in memory: a restart starts the totals again. That bounds a participant to 1 MiB per restart,
 * and restarts are rare and not in a participant's hands.
 */
import * as Y from 'yjs';
import { CLOSE, type CloseSpec } from './protocol.ts';
import { KeyedBuckets } from '../../src/lib/server/rate-limit.ts';
import { MessageRateLimiter } from './limits.ts';
import type { Config } from '../../src/lib/server/config.ts';

/** The budgets, as configured (config.ts documents each). */
export type BudgetSettings = Pick<
	Config,
	| 'maxUpdateBytes'
	| 'participantBytesPerMinute'
	| 'participantBytesTotal'
	| 'maxDocBytes'
	| 'maxMessagesPerSecondPerPerson'
	| 'refusalCooldownMs'
	| 'hardRefusalCooldownMs'
>;

export type Admission = { ok: true } | { ok: false; close: CloseSpec };

const OK: Admission = { ok: true };

export class WriteBudget {
	readonly settings: BudgetSettings;
	readonly #perMinute: KeyedBuckets;
	readonly #totals = new Map<string, number>();
	/** Approximate stored size per loaded doc: its state when first written to, plus what was admitted since. */
	readonly #docBytes = new WeakMap<Y.Doc, number>();
	readonly #rates = new Map<string, { limiter: MessageRateLimiter; sockets: number }>();
	/** person → until when their new sockets are refused. */
	readonly #coolingDown = new Map<string, number>();
	readonly #now: () => number;

	constructor(settings: BudgetSettings, now: () => number = Date.now) {
		this.settings = settings;
		this.#now = now;
		// A quarter of the minute at once (at least one full-size update): the rest comes at the minute's
		// rate, so a full budget arrives as a trickle and not as one lump every honest phone must apply.
		const burst = Math.max(settings.maxUpdateBytes, Math.floor(settings.participantBytesPerMinute / 4));
		this.#perMinute = new KeyedBuckets({ capacity: burst, perMinute: settings.participantBytesPerMinute, now });
	}

	/**
	 * May `who` open another socket now? Every socket starts with a sync of the whole doc, so someone
	 * who reconnects right after each refused write would make the server encode and send the doc in
	 * a loop. After a refusal they wait `refusalCooldownMs` (the stock client retries by itself).
	 */
	connect(who: string): Admission {
		const until = this.#coolingDown.get(who);
		if (until === undefined) return OK;
		if (this.#now() < until) return { ok: false, close: CLOSE.TOO_MANY_CONNECTIONS };
		this.#coolingDown.delete(who);
		return OK;
	}

	#refuse(who: string, close: CloseSpec): Admission {
		const wait = close === CLOSE.WRITE_BUDGET_WAIT ? this.settings.refusalCooldownMs : this.settings.hardRefusalCooldownMs;
		this.#coolingDown.set(who, this.#now() + wait);
		if (this.#coolingDown.size > 10_000) for (const [key, until] of this.#coolingDown) if (until < this.#now()) this.#coolingDown.delete(key);
		return { ok: false, close };
	}

	/** May `who` add an update of `bytes` to `doc`? Counts it when yes. */
	admit(who: string, doc: Y.Doc, bytes: number): Admission {
		const { maxUpdateBytes, participantBytesTotal, maxDocBytes } = this.settings;
		if (bytes > maxUpdateBytes) return this.#refuse(who, CLOSE.UPDATE_TOO_LARGE);
		let docBytes = this.#docBytes.get(doc);
		if (docBytes === undefined) {
			// Once per loaded doc: encoding a big doc is not something to do per refused update.
			docBytes = Y.encodeStateAsUpdate(doc).byteLength;
			this.#docBytes.set(doc, docBytes);
		}
		if (docBytes + bytes > maxDocBytes) return this.#refuse(who, CLOSE.DOCUMENT_FULL);
		if (who.startsWith('participant:')) {
			const total = this.#totals.get(who) ?? 0;
			if (total + bytes > participantBytesTotal) return this.#refuse(who, CLOSE.WRITE_BUDGET_USED);
			if (!this.#perMinute.take(who, bytes).ok) return this.#refuse(who, CLOSE.WRITE_BUDGET_WAIT);
			this.#totals.set(who, total + bytes);
		}
		this.#docBytes.set(doc, docBytes + bytes);
		return OK;
	}

	/** What `who` has written so far (for tests and logs). */
	writtenBy(who: string): number {
		return this.#totals.get(who) ?? 0;
	}

	/** The message budget of a person, shared by their sockets; call `release` when a socket closes. */
	personRate(who: string): { take(): boolean; release(): void } {
		let entry = this.#rates.get(who);
		if (!entry) {
			const rate = this.settings.maxMessagesPerSecondPerPerson;
			// A burst of 4 s: the first sync and a pasted paragraph fit, a flood does not.
			entry = { limiter: new MessageRateLimiter(rate, rate * 4, this.#now()), sockets: 0 };
			this.#rates.set(who, entry);
		}
		entry.sockets++;
		const shared = entry;
		let released = false;
		return {
			take: () => shared.limiter.take(this.#now()),
			release: () => {
				if (released) return;
				released = true;
				shared.sockets--;
				// Kept after the last socket closes, so reconnecting does not refill the bucket; forgotten
				// only when many people have come and gone.
				if (this.#rates.size > 10_000) for (const [key, e] of this.#rates) if (e.sockets === 0) this.#rates.delete(key);
			}
		};
	}
}
