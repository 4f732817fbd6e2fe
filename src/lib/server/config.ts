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
		metricsToken: metricsToken(env)
	};
}
