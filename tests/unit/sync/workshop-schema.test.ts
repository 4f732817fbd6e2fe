import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	DEFAULT_TIMER_MS,
	MINUTE_MS,
	addTimerMinute,
	hiddenCardIds,
	hideCard,
	markClosed,
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
	timerRemainingMs
} from '../../../src/lib/sync/workshop-schema.ts';

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
			closed: false
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
