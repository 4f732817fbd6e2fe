/**
 * Managing staff accounts: shared by the admin pages and the CLI. Whatever takes access away
 * (disabling, a new password) ends the user's sessions and re-decides their open sockets, so a
 * leaked session stops working at once rather than at its expiry.
 */
import type { AppContext } from '../context.ts';
import { STAFF_ROLES, type StaffRole } from '../../domain/permissions.ts';
import {
	countActiveAdmins,
	findUserByEmail,
	findUserById,
	insertUser,
	isPlausibleEmail,
	setPasswordHash,
	setUserDisabled,
	type UserRecord
} from '../repositories/users.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { invalidateUserSessions } from './sessions.ts';
import { writeTransaction } from '../db.ts';

export type AccountField = 'email' | 'password' | 'role' | 'user';
export type AccountProblem =
	| 'email-invalid'
	| 'email-taken'
	| 'role-invalid'
	| 'password-too-short'
	| 'password-too-long'
	| 'user-not-found'
	| 'last-admin'
	| 'self-disable';

export type AccountResult<T> = { ok: true; value: T } | { ok: false; field: AccountField; problem: AccountProblem };

const problem = (field: AccountField, code: AccountProblem) => ({ ok: false as const, field, problem: code });

export function isStaffRole(value: unknown): value is StaffRole {
	return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Checks e-mail and password of a new account; shared with the first-admin setup. */
export function checkNewAccount(email: unknown, password: unknown): { ok: true; email: string; password: string } | { ok: false; field: AccountField; problem: AccountProblem } {
	if (typeof email !== 'string' || !isPlausibleEmail(email.trim())) return problem('email', 'email-invalid');
	if (typeof password !== 'string') return problem('password', 'password-too-short');
	const weak = checkPasswordStrength(password);
	if (weak) return problem('password', weak === 'too-short' ? 'password-too-short' : 'password-too-long');
	return { ok: true, email: email.trim(), password };
}

export async function addStaffUser(
	context: AppContext,
	input: { email: unknown; password: unknown; role: unknown }
): Promise<AccountResult<UserRecord>> {
	const checked = checkNewAccount(input.email, input.password);
	if (!checked.ok) return checked;
	if (!isStaffRole(input.role)) return problem('role', 'role-invalid');
	if (findUserByEmail(context.db, checked.email)) return problem('email', 'email-taken');
	const passwordHash = await hashPassword(checked.password);
	try {
		const user = insertUser(context.db, { email: checked.email, passwordHash, role: input.role });
		context.log.info('staff account added', { userId: user.id, role: user.role });
		return { ok: true, value: user };
	} catch (error) {
		// Someone added the same address while we were hashing.
		if (error instanceof Error && /UNIQUE.*email/.test(error.message)) return problem('email', 'email-taken');
		throw error;
	}
}

/**
 * Disables an account. The last active admin cannot be disabled (nobody could manage accounts any
 * more), and from the web an admin cannot disable themselves by accident.
 */
export function disableStaffUser(context: AppContext, input: { userId: string; actingUserId?: string }): AccountResult<UserRecord> {
	const { db } = context;
	if (input.actingUserId !== undefined && input.actingUserId === input.userId) return problem('user', 'self-disable');
	// The CLI runs this beside the live server (writeTransaction says why it locks at once).
	const result = writeTransaction(db, (): AccountResult<UserRecord> => {
		const user = findUserById(db, input.userId);
		if (!user) return problem('user', 'user-not-found');
		if (user.disabledAt !== null) return { ok: true, value: user };
		if (user.role === 'admin' && countActiveAdmins(db) <= 1) return problem('user', 'last-admin');
		const now = Date.now();
		setUserDisabled(db, user.id, now);
		invalidateUserSessions(db, user.id);
		return { ok: true, value: { ...user, disabledAt: now } };
	});
	if (result.ok) {
		context.log.info('staff account disabled', { userId: input.userId });
		context.liveDocs.revalidate();
	}
	return result;
}

export function enableStaffUser(context: AppContext, input: { userId: string }): AccountResult<UserRecord> {
	const user = findUserById(context.db, input.userId);
	if (!user) return problem('user', 'user-not-found');
	if (user.disabledAt !== null) {
		setUserDisabled(context.db, user.id, null);
		context.log.info('staff account enabled', { userId: user.id });
	}
	return { ok: true, value: { ...user, disabledAt: null } };
}

/**
 * Sets a new password and ends every session of the account, except the one making the change when
 * a user resets their own password (they should not be thrown out mid-click).
 */
export async function resetStaffPassword(
	context: AppContext,
	input: { userId: string; password: unknown; keepSessionId?: string }
): Promise<AccountResult<UserRecord>> {
	if (typeof input.password !== 'string') return problem('password', 'password-too-short');
	const weak = checkPasswordStrength(input.password);
	if (weak) return problem('password', weak === 'too-short' ? 'password-too-short' : 'password-too-long');
	if (!findUserById(context.db, input.userId)) return problem('user', 'user-not-found');
	const passwordHash = await hashPassword(input.password);
	const { db } = context;
	const user = writeTransaction(db, () => {
		const current = findUserById(db, input.userId);
		if (!current) return null;
		setPasswordHash(db, current.id, passwordHash);
		invalidateUserSessions(db, current.id, input.keepSessionId);
		return current;
	});
	if (!user) return problem('user', 'user-not-found');
	context.log.info('staff password reset', { userId: user.id });
	context.liveDocs.revalidate();
	return { ok: true, value: user };
}
