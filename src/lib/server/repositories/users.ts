import type { Db } from '../db.ts';
import type { StaffRole } from '../../domain/permissions.ts';
import { generateId } from '../auth/tokens.ts';

export interface UserRecord {
	id: string;
	email: string;
	role: StaffRole;
	disabledAt: number | null;
	createdAt: number;
}

interface UserRow {
	id: string;
	email: string;
	role: StaffRole;
	disabled_at: number | null;
	created_at: number;
	password_hash: string;
}

const toRecord = (row: UserRow): UserRecord => ({
	id: row.id,
	email: row.email,
	role: row.role,
	disabledAt: row.disabled_at,
	createdAt: row.created_at
});

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function isPlausibleEmail(email: string): boolean {
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
}

export function insertUser(db: Db, input: { email: string; passwordHash: string; role: StaffRole }, now = Date.now()): UserRecord {
	const id = generateId();
	db.prepare('INSERT INTO users (id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)').run(
		id,
		normaliseEmail(input.email),
		input.passwordHash,
		input.role,
		now
	);
	return { id, email: normaliseEmail(input.email), role: input.role, disabledAt: null, createdAt: now };
}

export function findUserByEmail(db: Db, email: string): (UserRecord & { passwordHash: string }) | null {
	const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(normaliseEmail(email));
	return row ? { ...toRecord(row), passwordHash: row.password_hash } : null;
}

export function findUserById(db: Db, id: string): UserRecord | null {
	const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
	return row ? toRecord(row) : null;
}

export function listUsers(db: Db): UserRecord[] {
	return db.prepare<[], UserRow>('SELECT * FROM users ORDER BY email').all().map(toRecord);
}

export function countUsers(db: Db): number {
	return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Sets or clears `disabled_at`; returns false when no such user exists. */
export function setUserDisabled(db: Db, id: string, disabledAt: number | null): boolean {
	return db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabledAt, id).changes === 1;
}

export function setPasswordHash(db: Db, id: string, passwordHash: string): boolean {
	return db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes === 1;
}

export function countActiveAdmins(db: Db): number {
	return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL").get() as { n: number }).n;
}
