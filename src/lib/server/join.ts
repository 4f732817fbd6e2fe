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
import { insertParticipant } from './repositories/participants.ts';
import { docName } from '../sync/doc-names.ts';

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
	| { ok: false; status: 400 | 404; problems: JoinProblem[] };

const NOT_FOUND: JoinProblem = {
	field: 'code',
	message: {
		nl: 'Deze code kennen we niet, of de bijeenkomst is al gesloten. Kijk nog eens naar het scherm.',
		en: 'We do not know this code, or the session has closed. Please check the screen again.'
	}
};

export function joinWorkshop(db: Db, body: unknown): JoinOutcome {
	const parsed = parseJoinRequest(body);
	if (!parsed.ok) return { ok: false, status: 400, problems: parsed.problems };
	const request = parsed.value;
	const code = normaliseJoinCode(request.code);
	const workshop = code ? findWorkshopByJoinCode(db, code) : null;
	if (!workshop || workshop.status !== 'open') return { ok: false, status: 404, problems: [NOT_FOUND] };
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
	const displayName = request.displayName ?? pseudonym(() => randomInt(1_000_000) / 1_000_000);
	return db.transaction((): JoinOutcome => {
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
