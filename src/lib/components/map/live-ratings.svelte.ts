/** The rating tallies of a workshop (tally doc, written by the server only) as Svelte state. */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import type { RatingTally } from '$lib/domain/ballots';
import { TALLY_KEYS } from '$lib/sync/tally-schema';
import { readAndObserve } from '$lib/sync/follow';

export class LiveRatings {
	/** subject ("facility:<id>" / "element:<id>") → tally; only rated subjects are present. */
	tallies = $state.raw<ReadonlyMap<string, RatingTally>>(new Map());
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	get(subject: string): RatingTally | null {
		return this.tallies.get(subject) ?? null;
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		const ratings = doc.getMap<RatingTally>(TALLY_KEYS.rating);
		return readAndObserve(ratings, () => (this.tallies = new Map(ratings.entries())));
	}
}
