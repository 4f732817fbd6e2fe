/**
 * The per-question data as Svelte state: keywords (question 1), the inventory of elements (3 and 4)
 * and the kinds of cards (5 and 6), with the named mutations of steps-schema bound to the current doc.
 * All follow their doc across a server reset (4409) through `DocConnection.bind`. The rating tallies
 * of question 4 are the map's `LiveRatings`.
 */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import { cardsMap } from '$lib/sync/agenda-schema';
import { elementsMap, listElements, type SocialBasisElement } from '$lib/sync/elements-schema';
import { readAndObserveDeep } from '$lib/sync/follow';
import {
	addKeyword,
	keywordsMap,
	listKeywords,
	readCardKind,
	removeKeyword,
	setCardKind,
	type CardKind,
	type CardKindResult,
	type Keyword,
	type KeywordAuthor,
	type KeywordResult,
	type KindActor
} from '$lib/sync/steps-schema';

export class LiveKeywords {
	/** Every well-formed keyword in the doc, oldest first (all workshops of the agenda). */
	all = $state.raw<Keyword[]>([]);

	readonly #connection: DocConnection;
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	forWorkshop(workshopId: string): Keyword[] {
		return this.all.filter((keyword) => keyword.workshopId === workshopId);
	}

	add(text: string, workshopId: string, author: KeywordAuthor): KeywordResult {
		return addKeyword(this.#connection.doc, { text, workshopId, author });
	}

	remove(keywordId: string, actorId: string, asStaff = false): KeywordResult {
		return removeKeyword(this.#connection.doc, keywordId, actorId, asStaff);
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		// A workshop gathers tens of keywords: reading them all again is simpler than patching.
		return readAndObserveDeep(keywordsMap(doc), () => (this.all = listKeywords(doc)));
	}
}

export class LiveCardKinds {
	/** cardId → kind, only for cards that have one. */
	kinds = $state.raw<ReadonlyMap<string, CardKind>>(new Map());

	readonly #connection: DocConnection;
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	of(cardId: string): CardKind | null {
		return this.kinds.get(cardId) ?? null;
	}

	set(cardId: string, kind: string | null, actor: KindActor): CardKindResult {
		return setCardKind(this.#connection.doc, cardId, kind, actor);
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		const map = cardsMap(doc);
		return readAndObserveDeep(map, () => {
			const kinds = new Map<string, CardKind>();
			for (const [id, card] of map.entries()) {
				const kind = readCardKind(card);
				if (kind) kinds.set(id, kind);
			}
			this.kinds = kinds;
		});
	}
}

export class LiveElementList {
	/** Every well-formed element of the agenda's inventory, oldest first. */
	elements = $state.raw<SocialBasisElement[]>([]);

	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		return readAndObserveDeep(elementsMap(doc), () => (this.elements = listElements(doc)));
	}
}
