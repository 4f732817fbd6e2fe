/** The agenda's action list (key `actions` of the agenda doc, see sync/actions-schema.ts) as Svelte state. */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import {
	actionsMap,
	addAction,
	editAction,
	linkCard,
	listActions,
	removeAction,
	unlinkCard,
	type ActionChange,
	type ActionResult,
	type AgendaAction,
	type NewAction
} from '$lib/sync/actions-schema';
import { readAndObserveDeep } from '$lib/sync/follow';

export class LiveActions {
	actions = $state.raw<AgendaAction[]>([]);
	readonly #connection: DocConnection;
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#connection = connection;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	add(input: NewAction): ActionResult {
		return addAction(this.#connection.doc, input);
	}

	edit(actionId: string, change: ActionChange): ActionResult {
		return editAction(this.#connection.doc, actionId, change);
	}

	remove(actionId: string): ActionResult {
		return removeAction(this.#connection.doc, actionId);
	}

	link(actionId: string, cardId: string): ActionResult {
		return linkCard(this.#connection.doc, actionId, cardId);
	}

	unlink(actionId: string, cardId: string): ActionResult {
		return unlinkCard(this.#connection.doc, actionId, cardId);
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		return readAndObserveDeep(actionsMap(doc), () => (this.actions = listActions(doc)));
	}
}
