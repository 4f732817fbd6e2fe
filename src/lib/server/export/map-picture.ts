/**
 * The static map of an export: an SVG of the stadsdeel's buurten and facility points, turned into a
 * PNG by resvg for DOCX and PDF. The SVG has no text on purpose: resvg loads no system fonts, and a
 * picture's words are not read out anyway. The legend is written as text next to the picture. The
 * symbols and colours are the live map's (domain/map-symbols.ts).
 */
import { Resvg } from '@resvg/resvg-js';
import type { FacilityCategory } from '../../domain/areas.ts';
import type { Locale } from '../../domain/i18n-text.ts';
import { MAP_BACKGROUNDS, MAP_SYMBOLS, symbolName, type SymbolShape } from '../../domain/map-symbols.ts';
import type { ExportMap } from './agenda-export-model.ts';
import { textPaths } from './fonts.ts';

/** One line per legend entry, e.g. "blauwe cirkel: Gemeenschapshuis of buurthuis (3)". */
export function legendLines(map: ExportMap, locale: Locale): { category: FacilityCategory; colour: string; text: string }[] {
	return map.legend.map((entry) => ({
		category: entry.category,
		colour: MAP_SYMBOLS[entry.category].colour,
		text: `${symbolName(entry.category, locale)}: ${entry.label} (${entry.count})`
	}));
}

export const MAP_MAX_WIDTH = 800;
export const MAP_MAX_HEIGHT = 900;
const PADDING = 24;

export interface MapArea {
	/** SVG path data in picture coordinates (also understood by PDFKit's `path`). */
	d: string;
	fill: string | null;
	stroke: string;
	strokeWidth: number;
}

export interface PlacedSymbol {
	shape: SymbolShape;
	x: number;
	y: number;
	colour: string;
}

/** Radius of a symbol in picture coordinates. */
export const SYMBOL_RADIUS = 7;

export interface MapLabel {
	text: string;
	/** Centre of the text, picture coordinates. */
	x: number;
	y: number;
	size: number;
}

export interface MapLayout {
	width: number;
	height: number;
	areas: MapArea[];
	symbols: PlacedSymbol[];
	/** Buurt names at their middle, and each point's number beside it. */
	labels: MapLabel[];
}

/** Middle of the largest ring of a buurt: where its name goes. */
function ringMiddle(polygons: number[][][][], project: (lon: number, lat: number) => [number, number]): [number, number] | null {
	let best: number[][] | null = null;
	for (const rings of polygons) if (rings[0] && (!best || rings[0].length > best.length)) best = rings[0];
	if (!best || best.length === 0) return null;
	const xs = best.map(([lon, lat]) => project(lon, lat));
	const [minX, maxX] = [Math.min(...xs.map((p) => p[0])), Math.max(...xs.map((p) => p[0]))];
	const [minY, maxY] = [Math.min(...xs.map((p) => p[1])), Math.max(...xs.map((p) => p[1]))];
	return [(minX + maxX) / 2, (minY + maxY) / 2];
}

type Box = [number, number, number, number];

function boxOf(polygons: number[][][][]): Box | null {
	const positions = polygons.flat(2);
	if (positions.length === 0) return null;
	return [
		Math.min(...positions.map((p) => p[0])),
		Math.min(...positions.map((p) => p[1])),
		Math.max(...positions.map((p) => p[0])),
		Math.max(...positions.map((p) => p[1]))
	];
}

function union(boxes: Box[]): Box {
	return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

function inside(box: Box, lon: number, lat: number): boolean {
	return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
}

/**
 * A buurt that lies apart from the rest (Boschpoort in Zuid): farther from the others’ box than
 * 15 % of that box’s size. Framing the whole stadsdeel would leave the picture mostly empty, so
 * such a buurt is drawn in an inset instead. At most one, and only when at least two others remain.
 */
function detachedBuurt(map: ExportMap): { code: string; box: Box } | null {
	if (map.buurten.length < 3) return null;
	const boxes = map.buurten.map((b) => ({ code: b.code, box: boxOf(b.polygons) })).filter((b): b is { code: string; box: Box } => b.box !== null);
	for (const candidate of boxes) {
		const rest = union(boxes.filter((b) => b.code !== candidate.code).map((b) => b.box));
		const size = Math.max(rest[2] - rest[0], rest[3] - rest[1]);
		const gapX = Math.max(0, candidate.box[0] - rest[2], rest[0] - candidate.box[2]);
		const gapY = Math.max(0, candidate.box[1] - rest[3], rest[1] - candidate.box[3]);
		if (Math.max(gapX, gapY) > size * 0.15) return candidate;
	}
	return null;
}

interface Projection {
	project: (lon: number, lat: number) => [number, number];
	scale: number;
}

function projection(box: Box, x0: number, y0: number, maxWidth: number, maxHeight: number): Projection & { width: number; height: number } {
	const [minLon, minLat, maxLon, maxLat] = box;
	// Equirectangular around the middle: over a few km the distortion is far below what a picture shows.
	const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
	const spanX = Math.max((maxLon - minLon) * xScale, 1e-6);
	const spanY = Math.max(maxLat - minLat, 1e-6);
	const scale = Math.min(maxWidth / spanX, maxHeight / spanY);
	return {
		project: (lon, lat) => [x0 + (lon - minLon) * xScale * scale, y0 + (maxLat - lat) * scale],
		scale,
		width: spanX * scale,
		height: spanY * scale
	};
}

/**
 * The map projected onto a picture at most MAP_MAX_WIDTH × MAP_MAX_HEIGHT, framed to the stadsdeel;
 * a detached buurt goes into a framed inset to the left of it, labelled like the others.
 */
export function layoutMap(map: ExportMap): MapLayout {
	const detached = detachedBuurt(map);
	const mainBuurten = map.buurten.filter((b) => b.code !== detached?.code);
	const mainBoxes = mainBuurten.map((b) => boxOf(b.polygons)).filter((b): b is Box => b !== null);
	const mainBox: Box = mainBoxes.length > 0 ? union(mainBoxes) : (map.bbox as Box);
	// The inset gets a column of its own on the left, so it never covers the map.
	const insetSize = detached ? Math.round(MAP_MAX_WIDTH * 0.26) : 0;
	const mainLeft = detached ? PADDING + insetSize + PADDING : PADDING;
	const main = projection(mainBox, mainLeft, PADDING, MAP_MAX_WIDTH - mainLeft - PADDING, MAP_MAX_HEIGHT - 2 * PADDING);
	const width = Math.round(mainLeft + main.width + PADDING);
	const height = Math.round(Math.max(main.height, insetSize) + 2 * PADDING);
	const inset = detached ? projection(detached.box, PADDING + 8, PADDING + 8, insetSize - 16, insetSize - 16) : null;
	/** Which projection a place is drawn with: the inset's when it lies in the detached buurt's box. */
	const at = (lon: number, lat: number): [number, number] => (inset && detached && inside(detached.box, lon, lat) ? inset.project(lon, lat) : main.project(lon, lat));
	const path = (polygons: number[][][][], project: (lon: number, lat: number) => [number, number]) =>
		polygons
			.flatMap((rings) => rings.map((ring) => 'M' + ring.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(',')).join('L') + 'Z'))
			.join('');
	const areas: MapArea[] = [];
	if (inset && detached) {
		// The inset's frame: white, with a thin dark border, drawn under its buurt.
		const x = PADDING;
		const y = PADDING;
		areas.push({ d: `M${x},${y}L${x + insetSize},${y}L${x + insetSize},${y + insetSize}L${x},${y + insetSize}Z`, fill: MAP_BACKGROUNDS.white, stroke: '#39414a', strokeWidth: 1.5 });
	}
	for (const buurt of map.buurten) {
		const project = buurt.code === detached?.code && inset ? inset.project : main.project;
		areas.push({ d: path(buurt.polygons, project), fill: MAP_BACKGROUNDS.exportArea, stroke: MAP_BACKGROUNDS.white, strokeWidth: 2 });
	}
	if (map.outline.length > 0) {
		// Each outline polygon with the projection of where it lies.
		for (const polygon of map.outline) {
			const box = boxOf([polygon]);
			const inInset = inset && detached && box && inside(detached.box, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
			areas.push({ d: path([polygon], inInset ? inset!.project : main.project), fill: null, stroke: '#39414a', strokeWidth: 2.5 });
		}
	}
	const symbols = map.points.map((point) => {
		const [x, y] = at(point.lon, point.lat);
		const { shape, colour } = MAP_SYMBOLS[point.category];
		return { shape, x, y, colour };
	});
	const labels: MapLabel[] = [];
	for (const buurt of map.buurten) {
		const project = buurt.code === detached?.code && inset ? inset.project : main.project;
		const middle = ringMiddle(buurt.polygons, project);
		if (middle) labels.push({ text: buurt.name, x: middle[0], y: middle[1], size: 13 });
	}
	map.points.forEach((point, i) => {
		const symbol = symbols[i];
		labels.push({ text: String(point.number), x: symbol.x + SYMBOL_RADIUS + 8, y: symbol.y, size: 11 });
	});
	return { width, height, areas, symbols, labels };
}

/** Corner points of a triangle or diamond symbol; circles and squares have none. */
export function symbolPoints({ shape, x, y }: PlacedSymbol): [number, number][] {
	const r = SYMBOL_RADIUS;
	if (shape === 'triangle') return [[x, y - r - 1], [x + r + 1, y + r], [x - r - 1, y + r]];
	if (shape === 'diamond') return [[x, y - r - 2], [x + r + 2, y], [x, y + r + 2], [x - r - 2, y]];
	return [];
}

function svgSymbol(symbol: PlacedSymbol): string {
	const r = SYMBOL_RADIUS;
	const { x, y } = symbol;
	const common = `fill="${symbol.colour}" stroke="#ffffff" stroke-width="2"`;
	switch (symbol.shape) {
		case 'circle':
			return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" ${common}/>`;
		case 'square':
			return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" ${common}/>`;
		default:
			return `<polygon points="${symbolPoints(symbol).map((p) => p.map((v) => v.toFixed(1)).join(',')).join(' ')}" ${common}/>`;
	}
}

/** A label as SVG paths of the export's font: resvg then needs no fonts of its own. */
function svgLabel(label: MapLabel): string {
	const { paths, width } = textPaths(label.text, label.size);
	const x = label.x - width / 2;
	const y = label.y + label.size * 0.35;
	// A white halo keeps the label readable over the grey areas and the symbols.
	// Glyph paths are scaled down by size/1000 (Noto's units per em), and their stroke with them.
	const halo = ((3 * 1000) / label.size).toFixed(0);
	return `<g transform="translate(${x.toFixed(1)},${y.toFixed(1)})"><g fill="#ffffff" stroke="#ffffff" stroke-width="${halo}" stroke-linejoin="round">${paths}</g><g fill="#1a1a1a">${paths}</g></g>`;
}

export function renderMapSvg(map: ExportMap): { svg: string; width: number; height: number } {
	const { width, height, areas, symbols, labels } = layoutMap(map);
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		`<rect width="100%" height="100%" fill="${MAP_BACKGROUNDS.white}"/>`,
		...areas.map(
			(area) => `<path d="${area.d}" fill="${area.fill ?? 'none'}" stroke="${area.stroke}" stroke-width="${area.strokeWidth}" fill-rule="evenodd"/>`
		),
		...symbols.map(svgSymbol),
		...labels.map(svgLabel),
		'</svg>'
	];
	return { svg: parts.join(''), width, height };
}

/** PNG bytes of the map at twice the SVG's size (sharp when printed); width and height are the SVG's. */
/** The last few pictures: the map of a stadsdeel rarely changes between two exports. */
const pngCache = new Map<string, { png: Uint8Array; width: number; height: number }>();

export function renderMapPng(map: ExportMap): { png: Uint8Array; width: number; height: number } {
	const { svg, width, height } = renderMapSvg(map);
	const cached = pngCache.get(svg);
	if (cached) return cached;
	const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: false } });
	const picture = { png: new Uint8Array(resvg.render().asPng()), width, height };
	if (pngCache.size >= 4) pngCache.delete(pngCache.keys().next().value!);
	pngCache.set(svg, picture);
	return picture;
}
