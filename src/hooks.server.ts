import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getAppContext } from '$lib/server/context';
import { validateToken } from '$lib/server/auth/sessions';
import { PARTICIPANT_COOKIE, STAFF_COOKIE } from '$lib/server/auth/cookies';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Same validation as the WebSocket upgrade (server/sync/auth.ts): the session cookie → a principal. */
const authenticate: Handle = ({ event, resolve }) => {
	const { db } = getAppContext();
	const staffToken = event.cookies.get(STAFF_COOKIE);
	const participantToken = event.cookies.get(PARTICIPANT_COOKIE);
	const staff = staffToken ? validateToken(db, staffToken) : null;
	const participant = participantToken ? validateToken(db, participantToken) : null;
	event.locals.principal = staff?.kind === 'staff' ? staff : participant?.kind === 'participant' ? participant : null;
	event.locals.staff = staff?.kind === 'staff' ? staff : null;
	event.locals.participant = participant?.kind === 'participant' ? participant : null;
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const { config } = getAppContext();
	const tileHost = config.tileUrl ? new URL(config.tileUrl.replace(/\{[^}]+\}/g, 'x')).origin : '';
	const headers: Record<string, string> = {
		'Content-Security-Policy': [
			"default-src 'self'",
			"script-src 'self' 'unsafe-inline'",
			"style-src 'self' 'unsafe-inline'",
			`img-src 'self' data: blob:${tileHost ? ' ' + tileHost : ''}`,
			"connect-src 'self'",
			"font-src 'self'",
			"frame-ancestors 'none'",
			"base-uri 'self'",
			"form-action 'self'"
		].join('; '),
		'Referrer-Policy': 'same-origin',
		'X-Content-Type-Options': 'nosniff',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
	};
	for (const [name, value] of Object.entries(headers)) {
		if (!response.headers.has(name)) {
			try {
				response.headers.set(name, value);
			} catch {
				// Some responses (e.g. fetched) have immutable headers; nothing to add there.
			}
		}
	}
	return response;
};

export const handle = sequence(securityHeaders, authenticate, i18n);
