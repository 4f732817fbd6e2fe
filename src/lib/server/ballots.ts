/**
 * Casting a ballot: checked against the domain rules and the current vote, stored as the one ballot
 * of this participant for this kind and subject, recounted, and the tally written into the
 * workshop's tally doc (which clients can only read).
 */
import type { AppContext } from './context.ts';
import type { Principal } from './auth/principal.ts';
import { can } from '../domain/permissions.ts';
import {
	BALLOT_PROBLEM_TEXT,
	checkDotsBallot,
	checkRatingBallot,
	checkWeightsBallot,
	isBallotKind,
	tallyDots,
	tallyRatings,
	tallyWeights,
	type BallotKind,
	type DotsBallot,
	type DotsTally,
	type RatingBallot,
	type RatingTally,
	type WeightsBallot,
	type WeightsTally
} from '../domain/ballots.ts';
import type { LocalizedText } from '../domain/i18n-text.ts';
import { docName } from '../sync/doc-names.ts';
import { readVote } from '../sync/vote-schema.ts';
import { WEIGHTS_SUBJECT, writeTally } from '../sync/tally-schema.ts';

export type CastResult =
	| { ok: true; kind: BallotKind; subject: string; tally: DotsTally | RatingTally | WeightsTally }
	| { ok: false; status: 400 | 401 | 403 | 404 | 409; reason: string; message: LocalizedText };

const RATING_SUBJECT = /^(facility|element):[A-Za-z0-9_-]{1,64}$/;

function fail(status: 400 | 401 | 403 | 404 | 409, reason: string, message: LocalizedText): CastResult {
	return { ok: false, status, reason, message };
}

/** Is the rated thing real: a known facility, or an element of this workshop's agenda? */
function ratingSubjectExists(context: AppContext, agendaId: string, subject: string): boolean {
	const [kind, id] = subject.split(':');
	if (kind === 'facility') return context.db.prepare('SELECT 1 FROM facilities WHERE id = ?').get(id) !== undefined;
	return context.liveDocs.read(docName('agenda', agendaId), (doc) => doc.getMap('elements').has(id));
}

export function castBallot(context: AppContext, principal: Principal | null, input: unknown): CastResult {
	if (!principal) return fail(401, 'unauthenticated', { nl: 'Doe eerst mee met de code.', en: 'Join with the code first.' });
	if (principal.kind !== 'participant' || !can('participant', 'ballot.cast')) {
		return fail(403, 'not-a-participant', { nl: 'Alleen deelnemers stemmen.', en: 'Only participants vote.' });
	}
	if (!principal.workshopOpen) return fail(409, 'workshop-closed', { nl: 'De bijeenkomst is gesloten.', en: 'The session has closed.' });
	if (typeof input !== 'object' || input === null) return fail(400, 'not-an-object', BALLOT_PROBLEM_TEXT['not-an-object']);
	const { kind, subject, value } = input as { kind?: unknown; subject?: unknown; value?: unknown };
	if (!isBallotKind(kind)) return fail(400, 'unknown-kind', { nl: 'Onbekend soort stem.', en: 'Unknown kind of ballot.' });
	if (typeof subject !== 'string' || subject.length === 0 || subject.length > 80) {
		return fail(400, 'bad-subject', { nl: 'Waarover stem je? Dat ontbreekt.', en: 'What is the ballot about? It is missing.' });
	}
	const { workshopId, agendaId, id: participantId } = principal.participant;

	let checked: { ok: true; value: DotsBallot | RatingBallot | WeightsBallot } | { ok: false; reason: keyof typeof BALLOT_PROBLEM_TEXT };
	let candidateIds: string[] = [];
	if (kind === 'dots') {
		const vote = context.liveDocs.read(docName('workshop', workshopId), readVote);
		if (!vote || vote.id !== subject) return fail(404, 'no-such-vote', { nl: 'Deze stemming bestaat niet (meer).', en: 'This vote does not exist (any more).' });
		candidateIds = vote.candidateIds;
		checked = checkDotsBallot(value, vote);
		if (!checked.ok && checked.reason === 'vote-closed') return fail(409, 'vote-closed', BALLOT_PROBLEM_TEXT['vote-closed']);
	} else if (kind === 'rating') {
		if (!RATING_SUBJECT.test(subject) || !ratingSubjectExists(context, agendaId, subject)) {
			return fail(404, 'no-such-element', { nl: 'Deze plek of dit onderdeel kennen we niet.', en: 'We do not know this place or element.' });
		}
		checked = checkRatingBallot(value);
	} else {
		if (subject !== WEIGHTS_SUBJECT) return fail(400, 'bad-subject', { nl: 'Waarover stem je? Dat klopt niet.', en: 'What the ballot is about is not valid.' });
		checked = checkWeightsBallot(value);
	}
	if (!checked.ok) return fail(400, checked.reason, BALLOT_PROBLEM_TEXT[checked.reason]);

	const { db } = context;
	const tally = db.transaction(() => {
		db.prepare(
			`INSERT INTO ballots (workshop_id, participant_id, kind, subject, value, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT (participant_id, kind, subject) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`
		).run(workshopId, participantId, kind, subject, JSON.stringify(checked.value), Date.now());
		const values = (
			db.prepare('SELECT value FROM ballots WHERE workshop_id = ? AND kind = ? AND subject = ?').all(workshopId, kind, subject) as { value: string }[]
		).map((row) => JSON.parse(row.value));
		if (kind === 'dots') return tallyDots(values as DotsBallot[], candidateIds);
		if (kind === 'rating') return tallyRatings(values as RatingBallot[]);
		return tallyWeights(values as WeightsBallot[]);
	})();
	context.liveDocs.change(docName('tally', workshopId), (doc) => writeTally(doc, kind, subject, tally));
	return { ok: true, kind, subject, tally };
}

/**
 * Counts the ballots on these subjects again from what is stored, and writes the tallies: after
 * "vergeet mij" removed someone's ballots, their dots, rating and reason leave the tally too.
 */
export function recountTallies(context: AppContext, workshopId: string, subjects: ReadonlyArray<{ kind: BallotKind; subject: string }>): void {
	if (subjects.length === 0) return;
	const { db } = context;
	const vote = context.liveDocs.read(docName('workshop', workshopId), readVote);
	const valuesOf = db.prepare<[string, string, string], { value: string }>('SELECT value FROM ballots WHERE workshop_id = ? AND kind = ? AND subject = ?');
	const tallies = subjects.map(({ kind, subject }) => {
		const values = valuesOf.all(workshopId, kind, subject).map((row) => JSON.parse(row.value));
		const tally =
			kind === 'dots'
				? tallyDots(values as DotsBallot[], vote?.id === subject ? vote.candidateIds : [])
				: kind === 'rating'
					? tallyRatings(values as RatingBallot[])
					: tallyWeights(values as WeightsBallot[]);
		return { kind, subject, tally };
	});
	context.liveDocs.change(docName('tally', workshopId), (doc) => {
		for (const { kind, subject, tally } of tallies) writeTally(doc, kind, subject, tally);
	});
}
