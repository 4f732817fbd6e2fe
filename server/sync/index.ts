/** Wires the sync server to the application: its store, auth and limits from config. */
import type { AppContext } from '../../src/lib/server/context.ts';
import { createUpgradeAuthorizer } from './auth.ts';
import { SyncServer } from './sync-server.ts';
import { watchMaintenance } from '../../src/lib/server/maintenance.ts';
import { workshopFeedsAgenda } from '../../src/lib/server/repositories/workshops.ts';
import { participantWriter, recordEntryChanges, staffWriter } from '../../src/lib/server/repositories/entry-changes.ts';
import { docName } from '../../src/lib/sync/doc-names.ts';
import { readWorkshopState } from '../../src/lib/sync/workshop-schema.ts';
import { createWritePolicy } from './write-policy.ts';
import { countRefusedUpdate } from '../../src/lib/server/metrics.ts';

export function createSyncServer(context: AppContext): SyncServer {
	const { config, db, log, store } = context;
	// The restore handshake (maintenance.json) is watched for as long as the sync server runs.
	let stopWatching = () => {};
	// Late-bound: the policy reads the workshop doc through the sync server it is part of.
	let server: SyncServer | null = null;
	const writePolicy = config.writePolicy
		? createWritePolicy({
				participantsMaySynthesise: (workshopId) =>
					server?.read(docName('workshop', workshopId), (doc) => readWorkshopState(doc).participantsMaySynthesise) ?? false,
				workshopFeedsAgenda: (workshopId, agendaId) => workshopFeedsAgenda(db, workshopId, agendaId)
			})
		: null;
	const sync = new SyncServer({
		store,
		logger: log,
		authorize: createUpgradeAuthorizer({ db, origin: config.origin }),
		writePolicy,
		onAccepted: (name, writer, touched) =>
			recordEntryChanges(
				db,
				name,
				writer.kind === 'staff' ? staffWriter(writer.id) : participantWriter(writer.id),
				touched.map((entry) => ({ entryKey: `${entry.root}/${entry.key}`, created: entry.created }))
			),
		onRefused: (reason) => countRefusedUpdate(reason),
		maxFrameBytes: config.maxFrameBytes,
		maxMessagesPerSecond: config.maxMessagesPerSecond,
		maxBufferedBytes: config.maxBufferedBytes,
		compactAfterUpdates: config.compactAfterUpdates,
		maxPresenceBytes: config.maxPresenceBytes,
		slowClientStallMs: config.slowClientStallMs,
		budget: config,
		onClose: () => stopWatching()
	});
	server = sync;
	if (!writePolicy) log.warn('sync: SYNC_WRITE_POLICY=off: any participant can change any entry. For benchmarks only.');
	stopWatching = watchMaintenance(config.dataDir, sync);
	return sync;
}

export { SyncServer } from './sync-server.ts';
