/**
 * The one place that reads the environment. Everything else receives a `Config`.
 * Documented in the README's configuration table; keep the two in step.
 */
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
	port: number;
	host: string;
	/** Public origin, e.g. https://wijktafel.maastricht.nl. Used for absolute links and Origin checks. */
	origin: string | null;
	dataDir: string;
	/** Optional base-map tile URL template; without it the map shows buurten and facilities only. */
	tileUrl: string | null;
	logLevel: LogLevel;
	/** Optional first admin, created on first start when no staff account exists. */
	adminEmail: string | null;
	adminPassword: string | null;
	/** Sync limits per connection. */
	maxFrameBytes: number;
	maxMessagesPerSecond: number;
	/** Bytes queued to one slow socket before it is disconnected. */
	maxBufferedBytes: number;
	/** Update-log rows per doc before it is compacted into its snapshot. */
	compactAfterUpdates: number;
	/** GET /metrics on a port of its own (on `metricsHost`); null: on the main port, and only with `metricsToken`. */
	metricsPort: number | null;
	metricsHost: string;
	/** Bearer token for GET /metrics on the main port; null and no `metricsPort`: /metrics is off. */
	metricsToken: string | null;

	// Bounds (issue #12). Each is in the README's configuration table with its default and why.
	/** Joins per client address per minute (also the burst): a venue's Wi-Fi is one address. */
	joinsPerAddressPerMinute: number;
	/** Joins per join code per minute (also the burst), from all addresses together. */
	joinsPerCodePerMinute: number;
	/** Unknown or closed codes tried per address per minute before that address is refused for a while. */
	unknownCodesPerAddressPerMinute: number;
	/** Participants one workshop may have. */
	maxParticipantsPerWorkshop: number;
	/** Largest single Yjs update accepted from a client. */
	maxUpdateBytes: number;
	/** Update bytes one participant may send per minute, over all their connections. */
	participantBytesPerMinute: number;
	/** Update bytes one participant may add in total (what they can make the server store). */
	participantBytesTotal: number;
	/** Size at which a document takes no more client writes. */
	maxDocBytes: number;
	/** Messages per second per person (participant, staff member, projector link), over all their connections. */
	maxMessagesPerSecondPerPerson: number;
	/** After a write refused for its budget, that person's new sockets are refused this long. */
	refusalCooldownMs: number;
	/** The same after a refusal waiting does not cure (update too large, total used, document full). */
	hardRefusalCooldownMs: number;
	/** Largest presence (awareness) state per connection. */
	maxPresenceBytes: number;
	/** A client over the send-buffer limit is cut off only once it has read nothing for this long. */
	slowClientStallMs: number;
	/** Largest doc state embedded in a page's HTML; bigger docs load over the socket. */
	maxEmbeddedStateBytes: number;
	/** The WAL file is checkpointed and truncated when it grows past this. */
	walCeilingBytes: number;
	/**
	 * The server-side write policy (server/sync/write-policy.ts). Always on; `SYNC_WRITE_POLICY=off`
	 * exists only so the benchmark can measure what the policy costs, and the server warns loudly.
	 */
	writePolicy: boolean;
	/** Where residents report a mistake in the public and paper sociale kaart. */
	correctionContact: string;
	/**
	 * Whether the indicator figures shipped in server/seed/maastricht/ are loaded on start (`load`), or
	 * not (`skip`): for a municipality that imports only its own, checked figures.
	 */
	loadShippedFigures: boolean;
}

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min) {
		throw new ConfigError(`${name} must be a whole number >= ${min}, got "${raw}"`);
	}
	return value;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | null {
	const raw = env[name]?.trim();
	return raw ? raw : null;
}

function metricsToken(env: NodeJS.ProcessEnv): string | null {
	const token = optional(env, 'METRICS_TOKEN');
	// A guessable token would expose the numbers to anyone who tries a few.
	if (token !== null && token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
	return token;
}

function shippedFiguresSetting(raw: string | undefined): boolean {
	if (raw === undefined || raw === '' || raw === 'load') return true;
	if (raw === 'skip') return false;
	throw new ConfigError(`SHIPPED_FIGURES must be "load" or "skip", got "${raw}"`);
}

function writePolicySetting(raw: string | undefined): boolean {
	if (raw === undefined || raw === '' || raw === 'on') return true;
	if (raw === 'off') return false;
	throw new ConfigError(`SYNC_WRITE_POLICY must be "on" or "off" (benchmarks only), got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
	if (!LOG_LEVELS.includes(logLevel)) {
		throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
	}
	const origin = optional(env, 'ORIGIN');
	if (origin !== null && !/^https?:\/\/[^/]+$/.test(origin)) {
		throw new ConfigError(`ORIGIN must look like https://host[:port] without a path, got "${origin}"`);
	}
	return {
		port: integer(env, 'PORT', 3000),
		host: optional(env, 'HOST') ?? '0.0.0.0',
		origin,
		dataDir: path.resolve(optional(env, 'DATA_DIR') ?? './data'),
		tileUrl: optional(env, 'TILE_URL'),
		logLevel,
		adminEmail: optional(env, 'ADMIN_EMAIL'),
		adminPassword: optional(env, 'ADMIN_PASSWORD'),
		maxFrameBytes: integer(env, 'SYNC_MAX_FRAME_BYTES', 1024 * 1024, 1024),
		maxMessagesPerSecond: integer(env, 'SYNC_MAX_MESSAGES_PER_SECOND', 200, 1),
		maxBufferedBytes: integer(env, 'SYNC_MAX_BUFFERED_BYTES', 8 * 1024 * 1024, 1024),
		compactAfterUpdates: integer(env, 'SYNC_COMPACT_AFTER_UPDATES', 10_000, 1),
		metricsPort: optional(env, 'METRICS_PORT') === null ? null : integer(env, 'METRICS_PORT', 0),
		metricsHost: optional(env, 'METRICS_HOST') ?? '127.0.0.1',
		metricsToken: metricsToken(env),
		joinsPerAddressPerMinute: integer(env, 'JOIN_PER_ADDRESS_PER_MINUTE', 100, 1),
		joinsPerCodePerMinute: integer(env, 'JOIN_PER_CODE_PER_MINUTE', 200, 1),
		unknownCodesPerAddressPerMinute: integer(env, 'JOIN_UNKNOWN_CODES_PER_ADDRESS_PER_MINUTE', 10, 1),
		maxParticipantsPerWorkshop: integer(env, 'JOIN_MAX_PARTICIPANTS', 500, 1),
		maxUpdateBytes: integer(env, 'SYNC_MAX_UPDATE_BYTES', 64 * 1024, 1024),
		participantBytesPerMinute: integer(env, 'SYNC_PARTICIPANT_BYTES_PER_MINUTE', 256 * 1024, 1024),
		participantBytesTotal: integer(env, 'SYNC_PARTICIPANT_BYTES_TOTAL', 1024 * 1024, 1024),
		maxDocBytes: integer(env, 'SYNC_MAX_DOC_BYTES', 32 * 1024 * 1024, 64 * 1024),
		maxMessagesPerSecondPerPerson: integer(env, 'SYNC_MAX_MESSAGES_PER_SECOND_PER_PERSON', 50, 1),
		refusalCooldownMs: integer(env, 'SYNC_REFUSAL_COOLDOWN_MS', 5000, 0),
		hardRefusalCooldownMs: integer(env, 'SYNC_HARD_REFUSAL_COOLDOWN_MS', 60_000, 0),
		maxPresenceBytes: integer(env, 'SYNC_MAX_PRESENCE_BYTES', 1024, 64),
		slowClientStallMs: integer(env, 'SYNC_SLOW_CLIENT_STALL_MS', 15_000, 100),
		maxEmbeddedStateBytes: integer(env, 'PAGE_MAX_EMBEDDED_STATE_BYTES', 512 * 1024, 0),
		walCeilingBytes: integer(env, 'WAL_CEILING_BYTES', 64 * 1024 * 1024, 1024 * 1024),
		writePolicy: writePolicySetting(env.SYNC_WRITE_POLICY),
		correctionContact: optional(env, 'CORRECTION_CONTACT') ?? 'Gemeente Maastricht, telefoon 14 043',
		loadShippedFigures: shippedFiguresSetting(env.SHIPPED_FIGURES)
	};
}
