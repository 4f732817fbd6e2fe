import { describe, expect, test } from 'vitest';
import { checkDotsBallot, checkRatingBallot, checkWeightsBallot, tallyDots, tallyRatings, tallyWeights, type DotVote } from '../../../src/lib/domain/ballots.ts';

const vote: DotVote = { id: 'v1', open: true, dotsPerParticipant: 3, candidateIds: ['a', 'b', 'c'] };

describe('dots', () => {
	test('a ballot within the dots is accepted, zero counts dropped', () => {
		expect(checkDotsBallot({ a: 2, b: 1, c: 0 }, vote)).toEqual({ ok: true, value: { a: 2, b: 1 } });
	});
	test.each([
		[{ a: 4 }, 'too-many-dots'],
		[{ a: 2, b: 2 }, 'too-many-dots'],
		[{ z: 1 }, 'unknown-candidate'],
		[{ a: 1.5 }, 'not-a-count'],
		[{ a: -1 }, 'not-a-count'],
		[['a'], 'not-an-object'],
		[null, 'not-an-object']
	])('%j is refused: %s', (ballot, reason) => {
		expect(checkDotsBallot(ballot, vote)).toEqual({ ok: false, reason });
	});
	test('a closed vote takes no ballots', () => {
		expect(checkDotsBallot({ a: 1 }, { ...vote, open: false })).toEqual({ ok: false, reason: 'vote-closed' });
	});
	test('the tally counts every dot and lists every candidate', () => {
		expect(tallyDots([{ a: 2, b: 1 }, { a: 1 }, {}], ['a', 'b', 'c'])).toEqual({ voters: 3, dots: { a: 3, b: 1, c: 0 } });
	});
});

describe('ratings', () => {
	test('a rating with a short reason is accepted and tallied', () => {
		const first = checkRatingBallot({ rating: 'onder-druk', reason: '  te  weinig vrijwilligers ' });
		expect(first).toEqual({ ok: true, value: { rating: 'onder-druk', reason: 'te weinig vrijwilligers' } });
		const tally = tallyRatings([{ rating: 'onder-druk', reason: 'x' }, { rating: 'goed', reason: '' }]);
		expect(tally).toMatchObject({ voters: 2, goed: 1, 'onder-druk': 1, ontbreekt: 0, reasons: ['x'] });
	});
	test('unknown ratings and long reasons are refused', () => {
		expect(checkRatingBallot({ rating: 'super' })).toEqual({ ok: false, reason: 'unknown-rating' });
		expect(checkRatingBallot({ rating: 'goed', reason: 'x'.repeat(201) })).toEqual({ ok: false, reason: 'reason-too-long' });
	});
});

describe('weights', () => {
	test('weights per indicator are averaged over the ballots naming them', () => {
		expect(checkWeightsBallot({ eenzaamheid: 3, ses: 0 })).toEqual({ ok: true, value: { eenzaamheid: 3, ses: 0 } });
		expect(tallyWeights([{ eenzaamheid: 3 }, { eenzaamheid: 1, ses: 2 }])).toEqual({ voters: 2, mean: { eenzaamheid: 2, ses: 2 } });
	});
	test('unknown indicators and out-of-range weights are refused', () => {
		expect(checkWeightsBallot({ geluk: 1 })).toEqual({ ok: false, reason: 'unknown-indicator' });
		expect(checkWeightsBallot({ ses: -1 })).toEqual({ ok: false, reason: 'bad-weight' });
		expect(checkWeightsBallot({ ses: Number.NaN })).toEqual({ ok: false, reason: 'bad-weight' });
	});
});
