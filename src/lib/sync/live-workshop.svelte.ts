/**
 * The workshop doc as Svelte state (current question, timer, spotlight, locks, hidden and merged cards) and the
 * facilitator's named mutations. Participants and the projector only read; the sync server drops
 * their writes anyway.
 */
import type * as Y from 'yjs';
import type { QuestionNumber } from '../domain/questions.ts';
import type { DocConnection } from './connection.svelte.ts';
import {
	DEFAULT_PRESENTER,
	IDLE_TIMER,
	addTimerMinute,
	hiddenCardIds,
	hiddenCardsMap,
	hideCard,
	markClosed,
	mergeCard,
	mergeEntries,
	mergedCardsMap,
	moveQuestion,
	pauseTimer,
	readWorkshopState,
	resetTimer,
	restoreCard,
	setCurrentQuestion,
	setParticipantsMaySynthesise,
	setQuestionLocked,
	setSpotlight,
	startTimer,
	stateMap,
	unmergeCard,
	type MergeResult,
	type WorkshopState
} from './workshop-schema.ts';
import { NO_MERGE_ENTRIES, showCards, type MergeableCard, type ShownCard } from './card-merges.ts';
import type { Card } from './agenda-schema.ts';
import { readAndObserve } from './follow.ts';

const PLACEHOLDER: WorkshopState = {
	currentQuestion: 1,
	timer: { ...IDLE_TIMER },
	spotlightCardId: null,
	lockedQuestions: [],
	participantsMaySynthesise: false,
	closed: false,
	presenter: { ...DEFAULT_PRESENTER }
};

export class LiveWorkshop {
	/** Filled from the doc in the constructor. */
	state = $state.raw<WorkshopState>(PLACEHOLDER);
	hidden = $state.raw<ReadonlySet<string>>(new Set());
	/** As stored (duplicate → target); read through `show`, which resolves chains and cycles. */
	merges = $state.raw<ReadonlyMap<string, string>>(NO_MERGE_ENTRIES);

	readonly questions: readonly QuestionNumber[];
	readonly #connection: DocConnection;
	readonly #unbind: () => void;

	constructor(connection: DocConnection, questions: readonly QuestionNumber[]) {
		this.#connection = connection;
		this.questions = questions;
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	get #doc(): Y.Doc {
		return this.#connection.doc;
	}

	get isFirst(): boolean {
		return this.questions.indexOf(this.state.currentQuestion) <= 0;
	}

	get isLast(): boolean {
		return this.questions.indexOf(this.state.currentQuestion) === this.questions.length - 1;
	}

	next(): void {
		moveQuestion(this.#doc, this.questions, 1);
	}

	previous(): void {
		moveQuestion(this.#doc, this.questions, -1);
	}

	goTo(questionNumber: number): void {
		setCurrentQuestion(this.#doc, questionNumber, this.questions);
	}

	startTimer(now: number, durationMs?: number): void {
		startTimer(this.#doc, now, durationMs);
	}

	pauseTimer(now: number): void {
		pauseTimer(this.#doc, now);
	}

	addMinute(now: number): void {
		addTimerMinute(this.#doc, now);
	}

	resetTimer(durationMs?: number): void {
		resetTimer(this.#doc, durationMs);
	}

	spotlight(cardId: string | null): void {
		setSpotlight(this.#doc, cardId);
	}

	hide(cardId: string): void {
		hideCard(this.#doc, cardId);
	}

	restore(cardId: string): void {
		restoreCard(this.#doc, cardId);
	}

	/** What everyone sees of these cards: hidden and merged-away ones left out, merges folded in. */
	show(cards: readonly Card[]): ShownCard[] {
		return showCards(cards, this.hidden, this.merges);
	}

	merge(cards: readonly MergeableCard[], duplicateId: string, targetId: string): MergeResult {
		return mergeCard(this.#doc, cards, duplicateId, targetId);
	}

	unmerge(cards: readonly MergeableCard[], duplicateId: string): void {
		unmergeCard(this.#doc, cards, duplicateId);
	}

	setLocked(questionNumber: QuestionNumber, locked: boolean): void {
		setQuestionLocked(this.#doc, questionNumber, locked);
	}

	setParticipantsMaySynthesise(allowed: boolean): void {
		setParticipantsMaySynthesise(this.#doc, allowed);
	}

	markClosed(): void {
		markClosed(this.#doc);
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		const stopState = readAndObserve(stateMap(doc), () => (this.state = readWorkshopState(doc, this.questions)));
		const stopHidden = readAndObserve(hiddenCardsMap(doc), () => (this.hidden = hiddenCardIds(doc)));
		const stopMerges = readAndObserve(mergedCardsMap(doc), () => (this.merges = mergeEntries(doc)));
		return () => {
			stopState();
			stopHidden();
			stopMerges();
		};
	}
}
