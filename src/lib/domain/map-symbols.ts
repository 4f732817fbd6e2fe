/**
 * How each facility category (and each element of the social basis, which has the same categories)
 * looks on every map: the live Leaflet map with its legend and list, and the static map picture of
 * an export. One table, so the picture in the stadsdeelprogramma matches what people saw on screen.
 * The category's name comes from FACILITY_CATEGORIES (areas.ts), keyed by the same category id.
 *
 * Colours: darkened Okabe–Ito hues, each at least 3:1 against white (the symbols' outline) and
 * against every map background below — WCAG 2.1 AA non-text contrast (1.4.11). Shape and colour
 * together tell the twelve categories apart, and the legend and list always name them in words.
 * Within one shape no two colours fall together for red–green colour blindness (checked with the
 * Machado 2009 simulation); blue and green do for the rare tritanopia, on squares and triangles.
 */
import type { FacilityCategory } from './areas.ts';
import type { Locale } from './i18n-text.ts';

export const SYMBOL_SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
export type SymbolShape = (typeof SYMBOL_SHAPES)[number];

/** Dutch adjectives take -e before a de-word ("blauwe cirkel") and none before a het-word ("blauw vierkant"). */
export const SYMBOL_COLOURS = {
	blue: { hex: '#0072B2', nl: { de: 'blauwe', het: 'blauw' }, en: 'blue' },
	red: { hex: '#C44100', nl: { de: 'rode', het: 'rood' }, en: 'red' },
	orange: { hex: '#A86400', nl: { de: 'oranje', het: 'oranje' }, en: 'orange' },
	green: { hex: '#007A5A', nl: { de: 'groene', het: 'groen' }, en: 'green' },
	purple: { hex: '#A0527F', nl: { de: 'paarse', het: 'paars' }, en: 'purple' },
	black: { hex: '#1A1A1A', nl: { de: 'zwarte', het: 'zwart' }, en: 'black' },
	grey: { hex: '#5F5F5F', nl: { de: 'grijze', het: 'grijs' }, en: 'grey' }
} as const;
export type SymbolColourId = keyof typeof SYMBOL_COLOURS;

const SHAPE_NAMES: Record<SymbolShape, { nl: string; het: boolean; en: string }> = {
	circle: { nl: 'cirkel', het: false, en: 'circle' },
	square: { nl: 'vierkant', het: true, en: 'square' },
	triangle: { nl: 'driehoek', het: false, en: 'triangle' },
	diamond: { nl: 'ruit', het: false, en: 'diamond' }
};

/**
 * What a symbol is drawn on. Pins have a white edge, but triangles have none and stand on the map
 * itself: the live map's canvas (its buurten are lighter still, white at 55 %) and the export
 * picture's buurt fill.
 */
export const MAP_BACKGROUNDS = {
	white: '#ffffff',
	liveMap: '#e9ecef',
	exportArea: '#dfe3e8'
} as const;

export interface MapSymbol {
	colourId: SymbolColourId;
	/** The fill, as a CSS/SVG hex colour. */
	colour: string;
	shape: SymbolShape;
}

function symbol(colourId: SymbolColourId, shape: SymbolShape): MapSymbol {
	return { colourId, colour: SYMBOL_COLOURS[colourId].hex, shape };
}

export const MAP_SYMBOLS: Record<FacilityCategory, MapSymbol> = {
	community_centre: symbol('blue', 'circle'),
	care_social: symbol('red', 'circle'),
	culture: symbol('purple', 'circle'),
	meeting_place: symbol('blue', 'square'),
	education: symbol('orange', 'square'),
	library: symbol('green', 'square'),
	childcare: symbol('blue', 'triangle'),
	sport: symbol('orange', 'triangle'),
	health: symbol('green', 'triangle'),
	municipal: symbol('blue', 'diamond'),
	worship: symbol('black', 'diamond'),
	other: symbol('grey', 'diamond')
};

/** The neutral symbol the map's legend uses to show an element's status (in the inventory, proposed, accepted). */
export const STATUS_KEY_SYMBOL: MapSymbol = symbol('blue', 'circle');

/** The symbol in words, for a legend beside a picture: "blauwe cirkel", "blauw vierkant", "blue circle". */
export function symbolName(category: FacilityCategory, locale: Locale): string {
	const { colourId, shape } = MAP_SYMBOLS[category];
	const colour = SYMBOL_COLOURS[colourId];
	const shapeName = SHAPE_NAMES[shape];
	if (locale === 'en') return `${colour.en} ${shapeName.en}`;
	return `${shapeName.het ? colour.nl.het : colour.nl.de} ${shapeName.nl}`;
}
