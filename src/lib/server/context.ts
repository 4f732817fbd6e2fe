/**
 * The application's shared parts (config, database, logger, live docs), created once per process.
 * The Node entry (server/) and the SvelteKit handler are separate module graphs in production
 * (the handler is a bundle), so the context lives on globalThis under a registered symbol: whichever
 * side starts first creates it, the other finds it.
 */
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db.ts';
import { createLogger, type Logger } from './log.ts';
import { YDocStore } from './ydoc-store.ts';
import { StoredDocs, type LiveDocs } from './live-docs.ts';
import { seedAreasIfEmpty } from './repositories/areas.ts';
import { seedIndicatorValues } from './indicators.ts';
import { NO_JOIN_FLOW_FILES, type JoinFlowFiles } from './join-flow-preload.ts';

export interface AppContext {
	config: Config;
	db: Db;
	log: Logger;
	store: YDocStore;
	liveDocs: LiveDocs;
	/** Set by the Node entry from the build, for the join pages' preloads (join-flow-preload.ts). */
	joinFlowFiles: JoinFlowFiles;
}

const CONTEXT_KEY = Symbol.for('wijktafel.app-context');
type GlobalWithContext = typeof globalThis & { [CONTEXT_KEY]?: AppContext };

export function createAppContext(config: Config): AppContext {
	const log = createLogger(config.logLevel);
	const db = openDatabase(config.dataDir);
	const seeded = seedAreasIfEmpty(db);
	if (seeded) log.info('area data loaded', seeded);
	// On every start, but it writes only what is not there yet (never over newer or corrected values).
	if (config.loadShippedFigures) {
		const indicators = seedIndicatorValues(db);
		if (indicators.written > 0) log.info('indicator figures loaded', { values: indicators.written });
	}
	const store = new YDocStore(db);
	return { config, db, log, store, liveDocs: new StoredDocs(store), joinFlowFiles: NO_JOIN_FLOW_FILES };
}

export function setAppContext(context: AppContext): void {
	(globalThis as GlobalWithContext)[CONTEXT_KEY] = context;
}

/**
 * The context the process entry set. Throws when none is set: opening a second database connection
 * here (as it once did) would give this module graph its own store and sync state, and its writes
 * would bypass the sync server's rooms.
 */
export function getAppContext(): AppContext {
	const context = (globalThis as GlobalWithContext)[CONTEXT_KEY];
	if (!context) {
		throw new Error(
			'The application context is not set. Start the app through server/index.ts (npm start, npm run serve) or the Vite dev server (npm run dev); scripts create their own with createAppContext(loadConfig()).'
		);
	}
	return context;
}
