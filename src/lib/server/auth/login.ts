/**
 * Staff login with e-mail and password. Returns a reason code for every expected failure; the login
 * page turns codes into Dutch or English sentences.
 */
import type { AppContext } from '../context.ts';
import { findUserByEmail, type UserRecord } from '../repositories/users.ts';
import { hashPassword, verifyPassword, MAX_PASSWORD_LENGTH } from './passwords.ts';
import { createUserSession } from './sessions.ts';
import type { LoginThrottle, LockScope } from './login-throttle.ts';

export type LoginFailure =
	| { ok: false; reason: 'missing-email' | 'missing-password' | 'invalid-credentials' | 'disabled' }
	| { ok: false; reason: 'locked'; retryAt: number; scope: LockScope };

export type LoginOutcome =
	| {
			ok: true;
			token: string;
			expiresAt: number;
			user: UserRecord;
			/** For the known-device cookie: this browser may sign in to this account during an account-wide lock. */
			knownDevice: string;
	  }
	| LoginFailure;

export interface LoginInput {
	email: unknown;
	password: unknown;
	/** The client address as the HTTP layer sees it (see ADDRESS_HEADER behind a proxy). */
	address: string;
	/** The known-device cookie, when the browser sent one. */
	device?: string | null;
}

// A hash to verify against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;
function decoy(): Promise<string> {
	decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
	return decoyHash;
}

export async function loginWithPassword(context: AppContext, throttle: LoginThrottle, input: LoginInput): Promise<LoginOutcome> {
	const email = typeof input.email === 'string' ? input.email.trim() : '';
	const password = typeof input.password === 'string' ? input.password : '';
	if (email === '' || email.length > 254) return { ok: false, reason: 'missing-email' };
	if (password === '') return { ok: false, reason: 'missing-password' };

	const attempt = throttle.begin({ address: input.address, email, device: input.device });
	if (!attempt.ok) {
		context.log.warn('login refused: too many failed attempts', { scope: attempt.scope, retryAt: new Date(attempt.retryAt).toISOString() });
		return { ok: false, reason: 'locked', retryAt: attempt.retryAt, scope: attempt.scope };
	}

	const user = findUserByEmail(context.db, email);
	// Over-long input is never a valid password; still verify something so timing says nothing.
	const candidate = password.length > MAX_PASSWORD_LENGTH ? '' : password;
	const valid = user ? await verifyPassword(user.passwordHash, candidate) : (await verifyPassword(await decoy(), candidate), false);
	if (!user || !valid || candidate === '') return { ok: false, reason: 'invalid-credentials' };

	const knownDevice = attempt.succeeded();
	// Only someone who knows the password learns that the account is disabled.
	if (user.disabledAt !== null) return { ok: false, reason: 'disabled' };
	const session = createUserSession(context.db, user.id);
	context.log.info('staff signed in', { userId: user.id });
	const { passwordHash: _omit, ...record } = user;
	return { ok: true, token: session.token, expiresAt: session.expiresAt, user: record, knownDevice };
}
