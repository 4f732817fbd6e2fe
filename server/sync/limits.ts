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
