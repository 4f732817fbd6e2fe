/**
 * Joining a workshop with its code: no account, a pseudonymous participant and a session token.
 * Shared by `POST /api/join` (JSON) and the join page's form action.
 */
import { randomInt } from 'node:crypto';
import type { Db } from './db.ts';
import { parseJoinRequest, pseudonym, type JoinProblem } from '../domain/participants.ts';
import { normaliseJoinCode } from './auth/tokens.ts';
import { createParticipantSession } from './auth/sessions.ts';
import { findWorkshopByJoinCode } from './repositories/workshops.ts';
import { countParticipants, insertParticipant } from './repositories/participants.ts';
import { docName } from '../sync/doc-names.ts';
import { joinLimiter, type JoinLimiter } from './join-limits.ts';
import type { Config } from './config.ts';

export type JoinOutcome =
	| {
			ok: true;
			token: string;
			expiresAt: number;
			participantId: string;
			displayName: string;
			workshopId: string;
			agendaDoc: string;
			workshopDoc: string;
	  }
	| { ok: false; status: 400 | 404 | 409; problems: JoinProblem[] }
	/** Too many joins from this address or for this code: try again after `retryAfterSeconds`. */
	| { ok: false; status: 429; retryAfterSeconds: number; problems: JoinProblem[] };

/** Who is joining and the limits that apply: every join goes through them, page or API. */
export interface JoinGate {
	limiter: JoinLimiter;
	address: string;
	/** Participants one workshop may have; joining beyond it is refused with 409. */
	maxParticipants: number;
}

/** The gate for a request from `address`, with the process-wide limiter and the configured cap. */
export function joinGate(config: Config, address: string): JoinGate {
	return { limiter: joinLimiter(config), address, maxParticipants: config.maxParticipantsPerWorkshop };
}

function busy(retryAfterSeconds: number): JoinOutcome {
	const minutes = retryAfterSeconds > 90;
	const wait = minutes ? `${Math.ceil(retryAfterSeconds / 60)} minuten` : `${retryAfterSeconds} seconden`;
	const waitEn = minutes ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
	return {
		ok: false,
		status: 429,
		retryAfterSeconds,
		problems: [
			{
				field: 'code',
				message: {
					nl: `Er komen nu veel mensen tegelijk binnen. Wacht ${wait} en probeer het dan nog eens.`,
					en: `Many people are joining at once. Please wait ${waitEn} and try again.`
				}
			}
		]
	};
}

const FULL: JoinProblem = {
	field: 'code',
	message: {
		nl: 'Deze bijeenkomst is vol. Vraag de begeleider om hulp.',
		en: 'This session is full. Please ask the facilitator for help.'
	}
};

const NOT_FOUND: JoinProblem = {
	field: 'code',
	message: {
		nl: 'Deze code kennen we niet, of de bijeenkomst is al gesloten. Kijk nog eens naar het scherm.',
		en: 'We do not know this code, or the session has closed. Please check the screen again.'
	}
};

export function joinWorkshop(db: Db, body: unknown, gate: JoinGate): JoinOutcome {
	const parsed = parseJoinRequest(body);
	if (!parsed.ok) return { ok: false, status: 400, problems: parsed.problems };
	const request = parsed.value;
	const guessing = gate.limiter.beforeLookup(gate.address);
	if (!guessing.ok) return busy(guessing.retryAfterSeconds);
	const code = normaliseJoinCode(request.code);
	const workshop = code ? findWorkshopByJoinCode(db, code) : null;
	if (!workshop || workshop.status !== 'open') {
		gate.limiter.unknownCode(gate.address);
		return { ok: false, status: 404, problems: [NOT_FOUND] };
	}
	if (request.buurtCode !== null) {
		const known = db.prepare('SELECT 1 FROM buurten WHERE code = ?').get(request.buurtCode);
		if (!known) {
			return {
				ok: false,
				status: 400,
				problems: [{ field: 'buurt', message: { nl: 'Kies een buurt uit de lijst.', en: 'Choose a neighbourhood from the list.' } }]
			};
		}
	}
	const admitted = gate.limiter.join(gate.address, workshop.joinCode);
	if (!admitted.ok) return busy(admitted.retryAfterSeconds);
	const displayName = request.displayName ?? pseudonym(() => randomInt(1_000_000) / 1_000_000);
	return db.transaction((): JoinOutcome => {
		if (countParticipants(db, workshop.id) >= gate.maxParticipants) return { ok: false, status: 409, problems: [FULL] };
		const participant = insertParticipant(db, {
			workshopId: workshop.id,
			displayName,
			role: request.role,
			buurtCode: request.buurtCode,
			ageBand: request.ageBand
		});
		const session = createParticipantSession(db, participant.id);
		return {
			ok: true,
			token: session.token,
			expiresAt: session.expiresAt,
			participantId: participant.id,
			displayName,
			workshopId: workshop.id,
			agendaDoc: docName('agenda', workshop.agendaId),
			workshopDoc: docName('workshop', workshop.id)
		};
	})();
}
