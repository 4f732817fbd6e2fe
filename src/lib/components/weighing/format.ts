/** Numbers as people read them in the page's language. Display only: no arithmetic on money here. */
import type { Locale } from '$lib/domain/i18n-text';
import type { FigureUnit } from '$lib/domain/areas';

const tag = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

export function formatNumber(value: number, locale: Locale, digits = 0): string {
	return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function formatEuros(value: number, locale: Locale): string {
	return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
}

/** A need index (0..1) with two decimals: finer differences are not meaningful on screen. */
export function formatIndex(value: number, locale: Locale): string {
	return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);
}

/** A share 0..1 as a percentage. */
export function formatShare(value: number, locale: Locale): string {
	return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatFigure(value: number, unit: FigureUnit | 'percent' | 'count', locale: Locale): string {
	switch (unit) {
		case 'percent':
			return `${formatNumber(value, locale, 1)}%`;
		case 'eur_thousand':
			// The figure is in thousands of euros (CBS publishes WOZ values that way).
			return formatEuros(Math.round(value * 1000), locale);
		case 'km':
			return `${formatNumber(value, locale, 1)} km`;
		default:
			return formatNumber(value, locale, 0);
	}
}

export function formatDateTime(ms: number, locale: Locale): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(ms);
}
