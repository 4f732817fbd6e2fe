/** Staff passwords: argon2id with the library's recommended parameters (OWASP minimum or better). */
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'too-short' | 'too-long';

export function checkPasswordStrength(password: string): PasswordProblem | null {
	if (password.length < MIN_PASSWORD_LENGTH) return 'too-short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'too-long';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	// algorithm 2 = argon2id; memory in KiB.
	return hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}
