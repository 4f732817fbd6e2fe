/** The tally doc of a workshop (written by the server only) as Svelte state: weight proposals and dot votes. */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import type { DotsTally, WeightsTally } from '$lib/domain/ballots';
import { TALLY_KEYS, WEIGHTS_SUBJECT } from '$lib/sync/tally-schema';

export class LiveTally {
	weights = $state.raw<WeightsTally | null>(null);
	/** vote id → tally */
	dots = $state.raw<ReadonlyMap<string, DotsTally>>(new Map());
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	dotsFor(voteId: string | null | undefined): DotsTally | null {
		return voteId ? (this.dots.get(voteId) ?? null) : null;
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		const weights = doc.getMap<WeightsTally>(TALLY_KEYS.weights);
		const dots = doc.getMap<DotsTally>(TALLY_KEYS.dots);
		const readWeights = () => (this.weights = (weights.get(WEIGHTS_SUBJECT) as WeightsTally | undefined) ?? null);
		const readDots = () => (this.dots = new Map(dots.entries()));
		readWeights();
		readDots();
		weights.observe(readWeights);
		dots.observe(readDots);
		return () => {
			weights.unobserve(readWeights);
			dots.unobserve(readDots);
		};
	}
}
