/**
 * Operator endpoints, answered before SvelteKit (no session, no page):
 *  - GET /healthz: 200 {"status":"ok"} when the database takes a write lock and the sync server
 *    accepts connections; else 503 {"status":"unavailable","reason":…}.
 *  - GET /metrics: Prometheus text. On its own port (METRICS_PORT, bound to METRICS_HOST) for anyone
 *    who can reach that port, or on the main port with `Authorization: Bearer METRICS_TOKEN`; with
 *    neither set it is off (404).
 */
import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../src/lib/server/config.ts';
import type { Db } from '../src/lib/server/db.ts';
import { appMetrics } from '../src/lib/server/metrics.ts';

export interface HealthSources {
	db: Db;
	/** Sync server and HTTP listener state; false while starting or stopping. */
	syncAccepting(): boolean;
	listening(): boolean;
}

export type Health = { ok: true } | { ok: false; reason: string };

/** How long the health check waits for the write lock before it calls the database unwritable. */
const HEALTH_LOCK_WAIT_MS = 1000;

export function checkHealth({ db, syncAccepting, listening }: HealthSources): Health {
	if (!listening()) return { ok: false, reason: 'not listening (starting or stopping)' };
	if (!syncAccepting()) return { ok: false, reason: 'sync server is not accepting connections (stopping or restoring a backup)' };
	if (!db.open) return { ok: false, reason: 'database is closed' };
	// A write lock proves the file is writable and no stuck writer holds it; rolled back, so nothing is written.
	const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
	try {
		db.pragma(`busy_timeout = ${HEALTH_LOCK_WAIT_MS}`);
		db.exec('BEGIN IMMEDIATE');
		db.exec('ROLLBACK');
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: `database is not writable: ${error instanceof Error ? error.message : String(error)}` };
	} finally {
		if (db.inTransaction) db.exec('ROLLBACK');
		db.pragma(`busy_timeout = ${busyTimeout}`);
	}
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

async function sendMetrics(res: http.ServerResponse): Promise<void> {
	const registry = appMetrics().registry;
	const body = await registry.metrics();
	res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
	res.end(body);
}

function bearerMatches(header: string | undefined, token: string): boolean {
	const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

function pathOf(req: http.IncomingMessage): string {
	return (req.url ?? '/').split('?')[0];
}

/** For the main port: answers /healthz and (with a token) /metrics; returns false for everything else. */
export function createOpsHandler(config: Config, health: HealthSources) {
	return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
		const path = pathOf(req);
		if (path === '/healthz') {
			if (req.method !== 'GET' && req.method !== 'HEAD') return (sendJson(res, 405, { error: 'use GET' }), true);
			const result = checkHealth(health);
			sendJson(res, result.ok ? 200 : 503, result.ok ? { status: 'ok' } : { status: 'unavailable', reason: result.reason });
			return true;
		}
		if (path === '/metrics' && config.metricsPort === null) {
			if (config.metricsToken === null) return (sendJson(res, 404, { error: 'metrics are off: set METRICS_TOKEN or METRICS_PORT' }), true);
			if (!bearerMatches(req.headers.authorization, config.metricsToken)) {
				res.setHeader('www-authenticate', 'Bearer');
				return (sendJson(res, 401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' }), true);
			}
			void sendMetrics(res).catch(() => sendJson(res, 500, { error: 'metrics failed' }));
			return true;
		}
		return false;
	};
}

/** For the metrics port: /metrics and /healthz, nothing else. */
export function createMetricsPortHandler(config: Config, health: HealthSources): http.RequestListener {
	const ops = createOpsHandler({ ...config, metricsPort: null, metricsToken: null }, health);
	return (req, res) => {
		if (pathOf(req) === '/metrics') {
			if (config.metricsToken !== null && !bearerMatches(req.headers.authorization, config.metricsToken)) {
				return sendJson(res, 401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
			}
			void sendMetrics(res).catch(() => sendJson(res, 500, { error: 'metrics failed' }));
			return;
		}
		if (!ops(req, res)) sendJson(res, 404, { error: 'not found' });
	};
}
