/**
 * One Node process, one port: SvelteKit's adapter-node handler for HTTP, the sync server for
 * WebSocket upgrades on /sync/…, one shared application context.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../src/lib/server/config.ts';
import { createAppContext, setAppContext, type AppContext } from '../src/lib/server/context.ts';
import { ensureFirstAdmin } from '../src/lib/server/first-admin.ts';
import { WalCheckpointer } from '../src/lib/server/wal-checkpointer.ts';
import { createSyncServer } from './sync/index.ts';
import { CLOSE, type CloseSpec } from './sync/protocol.ts';
import { createMetricsPortHandler, createOpsHandler, type HealthSources } from './ops.ts';
import { appMetrics } from '../src/lib/server/metrics.ts';
import { readJoinFlowFiles } from '../src/lib/server/join-flow-preload.ts';
import { compressPublicPages } from './compression.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/**
 * SvelteKit's handler: next to this file once compiled (build/node/index.js → build/handler.js),
 * in build/ when the source runs under tsx (server/app.ts → build/handler.js).
 */
const BUILD_HANDLER = [new URL('../handler.js', import.meta.url), new URL('../build/handler.js', import.meta.url)]
	.map((url) => fileURLToPath(url))
	.find((file) => fs.existsSync(file)) ?? fileURLToPath(new URL('../build/handler.js', import.meta.url));

export interface RunningServer {
	port: number;
	url: string;
	/** The metrics port's URL when METRICS_PORT is set. */
	metricsUrl: string | null;
	context: AppContext;
	/**
	 * Graceful stop: stops accepting (health turns 503), stores and compacts every room, closes every
	 * WebSocket with `closeWith` (default 1012, which clients retry), lets running HTTP requests finish
	 * for a moment, then closes the database.
	 */
	close(closeWith?: CloseSpec): Promise<void>;
}

/** Running HTTP requests get this long to finish once the server stops accepting. */
const HTTP_DRAIN_MS = 2000;

function listen(server: http.Server, port: number, host: string): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
	});
}

function urlOf(host: string, port: number): string {
	return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
}

export async function startServer(config: Config): Promise<RunningServer> {
	if (!fs.existsSync(BUILD_HANDLER)) {
		throw new Error(`No build found at ${BUILD_HANDLER}. Run "npm run build" first (npm start does this for you).`);
	}
	const context = createAppContext(config);
	const metrics = appMetrics();
	metrics.observeDatabase(context.db);
	const checkpointer = new WalCheckpointer(context.db, {
		log: context.log,
		ceilingBytes: config.walCeilingBytes,
		onCheckpoint: (result) => metrics.recordCheckpoint(result)
	});
	const sync = createSyncServer(context);
	metrics.observeSync(() => sync.stats());
	context.liveDocs = sync;
	context.joinFlowFiles = readJoinFlowFiles(path.join(path.dirname(BUILD_HANDLER), 'client'));
	setAppContext(context);
	await ensureFirstAdmin(context);

	const { handler } = (await import(pathToFileURL(BUILD_HANDLER).href)) as { handler: NodeHandler };
	let stopping = false;
	const health: HealthSources = {
		db: context.db,
		syncAccepting: () => sync.accepting,
		listening: () => server.listening && !stopping
	};
	const ops = createOpsHandler(config, health);
	const compress = compressPublicPages();
	const server = http.createServer((req, res) => {
		if (ops(req, res)) return;
		compress(req, res, () =>
			handler(req, res, () => {
				res.statusCode = 404;
				res.end('Not found');
			})
		);
	});
	server.on('upgrade', (request, socket, head) => {
		if (stopping || !sync.handleUpgrade(request, socket, head)) socket.destroy();
	});

	const port = await listen(server, config.port, config.host);
	const url = urlOf(config.host, port);
	let metricsServer: http.Server | null = null;
	let metricsUrl: string | null = null;
	if (config.metricsPort !== null) {
		metricsServer = http.createServer(createMetricsPortHandler(config, health));
		metricsUrl = urlOf(config.metricsHost, await listen(metricsServer, config.metricsPort, config.metricsHost));
	}
	context.log.info('Wijktafel listening', { url, dataDir: config.dataDir, ...(metricsUrl ? { metricsUrl } : {}) });

	let closing: Promise<void> | null = null;
	const close = async (closeWith: CloseSpec = CLOSE.RESTARTING): Promise<void> => {
		stopping = true;
		const drained = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		await sync.close(closeWith);
		await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, HTTP_DRAIN_MS).unref())]);
		server.closeAllConnections();
		await drained;
		if (metricsServer) {
			const metricsClosed = new Promise<void>((resolve) => metricsServer!.close(() => resolve()));
			metricsServer.closeAllConnections();
			await metricsClosed;
		}
		await checkpointer.stop();
		context.db.close();
	};
	return {
		port,
		url,
		metricsUrl,
		context,
		close: (closeWith) => (closing ??= close(closeWith))
	};
}
