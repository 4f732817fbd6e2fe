/** Wires the sync server to the application: its store, auth and limits from config. */
import type { AppContext } from '../../src/lib/server/context.ts';
import { createUpgradeAuthorizer } from './auth.ts';
import { SyncServer } from './sync-server.ts';
import { watchMaintenance } from '../../src/lib/server/maintenance.ts';

export function createSyncServer(context: AppContext): SyncServer {
	const { config, db, log, store } = context;
	// The restore handshake (maintenance.json) is watched for as long as the sync server runs.
	let stopWatching = () => {};
	const sync = new SyncServer({
		store,
		logger: log,
		authorize: createUpgradeAuthorizer({ db, origin: config.origin }),
		maxFrameBytes: config.maxFrameBytes,
		maxMessagesPerSecond: config.maxMessagesPerSecond,
		maxBufferedBytes: config.maxBufferedBytes,
		compactAfterUpdates: config.compactAfterUpdates,
		onClose: () => stopWatching()
	});
	stopWatching = watchMaintenance(config.dataDir, sync);
	return sync;
}

export { SyncServer } from './sync-server.ts';
