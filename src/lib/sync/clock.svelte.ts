/**
 * The timer's times are on the server's clock: phones' clocks are often minutes off. The page load
 * passes the server's `Date.now()`; the offset to this device's clock is taken once at start (it is
 * off by the time the page took to arrive, well under the second the timer shows).
 */
export class ServerClock {
	/** Server time, updated every `tickMs` while someone is watching (see `start`). */
	now = $state(0);
	readonly offsetMs: number;
	readonly tickMs: number;
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(serverNow: number, tickMs = 1_000) {
		this.tickMs = tickMs;
		this.offsetMs = serverNow - Date.now();
		this.now = serverNow;
	}

	read(): number {
		return Date.now() + this.offsetMs;
	}

	/** Starts ticking; returns the stop function (for an $effect's cleanup). */
	start(): () => void {
		this.now = this.read();
		if (this.#timer === null) this.#timer = setInterval(() => (this.now = this.read()), this.tickMs);
		return () => {
			if (this.#timer !== null) clearInterval(this.#timer);
			this.#timer = null;
		};
	}
}
