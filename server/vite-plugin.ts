/**
 * `npm run dev`: attaches the same application context and sync server to Vite's HTTP server, so
 * development runs on one port like production. Only /sync/ upgrades are ours; Vite's HMR socket
 * is left alone.
 */
import type { Plugin } from 'vite';
import { loadConfig } from '../src/lib/server/config.ts';
import { createAppContext, setAppContext } from '../src/lib/server/context.ts';
import { ensureFirstAdmin } from '../src/lib/server/first-admin.ts';
import { createSyncServer } from './sync/index.ts';

export function wijktafelDevServer(): Plugin {
	return {
		name: 'wijktafel-dev-server',
		apply: 'serve',
		async configureServer(server) {
			const context = createAppContext(loadConfig());
			const sync = createSyncServer(context);
			context.liveDocs = sync;
			setAppContext(context);
			await ensureFirstAdmin(context);
			server.httpServer?.on('upgrade', (request, socket, head) => {
				sync.handleUpgrade(request, socket, head);
			});
			server.httpServer?.on('close', () => {
				sync.close();
				context.db.close();
			});
		}
	};
}
