/**
 * Who may call a JSON endpoint. Two ways in:
 *  - `Authorization: Bearer <token>` (phones, the projector, scripts): the token decides alone;
 *  - the session cookies, as resolved by hooks.server.ts. Cookies are sent by browsers on their own,
 *    so a state-changing request with cookies must come from our own origin. SvelteKit's CSRF check
 *    only covers form content types; a JSON or body-less POST from a sibling site would pass it.
 * The permission itself is always the one table in domain/permissions.ts.
 */
import type { Db } from '../db.ts';
import { can, scopeAllows, type Action } from '../../domain/permissions.ts';
import { actorOf, type Principal } from './principal.ts';
import { validateToken } from './sessions.ts';

export interface ApiRequestInfo {
	method: string;
	headers: Headers;
	/** The origin this server is reached at (SvelteKit's `url.origin`). */
	origin: string;
	/** Principals from cookies, strongest first (staff, then participant). */
	cookiePrincipals: (Principal | null | undefined)[];
}

/** The parts of a SvelteKit request event that say who is asking. */
export interface ApiRequestEvent {
	request: Request;
	url: URL;
	locals: { staff: Principal | null; participant: Principal | null };
}

/** The request as the checks below read it, for an endpoint where a signed-in staff member counts before a participant. */
export function apiRequestInfo({ request, url, locals }: ApiRequestEvent): ApiRequestInfo {
	return { method: request.method, headers: request.headers, origin: url.origin, cookiePrincipals: [locals.staff, locals.participant] };
}

export type ApiAuth =
	| { ok: true; principal: Principal }
	| { ok: false; status: 401 | 403; error: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every principal the request carries: the bearer token's, or the cookies' (with the origin rule applied). */
export function requestPrincipals(db: Db, request: ApiRequestInfo): { ok: true; principals: Principal[] } | { ok: false; status: 401 | 403; error: string } {
	const authorization = request.headers.get('authorization');
	if (authorization !== null) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		const principal = match ? validateToken(db, match[1]) : null;
		if (!principal) return { ok: false, status: 401, error: 'unknown or expired token' };
		return { ok: true, principals: [principal] };
	}
	const principals = request.cookiePrincipals.filter((p): p is Principal => !!p);
	if (principals.length > 0 && !SAFE_METHODS.has(request.method.toUpperCase())) {
		const origin = request.headers.get('origin');
		if (origin !== request.origin) return { ok: false, status: 403, error: 'cross-origin request refused' };
	}
	return { ok: true, principals };
}

/** The first principal of the request allowed to do `action` on `target`; 401 without any, 403 when none may. */
export function authorizeApi(
	db: Db,
	request: ApiRequestInfo,
	action: Action,
	target: { workshopId?: string; agendaId?: string } = {}
): ApiAuth {
	const found = requestPrincipals(db, request);
	if (!found.ok) return found;
	if (found.principals.length === 0) return { ok: false, status: 401, error: 'sign in or send a token' };
	for (const principal of found.principals) {
		const actor = actorOf(principal);
		if (can(actor.role, action) && scopeAllows(actor, target)) return { ok: true, principal };
	}
	return { ok: false, status: 403, error: `not allowed: ${action}` };
}
