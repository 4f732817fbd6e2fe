/**
 * One polite live region per page. Cards can arrive in bursts (200 phones), so arrivals are
 * gathered for a moment and told as one sentence instead of flooding a screen reader.
 */
export class Announcer {
	message = $state('');
	#clear: ReturnType<typeof setTimeout> | null = null;
	#batch: unknown[] = [];
	#batchTimer: ReturnType<typeof setTimeout> | null = null;

	say(text: string): void {
		// Empty first, so the same sentence twice is still read twice.
		this.message = '';
		if (this.#clear) clearTimeout(this.#clear);
		this.#clear = setTimeout(() => (this.message = text), 60);
	}

	/** Gathers items for `waitMs`, then says `describe(items)`. */
	gather<T>(items: T[], describe: (items: T[]) => string, waitMs = 1_500): void {
		this.#batch.push(...items);
		if (this.#batchTimer) return;
		this.#batchTimer = setTimeout(() => {
			const batch = this.#batch as T[];
			this.#batch = [];
			this.#batchTimer = null;
			if (batch.length > 0) this.say(describe(batch));
		}, waitMs);
	}

	destroy(): void {
		if (this.#clear) clearTimeout(this.#clear);
		if (this.#batchTimer) clearTimeout(this.#batchTimer);
	}
}
