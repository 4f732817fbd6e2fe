import type { Actor, StaffRole } from '../../domain/permissions.ts';

/**
 * Who is behind a request or socket, as resolved from a session token.
 * `renewedUntil` is set when this validation slid the session's expiry forward, so the HTTP layer
 * can send the cookie again with the new date (otherwise the browser drops it at the old one).
 */
export type Principal =
	| { kind: 'staff'; sessionId: string; user: { id: string; email: string; role: StaffRole }; renewedUntil?: number }
	| {
			kind: 'participant';
			sessionId: string;
			participant: { id: string; displayName: string; workshopId: string; agendaId: string };
			workshopOpen: boolean;
			renewedUntil?: number;
	  }
	| { kind: 'projector'; workshopId: string; agendaId: string };

export function actorOf(principal: Principal): Actor {
	switch (principal.kind) {
		case 'staff':
			return { role: principal.user.role };
		case 'participant':
			return {
				role: 'participant',
				workshopId: principal.participant.workshopId,
				agendaId: principal.participant.agendaId,
				workshopOpen: principal.workshopOpen
			};
		case 'projector':
			return { role: 'projector', workshopId: principal.workshopId, agendaId: principal.agendaId };
	}
}
