/**
 * Staff accounts, login and first-admin setup against a real SQLite file, with a recording stand-in
 * for the live docs (so we can see that access changes re-decide open sockets).
 */
import { NO_JOIN_FLOW_FILES } from '../../../../src/lib/server/join-flow-preload.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../../src/lib/server/db.ts';
import { loadConfig } from '../../../../src/lib/server/config.ts';
import { createLogger } from '../../../../src/lib/server/log.ts';
import { YDocStore } from '../../../../src/lib/server/ydoc-store.ts';
import { StoredDocs } from '../../../../src/lib/server/live-docs.ts';
import type { AppContext } from '../../../../src/lib/server/context.ts';
import { addStaffUser, disableStaffUser, enableStaffUser, resetStaffPassword } from '../../../../src/lib/server/auth/staff-accounts.ts';
import { createUserSession, validateToken } from '../../../../src/lib/server/auth/sessions.ts';
import { hashToken } from '../../../../src/lib/server/auth/tokens.ts';
import { loginWithPassword } from '../../../../src/lib/server/auth/login.ts';
import { LoginThrottle } from '../../../../src/lib/server/auth/login-throttle.ts';
import { createFirstAdmin, ensureFirstAdmin, isLocalRequest, setupAllowed } from '../../../../src/lib/server/first-admin.ts';
import { countUsers, findUserByEmail } from '../../../../src/lib/server/repositories/users.ts';
import { verifyPassword } from '../../../../src/lib/server/auth/passwords.ts';

let dir: string;
let context: AppContext;
let revalidations: number;
let logLines: string[];

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-accounts-'));
	const db = openDatabase(dir);
	const store = new YDocStore(db);
	const liveDocs = new StoredDocs(store);
	revalidations = 0;
	liveDocs.revalidate = () => {
		revalidations++;
	};
	logLines = [];
	context = {
		config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'info' }),
		db,
		log: createLogger('info', (line) => logLines.push(line)),
		store,
		liveDocs,
		joinFlowFiles: NO_JOIN_FLOW_FILES
	};
});
afterEach(() => {
	context.db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function add(email: string, role = 'facilitator', password = 'lang genoeg wachtwoord') {
	const result = await addStaffUser(context, { email, password, role });
	if (!result.ok) throw new Error(result.problem);
	return result.value;
}

describe('addStaffUser', () => {
	test('refuses a bad address, a short or long password, an unknown role and a taken address', async () => {
		await add('ana@maastricht.nl');
		const cases: [Record<string, unknown>, string][] = [
			[{ email: 'geen-adres', password: 'lang genoeg wachtwoord', role: 'official' }, 'email-invalid'],
			[{ email: 'bo@maastricht.nl', password: 'kort', role: 'official' }, 'password-too-short'],
			[{ email: 'bo@maastricht.nl', password: 'x'.repeat(257), role: 'official' }, 'password-too-long'],
			[{ email: 'bo@maastricht.nl', password: 'lang genoeg wachtwoord', role: 'participant' }, 'role-invalid'],
			[{ email: ' ANA@Maastricht.nl ', password: 'lang genoeg wachtwoord', role: 'official' }, 'email-taken'],
			[{ email: 42, password: null, role: undefined }, 'email-invalid']
		];
		for (const [input, problem] of cases) {
			expect(await addStaffUser(context, input as never)).toMatchObject({ ok: false, problem });
		}
		expect(countUsers(context.db)).toBe(1);
	});
});

describe('disable, enable, reset password', () => {
	test("disabling ends the user's sessions and re-decides open sockets", async () => {
		await add('admin@maastricht.nl', 'admin');
		const ana = await add('ana@maastricht.nl');
		const session = createUserSession(context.db, ana.id);
		expect(disableStaffUser(context, { userId: ana.id })).toMatchObject({ ok: true });
		expect(validateToken(context.db, session.token)).toBeNull();
		expect(revalidations).toBe(1);
		// Idempotent.
		expect(disableStaffUser(context, { userId: ana.id })).toMatchObject({ ok: true });
		expect(enableStaffUser(context, { userId: ana.id })).toMatchObject({ ok: true, value: { disabledAt: null } });
		expect(findUserByEmail(context.db, 'ana@maastricht.nl')?.disabledAt).toBeNull();
	});

	test('the last active admin cannot be disabled, and nobody can disable themselves', async () => {
		const admin = await add('admin@maastricht.nl', 'admin');
		expect(disableStaffUser(context, { userId: admin.id })).toMatchObject({ ok: false, problem: 'last-admin' });
		const second = await add('tweede@maastricht.nl', 'admin');
		expect(disableStaffUser(context, { userId: second.id, actingUserId: second.id })).toMatchObject({ ok: false, problem: 'self-disable' });
		expect(disableStaffUser(context, { userId: admin.id, actingUserId: second.id })).toMatchObject({ ok: true });
		expect(disableStaffUser(context, { userId: second.id })).toMatchObject({ ok: false, problem: 'last-admin' });
		expect(disableStaffUser(context, { userId: 'nobody' })).toMatchObject({ ok: false, problem: 'user-not-found' });
	});

	test('a new password replaces the old one and ends sessions, except the one making the change', async () => {
		const ana = await add('ana@maastricht.nl', 'admin');
		const here = createUserSession(context.db, ana.id);
		const elsewhere = createUserSession(context.db, ana.id);
		expect(await resetStaffPassword(context, { userId: ana.id, password: 'kort' })).toMatchObject({ ok: false, problem: 'password-too-short' });
		const result = await resetStaffPassword(context, { userId: ana.id, password: 'een heel nieuw wachtwoord', keepSessionId: hashToken(here.token) });
		expect(result.ok).toBe(true);
		expect(validateToken(context.db, here.token)).not.toBeNull();
		expect(validateToken(context.db, elsewhere.token)).toBeNull();
		const stored = context.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(ana.id) as { password_hash: string };
		expect(stored.password_hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(stored.password_hash, 'een heel nieuw wachtwoord')).toBe(true);
		expect(await verifyPassword(stored.password_hash, 'lang genoeg wachtwoord')).toBe(false);
		expect(revalidations).toBe(1);
	});
});

describe('loginWithPassword', () => {
	test('right password → a session; wrong password, unknown address, empty fields → a reason code', async () => {
		await add('ana@maastricht.nl');
		const throttle = new LoginThrottle();
		const login = (email: unknown, password: unknown) => loginWithPassword(context, throttle, { email, password, address: '192.0.2.1' });
		expect(await login('', 'x')).toEqual({ ok: false, reason: 'missing-email' });
		expect(await login('ana@maastricht.nl', '')).toEqual({ ok: false, reason: 'missing-password' });
		expect(await login('ana@maastricht.nl', 'verkeerd wachtwoord')).toEqual({ ok: false, reason: 'invalid-credentials' });
		expect(await login('onbekend@maastricht.nl', 'lang genoeg wachtwoord')).toEqual({ ok: false, reason: 'invalid-credentials' });
		const ok = await login('ANA@maastricht.nl', 'lang genoeg wachtwoord');
		expect(ok.ok).toBe(true);
		if (ok.ok) expect(validateToken(context.db, ok.token)).toMatchObject({ kind: 'staff', user: { email: 'ana@maastricht.nl' } });
		expect(logLines.join('\n')).not.toContain('lang genoeg wachtwoord');
		expect(logLines.join('\n')).not.toContain(ok.ok ? ok.token : '-');
	});

	test('a disabled account is told so, but only after the right password', async () => {
		await add('admin@maastricht.nl', 'admin');
		const ana = await add('ana@maastricht.nl');
		disableStaffUser(context, { userId: ana.id });
		const throttle = new LoginThrottle();
		expect(await loginWithPassword(context, throttle, { email: 'ana@maastricht.nl', password: 'fout fout fout', address: '::1' })).toMatchObject({ reason: 'invalid-credentials' });
		expect(await loginWithPassword(context, throttle, { email: 'ana@maastricht.nl', password: 'lang genoeg wachtwoord', address: '::1' })).toMatchObject({ reason: 'disabled' });
	});
});

describe('first admin', () => {
	const headers = (entries: Record<string, string> = {}) => new Headers(entries);

	test('only localhost without forwarding headers counts as local', () => {
		expect(isLocalRequest({ clientAddress: '127.0.0.1', headers: headers() })).toBe(true);
		expect(isLocalRequest({ clientAddress: '::1', headers: headers() })).toBe(true);
		expect(isLocalRequest({ clientAddress: '::ffff:127.0.0.1', headers: headers() })).toBe(true);
		expect(isLocalRequest({ clientAddress: '192.0.2.1', headers: headers() })).toBe(false);
		expect(isLocalRequest({ clientAddress: '127.0.0.1', headers: headers({ 'x-forwarded-for': '192.0.2.1' }) })).toBe(false);
		expect(isLocalRequest({ clientAddress: '127.0.0.1', headers: headers({ forwarded: 'for=192.0.2.1' }) })).toBe(false);
	});

	test('the setup token from the start-up log lets a remote browser in; a wrong one does not', async () => {
		await ensureFirstAdmin(context);
		const line = logLines.find((l) => l.includes('/setup?token='));
		const token = /\/setup\?token=([a-z0-9]+)/.exec(line ?? '')?.[1];
		expect(token).toBeTruthy();
		const remote = { clientAddress: '192.0.2.1', headers: headers() };
		expect(setupAllowed({ ...remote, token: null })).toBe(false);
		expect(setupAllowed({ ...remote, token: 'a'.repeat(32) })).toBe(false);
		expect(setupAllowed({ ...remote, token: token! })).toBe(true);
		// Only the hash is kept, and nowhere in the database.
		const dump = JSON.stringify(context.db.prepare('SELECT * FROM users').all());
		expect(dump).not.toContain(token!);
	});

	test('creates one admin even when two requests race; later attempts are refused', async () => {
		await ensureFirstAdmin(context);
		const input = (email: string) => ({ email, password: 'het eerste wachtwoord', confirm: 'het eerste wachtwoord' });
		const [a, b] = await Promise.all([createFirstAdmin(context, input('a@maastricht.nl')), createFirstAdmin(context, input('b@maastricht.nl'))]);
		expect([a.ok, b.ok].sort()).toEqual([false, true]);
		expect([a, b].find((r) => !r.ok)).toMatchObject({ reason: 'done' });
		expect(countUsers(context.db)).toBe(1);
		expect(await createFirstAdmin(context, input('c@maastricht.nl'))).toEqual({ ok: false, reason: 'done' });
		// The setup token is spent once an admin exists.
		const token = /\/setup\?token=([a-z0-9]+)/.exec(logLines.join('\n'))?.[1];
		expect(setupAllowed({ clientAddress: '192.0.2.1', headers: new Headers(), token: token! })).toBe(false);
	});

	test('checks the fields: address, password length, the repeated password', async () => {
		expect(await createFirstAdmin(context, { email: 'x', password: 'het eerste wachtwoord', confirm: 'het eerste wachtwoord' })).toMatchObject({ field: 'email' });
		expect(await createFirstAdmin(context, { email: 'a@maastricht.nl', password: 'kort', confirm: 'kort' })).toMatchObject({ field: 'password' });
		expect(await createFirstAdmin(context, { email: 'a@maastricht.nl', password: 'het eerste wachtwoord', confirm: 'anders' })).toMatchObject({
			field: 'confirm',
			problem: 'password-mismatch'
		});
		expect(countUsers(context.db)).toBe(0);
	});
});
