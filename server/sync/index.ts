/** Wires the sync server to the application: its store, auth and limits from config. */
import type { AppContext } from '../../src/lib/server/context.ts';
import { createUpgradeAuthorizer } from './auth.ts';
import { SyncServer } from './sync-server.ts';
import { watchMaintenance } from '../../src/lib/server/maintenance.ts';

export function createSyncServer(context: AppContext): SyncServer {
	const { config, db, log, store } = context;
	const sync = new SyncServer({
		store,
		logger: log,
		authorize: createUpgradeAuthorizer({ db, origin: config.origin }),
		maxFrameBytes: config.maxFrameBytes,
		maxMessagesPerSecond: config.maxMessagesPerSecond,
		maxBufferedBytes: config.maxBufferedBytes,
		compactAfterUpdates: config.compactAfterUpdates,
		maxPresenceBytes: config.maxPresenceBytes,
		slowClientStallMs: config.slowClientStallMs,
		budget: config,
	});
	const stopWatching = watchMaintenance(config.dataDir, sync);
	const close = sync.close.bind(sync);
	sync.close = () => {
		stopWatching();
		close();
	};
	return sync;
}

export { SyncServer } from './sync-server.ts';
