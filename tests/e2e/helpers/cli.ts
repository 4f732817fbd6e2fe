/** E2E tests create workshops the way an admin would: with the CLI, against the test server's data dir. */
import { execFileSync } from 'node:child_process';
import type { WorkshopLinks } from '../../../src/lib/server/workshops.ts';

// The specs name the CLI's output through this helper.
export type { WorkshopLinks };

export function cli(args: string[]): string {
	return execFileSync(process.execPath, ['build/node/cli.js', ...args], {
		env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR, ORIGIN: `http://127.0.0.1:${process.env.E2E_PORT}`, LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
}

/** A workshop; with `period`, on an agenda of its own (specs share one server, and so the default agenda per stadsdeel). */
export function createWorkshop(stadsdeel = 'Zuid', title = 'E2E-avond', period?: string): WorkshopLinks {
	return JSON.parse(cli(['workshop:create', '--stadsdeel', stadsdeel, '--title', title, ...(period ? ['--period', period] : [])]));
}
