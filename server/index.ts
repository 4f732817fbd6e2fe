/** `npm start` / `npm run serve`: the production entry. */
import { loadConfig } from '../src/lib/server/config.ts';
import { startServer } from './app.ts';

try {
	const config = loadConfig();
	const running = await startServer(config);
	// Machine-readable line for tests and process managers; the JSON log line above is for people.
	process.stdout.write(`LISTENING ${running.url}\n`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		running.context.log.info('stopping', { signal });
		running.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
	process.stderr.write(`Wijktafel could not start: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}
