/**
 * Operational metrics in Prometheus' text format (prom-client), served at GET /metrics (see
 * server/ops.ts for who may read them). One registry per process on globalThis under a registered
 * symbol, like the app context: the Node server and the SvelteKit bundle are separate module graphs
 * and must count into the same place.
 *
 * Counters anyone may bump: `countRefusedUpdate(reason)` (the sync write policy),
 * `countLoginFailure(reason)`, `countStoredUpdate(bytes)` (the Yjs store).
 * Gauges read at scrape time: rooms and connections (`observeSync`), database and WAL bytes
 * (`observeDatabase`), checkpoint lag (`recordCheckpoint`). Node's own metrics, with event-loop delay,
 * come from prom-client's defaults.
 */
import fs from 'node:fs';
import client from 'prom-client';
import type { Db } from './db.ts';

/** Label values are bounded: a reason is cut to a short slug, and after this many distinct ones the rest count as "other". */
const MAX_LABEL_VALUES = 50;
const UPDATE_RATE_WINDOW_SECONDS = 10;

export interface SyncStats {
	rooms: number;
	connections: number;
}

class Metrics {
	readonly registry = new client.Registry();
	readonly #refusedReasons = new Set<string>();
	readonly #loginReasons = new Set<string>();
	/** Stored updates per whole second, for the last UPDATE_RATE_WINDOW_SECONDS seconds. */
	readonly #updatesBySecond = new Map<number, number>();
	#syncStats: () => SyncStats = () => ({ rooms: 0, connections: 0 });
	#db: Db | null = null;
	#lastCheckpointAt: number | null = null;
	#checkpointLagFrames = 0;

	readonly storedUpdates: client.Counter;
	readonly storedUpdateBytes: client.Counter;
	readonly refusedUpdates: client.Counter<'reason'>;
	readonly loginFailures: client.Counter<'reason'>;

	constructor() {
		const registers = [this.registry];
		client.collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
		this.storedUpdates = new client.Counter({
			name: 'wijktafel_sync_updates_total',
			help: 'Yjs updates stored (from clients and from the server itself)',
			registers
		});
		this.storedUpdateBytes = new client.Counter({
			name: 'wijktafel_sync_update_bytes_total',
			help: 'Bytes of Yjs updates appended to the update log',
			registers
		});
		this.refusedUpdates = new client.Counter({
			name: 'wijktafel_sync_refused_updates_total',
			help: 'Yjs updates the server refused, by reason',
			labelNames: ['reason'],
			registers
		});
		this.loginFailures = new client.Counter({
			name: 'wijktafel_login_failures_total',
			help: 'Failed staff logins, by reason',
			labelNames: ['reason'],
			registers
		});
		const gauge = (name: string, help: string, read: () => number) => {
			const metric: client.Gauge = new client.Gauge({ name, help, registers, collect: () => metric.set(read()) });
		};
		gauge('wijktafel_sync_updates_per_second', `Stored Yjs updates per second, averaged over the last ${UPDATE_RATE_WINDOW_SECONDS} s`, () =>
			this.updatesPerSecond()
		);
		gauge('wijktafel_sync_rooms', 'Documents loaded in memory', () => this.#syncStats().rooms);
		gauge('wijktafel_sync_connections', 'Open WebSocket connections', () => this.#syncStats().connections);
		gauge('wijktafel_wal_checkpoint_lag_frames', 'WAL frames not yet copied into the database file at the last checkpoint', () => this.#checkpointLagFrames);
		gauge('wijktafel_wal_checkpoint_age_seconds', 'Seconds since the last completed WAL checkpoint (-1: none yet)', () =>
			this.#lastCheckpointAt === null ? -1 : (Date.now() - this.#lastCheckpointAt) / 1000
		);
		const databaseBytes: client.Gauge<'file'> = new client.Gauge({
			name: 'wijktafel_database_bytes',
			help: 'Bytes on disk of the SQLite database file and of its write-ahead log',
			labelNames: ['file'],
			registers,
			collect: () => {
				const db = this.#db;
				if (!db?.open) return;
				databaseBytes.set({ file: 'database' }, fileSize(db.name));
				databaseBytes.set({ file: 'wal' }, fileSize(`${db.name}-wal`));
			}
		});
	}

	observeSync(stats: () => SyncStats): void {
		this.#syncStats = stats;
	}

	observeDatabase(db: Db): void {
		this.#db = db;
	}

	recordCheckpoint(result: { walFrames: number; copiedFrames: number }): void {
		this.#lastCheckpointAt = Date.now();
		this.#checkpointLagFrames = Math.max(0, result.walFrames - result.copiedFrames);
	}

	countStoredUpdate(bytes: number): void {
		this.storedUpdates.inc();
		this.storedUpdateBytes.inc(bytes);
		const second = Math.floor(Date.now() / 1000);
		this.#updatesBySecond.set(second, (this.#updatesBySecond.get(second) ?? 0) + 1);
		if (this.#updatesBySecond.size > UPDATE_RATE_WINDOW_SECONDS + 1) {
			for (const key of this.#updatesBySecond.keys()) if (key <= second - UPDATE_RATE_WINDOW_SECONDS) this.#updatesBySecond.delete(key);
		}
	}

	updatesPerSecond(): number {
		// The whole seconds before the current one, so a scrape early in a second does not read low.
		const now = Math.floor(Date.now() / 1000);
		let total = 0;
		for (let second = now - UPDATE_RATE_WINDOW_SECONDS; second < now; second++) total += this.#updatesBySecond.get(second) ?? 0;
		return total / UPDATE_RATE_WINDOW_SECONDS;
	}

	label(reason: string, seen: Set<string>): string {
		const slug = reason.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'unknown';
		if (seen.has(slug)) return slug;
		if (seen.size >= MAX_LABEL_VALUES) return 'other';
		seen.add(slug);
		return slug;
	}

	countRefusedUpdate(reason: string): void {
		this.refusedUpdates.inc({ reason: this.label(reason, this.#refusedReasons) });
	}

	countLoginFailure(reason: string): void {
		this.loginFailures.inc({ reason: this.label(reason, this.#loginReasons) });
	}
}

function fileSize(file: string): number {
	try {
		return fs.statSync(file).size;
	} catch {
		return 0;
	}
}

const METRICS_KEY = Symbol.for('wijktafel.metrics');
type GlobalWithMetrics = typeof globalThis & { [METRICS_KEY]?: Metrics };

/** This process's metrics (created on first use). */
export function appMetrics(): Metrics {
	const global = globalThis as GlobalWithMetrics;
	global[METRICS_KEY] ??= new Metrics();
	return global[METRICS_KEY];
}

/**
 * The sync write policy calls this for every update it refuses. `reason` is a short, stable phrase
 * ("unknown root key", "not the author", "read-only"); it becomes the `reason` label, so never put ids
 * or user text in it.
 */
export function countRefusedUpdate(reason: string): void {
	appMetrics().countRefusedUpdate(reason);
}

/** A failed staff login, by the login's reason code ("invalid-credentials", "locked", …). */
export function countLoginFailure(reason: string): void {
	appMetrics().countLoginFailure(reason);
}

/** The Yjs store calls this for every update it appends. */
export function countStoredUpdate(bytes: number): void {
	appMetrics().countStoredUpdate(bytes);
}

export type { Metrics };
