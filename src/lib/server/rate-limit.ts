/**
 * Token buckets by key (an address, a join code, an account), with an injected clock so tests can
 * cover minutes without waiting. A bucket holds `capacity` tokens and refills `perMinute` tokens a
 * minute, continuously: a burst up to the capacity is fine, a steady stream above the rate is not.
 *
 * Kept in memory: one process serves Wijktafel; a restart giving a flood a fresh bucket is acceptable.
 */
export interface BucketOptions {
	capacity: number;
	perMinute: number;
	now?: () => number;
	/** Upper bound on tracked keys, so a flood of made-up keys cannot grow memory without end. */
	maxKeys?: number;
}

export type Taken = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
	tokens: number;
	at: number;
}

export class KeyedBuckets {
	readonly capacity: number;
	readonly perMinute: number;
	readonly #now: () => number;
	readonly #maxKeys: number;
	readonly #buckets = new Map<string, Bucket>();

	constructor(options: BucketOptions) {
		this.capacity = options.capacity;
		this.perMinute = options.perMinute;
		this.#now = options.now ?? Date.now;
		this.#maxKeys = options.maxKeys ?? 50_000;
	}

	/** Whether `count` tokens are there now, without taking them. */
	peek(key: string, count = 1): Taken {
		const bucket = this.#refilled(key, this.#now());
		return bucket.tokens >= count ? { ok: true } : { ok: false, retryAfterMs: this.#waitFor(bucket, count) };
	}

	/** Takes `count` tokens, or none and says how long until they would be there. */
	take(key: string, count = 1): Taken {
		const now = this.#now();
		const bucket = this.#refilled(key, now);
		if (bucket.tokens < count) return { ok: false, retryAfterMs: this.#waitFor(bucket, count) };
		bucket.tokens -= count;
		this.#store(key, bucket);
		return { ok: true };
	}

	get trackedKeys(): number {
		return this.#buckets.size;
	}

	#waitFor(bucket: Bucket, count: number): number {
		if (count > this.capacity || this.perMinute <= 0) return Number.POSITIVE_INFINITY;
		return Math.ceil(((count - bucket.tokens) / this.perMinute) * 60_000);
	}

	#refilled(key: string, now: number): Bucket {
		const bucket = this.#buckets.get(key);
		if (!bucket) return { tokens: this.capacity, at: now };
		const elapsed = Math.max(0, now - bucket.at);
		return { tokens: Math.min(this.capacity, bucket.tokens + (elapsed / 60_000) * this.perMinute), at: now };
	}

	#store(key: string, bucket: Bucket): void {
		this.#buckets.delete(key); // re-insert: the Map's order is then least recently used first
		this.#buckets.set(key, bucket);
		if (this.#buckets.size <= this.#maxKeys) return;
		const now = bucket.at;
		// Full buckets carry no information: forget those first, then the least recently used.
		for (const [k, b] of this.#buckets) if (b.tokens + ((now - b.at) / 60_000) * this.perMinute >= this.capacity) this.#buckets.delete(k);
		for (const k of this.#buckets.keys()) {
			if (this.#buckets.size <= this.#maxKeys) break;
			this.#buckets.delete(k);
		}
	}
}
