/**
 * The dot vote of question 8, as the facilitator opens and closes it: key `vote` of the workshop
 * doc (written by staff only). The server reads it to validate ballots.
 */
import * as Y from 'yjs';
import type { DotVote } from '../domain/ballots.ts';
import { MAX_DOTS_PER_PARTICIPANT } from '../domain/ballots.ts';

export const VOTE_KEY = 'vote';

export function readVote(doc: Y.Doc): DotVote | null {
	const map = doc.getMap<unknown>(VOTE_KEY);
	const id = map.get('id');
	const open = map.get('open');
	const dots = map.get('dotsPerParticipant');
	const candidates = map.get('candidateIds');
	if (typeof id !== 'string' || typeof open !== 'boolean' || typeof dots !== 'number' || !Array.isArray(candidates)) return null;
	return { id, open, dotsPerParticipant: dots, candidateIds: candidates.filter((c): c is string => typeof c === 'string') };
}

/** Starts a new vote round over the given cards; the previous round's ballots stay counted under its own id. */
export function openVote(doc: Y.Doc, input: { id: string; dotsPerParticipant: number; candidateIds: string[] }): DotVote | null {
	if (!Number.isInteger(input.dotsPerParticipant) || input.dotsPerParticipant < 1 || input.dotsPerParticipant > MAX_DOTS_PER_PARTICIPANT) return null;
	if (input.candidateIds.length === 0) return null;
	doc.transact(() => {
		const map = doc.getMap<unknown>(VOTE_KEY);
		map.set('id', input.id);
		map.set('dotsPerParticipant', input.dotsPerParticipant);
		map.set('candidateIds', [...new Set(input.candidateIds)]);
		map.set('open', true);
	});
	return readVote(doc);
}

export function closeVote(doc: Y.Doc): void {
	const map = doc.getMap<unknown>(VOTE_KEY);
	if (map.get('open') === true) map.set('open', false);
}
