// The worker half of wal-checkpointer.ts: plain JavaScript so that it runs as it is, under tsx,
// Vite or Vitest alike. It opens its own connection to the database file and checkpoints the WAL
// now and then; the fsync that a checkpoint needs then waits here, not on the server's event loop.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

if (!parentPort) throw new Error('wal-checkpoint-worker.js runs as a worker thread only');
const port = parentPort;
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');

const walFile = `${workerData.file}-wal`;
function walBytes() {
	try {
		return fs.statSync(walFile).size;
	} catch {
		return 0;
	}
}

/** @type {NodeJS.Timeout | null} */
let retrySoon = null;

function checkpoint() {
	try {
		// PASSIVE copies what it can without waiting for, or blocking, the server's readers and writers.
		let [result] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
		let truncated = false;
		// Under a steady flood PASSIVE may never catch up fully, and the WAL only starts over after a
		// complete checkpoint. Past the ceiling, TRUNCATE waits for readers and writers (briefly blocking
		// them), copies everything and cuts the file to zero: the ceiling holds whatever the load.
		// It waits at most 100 ms for them (then tries again next time), so the server's writes are never held long.
		if (walBytes() > workerData.ceilingBytes) {
			db.pragma('busy_timeout = 100');
			try {
				[result] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (db.pragma('wal_checkpoint(TRUNCATE)'));
			} finally {
				db.pragma('busy_timeout = 5000');
			}
			truncated = result.busy === 0;
			// Still over (a reader was in the way): look again soon rather than a whole interval later.
			if (!truncated && !retrySoon) retrySoon = setTimeout(() => ((retrySoon = null), checkpoint()), 20);
		}
		port.postMessage({ type: 'checkpointed', busy: result.busy, walFrames: result.log, copiedFrames: result.checkpointed, walBytes: walBytes(), truncated });
	} catch (error) {
		port.postMessage({ type: 'error', message: String(error) });
	}
}

const timer = setInterval(checkpoint, workerData.intervalMs);

port.on('message', (message) => {
	if (message === 'stop') {
		clearInterval(timer);
		if (retrySoon) clearTimeout(retrySoon);
		db.close();
		port.close();
	}
});
