/**
 * The key figures of an area for question 1 ("Wat is het karakter van het gebied?"): per buurt of
 * the workshop's stadsdeel, the CBS figures shipped with the app. The server puts them in the page
 * data as `areaFigures` (see `areaFiguresForWorkshop` in $lib/server/agenda-view); the step reads
 * them from there, so the participant's page ships no area data of its own.
 */
import type { FigureUnit, KeyFigure } from '../../domain/areas.ts';
import type { Locale } from '../../domain/i18n-text.ts';

export interface AreaFiguresBuurt {
	code: string;
	name: string;
	/** One of the workshop's focus buurten: shown first. */
	focus: boolean;
	figures: KeyFigure[];
}

export interface AreaFigures {
	stadsdeelName: string;
	buurten: AreaFiguresBuurt[];
}

/** Page data arrives untyped through `page.data`: accept only the shape we render. */
export function isAreaFigures(value: unknown): value is AreaFigures {
	if (typeof value !== 'object' || value === null) return false;
	const { stadsdeelName, buurten } = value as Record<string, unknown>;
	if (typeof stadsdeelName !== 'string' || !Array.isArray(buurten)) return false;
	return buurten.every(
		(buurt) =>
			typeof buurt === 'object' &&
			buurt !== null &&
			typeof buurt.code === 'string' &&
			typeof buurt.name === 'string' &&
			Array.isArray(buurt.figures) &&
			buurt.figures.every(
				(figure: unknown) =>
					typeof figure === 'object' &&
					figure !== null &&
					typeof (figure as KeyFigure).id === 'string' &&
					((figure as KeyFigure).value === null || typeof (figure as KeyFigure).value === 'number')
			)
	);
}

const NUMBER_LOCALE: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * A figure as people read it: "2.410", "12,5%", "€ 312.000", "0,8 km". Null (the source left it
 * out) becomes `unknown` — never 0.
 */
export function formatFigure(value: number | null, unit: FigureUnit, locale: Locale, unknown: string): string {
	if (value === null || !Number.isFinite(value)) return unknown;
	const tag = NUMBER_LOCALE[locale];
	switch (unit) {
		case 'count':
			return new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(value);
		case 'percent':
			return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value)}%`;
		case 'eur_thousand':
			return new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value * 1000);
		case 'km':
			return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value)} km`;
	}
}

/** Focus buurten first, then by name; the order the figures are shown in. */
export function orderBuurten(buurten: readonly AreaFiguresBuurt[]): AreaFiguresBuurt[] {
	return [...buurten].sort((a, b) => Number(b.focus) - Number(a.focus) || a.name.localeCompare(b.name, 'nl'));
}

/**
 * What a table for the wall shows (the projector's figures page, the console's wall variant): few
 * columns, read from 8 m.
 */
export const WALL_FIGURE_IDS: readonly string[] = ['population', 'pct_one_person_households', 'pct_age_15_24', 'pct_rental_dwellings'];

/**
 * The columns of a table of buurten: each figure of `ids` that some buurt has, in that order, as the
 * first buurt that has it describes it (label, unit). A figure no buurt has gets no column.
 */
export function figureColumns(buurten: readonly AreaFiguresBuurt[], ids: readonly string[]): KeyFigure[] {
	const all = buurten.flatMap((buurt) => buurt.figures);
	return ids.map((id) => all.find((figure) => figure.id === id)).filter((figure): figure is KeyFigure => figure !== undefined);
}

/** A buurt's figure in a column, as people read it; `unknown` when the buurt lacks it or the source left it out. */
export function formatBuurtFigure(buurt: AreaFiguresBuurt, figureId: string, locale: Locale, unknown: string): string {
	const figure = buurt.figures.find((f) => f.id === figureId);
	return figure ? formatFigure(figure.value, figure.unit, locale, unknown) : unknown;
}

/**
 * The source lines under a table, once each ("CBS Kerncijfers wijken en buurten 2025 (2025)"):
 * `describe` writes one figure's line; with `ids`, only the figures the table shows count.
 */
export function figureSources(buurten: readonly AreaFiguresBuurt[], describe: (figure: KeyFigure) => string, ids?: readonly string[]): string[] {
	const shown = buurten.flatMap((buurt) => (ids ? buurt.figures.filter((figure) => ids.includes(figure.id)) : buurt.figures));
	return [...new Set(shown.map(describe))];
}
