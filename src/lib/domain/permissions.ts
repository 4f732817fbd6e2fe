/**
 * Who may do what: one table, used by routes, form actions and the sync server alike.
 * Staff act across the municipality; participants and the projector only inside their own workshop
 * (and that workshop's agenda), which `docAccess` and `scopeAllows` enforce on top of the table.
 *
 * There is no row for creating an agenda: an agenda (one per stadsdeel and period) is made by the
 * first workshop for it, so whoever may create a workshop (`workshop.create`) may start an agenda.
 */
export const STAFF_ROLES = ['admin', 'official', 'facilitator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type ActorRole = StaffRole | 'participant' | 'projector';
export const ACTOR_ROLES: readonly ActorRole[] = [...STAFF_ROLES, 'participant', 'projector'];

export const ACTIONS = {
	'users.manage': ['admin'],
	'areas.import': ['admin', 'official'],
	'agenda.view': ['admin', 'official', 'facilitator'],
	'agenda.export': ['admin', 'official', 'facilitator'],
	'agenda.versions': ['admin', 'official', 'facilitator'],
	'agenda.weights.set': ['admin', 'official', 'facilitator'],
	/** After the workshop: status, owner, notes, evidence and money of the agreed actions. */
	'agenda.followup': ['admin', 'official'],
	/** Make an agenda version and its sociale kaart public (no login). */
	'agenda.publish': ['admin', 'official'],
	/** Mark a card as a shareable quote (dashboard "a few stories"), or take the mark away. */
	'agenda.quotes': ['admin', 'official', 'facilitator'],
	'workshop.create': ['admin', 'official', 'facilitator'],
	/** Current step, timer, spotlight, hide/merge cards, lock a question, projector link, close. */
	'workshop.control': ['admin', 'official', 'facilitator'],
	'workshop.watch': ['admin', 'official', 'facilitator', 'projector'],
	/** Co-edit the agenda doc: cards, syntheses, elements, actions. */
	'agenda-doc.write': ['admin', 'official', 'facilitator', 'participant'],
	'agenda-doc.read': ['admin', 'official', 'facilitator', 'participant', 'projector'],
	'workshop-doc.write': ['admin', 'official', 'facilitator'],
	'workshop-doc.read': ['admin', 'official', 'facilitator', 'participant', 'projector'],
	/** Tally docs are written by the server only. */
	'tally-doc.read': ['admin', 'official', 'facilitator', 'participant', 'projector'],
	/** The agenda's record (final weights, allocation) is written by the server only. */
	'record-doc.read': ['admin', 'official', 'facilitator', 'participant', 'projector'],
	/** One participant, one ballot: staff steer the vote but do not cast dots. */
	'ballot.cast': ['participant'],
	'participant.forget-self': ['participant']
} as const satisfies Record<string, readonly ActorRole[]>;

export type Action = keyof typeof ACTIONS;

export function can(role: ActorRole, action: Action): boolean {
	return (ACTIONS[action] as readonly ActorRole[]).includes(role);
}

/** The acting party, reduced to what permission decisions need. */
export type Actor =
	| { role: StaffRole }
	| { role: 'participant'; workshopId: string; agendaId: string; workshopOpen: boolean }
	| { role: 'projector'; workshopId: string; agendaId: string };

export type DocAccess = 'write' | 'read' | 'none';
export type DocTarget = { kind: 'agenda' | 'workshop' | 'tally' | 'record'; id: string };

/** Is this actor's own workshop/agenda the one being acted on? Staff are not scoped. */
export function scopeAllows(actor: Actor, target: { workshopId?: string; agendaId?: string }): boolean {
	if (actor.role !== 'participant' && actor.role !== 'projector') return true;
	if (target.workshopId !== undefined && target.workshopId !== actor.workshopId) return false;
	if (target.agendaId !== undefined && target.agendaId !== actor.agendaId) return false;
	return true;
}

/** The single decision the sync server takes at the upgrade: may this connection write, read, or nothing? */
export function docAccess(actor: Actor, doc: DocTarget): DocAccess {
	const scope = doc.kind === 'agenda' || doc.kind === 'record' ? { agendaId: doc.id } : { workshopId: doc.id };
	if (!scopeAllows(actor, scope)) return 'none';
	const closedParticipant = actor.role === 'participant' && !actor.workshopOpen;
	switch (doc.kind) {
		case 'agenda':
			if (can(actor.role, 'agenda-doc.write') && !closedParticipant) return 'write';
			return can(actor.role, 'agenda-doc.read') ? 'read' : 'none';
		case 'workshop':
			if (can(actor.role, 'workshop-doc.write')) return 'write';
			return can(actor.role, 'workshop-doc.read') ? 'read' : 'none';
		case 'tally':
			return can(actor.role, 'tally-doc.read') ? 'read' : 'none';
		case 'record':
			return can(actor.role, 'record-doc.read') ? 'read' : 'none';
	}
}
