/**
 * The officials' agenda page as Svelte state: the agenda doc (cards, syntheses, keywords, kinds) and
 * every workshop's doc (for its hidden and merged cards), live, with the filters the page offers.
 *
 * Staff may write the workshop docs, but this page only reads them; it writes only syntheses.
 */
import { fromBase64 } from 'lib0/buffer';
import { DocConnection } from '$lib/sync/connection.svelte';
import { LiveAgenda } from '$lib/sync/live-agenda.svelte';
import { LiveWorkshop } from '$lib/sync/live-workshop.svelte';
import { ensureSyntheses, type Card } from '$lib/sync/agenda-schema';
import { NO_MERGE_ENTRIES, showCardsByWorkshop, type ShownCard } from '$lib/sync/card-merges';
import { countKeywords, filterAgendaCards, workshopsForFilter, type AgendaCardFilter, type KeywordCount } from '$lib/sync/steps-schema';
import type { QuestionNumber } from '$lib/domain/questions';
import { LiveCardKinds, LiveKeywords } from './live-steps.svelte';

const ALL_QUESTIONS: QuestionNumber[] = [1, 2, 3, 4, 5, 6, 7, 8];
const NO_HIDDEN: ReadonlySet<string> = new Set();

export interface BoardWorkshop {
	id: string;
	title: string;
	workshopDoc: string;
	focusBuurten: { code: string; name: string }[];
}

export interface BoardInput {
	agendaDoc: string;
	agendaState: string;
	workshops: BoardWorkshop[];
	workshopStates: Record<string, string>;
	filters: AgendaCardFilter;
}

export class AgendaBoard {
	filter = $state<AgendaCardFilter>({ workshopId: null, theme: null, buurtCode: null, showHidden: false });

	readonly agendaConnection: DocConnection;
	readonly workshops: BoardWorkshop[];
	readonly #agenda: LiveAgenda;
	readonly #keywords: LiveKeywords;
	readonly #kinds: LiveCardKinds;
	readonly #workshopConnections: DocConnection[] = [];
	readonly #live = new Map<string, LiveWorkshop>();
	readonly #stopEnsure: () => void;

	constructor(input: BoardInput) {
		this.filter = { ...input.filters };
		this.workshops = input.workshops;
		this.agendaConnection = new DocConnection({ docName: input.agendaDoc, persist: false, initialState: fromBase64(input.agendaState) });
		this.#agenda = new LiveAgenda(this.agendaConnection);
		this.#keywords = new LiveKeywords(this.agendaConnection);
		this.#kinds = new LiveCardKinds(this.agendaConnection);
		for (const workshop of input.workshops) {
			const state = input.workshopStates[workshop.id];
			const connection = new DocConnection({ docName: workshop.workshopDoc, persist: false, initialState: state ? fromBase64(state) : null });
			this.#workshopConnections.push(connection);
			this.#live.set(workshop.id, new LiveWorkshop(connection, ALL_QUESTIONS));
		}
		// Create the synthesis texts once synced, so two first writers never race for one key.
		this.#stopEnsure = $effect.root(() => {
			$effect(() => {
				if (this.agendaConnection.synced) ensureSyntheses(this.agendaConnection.doc, ALL_QUESTIONS);
			});
		});
	}

	isHidden(card: Card): boolean {
		return this.#live.get(card.workshopId)?.hidden.has(card.id) ?? false;
	}

	/**
	 * Every card with merges folded in and merged-away cards left out. Hidden cards stay in here: the
	 * filter decides about those ("show hidden cards"); merged-away cards are always represented by
	 * the card they were merged into.
	 */
	readonly #merged = $derived.by((): ShownCard[] =>
		showCardsByWorkshop(this.#agenda.cards, (workshopId) => ({ hidden: NO_HIDDEN, merges: this.#live.get(workshopId)?.merges ?? NO_MERGE_ENTRIES }))
	);

	/** Every card that is not hidden or merged away, whatever the filter: what actions may be built from. */
	get visibleCards(): ShownCard[] {
		return this.#merged.filter((card) => !this.isHidden(card));
	}

	/** Cards of one question that the filter shows, oldest first. */
	cardsFor(questionNumber: number): ShownCard[] {
		return filterAgendaCards(
			this.#merged.filter((card) => card.questionNumber === questionNumber),
			this.filter,
			this.workshops,
			(card) => this.isHidden(card)
		);
	}

	/** Every card the filter shows. */
	get visibleCount(): number {
		return filterAgendaCards(this.#merged, this.filter, this.workshops, (card) => this.isHidden(card)).length;
	}

	/** Question 1's keywords of the workshops the filter lets through (themes do not apply to words). */
	get keywords(): KeywordCount[] {
		const allowed = workshopsForFilter(this.filter, this.workshops);
		return countKeywords(this.#keywords.all.filter((keyword) => !allowed || allowed.has(keyword.workshopId)));
	}

	kindOf(cardId: string) {
		return this.#kinds.of(cardId);
	}

	workshopTitle(workshopId: string): string | null {
		return this.workshops.find((w) => w.id === workshopId)?.title ?? null;
	}

	destroy(): void {
		this.#stopEnsure();
		this.#agenda.destroy();
		this.#keywords.destroy();
		this.#kinds.destroy();
		for (const live of this.#live.values()) live.destroy();
		for (const connection of this.#workshopConnections) connection.destroy();
		this.agendaConnection.destroy();
	}
}
