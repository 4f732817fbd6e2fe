/**
 * Ballots: dots on priorities (question 8), condition ratings of elements (question 4) and weight
 * proposals for the need index (question 7). One participant, one ballot per kind and subject: a
 * new ballot replaces the old one. The server validates and counts them; clients only read tallies.
 */
import { CONDITION_RATINGS, isConditionRatingId, type ConditionRatingId } from './sociale-basis.ts';
import { INDICATOR_IDS, type IndicatorId } from './budget/indicators.ts';
import type { LocalizedText } from './i18n-text.ts';

export const BALLOT_KINDS = ['dots', 'rating', 'weights'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

export function isBallotKind(value: unknown): value is BallotKind {
	return typeof value === 'string' && (BALLOT_KINDS as readonly string[]).includes(value);
}

/** A dot vote as the facilitator opened it (lives in the workshop doc, see sync/vote-schema.ts). */
export interface DotVote {
	id: string;
	open: boolean;
	dotsPerParticipant: number;
	candidateIds: string[];
}

export const MAX_DOTS_PER_PARTICIPANT = 10;
export const MAX_RATING_REASON_LENGTH = 200;
export const MAX_WEIGHT = 10;

export type DotsBallot = Record<string, number>;
export interface RatingBallot {
	rating: ConditionRatingId;
	reason: string;
}
export type WeightsBallot = Partial<Record<IndicatorId, number>>;

export type BallotProblem =
	| 'not-an-object'
	| 'vote-closed'
	| 'unknown-candidate'
	| 'not-a-count'
	| 'too-many-dots'
	| 'unknown-rating'
	| 'reason-too-long'
	| 'unknown-indicator'
	| 'bad-weight';

export const BALLOT_PROBLEM_TEXT: Record<BallotProblem, LocalizedText> = {
	'not-an-object': { nl: 'Deze stem klopt niet.', en: 'This ballot is not valid.' },
	'vote-closed': { nl: 'De stemming is gesloten.', en: 'The vote is closed.' },
	'unknown-candidate': { nl: 'Je kunt alleen stippen geven aan kaartjes in deze stemming.', en: 'You can only give dots to cards in this vote.' },
	'not-a-count': { nl: 'Geef hele stippen: 0, 1, 2, …', en: 'Give whole dots: 0, 1, 2, …' },
	'too-many-dots': { nl: 'Je hebt meer stippen gegeven dan je hebt.', en: 'You gave more dots than you have.' },
	'unknown-rating': { nl: 'Kies: goed, onder druk of ontbreekt.', en: 'Choose: good, under pressure or missing.' },
	'reason-too-long': { nl: `Houd de reden kort: hoogstens ${MAX_RATING_REASON_LENGTH} tekens.`, en: `Keep the reason short: at most ${MAX_RATING_REASON_LENGTH} characters.` },
	'unknown-indicator': { nl: 'Deze indicator kennen we niet.', en: 'We do not know this indicator.' },
	'bad-weight': { nl: `Een gewicht is een getal van 0 tot ${MAX_WEIGHT}.`, en: `A weight is a number from 0 to ${MAX_WEIGHT}.` }
};

type Checked<T> = { ok: true; value: T } | { ok: false; reason: BallotProblem };

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkDotsBallot(value: unknown, vote: DotVote): Checked<DotsBallot> {
	if (!vote.open) return { ok: false, reason: 'vote-closed' };
	if (!isPlainObject(value)) return { ok: false, reason: 'not-an-object' };
	const ballot: DotsBallot = {};
	let total = 0;
	for (const [candidateId, count] of Object.entries(value)) {
		if (!vote.candidateIds.includes(candidateId)) return { ok: false, reason: 'unknown-candidate' };
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return { ok: false, reason: 'not-a-count' };
		total += count;
		if (count > 0) ballot[candidateId] = count;
	}
	if (total > vote.dotsPerParticipant) return { ok: false, reason: 'too-many-dots' };
	return { ok: true, value: ballot };
}

export function checkRatingBallot(value: unknown): Checked<RatingBallot> {
	if (!isPlainObject(value)) return { ok: false, reason: 'not-an-object' };
	if (!isConditionRatingId(value.rating)) return { ok: false, reason: 'unknown-rating' };
	const reason = typeof value.reason === 'string' ? value.reason.replace(/\s+/g, ' ').trim() : '';
	if ([...reason].length > MAX_RATING_REASON_LENGTH) return { ok: false, reason: 'reason-too-long' };
	return { ok: true, value: { rating: value.rating, reason } };
}

export function checkWeightsBallot(value: unknown): Checked<WeightsBallot> {
	if (!isPlainObject(value)) return { ok: false, reason: 'not-an-object' };
	const ballot: WeightsBallot = {};
	for (const [indicator, weight] of Object.entries(value)) {
		if (!(INDICATOR_IDS as readonly string[]).includes(indicator)) return { ok: false, reason: 'unknown-indicator' };
		if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) return { ok: false, reason: 'bad-weight' };
		ballot[indicator as IndicatorId] = weight;
	}
	return { ok: true, value: ballot };
}

export interface DotsTally {
	voters: number;
	/** candidate id → dots, every candidate present (0 when nobody chose it). */
	dots: Record<string, number>;
}

export function tallyDots(ballots: readonly DotsBallot[], candidateIds: readonly string[]): DotsTally {
	const dots: Record<string, number> = Object.fromEntries(candidateIds.map((id) => [id, 0]));
	for (const ballot of ballots) for (const [id, count] of Object.entries(ballot)) if (id in dots) dots[id] += count;
	return { voters: ballots.length, dots };
}

export type RatingTally = { voters: number; reasons: string[] } & Record<ConditionRatingId, number>;

export function tallyRatings(ballots: readonly RatingBallot[]): RatingTally {
	const tally = { voters: ballots.length, reasons: [] as string[] } as RatingTally;
	for (const { id } of CONDITION_RATINGS) tally[id] = 0;
	for (const ballot of ballots) {
		tally[ballot.rating]++;
		if (ballot.reason) tally.reasons.push(ballot.reason);
	}
	return tally;
}

export interface WeightsTally {
	voters: number;
	/** Mean proposed weight per indicator, over the ballots that named it; rounded to 2 decimals. */
	mean: Partial<Record<IndicatorId, number>>;
}

export function tallyWeights(ballots: readonly WeightsBallot[]): WeightsTally {
	const mean: Partial<Record<IndicatorId, number>> = {};
	for (const indicator of INDICATOR_IDS) {
		const values = ballots.map((b) => b[indicator]).filter((v): v is number => v !== undefined);
		if (values.length > 0) mean[indicator] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
	}
	return { voters: ballots.length, mean };
}
