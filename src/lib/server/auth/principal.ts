import type { Actor, StaffRole } from '../../domain/permissions.ts';

/** Who is behind a request or socket, as resolved from a session token. */
export type Principal =
	| { kind: 'staff'; sessionId: string; user: { id: string; email: string; role: StaffRole } }
	| {
			kind: 'participant';
			sessionId: string;
			participant: { id: string; displayName: string; workshopId: string; agendaId: string };
			workshopOpen: boolean;
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
