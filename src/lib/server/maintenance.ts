/**
 * Restoring a backup while the server runs. The server holds documents in memory; if the database
 * changed under it, its next compaction would write the old state back. So a restore is a short
 * handshake through a file in DATA_DIR that the server polls:
 *   1. the CLI writes `maintenance.json` {requestId};
 *   2. the server closes sync connections (clients retry), drops rooms without compacting, refuses
 *      new ones, and writes `maintenance.ack` with the same requestId;
 *   3. the CLI copies the backup into the database, then removes `maintenance.json`;
 *   4. the server accepts connections again; clients resend what they had, nothing is lost.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MAINTENANCE_FILE = 'maintenance.json';
export const MAINTENANCE_ACK_FILE = 'maintenance.ack';

export function readMaintenanceRequest(dataDir: string): string | null {
	try {
		const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, MAINTENANCE_FILE), 'utf8')) as { requestId?: unknown };
		return typeof parsed.requestId === 'string' ? parsed.requestId : null;
	} catch {
		return null;
	}
}

export function requestMaintenance(dataDir: string, requestId: string): void {
	fs.rmSync(path.join(dataDir, MAINTENANCE_ACK_FILE), { force: true });
	fs.writeFileSync(path.join(dataDir, MAINTENANCE_FILE), JSON.stringify({ requestId, requestedAt: new Date().toISOString() }));
}

export function acknowledgeMaintenance(dataDir: string, requestId: string): void {
	fs.writeFileSync(path.join(dataDir, MAINTENANCE_ACK_FILE), requestId);
}

export function isAcknowledged(dataDir: string, requestId: string): boolean {
	try {
		return fs.readFileSync(path.join(dataDir, MAINTENANCE_ACK_FILE), 'utf8') === requestId;
	} catch {
		return false;
	}
}

export function endMaintenance(dataDir: string): void {
	fs.rmSync(path.join(dataDir, MAINTENANCE_FILE), { force: true });
	fs.rmSync(path.join(dataDir, MAINTENANCE_ACK_FILE), { force: true });
}

export interface MaintenanceTarget {
	/** Close every sync connection and forget in-memory docs without writing them. */
	enterMaintenance(): void;
	leaveMaintenance(): void;
}

/** Server side: polls the request file and drives the target. Returns a stop function. */
export function watchMaintenance(dataDir: string, target: MaintenanceTarget, intervalMs = 250): () => void {
	let active: string | null = null;
	const timer = setInterval(() => {
		const requestId = readMaintenanceRequest(dataDir);
		if (requestId !== null && requestId !== active) {
			active = requestId;
			target.enterMaintenance();
			acknowledgeMaintenance(dataDir, requestId);
		} else if (requestId === null && active !== null) {
			active = null;
			target.leaveMaintenance();
		}
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
