/**
 * Where to go after signing in. Only paths on this site: an open redirect would let a phishing link
 * send someone from our real login page to a look-alike.
 */
export function safeNextPath(value: string | null | undefined, fallback = '/staff'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f]/.test(value)) return fallback;
	return value.length > 512 ? fallback : value;
}

export function loginPathFor(next: string): string {
	return `/login?next=${encodeURIComponent(next)}`;
}
