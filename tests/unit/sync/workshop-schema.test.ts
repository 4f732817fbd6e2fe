import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	DEFAULT_PRESENTER,
	IDLE_TIMER,
	setPresenter,
	showCardOnScreen,
	DEFAULT_TIMER_MS,
	MINUTE_MS,
	addTimerMinute,
	hiddenCardIds,
	hideCard,
	markClosed,
	mergeCard,
	mergeEntries,
	mergedCardsMap,
	moveQuestion,
	neighbourQuestion,
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
	timerRemainingMs,
	unmergeCard
} from '../../../src/lib/sync/workshop-schema.ts';
import { addCard, listCards, type Card } from '../../../src/lib/sync/agenda-schema.ts';
import { brokenMergeEntries, showCards } from '../../../src/lib/sync/card-merges.ts';

const ALL = [1, 2, 3, 4, 5, 6, 7, 8] as const;

describe('workshop state', () => {
	test('defaults before the facilitator did anything', () => {
		const doc = new Y.Doc();
		expect(readWorkshopState(doc)).toEqual({
			currentQuestion: 1,
			timer: { running: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS },
			spotlightCardId: null,
			lockedQuestions: [],
			participantsMaySynthesise: false,
			closed: false,
			presenter: { view: 'wall', wallOrder: 'newest', liveResults: false }
		});
		expect(readWorkshopState(doc, [3, 4]).currentQuestion).toBe(3);
	});

	test('steps follow the workshop’s own questions', () => {
		const doc = new Y.Doc();
		const questions = [2, 5, 8] as const;
		expect(moveQuestion(doc, questions, 1)).toBe(5);
		expect(moveQuestion(doc, questions, 1)).toBe(8);
		expect(moveQuestion(doc, questions, 1)).toBeNull();
		expect(readWorkshopState(doc, questions).currentQuestion).toBe(8);
		expect(moveQuestion(doc, questions, -1)).toBe(5);
		expect(setCurrentQuestion(doc, 3, questions)).toEqual({ ok: false, reason: 'not-in-workshop' });
		expect(setCurrentQuestion(doc, 2, questions)).toEqual({ ok: true, questionNumber: 2 });
		expect(neighbourQuestion(2, questions, -1)).toBeNull();
	});

	test('a question outside the workshop falls back to its first question', () => {
		const doc = new Y.Doc();
		stateMap(doc).set('currentQuestion', 7);
		expect(readWorkshopState(doc, [1, 2]).currentQuestion).toBe(1);
		stateMap(doc).set('currentQuestion', 'zeven');
		expect(readWorkshopState(doc, ALL).currentQuestion).toBe(1);
	});

	test('moving on ends the spotlight', () => {
		const doc = new Y.Doc();
		setSpotlight(doc, 'card1');
		expect(readWorkshopState(doc).spotlightCardId).toBe('card1');
		moveQuestion(doc, ALL, 1);
		expect(readWorkshopState(doc).spotlightCardId).toBeNull();
	});
});

describe('timer', () => {
	test('start, pause, resume, +1 minute', () => {
		const doc = new Y.Doc();
		const started = startTimer(doc, 1_000);
		expect(started).toEqual({ running: true, endsAt: 1_000 + DEFAULT_TIMER_MS, remainingMs: DEFAULT_TIMER_MS });
		expect(timerRemainingMs(readWorkshopState(doc).timer, 61_000)).toBe(DEFAULT_TIMER_MS - 60_000);
		const paused = pauseTimer(doc, 61_000);
		expect(paused).toEqual({ running: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS - 60_000 });
		expect(timerRemainingMs(paused, 999_999)).toBe(DEFAULT_TIMER_MS - 60_000);
		const plus = addTimerMinute(doc, 70_000);
		expect(plus.remainingMs).toBe(DEFAULT_TIMER_MS);
		const resumed = startTimer(doc, 100_000);
		expect(resumed).toEqual({ running: true, endsAt: 100_000 + DEFAULT_TIMER_MS, remainingMs: DEFAULT_TIMER_MS });
		const runningPlus = addTimerMinute(doc, 100_000 + 30_000);
		expect(runningPlus.endsAt).toBe(100_000 + DEFAULT_TIMER_MS + MINUTE_MS);
		expect(timerRemainingMs(runningPlus, 10_000_000)).toBe(0);
	});

	test('a timer that ran out starts again from the default; reset sets the duration', () => {
		const doc = new Y.Doc();
		startTimer(doc, 0, 1_000);
		expect(pauseTimer(doc, 5_000).remainingMs).toBe(0);
		expect(startTimer(doc, 5_000).remainingMs).toBe(DEFAULT_TIMER_MS);
		expect(resetTimer(doc, 2 * MINUTE_MS)).toEqual({ running: false, endsAt: null, remainingMs: 2 * MINUTE_MS });
	});

	test('a malformed timer reads as idle', () => {
		const doc = new Y.Doc();
		stateMap(doc).set('timer', { running: true, endsAt: 'soon' });
		expect(readWorkshopState(doc).timer).toEqual({ running: false, endsAt: null, remainingMs: DEFAULT_TIMER_MS });
	});
});

describe('cards on the wall, locks, synthesis, closing', () => {
	test('hide and restore; hiding ends the spotlight on that card', () => {
		const doc = new Y.Doc();
		setSpotlight(doc, 'c1');
		hideCard(doc, 'c1');
		hideCard(doc, 'c2');
		expect(hiddenCardIds(doc)).toEqual(new Set(['c1', 'c2']));
		expect(readWorkshopState(doc).spotlightCardId).toBeNull();
		restoreCard(doc, 'c1');
		expect(hiddenCardIds(doc)).toEqual(new Set(['c2']));
	});

	test('lock questions, allow synthesis, close', () => {
		const doc = new Y.Doc();
		expect(setQuestionLocked(doc, 3, true)).toEqual([3]);
		expect(setQuestionLocked(doc, 1, true)).toEqual([1, 3]);
		expect(setQuestionLocked(doc, 3, false)).toEqual([1]);
		setParticipantsMaySynthesise(doc, true);
		startTimer(doc, 0);
		markClosed(doc);
		const state = readWorkshopState(doc);
		expect(state).toMatchObject({ lockedQuestions: [1], participantsMaySynthesise: true, closed: true });
		expect(state.timer.running).toBe(false);
	});
});

function sync(...docs: Y.Doc[]): void {
	for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

const entries = (...pairs: [string, string][]) => new Map(pairs);

describe('merges in the workshop doc', () => {
	function agenda(): { doc: Y.Doc; cards: () => Card[] } {
		const doc = new Y.Doc();
		const author = { id: 'p1', name: 'Linde 12', kind: 'participant' as const };
		for (const [id, at] of [['a', 1], ['b', 2], ['c', 3]] as const) addCard(doc, { questionNumber: 2, text: `kaartje ${id}`, workshopId: 'w1', author }, at, id);
		addCard(doc, { questionNumber: 3, text: 'andere vraag', workshopId: 'w1', author }, 4, 'q3');
		return { doc, cards: () => listCards(doc) };
	}

	test('merge, merge into a merged card, undo', () => {
		const { cards } = agenda();
		const doc = new Y.Doc();
		setSpotlight(doc, 'b');
		expect(mergeCard(doc, cards(), 'b', 'a')).toEqual({ ok: true, targetId: 'a' });
		expect(readWorkshopState(doc).spotlightCardId).toBeNull();
		expect(mergeCard(doc, cards(), 'c', 'b')).toEqual({ ok: true, targetId: 'a' });
		expect(mergeEntries(doc)).toEqual(entries(['b', 'a'], ['c', 'a']));
		expect(mergeCard(doc, cards(), 'a', 'c')).toEqual({ ok: false, reason: 'cycle' });
		expect(mergeCard(doc, cards(), 'a', 'a')).toEqual({ ok: false, reason: 'same-card' });
		expect(mergeCard(doc, cards(), 'a', 'q3')).toEqual({ ok: false, reason: 'other-question' });
		expect(showCards(cards(), new Set(), mergeEntries(doc)).map((c) => [c.id, c.mergedIds])).toEqual([
			['a', ['b', 'c']],
			['q3', []]
		]);
		unmergeCard(doc, cards(), 'b');
		expect(showCards(cards(), new Set(), mergeEntries(doc)).map((c) => [c.id, c.mergedIds])).toEqual([
			['a', ['c']],
			['b', []],
			['q3', []]
		]);
	});

	test('undoing a merge brings back what was merged into that card with it', () => {
		const { cards } = agenda();
		const doc = new Y.Doc();
		mergeCard(doc, cards(), 'c', 'b');
		mergeCard(doc, cards(), 'b', 'a');
		expect(showCards(cards(), new Set(), mergeEntries(doc)).find((c) => c.id === 'a')!.mergedIds).toEqual(['b', 'c']);
		unmergeCard(doc, cards(), 'b');
		expect(showCards(cards(), new Set(), mergeEntries(doc)).map((c) => [c.id, c.mergedIds])).toEqual([
			['a', []],
			['b', ['c']],
			['q3', []]
		]);
	});

	test('two facilitators merging A into B and B into A at the same moment: both screens agree, and an undo wakes nothing up', () => {
		const { cards } = agenda();
		const laptop1 = new Y.Doc();
		const laptop2 = new Y.Doc();
		expect(mergeCard(laptop1, cards(), 'a', 'b').ok).toBe(true);
		expect(mergeCard(laptop2, cards(), 'b', 'a').ok).toBe(true);
		sync(laptop1, laptop2);
		expect(mergeEntries(laptop1)).toEqual(entries(['a', 'b'], ['b', 'a']));
		const seen1 = showCards(cards(), new Set(), mergeEntries(laptop1));
		const seen2 = showCards(cards(), new Set(), mergeEntries(laptop2));
		expect(seen1).toEqual(seen2);
		// The smallest id stays.
		expect(seen1.map((c) => [c.id, c.mergedIds])).toEqual([
			['a', ['b']],
			['c', []],
			['q3', []]
		]);
		expect(brokenMergeEntries(cards(), mergeEntries(laptop1))).toEqual(['a']);

		// Undoing the merge that is shown must not suddenly merge A into B: the broken entry goes too.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(laptop1));
		expect(mergeCard(other, cards(), 'b', 'c')).toEqual({ ok: true, targetId: 'c' });
		expect(mergeEntries(other)).toEqual(entries(['b', 'c']));

		unmergeCard(laptop2, cards(), 'b');
		sync(laptop1, laptop2);
		expect(mergeEntries(laptop1).size).toBe(0);
		expect(showCards(cards(), new Set(), mergeEntries(laptop1)).every((c) => c.mergedIds.length === 0)).toBe(true);
	});

	test('a three-way cycle from three laptops resolves the same everywhere', () => {
		const { cards } = agenda();
		const laptops = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
		mergeCard(laptops[0], cards(), 'a', 'b');
		mergeCard(laptops[1], cards(), 'b', 'c');
		mergeCard(laptops[2], cards(), 'c', 'a');
		sync(...laptops);
		const seen = laptops.map((doc) => showCards(cards(), new Set(), mergeEntries(doc)));
		expect(seen[1]).toEqual(seen[0]);
		expect(seen[2]).toEqual(seen[0]);
		expect(seen[0].map((c) => [c.id, c.mergedIds])).toEqual([
			['a', ['b', 'c']],
			['q3', []]
		]);
	});

	test('malformed entries are not trusted', () => {
		const { cards } = agenda();
		const doc = new Y.Doc();
		(mergedCardsMap(doc) as Y.Map<unknown>).set('a', 42);
		(mergedCardsMap(doc) as Y.Map<unknown>).set('b', '');
		expect(mergeEntries(doc).size).toBe(0);
		expect(showCards(cards(), new Set(), mergeEntries(doc))).toHaveLength(4);
	});

	test('a merged card stays out even when it is hidden and restored', () => {
		const { cards } = agenda();
		const doc = new Y.Doc();
		mergeCard(doc, cards(), 'b', 'a');
		hideCard(doc, 'b');
		expect(showCards(cards(), new Set(['b']), mergeEntries(doc)).map((c) => c.id)).toEqual(['a', 'c', 'q3']);
	});
});

describe('presenter state (what the projector shows)', () => {
	test('defaults to the wall, newest first, results hidden while a vote runs', () => {
		expect(readWorkshopState(new Y.Doc()).presenter).toEqual(DEFAULT_PRESENTER);
		expect(DEFAULT_PRESENTER).toEqual({ view: 'wall', wallOrder: 'newest', liveResults: false });
	});

	test('a change keeps the other fields; unknown values from a hand-made client read as the defaults', () => {
		const doc = new Y.Doc();
		setPresenter(doc, { wallOrder: 'votes' });
		setPresenter(doc, { view: 'pause' });
		expect(readWorkshopState(doc).presenter).toEqual({ view: 'pause', wallOrder: 'votes', liveResults: false });
		stateMap(doc).set('presenter', { view: 'dance', wallOrder: 42, liveResults: 'yes' });
		expect(readWorkshopState(doc).presenter).toEqual(DEFAULT_PRESENTER);
	});

	test('one card on the screen, and back to the wall', () => {
		const doc = new Y.Doc();
		showCardOnScreen(doc, 'kaart-1');
		expect(readWorkshopState(doc)).toMatchObject({ spotlightCardId: 'kaart-1', presenter: { view: 'card' } });
		showCardOnScreen(doc, null);
		expect(readWorkshopState(doc)).toMatchObject({ spotlightCardId: null, presenter: { view: 'wall' } });
	});

	test('the timer belongs to its question: a step change resets it, and a chosen card or results go back to the wall', () => {
		const doc = new Y.Doc();
		startTimer(doc, 1_000);
		setPresenter(doc, { view: 'results', wallOrder: 'theme' });
		setCurrentQuestion(doc, 2, [1, 2, 3]);
		const state = readWorkshopState(doc, [1, 2, 3]);
		expect(state.timer).toEqual(IDLE_TIMER);
		expect(state.presenter).toEqual({ view: 'wall', wallOrder: 'theme', liveResults: false });
		// Staying on the same question keeps a running timer and a pause screen.
		startTimer(doc, 2_000);
		setPresenter(doc, { view: 'pause' });
		setCurrentQuestion(doc, 2, [1, 2, 3]);
		expect(readWorkshopState(doc, [1, 2, 3])).toMatchObject({ timer: { running: true }, presenter: { view: 'pause' } });
	});
});
