/**
 * The tally doc (`tally-<workshopId>`): ballot results, written by the server only, read by
 * everyone in the workshop. Values are plain JSON (replaced whole on every count).
 *   dots:    Y.Map<voteId, DotsTally>
 *   ratings: Y.Map<subject, RatingTally>   subject = "facility:<id>" or "element:<id>"
 *   weights: Y.Map<"weights", WeightsTally>
 */
import type * as Y from 'yjs';
import type { BallotKind, DotsTally, RatingTally, WeightsTally } from '../domain/ballots.ts';

export const TALLY_KEYS: Record<BallotKind, string> = { dots: 'dots', rating: 'ratings', weights: 'weights' };
export const WEIGHTS_SUBJECT = 'weights';

export function readDotsTally(doc: Y.Doc, voteId: string): DotsTally | null {
	return (doc.getMap<DotsTally>(TALLY_KEYS.dots).get(voteId) as DotsTally | undefined) ?? null;
}

export function readRatingTally(doc: Y.Doc, subject: string): RatingTally | null {
	return (doc.getMap<RatingTally>(TALLY_KEYS.rating).get(subject) as RatingTally | undefined) ?? null;
}

export function readWeightsTally(doc: Y.Doc): WeightsTally | null {
	return (doc.getMap<WeightsTally>(TALLY_KEYS.weights).get(WEIGHTS_SUBJECT) as WeightsTally | undefined) ?? null;
}

export function writeTally(doc: Y.Doc, kind: BallotKind, subject: string, tally: DotsTally | RatingTally | WeightsTally): void {
	doc.getMap<unknown>(TALLY_KEYS[kind]).set(subject, tally);
}
