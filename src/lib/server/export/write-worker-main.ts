/**
 * The export worker's body: one job at a time comes in as { id, model, format, options } and goes
 * back as { id, bytes } or { id, error }. In production it runs compiled (build/node/export-write-worker.js,
 * from scripts/build-server.js), with no TypeScript loader; from the source, write-worker.js starts
 * it under tsx.
 */
import { parentPort } from 'node:worker_threads';
import { writeFormat } from './writers.ts';

if (!parentPort) throw new Error('the export writer runs as a worker thread only');
const port = parentPort;

port.on('message', async (job) => {
	try {
		const bytes = await writeFormat(job.model, job.format, job.options);
		const copy = new Uint8Array(bytes);
		port.postMessage({ id: job.id, bytes: copy }, [copy.buffer]);
	} catch (error) {
		port.postMessage({ id: job.id, error: error instanceof Error ? String(error.stack ?? error) : String(error) });
	}
});
