/**
 * Secrets handed to browsers and clients. Only their SHA-256 is stored, so a leaked database
 * copy does not let anyone sign in.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes, randomInt } from 'node:crypto';

export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Row ids: lower-case base32, 16 characters (80 bits). Matches the doc-name id pattern. */
export function generateId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(10));
}

// No 0/O, 1/I/L, U/V: a join code is read off a projector and typed on a phone.
const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export function generateJoinCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	return code;
}

/** What people type: any case, with spaces or dashes. Returns null when it cannot be a join code. */
export function normaliseJoinCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== JOIN_CODE_LENGTH) return null;
	for (const char of code) if (!JOIN_ALPHABET.includes(char)) return null;
	return code;
}
