/** Casting a condition rating: a command to the server, which checks, stores and counts it. */
import type { RatingTally } from '$lib/domain/ballots';
import type { LocalizedText } from '$lib/domain/i18n-text';
import type { ConditionRatingId } from '$lib/domain/sociale-basis';

export type RatingOutcome = { ok: true; tally: RatingTally } | { ok: false; message: LocalizedText | null };

export async function castRating(subject: string, rating: ConditionRatingId, reason: string): Promise<RatingOutcome> {
	try {
		const response = await fetch('/api/ballots', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ kind: 'rating', subject, value: { rating, reason } })
		});
		const body = (await response.json().catch(() => null)) as { tally?: RatingTally; message?: LocalizedText } | null;
		if (response.ok && body?.tally) return { ok: true, tally: body.tally };
		return { ok: false, message: body?.message ?? null };
	} catch {
		// Offline: the rating is a command to the server and cannot wait in the doc like a card.
		return { ok: false, message: null };
	}
}
