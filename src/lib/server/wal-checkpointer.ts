/**
 * WAL checkpoints off the event loop. With `synchronous = NORMAL` a commit only writes to the WAL;
 * the fsync comes when SQLite copies the WAL back into the database file (a checkpoint), which by
 * default happens inside whichever commit crosses 1000 pages, on the server's only thread. On a busy
 * disk that one commit can take hundreds of milliseconds, and every socket waits for it. So the
 * server turns SQLite's automatic checkpoint off and a worker thread with its own connection
 * checkpoints every second instead. If the worker ever dies, automatic checkpoints come back on, so
 * the WAL never grows without bound.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from './db.ts';
import type { Logger } from './log.ts';

/** SQLite's default: checkpoint inside the commit that takes the WAL past this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** The WAL ceiling when none is configured (WAL_CEILING_BYTES). */
const DEFAULT_WAL_CEILING_BYTES = 64 * 1024 * 1024;

export interface CheckpointResult {
	/** Frames in the WAL, and how many of them are now in the database file. */
	walFrames: number;
	copiedFrames: number;
	/** The WAL file's size after the checkpoint. */
	walBytes: number;
	/** The WAL was past the ceiling and was checkpointed completely and cut to zero. */
	truncated: boolean;
}

type WorkerMessage = ({ type: 'checkpointed'; busy: number } & CheckpointResult) | { type: 'error'; message: string };

export class WalCheckpointer {
	readonly #db: Db;
	readonly #worker: Worker;
	readonly #log: Logger;
	#stopping = false;
	readonly #exited: Promise<void>;

	constructor(
		db: Db,
		options: {
			intervalMs?: number;
			/** Past this size the WAL is checkpointed completely and truncated (a flood cannot grow it without end). */
			ceilingBytes?: number;
			log: Logger;
			onCheckpoint?: (result: CheckpointResult) => void;
			/** The worker script; tests pass one that crashes. */
			workerFile?: URL;
		}
	) {
		this.#db = db;
		this.#log = options.log;
		const ceilingBytes = options.ceilingBytes ?? DEFAULT_WAL_CEILING_BYTES;
		// After a checkpoint the WAL file is cut back to the ceiling, so one burst does not keep disk space.
		db.pragma(`journal_size_limit = ${ceilingBytes}`);
		db.pragma('wal_autocheckpoint = 0');
		this.#worker = new Worker(options.workerFile ?? new URL('./wal-checkpoint-worker.js', import.meta.url), {
			workerData: { file: db.name, intervalMs: options.intervalMs ?? 1000, ceilingBytes },
			// The worker needs no loader: it is plain JavaScript.
			execArgv: []
		});
		// A checkpointer alone must not keep the process alive.
		this.#worker.unref();
		this.#worker.on('message', (message: WorkerMessage) => {
			if (message.type === 'error') this.#log.warn('database: checkpoint failed, will retry', { error: message.message });
			else {
				if (message.truncated) this.#log.warn('database: WAL past its ceiling, checkpointed completely and truncated', { ceilingBytes });
				options.onCheckpoint?.({ walFrames: message.walFrames, copiedFrames: message.copiedFrames, walBytes: message.walBytes, truncated: message.truncated });
			}
		});
		this.#worker.on('error', (error) => this.#log.error('database: checkpoint worker failed', { error }));
		this.#exited = new Promise((resolve) =>
			this.#worker.once('exit', () => {
				if (!this.#stopping) {
					this.#log.error('database: checkpoint worker stopped; SQLite checkpoints on its own again');
					this.#restoreAutomaticCheckpoints();
				}
				resolve();
			})
		);
	}

	/** Stops the worker and hands checkpoints back to SQLite (closing the database checkpoints too). */
	async stop(): Promise<void> {
		if (this.#stopping) return this.#exited;
		this.#stopping = true;
		this.#worker.postMessage('stop');
		await this.#exited;
		this.#restoreAutomaticCheckpoints();
	}

	#restoreAutomaticCheckpoints(): void {
		if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
	}
}
