// The worker half of write-off-thread.ts: plain JavaScript, so it starts as it is under tsx, Vite
// or Vitest alike; it registers tsx itself and then loads the TypeScript writers. One job at a time
// comes in as { id, model, format, options } and goes back as { id, bytes } or { id, error }.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

if (!parentPort) throw new Error('write-worker.js runs as a worker thread only');
const port = parentPort;
register();
const writers = import(new URL('./writers.ts', import.meta.url).href);

port.on('message', async (job) => {
	try {
		const { writeFormat } = await writers;
		const bytes = await writeFormat(job.model, job.format, job.options);
		const copy = new Uint8Array(bytes);
		port.postMessage({ id: job.id, bytes: copy }, [copy.buffer]);
	} catch (error) {
		port.postMessage({ id: job.id, error: error instanceof Error ? String(error.stack ?? error) : String(error) });
	}
});
