/**
 * The agenda doc's inventory (elements and corrections) as Svelte state, plus the named mutations of
 * elements-schema bound to the current doc. Follows the doc across a server reset (4409).
 */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import {
	acceptElement,
	correctionsMap,
	elementsMap,
	listCorrections,
	listElements,
	markCorrectionHandled,
	proposeElement,
	rejectElement,
	removeOwnCorrection,
	removeOwnElement,
	returnToProposed,
	suggestCorrection,
	type Correction,
	type CorrectionResult,
	type ElementResult,
	type NewCorrection,
	type NewElement,
	type SocialBasisElement
} from '$lib/sync/elements-schema';

type ArrivalListener = (elements: SocialBasisElement[]) => void;

export class LiveElements {
	/** Every well-formed element, oldest first. */
	elements = $state.raw<SocialBasisElement[]>([]);
	corrections = $state.raw<Correction[]>([]);

	readonly #connection: DocConnection;
	readonly #unbind: () => void;
	#listeners = new Set<ArrivalListener>();

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	get #doc(): Y.Doc {
		return this.#connection.doc;
	}

	/** Called with elements that others added while we are synced (not the first load, not our own). */
	onArrival(listener: ArrivalListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	propose(input: NewElement): ElementResult {
		return proposeElement(this.#doc, input);
	}

	accept(elementId: string, staffId: string): ElementResult {
		return acceptElement(this.#doc, elementId, staffId);
	}

	returnToProposed(elementId: string): ElementResult {
		return returnToProposed(this.#doc, elementId);
	}

	reject(elementId: string): ElementResult {
		return rejectElement(this.#doc, elementId);
	}

	removeOwn(elementId: string, authorId: string): ElementResult {
		return removeOwnElement(this.#doc, elementId, authorId);
	}

	suggest(input: NewCorrection): CorrectionResult {
		return suggestCorrection(this.#doc, input);
	}

	markHandled(correctionId: string, staffId: string): CorrectionResult {
		return markCorrectionHandled(this.#doc, correctionId, staffId);
	}

	removeOwnCorrection(correctionId: string, authorId: string): CorrectionResult {
		return removeOwnCorrection(this.#doc, correctionId, authorId);
	}

	destroy(): void {
		this.#unbind();
		this.#listeners.clear();
	}

	#follow(doc: Y.Doc): () => void {
		const elements = elementsMap(doc);
		const corrections = correctionsMap(doc);
		const readElements = () => (this.elements = listElements(doc));
		const readCorrections = () => (this.corrections = listCorrections(doc));
		readElements();
		readCorrections();
		// An inventory holds dozens to a few hundred elements: reading them all again is cheap and simple.
		const onElements = (_events: unknown, transaction: Y.Transaction) => {
			const known = new Set(this.elements.map((e) => e.id));
			readElements();
			const arrived = this.elements.filter((e) => !known.has(e.id));
			if (arrived.length > 0 && !transaction.local && this.#connection.synced) {
				for (const listener of this.#listeners) listener(arrived);
			}
		};
		elements.observeDeep(onElements);
		corrections.observeDeep(readCorrections);
		return () => {
			elements.unobserveDeep(onElements);
			corrections.unobserveDeep(readCorrections);
		};
	}
}
