/**
 * "Klaar voor de bijeenkomst?": what should be in place before the room fills, from facts the
 * server gathered (no I/O here). Each item is ok or a warning that says what to do.
 */

export interface ReadinessFacts {
	questions: readonly number[];
	/** The buurten the workshop is about: its focus buurten, or else all of its stadsdeel. */
	areaBuurten: number;
	focusBuurten: number;
	/** Buurten of that area with at least one indicator value (question 7's need index). */
	buurtenWithIndicators: number;
	/** Known social facilities in that area (question 3 and the map start from them). */
	facilities: number;
	startsAt: string | null;
	place: string | null;
}

export type ReadinessItemId = 'indicators' | 'facilities' | 'date' | 'place' | 'focus';
export interface ReadinessItem {
	id: ReadinessItemId;
	ok: boolean;
}

/** The server's items; the projector's connection is checked live on the page. */
export function readinessItems(facts: ReadinessFacts): ReadinessItem[] {
	const items: ReadinessItem[] = [];
	if (facts.questions.includes(7)) items.push({ id: 'indicators', ok: facts.buurtenWithIndicators > 0 });
	if (facts.questions.includes(3) || facts.questions.includes(4)) items.push({ id: 'facilities', ok: facts.facilities > 0 });
	items.push({ id: 'date', ok: facts.startsAt !== null && facts.startsAt.trim() !== '' });
	items.push({ id: 'place', ok: facts.place !== null && facts.place.trim() !== '' });
	items.push({ id: 'focus', ok: facts.focusBuurten > 0 });
	return items;
}

export const MAX_PLACE_LENGTH = 120;

export interface WorkshopDetails {
	startsAt: string | null;
	place: string | null;
	focusBuurten: string[];
}

export type DetailsProblem = 'date' | 'place' | 'buurt';

/**
 * The details form: a date (YYYY-MM-DD, optionally with a time HH:MM), a place, focus buurten that
 * must belong to the stadsdeel. Empty fields clear the value.
 */
export function parseWorkshopDetails(
	input: { date: string; time: string; place: string; buurten: readonly string[] },
	allowedBuurten: ReadonlySet<string>
): { ok: true; value: WorkshopDetails } | { ok: false; problem: DetailsProblem } {
	const date = input.date.trim();
	const time = input.time.trim();
	let startsAt: string | null = null;
	if (date !== '') {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return { ok: false, problem: 'date' };
		if (time !== '' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return { ok: false, problem: 'date' };
		startsAt = time === '' ? date : `${date}T${time}`;
	}
	const place = input.place.trim();
	if (place.length > MAX_PLACE_LENGTH) return { ok: false, problem: 'place' };
	const buurten = [...new Set(input.buurten)];
	if (buurten.some((code) => !allowedBuurten.has(code))) return { ok: false, problem: 'buurt' };
	return { ok: true, value: { startsAt, place: place === '' ? null : place, focusBuurten: buurten } };
}
