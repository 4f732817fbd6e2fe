/**
 * Cookie names and settings in one place. Staff and participants have separate cookies so a
 * facilitator who joins their own workshop on the same laptop keeps their staff session.
 */
export const STAFF_COOKIE = 'wijktafel_staff';
export const PARTICIPANT_COOKIE = 'wijktafel_participant';
/** Marks a browser that signed in to a staff account before, so an account-wide login lock lets it through (login-throttle.ts). */
export const KNOWN_DEVICE_COOKIE = 'wijktafel_known_device';
export const KNOWN_DEVICE_DAYS = 365;

export interface CookieSettings {
	path: string;
	httpOnly: true;
	sameSite: 'lax';
	secure: boolean;
	expires: Date;
}

export function sessionCookieSettings(expiresAt: number, secure: boolean): CookieSettings {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(expiresAt) };
}

/** Minimal Cookie header parser for the WebSocket upgrade, where SvelteKit's cookies API does not run. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
	const cookies = new Map<string, string>();
	if (!header) return cookies;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 1) continue;
		const name = part.slice(0, eq).trim();
		let value = part.slice(eq + 1).trim();
		if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		try {
			value = decodeURIComponent(value);
		} catch {
			continue;
		}
		if (!cookies.has(name)) cookies.set(name, value);
	}
	return cookies;
}
