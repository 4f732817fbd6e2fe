/**
 * One Node process, one port: SvelteKit's adapter-node handler for HTTP, the sync server for
 * WebSocket upgrades on /sync/…, one shared application context.
 */
import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../src/lib/server/config.ts';
import { createAppContext, setAppContext, type AppContext } from '../src/lib/server/context.ts';
import { ensureFirstAdmin } from '../src/lib/server/first-admin.ts';
import { WalCheckpointer } from '../src/lib/server/wal-checkpointer.ts';
import { createSyncServer } from './sync/index.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

const BUILD_HANDLER = fileURLToPath(new URL('../build/handler.js', import.meta.url));

export interface RunningServer {
	port: number;
	url: string;
	context: AppContext;
	close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
	if (!fs.existsSync(BUILD_HANDLER)) {
		throw new Error(`No build found at ${BUILD_HANDLER}. Run "npm run build" first (npm start does this for you).`);
	}
	const context = createAppContext(config);
	const checkpointer = new WalCheckpointer(context.db, { log: context.log, ceilingBytes: config.walCeilingBytes });
	const sync = createSyncServer(context);
	context.liveDocs = sync;
	setAppContext(context);
	await ensureFirstAdmin(context);

	const { handler } = (await import(pathToFileURL(BUILD_HANDLER).href)) as { handler: NodeHandler };
	const server = http.createServer((req, res) =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
	server.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
	context.log.info('Wijktafel listening', { url, dataDir: config.dataDir });

	return {
		port,
		url,
		context,
		close: () =>
			new Promise<void>((resolve) => {
				sync.close();
				server.close(() => {
					void checkpointer.stop().then(() => {
						context.db.close();
						resolve();
					});
				});
				server.closeAllConnections();
			})
	};
}
