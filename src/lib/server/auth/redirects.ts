/** The longest `next` followed after signing in; a longer one is dropped rather than cut. */
export const MAX_NEXT_LENGTH = 512;

/**
 * Where to go after signing in. Only paths on this site: an open redirect would let a phishing link
 * send someone from our real login page to a look-alike.
 */
export function safeNextPath(value: string | null | undefined, fallback = '/staff'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControlCharacter(value)) return fallback;
	return value.length > MAX_NEXT_LENGTH ? fallback : value;
}

/** The login page, coming back to `next` afterwards; a `next` that is not a path on this site is left out. */
export function loginPathFor(next: string): string {
	const safe = safeNextPath(next, '');
	return safe ? `/login?next=${encodeURIComponent(safe)}` : '/login';
}

/**
 * Where a signed-out visitor was, to return to after signing in: the page with its query for a GET;
 * for a form post only the page, since its `?/action` is a command, not a place.
 */
export function returnPathOf(url: URL, method: string): string {
	const page = url.pathname + url.search;
	return (method === 'GET' || method === 'HEAD') && page.length <= MAX_NEXT_LENGTH ? page : url.pathname;
}

/** A control character (U+0000–U+001F) in a path is never legitimate and can split a header. */
function hasControlCharacter(value: string): boolean {
	for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
	return false;
}
