/**
 * Fetching what a page will need soon, a few files at a time, and pausable.
 *
 * Why not all at once: a phone speaks HTTP/1.1 to the server, six connections at most, and an old
 * phone on venue Wi-Fi has little bandwidth. Thirty preloads started together take every connection
 * and every byte, so the request the person is waiting for (the next page's data after "Verder",
 * the POST after "Meedoen") queues behind files they will only need later. Measured on the old-phone
 * bench: the name step's data took 1.4 s instead of 0.4 s. A small queue keeps connections and
 * bandwidth free, and pausing it while a navigation runs gives the navigation the line.
 */

export type PreloadTask = () => Promise<unknown>;

export class PreloadQueue {
	readonly #concurrency: number;
	readonly #waiting: PreloadTask[] = [];
	#running = 0;
	#paused = false;

	constructor(concurrency: number) {
		if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1');
		this.#concurrency = concurrency;
	}

	/** Tasks run in the order added. A task that fails is dropped: a preload is only ever a head start. */
	add(...tasks: PreloadTask[]): void {
		this.#waiting.push(...tasks);
		this.#pump();
	}

	/** Start nothing new; what is already on its way finishes. */
	pause(): void {
		this.#paused = true;
	}

	resume(): void {
		this.#paused = false;
		this.#pump();
	}

	get running(): number {
		return this.#running;
	}

	get waiting(): number {
		return this.#waiting.length;
	}

	#pump(): void {
		while (!this.#paused && this.#running < this.#concurrency && this.#waiting.length > 0) {
			const task = this.#waiting.shift() as PreloadTask;
			this.#running++;
			let started: Promise<unknown>;
			try {
				started = task();
			} catch (error) {
				started = Promise.reject(error);
			}
			started
				.catch(() => undefined)
				.finally(() => {
					this.#running--;
					this.#pump();
				});
		}
	}
}

/**
 * A task that fetches one built file into the browser's cache without running it: a script as a
 * module preload (parsed, ready for its import), a stylesheet as a style preload (not applied).
 * Done when the file has arrived or failed.
 */
export function linkPreload(href: string, kind: 'script' | 'style', doc: Document = document): PreloadTask {
	return () =>
		new Promise<void>((done) => {
			const link = doc.createElement('link');
			if (kind === 'script') link.rel = 'modulepreload';
			else {
				link.rel = 'preload';
				link.as = 'style';
			}
			link.href = href;
			link.addEventListener('load', () => done(), { once: true });
			link.addEventListener('error', () => done(), { once: true });
			doc.head.append(link);
		});
}
