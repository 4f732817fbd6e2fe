/**
 * Login rate limit, in three layers, so that guessing stays slow but failures from many addresses
 * cannot lock the real user out:
 *  - per (account, address): 10 failures in 15 minutes lock that pair;
 *  - per address, whatever the account: 30 failures in 15 minutes lock the address;
 *  - per account, from addresses and browsers that never signed in to it: 30 failures in
 *    30 minutes lock the account for them (about 60 guesses an hour at most, where the old single
 *    lock allowed 600). An address or browser that signed in to the account before ("known")
 *    passes this layer, and is still held by the first two.
 * So 11 wrong passwords from 11 addresses lock nobody out; a guesser spread over many addresses gets
 * at most 60 tries an hour, and the owner on their usual laptop or office address still gets in.
 *
 * A locked key refuses a correct password too, otherwise the lock would only slow a guesser down.
 * Kept in memory: one process serves Wijktafel, and a restart giving an attacker a fresh window is
 * acceptable. The clock is injected so the windows can be tested without waiting.
 */
import { normaliseEmail } from '../repositories/users.ts';
import { generateToken, hashToken } from './tokens.ts';

export interface LoginLimit {
	maxFailures: number;
	windowMs: number;
}

export const LOGIN_LIMITS = {
	pair: { maxFailures: 10, windowMs: 15 * 60_000 },
	address: { maxFailures: 30, windowMs: 15 * 60_000 },
	account: { maxFailures: 30, windowMs: 30 * 60_000 }
} as const satisfies Record<string, LoginLimit>;

export interface LoginThrottleOptions {
	limits?: Partial<Record<LockScope, LoginLimit>>;
	now?: () => number;
	/** Upper bound on tracked keys, so a flood of made-up e-mail addresses cannot grow memory without end. */
	maxKeys?: number;
}

export type LockScope = 'pair' | 'account' | 'address';

export type LoginAttempt =
	| {
			ok: true;
			/**
			 * The password was right: the provisional failure is withdrawn, the pair's count cleared, and
			 * this address and browser become known for the account. Returns the browser's new
			 * known-device token (for a long-lived HttpOnly cookie).
			 */
			succeeded(): string;
	  }
	| { ok: false; retryAt: number; scope: LockScope };

export class LoginThrottle {
	readonly limits: Record<LockScope, LoginLimit>;
	readonly #now: () => number;
	readonly #maxKeys: number;
	/** key → failure times, oldest first. */
	readonly #failures = new Map<string, number[]>();
	/** account key → address keys that signed in to it. */
	readonly #knownAddresses = new Map<string, Set<string>>();
	/** hashed device token → account key. */
	readonly #knownDevices = new Map<string, string>();
	#callsSinceSweep = 0;

	constructor(options: LoginThrottleOptions = {}) {
		this.limits = { ...LOGIN_LIMITS, ...options.limits };
		this.#now = options.now ?? Date.now;
		this.#maxKeys = options.maxKeys ?? 50_000;
	}

	/** How many keys currently have failures on record. */
	get trackedKeys(): number {
		return this.#failures.size;
	}

	/**
	 * Starts a login attempt. It counts as a failure straight away (and is withdrawn on success), so
	 * many parallel guesses cannot all slip past the check while their passwords are being hashed.
	 * `device` is the known-device cookie, when the browser sent one.
	 */
	begin(input: { address: string; email: string; device?: string | null }): LoginAttempt {
		const now = this.#now();
		this.#maybeSweep(now);
		const account = accountKey(input.email);
		const address = addressKey(input.address);
		const known = this.#knownAddresses.get(account)?.has(address) || (!!input.device && this.#knownDevices.get(hashToken(input.device)) === account);
		const keys: [LockScope, string][] = [
			['pair', `pair:${account}|${address}`],
			['address', address],
			...(known ? [] : ([['account', account]] as [LockScope, string][]))
		];
		let latest: { retryAt: number; scope: LockScope } | null = null;
		for (const [scope, key] of keys) {
			const retryAt = this.#lockedUntil(key, this.limits[scope], now);
			if (retryAt !== null && (latest === null || retryAt > latest.retryAt)) latest = { retryAt, scope };
		}
		if (latest) return { ok: false, ...latest };

		// A failure counts against the account even from a known address: the account's window then
		// still bounds what any one unknown address can add.
		const counted = [...keys.map(([, key]) => key), ...(known ? [account] : [])];
		for (const key of counted) this.#record(key, now);
		return {
			ok: true,
			succeeded: () => {
				for (const key of counted) this.#withdraw(key, now);
				this.#failures.delete(keys[0][1]);
				this.#remember(this.#knownAddresses, account, address);
				const device = generateToken();
				this.#knownDevices.set(hashToken(device), account);
				if (this.#knownDevices.size > this.#maxKeys) this.#knownDevices.delete(this.#knownDevices.keys().next().value!);
				return device;
			}
		};
	}

	#remember(map: Map<string, Set<string>>, account: string, address: string): void {
		const set = map.get(account) ?? new Set<string>();
		set.add(address);
		if (set.size > 100) set.delete(set.values().next().value!);
		map.delete(account);
		map.set(account, set);
		if (map.size > this.#maxKeys) map.delete(map.keys().next().value!);
	}

	/** When the key's lock ends, or null when it is not locked. */
	#lockedUntil(key: string, limit: LoginLimit, now: number): number | null {
		const times = this.#prune(key, limit.windowMs, now);
		if (times.length < limit.maxFailures) return null;
		// Locked until enough of the oldest failures have left the window to drop below the limit.
		return times[times.length - limit.maxFailures] + limit.windowMs;
	}

	#prune(key: string, windowMs: number, now: number): number[] {
		const times = this.#failures.get(key);
		if (!times) return [];
		const cutoff = now - windowMs;
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
		if (++this.#callsSinceSweep < 1000 && this.#failures.size <= this.#maxKeys - 3) return;
		this.#callsSinceSweep = 0;
		const longest = Math.max(...Object.values(this.limits).map((limit) => limit.windowMs));
		for (const key of [...this.#failures.keys()]) this.#prune(key, longest, now);
		// Still too many live keys: forget the oldest entries rather than grow (Map keeps insertion order),
		// leaving room for the keys this attempt is about to add.
		for (const key of this.#failures.keys()) {
			if (this.#failures.size <= this.#maxKeys - 3) break;
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
