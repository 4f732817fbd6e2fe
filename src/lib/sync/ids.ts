/**
 * Ids made on the client (cards, later elements and actions). `crypto.randomUUID` exists only in
 * secure contexts, and a venue laptop may serve over plain http on the local network, so this uses
 * `getRandomValues`, which every browser has. Lower-case base32, 16 characters (80 bits).
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function newId(length = 16): string {
	const bytes = new Uint8Array(length);
	globalThis.crypto.getRandomValues(bytes);
	let id = '';
	for (const byte of bytes) id += ALPHABET[byte & 31];
	return id;
}
