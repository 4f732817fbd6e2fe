/**
 * A newcomer must never face a login page with no way in. When no staff account exists:
 * ADMIN_EMAIL/ADMIN_PASSWORD create the first admin on start; otherwise the /setup page does, once.
 *
 * /setup is open only to a browser on the server itself, or to whoever has the setup link printed in
 * the server log at start. The link's token lives only in this process's memory (its hash), so it dies
 * with a restart and never reaches the database or a backup.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from './context.ts';
import { writeTransaction } from './db.ts';
import { countUsers, insertUser, isPlausibleEmail, type UserRecord } from './repositories/users.ts';
import { checkPasswordStrength, hashPassword } from './auth/passwords.ts';
import { generateToken, hashToken } from './auth/tokens.ts';
import { checkNewAccount, type AccountField, type AccountProblem } from './auth/staff-accounts.ts';

// The Node entry and the SvelteKit bundle are separate module graphs; both must see the same token.
const SETUP_TOKEN_KEY = Symbol.for('wijktafel.setup-token-hash');
type GlobalWithSetup = typeof globalThis & { [SETUP_TOKEN_KEY]?: string | null };

function setupTokenHash(): string | null {
	return (globalThis as GlobalWithSetup)[SETUP_TOKEN_KEY] ?? null;
}
function setSetupTokenHash(hash: string | null): void {
	(globalThis as GlobalWithSetup)[SETUP_TOKEN_KEY] = hash;
}

export async function ensureFirstAdmin(context: AppContext): Promise<void> {
	const { config, db, log } = context;
	if (countUsers(db) > 0) return;
	if (config.adminEmail && config.adminPassword) {
		if (!isPlausibleEmail(config.adminEmail)) throw new Error('ADMIN_EMAIL is not an e-mail address');
		const problem = checkPasswordStrength(config.adminPassword);
		if (problem) throw new Error(`ADMIN_PASSWORD is ${problem}`);
		insertUser(db, { email: config.adminEmail, passwordHash: await hashPassword(config.adminPassword), role: 'admin' });
		log.info('first admin created from ADMIN_EMAIL');
		return;
	}
	const token = generateToken();
	setSetupTokenHash(hashToken(token));
	// The one place a secret is logged on purpose: it is how the operator gets in. It works once, and
	// only until the first admin exists or the process restarts.
	log.warn('no staff account yet: open the setup link to create the first admin (works once)', {
		setupUrl: `${config.origin ?? ''}/setup?token=${token}`
	});
}

export function setupIsDone(context: AppContext): boolean {
	return countUsers(context.db) > 0;
}

export interface SetupRequest {
	/** As SvelteKit's getClientAddress() reports it. */
	clientAddress: string;
	headers: Headers;
	token: string | null;
}

function isLoopback(address: string): boolean {
	const a = address.trim().toLowerCase();
	return a === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * Behind a reverse proxy on the same machine every request comes from 127.0.0.1, so a request that
 * carries forwarding headers is treated as remote: it needs the token.
 */
export function isLocalRequest(request: Pick<SetupRequest, 'clientAddress' | 'headers'>): boolean {
	const forwarded = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => request.headers.has(name));
	return !forwarded && isLoopback(request.clientAddress);
}

function tokenMatches(token: string | null): boolean {
	const expected = setupTokenHash();
	if (!expected || !token || token.length > 128) return false;
	return timingSafeEqual(Buffer.from(hashToken(token)), Buffer.from(expected));
}

export function setupAllowed(request: SetupRequest): boolean {
	return isLocalRequest(request) || tokenMatches(request.token);
}

export type FirstAdminOutcome =
	| { ok: true; user: UserRecord }
	| { ok: false; reason: 'done' }
	| { ok: false; reason: 'invalid'; field: AccountField | 'confirm'; problem: AccountProblem | 'password-mismatch' };

/** Creates the first admin. "No users yet" is checked in the same transaction as the insert, so two racing requests create one admin. */
export async function createFirstAdmin(
	context: AppContext,
	input: { email: unknown; password: unknown; confirm: unknown }
): Promise<FirstAdminOutcome> {
	if (setupIsDone(context)) return { ok: false, reason: 'done' };
	const checked = checkNewAccount(input.email, input.password);
	if (!checked.ok) return { ok: false, reason: 'invalid', field: checked.field, problem: checked.problem };
	if (input.confirm !== checked.password) return { ok: false, reason: 'invalid', field: 'confirm', problem: 'password-mismatch' };
	const passwordHash = await hashPassword(checked.password);
	const { db } = context;
	const user = writeTransaction(db, () => {
		if (countUsers(db) > 0) return null;
		return insertUser(db, { email: checked.email, passwordHash, role: 'admin' });
	});
	if (!user) return { ok: false, reason: 'done' };
	setSetupTokenHash(null);
	context.log.info('first admin created through /setup', { userId: user.id });
	return { ok: true, user };
}
