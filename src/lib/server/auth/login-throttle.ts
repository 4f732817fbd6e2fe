/**
 * Login rate limit: at most LOGIN_MAX_FAILURES failed logins per account and per client address in
 * a sliding window of LOGIN_WINDOW_MS. At the limit the login is locked for that key until the oldest
 * counted failure leaves the window; a correct password during the lock is refused too, otherwise the
 * lock would only slow a guesser down instead of stopping them.
 *
 * Kept in memory: one process serves Wijktafel, and a restart giving an attacker a fresh minute is
 * acceptable. The clock is injected so the window can be tested without waiting.
 */
import { normaliseEmail } from '../repositories/users.ts';

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 60_000;

export interface LoginThrottleOptions {
	maxFailures?: number;
	windowMs?: number;
	now?: () => number;
	/** Upper bound on tracked keys, so a flood of made-up e-mail addresses cannot grow memory without end. */
	maxKeys?: number;
}

export type LockScope = 'account' | 'address';

export type LoginAttempt =
	| {
			ok: true;
			/** The password was right: the provisional failure is withdrawn and the account's count cleared. */
			succeeded(): void;
	  }
	| { ok: false; retryAt: number; scope: LockScope };

export class LoginThrottle {
	readonly maxFailures: number;
	readonly windowMs: number;
	readonly #now: () => number;
	readonly #maxKeys: number;
	/** key → failure times, oldest first. */
	readonly #failures = new Map<string, number[]>();
	#callsSinceSweep = 0;

	constructor(options: LoginThrottleOptions = {}) {
		this.maxFailures = options.maxFailures ?? LOGIN_MAX_FAILURES;
		this.windowMs = options.windowMs ?? LOGIN_WINDOW_MS;
		this.#now = options.now ?? Date.now;
		this.#maxKeys = options.maxKeys ?? 50_000;
	}

	/** How many accounts and addresses currently have failures on record. */
	get trackedKeys(): number {
		return this.#failures.size;
	}

	/**
	 * Starts a login attempt. It counts as a failure straight away (and is withdrawn on success), so
	 * many parallel guesses cannot all slip past the check while their passwords are being hashed.
	 */
	begin(input: { address: string; email: string }): LoginAttempt {
		const now = this.#now();
		this.#maybeSweep(now);
		const keys: [LockScope, string][] = [
			['account', accountKey(input.email)],
			['address', addressKey(input.address)]
		];
		let latest: { retryAt: number; scope: LockScope } | null = null;
		for (const [scope, key] of keys) {
			const retryAt = this.#lockedUntil(key, now);
			if (retryAt !== null && (latest === null || retryAt > latest.retryAt)) latest = { retryAt, scope };
		}
		if (latest) return { ok: false, ...latest };

		for (const [, key] of keys) this.#record(key, now);
		return {
			ok: true,
			succeeded: () => {
				this.#withdraw(keys[1][1], now);
				// The account's owner got in: earlier typos should not count against their next login.
				this.#failures.delete(keys[0][1]);
			}
		};
	}

	/** When the key's lock ends, or null when it is not locked. */
	#lockedUntil(key: string, now: number): number | null {
		const times = this.#prune(key, now);
		if (times.length < this.maxFailures) return null;
		// Locked until enough of the oldest failures have left the window to drop below the limit.
		return times[times.length - this.maxFailures] + this.windowMs;
	}

	#prune(key: string, now: number): number[] {
		const times = this.#failures.get(key);
		if (!times) return [];
		const cutoff = now - this.windowMs;
		let drop = 0;
		while (drop < times.length && times[drop] <= cutoff) drop++;
		if (drop > 0) times.splice(0, drop);
		if (times.length === 0) this.#failures.delete(key);
		return times;
	}

	#record(key: string, now: number): void {
		const times = this.#failures.get(key);
		if (times) times.push(now);
		else this.#failures.set(key, [now]);
	}

	#withdraw(key: string, at: number): void {
		const times = this.#failures.get(key);
		if (!times) return;
		const index = times.lastIndexOf(at);
		if (index >= 0) times.splice(index, 1);
		if (times.length === 0) this.#failures.delete(key);
	}

	#maybeSweep(now: number): void {
		if (++this.#callsSinceSweep < 1000 && this.#failures.size <= this.#maxKeys - 2) return;
		this.#callsSinceSweep = 0;
		for (const key of [...this.#failures.keys()]) this.#prune(key, now);
		// Still too many live keys: forget the oldest entries rather than grow (Map keeps insertion order),
		// leaving room for the two keys (account, address) this attempt is about to add.
		for (const key of this.#failures.keys()) {
			if (this.#failures.size <= this.#maxKeys - 2) break;
			this.#failures.delete(key);
		}
	}
}

function accountKey(email: string): string {
	return `account:${normaliseEmail(email)}`;
}

/**
 * IPv4 as is (also when mapped into IPv6); IPv6 by its /64 prefix, because one subscriber usually
 * holds a whole /64 and could otherwise rotate addresses to dodge the limit.
 */
export function addressKey(address: string): string {
	const trimmed = address.trim().toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
	if (mapped) return `address:${mapped[1]}`;
	if (!trimmed.includes(':')) return `address:${trimmed}`;
	const groups = expandIpv6(trimmed.split('%')[0]);
	return groups ? `address:${groups.slice(0, 4).join(':')}::/64` : `address:${trimmed}`;
}

function expandIpv6(address: string): string[] | null {
	const halves = address.split('::');
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(':') : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - tail.length;
	if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
	const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

/** The process-wide throttle used by the login form. Module state is fine: only the SvelteKit bundle logs people in. */
let shared: LoginThrottle | null = null;
export function loginThrottle(): LoginThrottle {
	shared ??= new LoginThrottle();
	return shared;
}
