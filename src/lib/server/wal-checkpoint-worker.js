// The worker half of wal-checkpointer.ts: plain JavaScript so that it runs as it is, under tsx,
// Vite or Vitest alike. It opens its own connection to the database file and checkpoints the WAL
// now and then; the fsync that a checkpoint needs then waits here, not on the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

if (!parentPort) throw new Error('wal-checkpoint-worker.js runs as a worker thread only');
const port = parentPort;
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');

function checkpoint() {
	try {
		// PASSIVE copies what it can without waiting for, or blocking, the server's readers and writers.
		const [result] = /** @type {{ busy: number; log: number; checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
		port.postMessage({ type: 'checkpointed', busy: result.busy, walFrames: result.log, copiedFrames: result.checkpointed });
	} catch (error) {
		port.postMessage({ type: 'error', message: String(error) });
	}
}

const timer = setInterval(checkpoint, workerData.intervalMs);

port.on('message', (message) => {
	if (message === 'stop') {
		clearInterval(timer);
		db.close();
		port.close();
	}
});
