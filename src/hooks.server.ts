import type { Handle, HandleServerError } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getAppContext } from '$lib/server/context';
import { validateToken } from '$lib/server/auth/sessions';
import { PARTICIPANT_COOKIE, STAFF_COOKIE, sessionCookieSettings } from '$lib/server/auth/cookies';
import type { Principal } from '$lib/server/auth/principal';
import { cspHeaderValue, withSource } from '$lib/csp-directives.js';
import { isJoinStep } from '$lib/join-steps';
import { joinFlowFilesBlock, lowPriorityScriptPreloads } from '$lib/server/join-flow-preload';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/**
 * The join pages carry the list of the name step's and the participant page's files, which they fetch
 * while the resident types (join-flow-preload.ts, src/lib/join-flow-preloader.ts). The name step, where
 * most residents land from the QR code, also starts the scripts with its HTML, at low priority.
 */
const joinFlowPreload: Handle = ({ event, resolve }) => {
	if (!isJoinStep(event.route.id)) return resolve(event);
	const files = getAppContext().joinFlowFiles;
	const block = joinFlowFilesBlock(files) + (event.route.id === '/join/[code]' ? lowPriorityScriptPreloads(files) : '');
	if (block === '') return resolve(event);
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('</body>', `${block}</body>`) });
};

/** Same validation as the WebSocket upgrade (server/sync/auth.ts): the session cookie → a principal. */
const authenticate: Handle = ({ event, resolve }) => {
	const { db } = getAppContext();
	const staffToken = event.cookies.get(STAFF_COOKIE);
	const participantToken = event.cookies.get(PARTICIPANT_COOKIE);
	const staff = staffToken ? validateToken(db, staffToken) : null;
	const participant = participantToken ? validateToken(db, participantToken) : null;
	const secure = event.url.protocol === 'https:';
	// Lucia pattern: re-send a cookie whose session slid forward, drop one whose session is gone.
	const refresh = (name: string, token: string | undefined, principal: Principal | null) => {
		if (!token) return;
		if (!principal) event.cookies.delete(name, { path: '/' });
		else if (principal.kind !== 'projector' && principal.renewedUntil) event.cookies.set(name, token, sessionCookieSettings(principal.renewedUntil, secure));
	};
	refresh(STAFF_COOKIE, staffToken, staff);
	refresh(PARTICIPANT_COOKIE, participantToken, participant);
	event.locals.principal = staff?.kind === 'staff' ? staff : participant?.kind === 'participant' ? participant : null;
	event.locals.staff = staff?.kind === 'staff' ? staff : null;
	event.locals.participant = participant?.kind === 'participant' ? participant : null;
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const { config } = getAppContext();
	const tileHost = config.tileUrl ? new URL(config.tileUrl.replace(/\{[^}]+\}/g, 'x')).origin : '';
	// Pages carry SvelteKit's policy (with this response's nonce); everything else gets the same policy.
	const policy = response.headers.get('Content-Security-Policy') ?? cspHeaderValue();
	const headers: Record<string, string> = {
		'Content-Security-Policy': tileHost ? withSource(policy, 'img-src', tileHost) : policy,
		'Referrer-Policy': 'same-origin',
		'X-Content-Type-Options': 'nosniff',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
		// For browsers that predate frame-ancestors; and no other window may script ours.
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin'
	};
	// Only when we know we are served over HTTPS: HSTS on a plain-HTTP install would lock users out.
	if (config.origin?.startsWith('https://')) headers['Strict-Transport-Security'] = 'max-age=31536000';
	for (const [name, value] of Object.entries(headers)) {
		if (name === 'Content-Security-Policy' || !response.headers.has(name)) {
			try {
				response.headers.set(name, value);
			} catch {
				// Some responses (e.g. fetched) have immutable headers; nothing to add there.
			}
		}
	}
	return response;
};

export const handle = sequence(securityHeaders, authenticate, joinFlowPreload, i18n);

/**
 * Unexpected errors (and unknown routes): logged with their stack under a short id, which the error
 * page shows, so a facilitator can quote it and an operator find it. Never the query string (tokens).
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = randomBytes(5).toString('hex');
	const fields = { errorId, status, method: event.request.method, path: event.url.pathname, error };
	try {
		const { log } = getAppContext();
		if (status >= 500) log.error('request failed', fields);
		else log.info('request not handled', { errorId, status, method: fields.method, path: fields.path });
	} catch {
		process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'request failed (no app context)', errorId, status, stack: error instanceof Error ? error.stack : String(error) })}\n`);
	}
	return { message: status >= 500 ? 'Internal Error' : message, errorId };
};
