/**
 * Dates on the officials' pages. Workshop dates are typed by people ("2026-03-12" or
 * "2026-03-12T19:30") and mean the wall clock in Maastricht; version times are server milliseconds.
 */
import type { Locale } from '../../domain/i18n-text.ts';

const TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };
const TIME_ZONE = 'Europe/Amsterdam';
const PLANNED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

/** "12 maart 2026" or "12 maart 2026 19:30"; anything else is shown as it was typed. */
export function formatPlannedDate(value: string, locale: Locale): string {
	const match = PLANNED.exec(value.trim());
	if (!match) return value;
	const [, year, month, day, hour, minute] = match;
	// Build it in UTC and format in UTC: the typed wall-clock time is shown unchanged.
	const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0)));
	if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return value;
	return new Intl.DateTimeFormat(TAG[locale], {
		dateStyle: 'long',
		...(hour !== undefined ? { timeStyle: 'short' } : {}),
		timeZone: 'UTC'
	}).format(date);
}

/** A moment on the server's clock, in Maastricht time: "12 mrt 2026, 21:05". */
export function formatMoment(ms: number, locale: Locale): string {
	return new Intl.DateTimeFormat(TAG[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(ms));
}
