import { describe, expect, test } from 'vitest';
import { parseWorkshopDetails, readinessItems, type ReadinessFacts } from '../../../src/lib/domain/readiness.ts';

const facts: ReadinessFacts = {
	questions: [1, 2, 3, 4, 5, 6, 7, 8],
	areaBuurten: 6,
	focusBuurten: 0,
	buurtenWithIndicators: 0,
	facilities: 13,
	startsAt: null,
	place: null
};

describe('readiness', () => {
	test('warns when question 7 has no indicators, and when date, place or buurten are missing', () => {
		expect(readinessItems(facts)).toEqual([
			{ id: 'indicators', ok: false },
			{ id: 'facilities', ok: true },
			{ id: 'date', ok: false },
			{ id: 'place', ok: false },
			{ id: 'focus', ok: false }
		]);
	});
	test('a workshop without question 7 is not warned about indicators', () => {
		expect(readinessItems({ ...facts, questions: [1, 2] }).map((item) => item.id)).toEqual(['date', 'place', 'focus']);
	});
	test('all set: all ok', () => {
		const items = readinessItems({ ...facts, buurtenWithIndicators: 2, startsAt: '2026-12-10', place: 'De Romein', focusBuurten: 2 });
		expect(items.every((item) => item.ok)).toBe(true);
	});
});

describe('the details form', () => {
	const allowed = new Set(['BU09350400', 'BU09350402']);
	test('date with a time, place and buurten of the stadsdeel', () => {
		expect(parseWorkshopDetails({ date: '2026-12-10', time: '19:30', place: ' De Romein ', buurten: ['BU09350400', 'BU09350400'] }, allowed)).toEqual({
			ok: true,
			value: { startsAt: '2026-12-10T19:30', place: 'De Romein', focusBuurten: ['BU09350400'] }
		});
	});
	test('empty fields clear the values', () => {
		expect(parseWorkshopDetails({ date: '', time: '', place: '', buurten: [] }, allowed)).toEqual({ ok: true, value: { startsAt: null, place: null, focusBuurten: [] } });
	});
	test('refuses a made-up date, a bad time, a huge place and a buurt elsewhere', () => {
		expect(parseWorkshopDetails({ date: '10-12-2026', time: '', place: '', buurten: [] }, allowed)).toEqual({ ok: false, problem: 'date' });
		expect(parseWorkshopDetails({ date: '2026-12-10', time: '25:00', place: '', buurten: [] }, allowed)).toEqual({ ok: false, problem: 'date' });
		expect(parseWorkshopDetails({ date: '', time: '', place: 'x'.repeat(121), buurten: [] }, allowed)).toEqual({ ok: false, problem: 'place' });
		expect(parseWorkshopDetails({ date: '', time: '', place: '', buurten: ['BU09350000'] }, allowed)).toEqual({ ok: false, problem: 'buurt' });
	});
});
