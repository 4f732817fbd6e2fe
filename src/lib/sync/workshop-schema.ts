/**
 * The shape of the workshop doc (`workshop-<workshopId>`): the live session state. Only staff (and
 * the server) write it; participants and the projector read it.
 *
 *   state:       Y.Map with the keys of `WorkshopState` (`presenter`: what the projector shows, see
 *                `PresenterState`; written by the facilitator's console)
 *   hiddenCards: Y.Map<cardId, true>
 *   mergedCards: Y.Map<duplicateCardId, targetCardId>  (rules and reading in card-merges.ts)
 *
 * Every field is a plain value that one facilitator replaces as a whole; no value is merged field by
 * field (merging *cards* is a different thing: an entry in mergedCards).
 * Times are milliseconds on the server's clock (see `ServerClock`), never a phone's own clock.
 *
 * Pure Yjs: no Svelte, no I/O.
 */
import * as Y from 'yjs';
import { isQuestionNumber, type QuestionNumber } from '../domain/questions.ts';
import { brokenMergeEntries, checkMerge, type MergeableCard, type MergeProblem } from './card-merges.ts';

export const STATE_KEY = 'state';
export const HIDDEN_CARDS_KEY = 'hiddenCards';
export const MERGED_CARDS_KEY = 'mergedCards';

export const MINUTE_MS = 60_000;
export const DEFAULT_TIMER_MS = 5 * MINUTE_MS;
/** A timer longer than this is a typo, not a plan. */
export const MAX_TIMER_MS = 3 * 60 * MINUTE_MS;

export interface TimerState {
	running: boolean;
	/** When it reaches zero, on the server's clock; null while paused. */
	endsAt: number | null;
	/** Time left while paused (and the set duration before it first starts). */
	remainingMs: number;
}

/** What the projector shows, chosen from the facilitator's console. */
export const PROJECTOR_VIEWS = ['wall', 'results', 'figures', 'card', 'map', 'pause'] as const;
export type ProjectorView = (typeof PROJECTOR_VIEWS)[number];
/** The order of the card wall: newest first, most +1 first, or grouped by theme. */
export const WALL_ORDERS = ['newest', 'votes', 'theme'] as const;
export type WallOrder = (typeof WALL_ORDERS)[number];

export interface PresenterState {
	view: ProjectorView;
	wallOrder: WallOrder;
	/** Vote results on the projector while the vote is still open. Off by default: people vote for themselves. */
	liveResults: boolean;
}

export const DEFAULT_PRESENTER: PresenterState = { view: 'wall', wallOrder: 'newest', liveResults: false };

export interface WorkshopState {
	currentQuestion: QuestionNumber;
	timer: TimerState;
	spotlightCardId: string | null;
	lockedQuestions: QuestionNumber[];
	participantsMaySynthesise: boolean;
	/** Set by the facilitator's page when the workshop is closed, so open phones learn it at once. */
	closed: boolean;
	presenter: PresenterState;
}

export const IDLE_TIMER: TimerState = { running: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS };

function readPresenter(value: unknown): PresenterState {
	if (typeof value !== 'object' || value === null) return { ...DEFAULT_PRESENTER };
	const { view, wallOrder, liveResults } = value as Record<string, unknown>;
	return {
		view: (PROJECTOR_VIEWS as readonly unknown[]).includes(view) ? (view as ProjectorView) : DEFAULT_PRESENTER.view,
		wallOrder: (WALL_ORDERS as readonly unknown[]).includes(wallOrder) ? (wallOrder as WallOrder) : DEFAULT_PRESENTER.wallOrder,
		liveResults: liveResults === true
	};
}

export function stateMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(STATE_KEY);
}

export function hiddenCardsMap(doc: Y.Doc): Y.Map<true> {
	return doc.getMap<true>(HIDDEN_CARDS_KEY);
}

export function mergedCardsMap(doc: Y.Doc): Y.Map<string> {
	return doc.getMap<string>(MERGED_CARDS_KEY);
}

function readTimer(value: unknown): TimerState {
	if (typeof value !== 'object' || value === null) return { ...IDLE_TIMER };
	const { running, endsAt, remainingMs } = value as Record<string, unknown>;
	const isRunning = running === true && typeof endsAt === 'number';
	return {
		running: isRunning,
		endsAt: isRunning ? (endsAt as number) : null,
		remainingMs: typeof remainingMs === 'number' && remainingMs >= 0 ? Math.min(remainingMs, MAX_TIMER_MS) : DEFAULT_TIMER_MS
	};
}

/**
 * The state with defaults filled in. `questions` are the workshop's questions in order (a workshop
 * may cover only some of the eight); before the facilitator moves, everyone is on the first one.
 */
export function readWorkshopState(doc: Y.Doc, questions: readonly QuestionNumber[] = [1, 2, 3, 4, 5, 6, 7, 8]): WorkshopState {
	const map = stateMap(doc);
	const current = map.get('currentQuestion');
	const locked = map.get('lockedQuestions');
	const spotlight = map.get('spotlightCardId');
	return {
		currentQuestion: isQuestionNumber(current) && questions.includes(current) ? current : (questions[0] ?? 1),
		timer: readTimer(map.get('timer')),
		spotlightCardId: typeof spotlight === 'string' && spotlight !== '' ? spotlight : null,
		lockedQuestions: Array.isArray(locked) ? [...new Set(locked.filter(isQuestionNumber))].sort((a, b) => a - b) : [],
		participantsMaySynthesise: map.get('participantsMaySynthesise') === true,
		closed: map.get('closed') === true,
		presenter: readPresenter(map.get('presenter'))
	};
}

export function hiddenCardIds(doc: Y.Doc): Set<string> {
	const hidden = new Set<string>();
	for (const [id, value] of hiddenCardsMap(doc).entries()) if (value === true) hidden.add(id);
	return hidden;
}

/**
 * The merges as stored: duplicate → target. Read them with `showCards` / `resolveCardMerges` (in
 * card-merges.ts), which resolve chains and cycles; never use these raw.
 */
export function mergeEntries(doc: Y.Doc): Map<string, string> {
	const entries = new Map<string, string>();
	for (const [id, target] of mergedCardsMap(doc).entries()) if (typeof target === 'string' && target !== '') entries.set(id, target);
	return entries;
}

export function isQuestionLocked(state: WorkshopState, questionNumber: QuestionNumber): boolean {
	return state.lockedQuestions.includes(questionNumber);
}

// ---------------------------------------------------------------------------------------------
// Steps

export type StepProblem = 'not-in-workshop';

export function setCurrentQuestion(
	doc: Y.Doc,
	questionNumber: number,
	questions: readonly QuestionNumber[]
): { ok: true; questionNumber: QuestionNumber } | { ok: false; reason: StepProblem } {
	if (!isQuestionNumber(questionNumber) || !questions.includes(questionNumber)) return { ok: false, reason: 'not-in-workshop' };
	doc.transact(() => {
		const map = stateMap(doc);
		const changed = map.get('currentQuestion') !== questionNumber;
		if (changed) map.set('currentQuestion', questionNumber);
		// A spotlight belongs to the question it was set on.
		if (map.get('spotlightCardId') != null) map.set('spotlightCardId', null);
		if (changed) {
			// So does the timer: the next question starts with a fresh one.
			const timer = readTimer(map.get('timer'));
			if (timer.running || timer.remainingMs !== DEFAULT_TIMER_MS) map.set('timer', { ...IDLE_TIMER });
			// A chosen card or another question's results make no sense on the next question: back to its wall.
			const presenter = readPresenter(map.get('presenter'));
			if (presenter.view === 'card' || presenter.view === 'results') map.set('presenter', { ...presenter, view: 'wall' });
		}
	});
	return { ok: true, questionNumber };
}

/** The neighbouring question in the workshop's order, or null at either end. */
export function neighbourQuestion(current: QuestionNumber, questions: readonly QuestionNumber[], step: 1 | -1): QuestionNumber | null {
	const index = questions.indexOf(current);
	if (index === -1) return questions[0] ?? null;
	return questions[index + step] ?? null;
}

export function moveQuestion(doc: Y.Doc, questions: readonly QuestionNumber[], step: 1 | -1): QuestionNumber | null {
	const next = neighbourQuestion(readWorkshopState(doc, questions).currentQuestion, questions, step);
	if (next === null) return null;
	setCurrentQuestion(doc, next, questions);
	return next;
}

// ---------------------------------------------------------------------------------------------
// Timer (all times on the server's clock)

export function timerRemainingMs(timer: TimerState, now: number): number {
	if (timer.running && timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
	return timer.remainingMs;
}

function writeTimer(doc: Y.Doc, timer: TimerState): void {
	stateMap(doc).set('timer', { running: timer.running, endsAt: timer.endsAt, remainingMs: timer.remainingMs });
}

function clampDuration(ms: number): number {
	return Math.max(0, Math.min(MAX_TIMER_MS, Math.round(ms)));
}

/** Starts, or resumes with what was left. A timer that ran out starts again from the default. */
export function startTimer(doc: Y.Doc, now: number, durationMs?: number): TimerState {
	const current = readWorkshopState(doc).timer;
	if (current.running && durationMs === undefined) return current;
	const left = durationMs !== undefined ? clampDuration(durationMs) : current.remainingMs > 0 ? current.remainingMs : DEFAULT_TIMER_MS;
	const next: TimerState = { running: true, endsAt: now + left, remainingMs: left };
	writeTimer(doc, next);
	return next;
}

export function pauseTimer(doc: Y.Doc, now: number): TimerState {
	const current = readWorkshopState(doc).timer;
	if (!current.running) return current;
	const next: TimerState = { running: false, endsAt: null, remainingMs: timerRemainingMs(current, now) };
	writeTimer(doc, next);
	return next;
}

export function addTimerMinute(doc: Y.Doc, now: number): TimerState {
	const current = readWorkshopState(doc).timer;
	const left = clampDuration(timerRemainingMs(current, now) + MINUTE_MS);
	const next: TimerState = current.running ? { running: true, endsAt: now + left, remainingMs: left } : { running: false, endsAt: null, remainingMs: left };
	writeTimer(doc, next);
	return next;
}

/** Stops the timer and sets how long the next run lasts. */
export function resetTimer(doc: Y.Doc, durationMs = DEFAULT_TIMER_MS): TimerState {
	const next: TimerState = { running: false, endsAt: null, remainingMs: clampDuration(durationMs) };
	writeTimer(doc, next);
	return next;
}

// ---------------------------------------------------------------------------------------------
// Cards on the wall

export function setSpotlight(doc: Y.Doc, cardId: string | null): void {
	stateMap(doc).set('spotlightCardId', cardId);
}

/** Changes what the projector shows; fields left out stay as they are. */
export function setPresenter(doc: Y.Doc, change: Partial<PresenterState>): PresenterState {
	const next = readPresenter({ ...readPresenter(stateMap(doc).get('presenter')), ...change });
	stateMap(doc).set('presenter', { view: next.view, wallOrder: next.wallOrder, liveResults: next.liveResults });
	return next;
}

/** Puts one card on the whole screen (or, with null, goes back to the wall). */
export function showCardOnScreen(doc: Y.Doc, cardId: string | null): void {
	doc.transact(() => {
		setSpotlight(doc, cardId);
		const presenter = readPresenter(stateMap(doc).get('presenter'));
		if (cardId !== null) setPresenter(doc, { view: 'card' });
		else if (presenter.view === 'card') setPresenter(doc, { view: 'wall' });
	});
}

/** Hiding also ends a spotlight on that card: a hidden card is on nobody's screen. */
export function hideCard(doc: Y.Doc, cardId: string): void {
	doc.transact(() => {
		hiddenCardsMap(doc).set(cardId, true);
		if (stateMap(doc).get('spotlightCardId') === cardId) stateMap(doc).set('spotlightCardId', null);
	});
}

export function restoreCard(doc: Y.Doc, cardId: string): void {
	hiddenCardsMap(doc).delete(cardId);
}

export type MergeResult = { ok: true; targetId: string } | { ok: false; reason: MergeProblem };

/**
 * Merges one card into another (see `checkMerge` for what is refused). `cards` are the cards of the
 * agenda (at least of this question), which the rules need: the workshop doc does not hold them.
 * The stored target is the final one, so a later undo of the target's own merge leaves this one be.
 * A spotlight on the duplicate ends: a merged-away card is on nobody's screen.
 */
export function mergeCard(doc: Y.Doc, cards: readonly MergeableCard[], duplicateId: string, targetId: string): MergeResult {
	const check = checkMerge(cards, mergeEntries(doc), duplicateId, targetId);
	if (!check.ok) return check;
	// Broken entries are found before the change: after it they could look valid and wake up.
	const broken = brokenMergeEntries(cards, mergeEntries(doc));
	doc.transact(() => {
		const map = mergedCardsMap(doc);
		for (const id of broken) map.delete(id);
		map.set(duplicateId, check.targetId);
		if (stateMap(doc).get('spotlightCardId') === duplicateId) stateMap(doc).set('spotlightCardId', null);
	});
	return check;
}

/** Undoes a merge: the card shows on its own again (and any cards merged into it come with it). */
export function unmergeCard(doc: Y.Doc, cards: readonly MergeableCard[], duplicateId: string): void {
	const broken = brokenMergeEntries(cards, mergeEntries(doc));
	doc.transact(() => {
		const map = mergedCardsMap(doc);
		for (const id of broken) map.delete(id);
		map.delete(duplicateId);
	});
}

export function setQuestionLocked(doc: Y.Doc, questionNumber: QuestionNumber, locked: boolean): QuestionNumber[] {
	const current = new Set(readWorkshopState(doc).lockedQuestions);
	if (locked) current.add(questionNumber);
	else current.delete(questionNumber);
	const next = [...current].sort((a, b) => a - b);
	stateMap(doc).set('lockedQuestions', next);
	return next;
}

export function setParticipantsMaySynthesise(doc: Y.Doc, allowed: boolean): void {
	stateMap(doc).set('participantsMaySynthesise', allowed);
}

export function markClosed(doc: Y.Doc): void {
	doc.transact(() => {
		const map = stateMap(doc);
		map.set('closed', true);
		const timer = readTimer(map.get('timer'));
		if (timer.running) map.set('timer', { running: false, endsAt: null, remainingMs: 0 });
	});
}
