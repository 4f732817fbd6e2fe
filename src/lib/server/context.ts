/**
 * The application's shared parts (config, database, logger, live docs), created once per process.
 * The Node entry (server/) and the SvelteKit handler are separate module graphs in production
 * (the handler is a bundle), so the context lives on globalThis under a registered symbol: whichever
 * side starts first creates it, the other finds it.
 */
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db.ts';
import { createLogger, type Logger } from './log.ts';
import { YDocStore } from './ydoc-store.ts';
import { StoredDocs, type LiveDocs } from './live-docs.ts';
import { seedAreasIfEmpty } from './repositories/areas.ts';
import { seedIndicatorValues } from './indicators.ts';

export interface AppContext {
	config: Config;
	db: Db;
	log: Logger;
	store: YDocStore;
	liveDocs: LiveDocs;
}

const CONTEXT_KEY = Symbol.for('wijktafel.app-context');
type GlobalWithContext = typeof globalThis & { [CONTEXT_KEY]?: AppContext };

export function createAppContext(config: Config): AppContext {
	const log = createLogger(config.logLevel);
	const db = openDatabase(config.dataDir);
	const seeded = seedAreasIfEmpty(db);
	if (seeded) log.info('area data loaded', seeded);
	// On every start, but it writes only what is not there yet (never over newer or corrected values).
	const indicators = seedIndicatorValues(db);
	if (indicators.written > 0) log.info('indicator figures loaded', { values: indicators.written });
	const store = new YDocStore(db);
	return { config, db, log, store, liveDocs: new StoredDocs(store) };
}

export function setAppContext(context: AppContext): void {
	(globalThis as GlobalWithContext)[CONTEXT_KEY] = context;
}

export function getAppContext(): AppContext {
	const global = globalThis as GlobalWithContext;
	global[CONTEXT_KEY] ??= createAppContext(loadConfig());
	return global[CONTEXT_KEY];
}
