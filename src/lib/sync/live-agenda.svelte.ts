/**
 * The agenda doc as Svelte state: the cards, kept up to date from Yjs events (only the cards that
 * changed are read again), plus the named mutations of agenda-schema bound to the current doc.
 */
import type * as Y from 'yjs';
import type { DocConnection } from './connection.svelte.ts';
import {
	addCard,
	cardsMap,
	compareCards,
	deleteCard,
	editCard,
	readCard,
	togglePlusOneOfGroup,
	type Card,
	type CardAuthor,
	type CardResult
} from './agenda-schema.ts';
import { ArrivalListeners } from './follow.ts';

export class LiveAgenda {
	/** Every well-formed card in the doc, oldest first. */
	cards = $state.raw<Card[]>([]);

	readonly #connection: DocConnection;
	readonly #unbind: () => void;
	readonly #arrivals = new ArrivalListeners<Card>();

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	cardsFor(workshopId: string, questionNumber: number): Card[] {
		return this.cards.filter((card) => card.workshopId === workshopId && card.questionNumber === questionNumber);
	}

	/** Called with cards that others added while we are synced (not the initial load, not our own). */
	onArrival(listener: (cards: Card[]) => void): () => void {
		return this.#arrivals.add(listener);
	}

	add(input: { questionNumber: number; text: string; themes: readonly string[]; workshopId: string; author: CardAuthor }): CardResult {
		return addCard(this.#connection.doc, input);
	}

	edit(cardId: string, authorId: string, change: { text?: string; themes?: readonly string[] }): CardResult {
		return editCard(this.#connection.doc, cardId, authorId, change);
	}

	remove(cardId: string, authorId: string): CardResult {
		return deleteCard(this.#connection.doc, cardId, authorId);
	}

	/** `mergedIds`: the cards merged into this one, whose +1s count for it (see card-merges). */
	togglePlusOne(cardId: string, participantId: string, mergedIds: readonly string[] = []): boolean {
		const result = togglePlusOneOfGroup(this.#connection.doc, [cardId, ...mergedIds], participantId);
		return result.ok && result.plusOne;
	}

	destroy(): void {
		this.#unbind();
		this.#arrivals.clear();
	}

	#follow(doc: Y.Doc): () => void {
		const map = cardsMap(doc);
		const byId = new Map<string, Card>();
		for (const value of map.values()) {
			const card = readCard(value);
			if (card) byId.set(card.id, card);
		}
		this.cards = [...byId.values()].sort(compareCards);

		const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
			const arrived: Card[] = [];
			const reread = (key: string) => {
				const card = readCard(map.get(key));
				if (!card) {
					byId.delete(key);
					return;
				}
				if (!byId.has(key)) arrived.push(card);
				byId.set(key, card);
			};
			for (const event of events) {
				if (event.target === map) {
					for (const key of event.changes.keys.keys()) reread(key);
					continue;
				}
				// A change inside a card (its text, themes or +1s): find the card it belongs to.
				let target: Y.AbstractType<unknown> | null = event.target;
				while (target && target.parent !== map) target = target.parent as Y.AbstractType<unknown> | null;
				const id = target ? (target as Y.Map<unknown>).get('id') : undefined;
				if (typeof id === 'string') reread(id);
			}
			this.cards = [...byId.values()].sort(compareCards);
			this.#arrivals.announce(arrived, transaction, this.#connection);
		};
		map.observeDeep(observer);
		return () => map.unobserveDeep(observer);
	}
}
