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
import { ArrivalListeners, readAndObserveDeep } from '$lib/sync/follow';

export class LiveElements {
	/** Every well-formed element, oldest first. */
	elements = $state.raw<SocialBasisElement[]>([]);
	corrections = $state.raw<Correction[]>([]);

	readonly #connection: DocConnection;
	readonly #unbind: () => void;
	readonly #arrivals = new ArrivalListeners<SocialBasisElement>();

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	get #doc(): Y.Doc {
		return this.#connection.doc;
	}

	/** Called with elements that others added while we are synced (not the first load, not our own). */
	onArrival(listener: (elements: SocialBasisElement[]) => void): () => void {
		return this.#arrivals.add(listener);
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
		this.#arrivals.clear();
	}

	#follow(doc: Y.Doc): () => void {
		const elements = elementsMap(doc);
		const readElements = () => (this.elements = listElements(doc));
		readElements();
		// An inventory holds dozens to a few hundred elements: reading them all again is cheap and simple.
		const onElements = (_events: unknown, transaction: Y.Transaction) => {
			const known = new Set(this.elements.map((e) => e.id));
			readElements();
			this.#arrivals.announce(this.elements.filter((e) => !known.has(e.id)), transaction, this.#connection);
		};
		const stopCorrections = readAndObserveDeep(correctionsMap(doc), () => (this.corrections = listCorrections(doc)));
		elements.observeDeep(onElements);
		return () => {
			elements.unobserveDeep(onElements);
			stopCorrections();
		};
	}
}
