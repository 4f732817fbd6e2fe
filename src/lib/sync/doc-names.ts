/**
 * Names of the shared Yjs documents. One place, so the client, the sync server and exports agree.
 *  - agenda-<agendaId>: the co-edited sociale agenda (cards, syntheses, elements, actions)
 *  - workshop-<workshopId>: the live session state (current step, timer, hidden cards); staff write it
 *  - tally-<workshopId>: ballot results, written only by the server
 *  - record-<agendaId>: what the agenda decided through the server (final weights and allocation);
 *    written only by the server, so no participant can change a recorded decision
 */
export type DocKind = 'agenda' | 'workshop' | 'tally' | 'record';
export interface DocRef {
	kind: DocKind;
	id: string;
}

const ID_PATTERN = /^[a-z0-9]{8,32}$/;
const DOC_NAME_PATTERN = /^(agenda|workshop|tally|record)-([a-z0-9]{8,32})$/;

export function docName(kind: DocKind, id: string): string {
	if (!ID_PATTERN.test(id)) throw new Error(`invalid id for ${kind} doc`);
	return `${kind}-${id}`;
}

export function parseDocName(name: string): DocRef | null {
	const match = DOC_NAME_PATTERN.exec(name);
	return match ? { kind: match[1] as DocKind, id: match[2] } : null;
}
