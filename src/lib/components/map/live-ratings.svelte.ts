/** The rating tallies of a workshop (tally doc, written by the server only) as Svelte state. */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import type { RatingTally } from '$lib/domain/ballots';
import { TALLY_KEYS } from '$lib/sync/tally-schema';

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
		const read = () => (this.tallies = new Map(ratings.entries()));
		read();
		ratings.observe(read);
		return () => ratings.unobserve(read);
	}
}
