/** Wires the sync server to the application: its store, auth and limits from config. */
import type { AppContext } from '../../src/lib/server/context.ts';
import { createUpgradeAuthorizer } from './auth.ts';
import { SyncServer } from './sync-server.ts';

export function createSyncServer(context: AppContext): SyncServer {
	const { config, db, log, store } = context;
	return new SyncServer({
		store,
		logger: log,
		authorize: createUpgradeAuthorizer({ db, origin: config.origin }),
		maxFrameBytes: config.maxFrameBytes,
		maxMessagesPerSecond: config.maxMessagesPerSecond,
		maxBufferedBytes: config.maxBufferedBytes,
		compactAfterUpdates: config.compactAfterUpdates
	});
}

export { SyncServer } from './sync-server.ts';
