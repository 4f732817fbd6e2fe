/** The dot vote of question 8 (key `vote` of the workshop doc) as Svelte state, with the facilitator's two mutations. */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import type { DotVote } from '$lib/domain/ballots';
import { VOTE_KEY, closeVote, openVote, readVote } from '$lib/sync/vote-schema';
import { newId } from '$lib/sync/ids';
import { readAndObserve } from '$lib/sync/follow';

export class LiveVote {
	vote = $state.raw<DotVote | null>(null);
	readonly #connection: DocConnection;
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	/** Starts a new round; the ballots of an earlier round stay counted under that round's id. */
	open(dotsPerParticipant: number, candidateIds: string[]): DotVote | null {
		return openVote(this.#connection.doc, { id: newId(), dotsPerParticipant, candidateIds });
	}

	close(): void {
		closeVote(this.#connection.doc);
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		return readAndObserve(doc.getMap<unknown>(VOTE_KEY), () => (this.vote = readVote(doc)));
	}
}
