/** `npm start` / `npm run serve`: the production entry. */
import { loadConfig } from '../src/lib/server/config.ts';
import { startServer } from './app.ts';

/** A process manager waits about this long after SIGTERM before it kills; we finish well before. */
const STOP_DEADLINE_MS = 9000;

try {
	const config = loadConfig();
	const running = await startServer(config);
	// Machine-readable line for tests and process managers; the JSON log line above is for people.
	process.stdout.write(`LISTENING ${running.url}\n`);
	if (running.metricsUrl) process.stdout.write(`METRICS ${running.metricsUrl}\n`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		const started = Date.now();
		running.context.log.info('stopping', { signal });
		// Should a client or a request hang, the process still ends in time (every update is on disk already).
		setTimeout(() => {
			running.context.log.error('stop took too long; exiting anyway', { afterMs: Date.now() - started });
			process.exit(1);
		}, STOP_DEADLINE_MS).unref();
		running.close().then(
			() => {
				running.context.log.info('stopped', { afterMs: Date.now() - started });
				process.exit(0);
			},
			(error: unknown) => {
				running.context.log.error('stop failed', { error });
				process.exit(1);
			}
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
	process.stderr.write(`Wijktafel could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
}

