/**
 * How fast people may join: per client address, per join code, and guesses of unknown codes per
 * address. Sized so a 200-person room behind one venue Wi-Fi address gets in within about a
 * minute (the first 100 at once, then 100 a minute), while a loop from one address gets at most
 * 200 participants a minute and a guesser 10 codes a minute. The participant cap per workshop is
 * checked in join.ts, in the same transaction as the insert.
 */
import { KeyedBuckets } from './rate-limit.ts';
import { addressKey } from './auth/login-throttle.ts';

export interface JoinLimitSettings {
	joinsPerAddressPerMinute: number;
	joinsPerCodePerMinute: number;
	unknownCodesPerAddressPerMinute: number;
}

export type JoinAdmission = { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'address' | 'code' | 'guesses' };

export class JoinLimiter {
	readonly #perAddress: KeyedBuckets;
	readonly #perCode: KeyedBuckets;
	readonly #guesses: KeyedBuckets;

	constructor(settings: JoinLimitSettings, now: () => number = Date.now) {
		this.#perAddress = new KeyedBuckets({ capacity: settings.joinsPerAddressPerMinute, perMinute: settings.joinsPerAddressPerMinute, now });
		this.#perCode = new KeyedBuckets({ capacity: settings.joinsPerCodePerMinute, perMinute: settings.joinsPerCodePerMinute, now });
		this.#guesses = new KeyedBuckets({
			capacity: settings.unknownCodesPerAddressPerMinute,
			perMinute: settings.unknownCodesPerAddressPerMinute,
			now
		});
	}

	/**
	 * Before looking a code up. An address that used its guesses is refused whatever code it sends
	 * next, so a 429 never tells a guesser that a code exists.
	 */
	beforeLookup(address: string): JoinAdmission {
		const guesses = this.#guesses.peek(addressKey(address));
		return guesses.ok ? { ok: true } : refusal(guesses.retryAfterMs, 'guesses');
	}

	/** The code was unknown (or closed): one guess used. */
	unknownCode(address: string): void {
		this.#guesses.take(addressKey(address));
	}

	/** The code is known: one join from this address and for this code, or a refusal that takes nothing. */
	join(address: string, code: string): JoinAdmission {
		const byAddress = this.#perAddress.peek(addressKey(address));
		if (!byAddress.ok) return refusal(byAddress.retryAfterMs, 'address');
		const byCode = this.#perCode.take(code);
		if (!byCode.ok) return refusal(byCode.retryAfterMs, 'code');
		this.#perAddress.take(addressKey(address));
		return { ok: true };
	}
}

function refusal(retryAfterMs: number, scope: 'address' | 'code' | 'guesses'): JoinAdmission {
	return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), scope };
}

/** The process-wide limiter used by the join API and the join pages, made from the config on first use. */
let shared: JoinLimiter | null = null;
export function joinLimiter(settings: JoinLimitSettings): JoinLimiter {
	shared ??= new JoinLimiter(settings);
	return shared;
}
