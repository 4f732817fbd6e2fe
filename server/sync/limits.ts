/**
 * Per-connection message budget: a token bucket refilled continuously. A client may burst
 * (initial sync, a pasted paragraph) but cannot flood the room.
 */
export class MessageRateLimiter {
	readonly #ratePerSecond: number;
	readonly #burst: number;
	#tokens: number;
	#lastRefill: number;

	constructor(ratePerSecond: number, burst = ratePerSecond * 2, now = Date.now()) {
		this.#ratePerSecond = ratePerSecond;
		this.#burst = burst;
		this.#tokens = burst;
		this.#lastRefill = now;
	}

	/** Takes one message from the budget; false when the client is over its rate. */
	take(now = Date.now()): boolean {
		const elapsedSeconds = Math.max(0, now - this.#lastRefill) / 1000;
		this.#tokens = Math.min(this.#burst, this.#tokens + elapsedSeconds * this.#ratePerSecond);
		this.#lastRefill = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

/**
 * The slow-client limit, for a client that stopped reading, not for one still loading a big
 * document. Bytes queued beyond the first load (big messages in the connection's first 10 s: the
 * doc state) count against
 * `maxBufferedBytes`; over it, the client is cut off only when it has read nothing for `stallMs`.
 * Past four times the limit it is cut off anyway, so memory stays bounded whatever the client does.
 * A phone loading 20 MB at 1 MB/s keeps draining, so it stays; a phone that froze is cut off.
 */
export class SlowClientGuard {
	readonly #maxBufferedBytes: number;
	readonly #stallMs: number;
	/** A message this big is a load (a doc state), not chatter. */
	readonly #loadMessageBytes: number;
	#lastBuffered: number | null = null;
	#loadOutstanding = 0;
	#progressAt: number;
	/** Only what goes out in the first moments of a connection (the first sync) is a load. */
	readonly #loadWindowEnds: number;

	constructor(maxBufferedBytes: number, stallMs: number, now = Date.now(), loadWindowMs = 10_000) {
		this.#maxBufferedBytes = maxBufferedBytes;
		this.#stallMs = stallMs;
		this.#loadMessageBytes = Math.max(64 * 1024, maxBufferedBytes / 8);
		this.#progressAt = now;
		this.#loadWindowEnds = now + loadWindowMs;
	}

	/** Before sending `bytes` with `buffered` bytes still queued: false means cut the client off. */
	admit(buffered: number, bytes: number, now = Date.now()): boolean {
		if (this.#lastBuffered === null) {
			// Whatever was queued before the first check (the stored rows of a cold load) is load.
			this.#loadOutstanding = buffered;
		} else if (buffered < this.#lastBuffered) {
			this.#loadOutstanding = Math.max(0, this.#loadOutstanding - (this.#lastBuffered - buffered));
			this.#progressAt = now;
		}
		const beyondLoad = buffered - this.#loadOutstanding;
		if (beyondLoad > this.#maxBufferedBytes * 4) return false;
		if (beyondLoad > this.#maxBufferedBytes && now - this.#progressAt > this.#stallMs) return false;
		if (bytes >= this.#loadMessageBytes && now <= this.#loadWindowEnds) this.#loadOutstanding += bytes;
		this.#lastBuffered = buffered + bytes;
		return true;
	}

	/** How long since the client last read anything (for the log). */
	get stalledSinceMs(): number {
		return Date.now() - this.#progressAt;
	}
}
