/**
 * The decision at the WebSocket upgrade: who is this (token from the query or a session cookie),
 * and may they write, read, or nothing on this doc? Hooks do not run for upgrades, so the same
 * session validation as `hooks.server.ts` is called here directly.
 */
import type { IncomingMessage } from 'node:http';
import type { Db } from '../../src/lib/server/db.ts';
import { validateToken } from '../../src/lib/server/auth/sessions.ts';
import { actorOf } from '../../src/lib/server/auth/principal.ts';
import { PARTICIPANT_COOKIE, STAFF_COOKIE, parseCookieHeader } from '../../src/lib/server/auth/cookies.ts';
import { docAccess } from '../../src/lib/domain/permissions.ts';
import { parseDocName, type DocRef } from '../../src/lib/sync/doc-names.ts';
import { CLOSE } from './protocol.ts';
import { docOwnerExists } from '../../src/lib/server/repositories/docs.ts';
import type { AccessDecision } from './sync-server.ts';
import type { Writer } from './write-policy.ts';

export interface UpgradeAuthOptions {
	db: Db;
	/** Configured public origin; when null the request's own Host is the expected origin. */
	origin: string | null;
}

/** Cookies are sent by browsers on cross-site WebSocket requests too, so cookie auth requires our own Origin. */
export function originAllowed(request: IncomingMessage, configuredOrigin: string | null): boolean {
	const origin = request.headers.origin;
	if (origin === undefined) return true; // not a browser: nothing ambient to abuse
	if (configuredOrigin !== null) return origin === configuredOrigin;
	try {
		return new URL(origin).host === request.headers.host;
	} catch {
		return false;
	}
}

export function createUpgradeAuthorizer({ db, origin }: UpgradeAuthOptions) {
	function decide(token: string, doc: DocRef): AccessDecision {
		const principal = validateToken(db, token);
		if (!principal) return { ok: false, close: CLOSE.UNAUTHENTICATED };
		const access = docAccess(actorOf(principal), doc);
		if (access === 'none') return { ok: false, close: CLOSE.FORBIDDEN };
		if (!docOwnerExists(db, doc)) return { ok: false, close: CLOSE.NOT_FOUND };
		const who =
			principal.kind === 'staff'
				? `staff:${principal.user.id}`
				: principal.kind === 'participant'
					? `participant:${principal.participant.id}`
					: `projector:${principal.workshopId}`;
		const writer: Writer | null =
			principal.kind === 'staff'
				? { kind: 'staff', id: principal.user.id, role: principal.user.role }
				: principal.kind === 'participant'
					? {
							kind: 'participant',
							id: principal.participant.id,
							name: principal.participant.displayName,
							workshopId: principal.participant.workshopId,
							agendaId: principal.participant.agendaId
						}
					: null;
		return { ok: true, access, who, writer, recheck: () => decide(token, doc) };
	}

	return function authorize(request: IncomingMessage, docName: string): AccessDecision {
		const doc = parseDocName(docName);
		if (!doc) return { ok: false, close: CLOSE.NOT_FOUND };
		const url = new URL(request.url ?? '/', 'http://localhost');
		const candidates: string[] = [];
		const queryToken = url.searchParams.get('token');
		if (queryToken) candidates.push(queryToken);
		const cookies = parseCookieHeader(request.headers.cookie);
		const cookieTokens = [cookies.get(STAFF_COOKIE), cookies.get(PARTICIPANT_COOKIE)].filter((t): t is string => !!t);
		if (cookieTokens.length > 0 && !originAllowed(request, origin)) {
			if (candidates.length === 0) return { ok: false, close: CLOSE.FORBIDDEN };
		} else {
			candidates.push(...cookieTokens);
		}
		if (candidates.length === 0) return { ok: false, close: CLOSE.UNAUTHENTICATED };
		// Several credentials (staff cookie + participant cookie): the strongest access wins.
		const decisions = candidates.map((token) => decide(token, doc));
		return (
			decisions.find((d) => d.ok && d.access === 'write') ?? decisions.find((d) => d.ok) ?? decisions[0]
		);
	};
}
