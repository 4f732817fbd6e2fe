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
import { textPaths, textWidth } from './fonts.ts';

/** One line per legend entry, e.g. "blauwe cirkel: Gemeenschapshuis of buurthuis (3)". */
export function legendLines(map: ExportMap, locale: Locale): { category: FacilityCategory; colour: string; text: string }[] {
	return map.legend.map((entry) => ({
		category: entry.category,
		colour: MAP_SYMBOLS[entry.category].colour,
		text: `${symbolName(entry.category, locale)}: ${entry.label} (${entry.count})`
	}));
}

/**
 * Whether a point is drawn: only one in a buurt of the map. The map is framed to the stadsdeel's
 * buurten, so a place in none of them has no true spot on it (one in Centrum was drawn above the
 * picture, over the heading); the document names such places under the map instead.
 */
export function isOnMap(map: Pick<ExportMap, 'buurten'>, point: { buurtName: string | null }): boolean {
	return point.buurtName !== null && map.buurten.some((b) => b.name === point.buurtName);
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

function insideRing(ring: readonly [number, number][], x: number, y: number): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function distanceToRing(ring: readonly [number, number][], x: number, y: number): number {
	let best = Infinity;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [ax, ay] = ring[j];
		const [bx, by] = ring[i];
		const length = (bx - ax) ** 2 + (by - ay) ** 2;
		const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length));
		best = Math.min(best, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))));
	}
	return best;
}

/**
 * Where a buurt's name goes: inside its largest ring, with the whole name inside, clear of the
 * symbols, and as far from the edges and the symbols as possible. (The middle of the ring's box can
 * lie in the next buurt when a buurt is a long, bent strip, and then the name names the wrong area.)
 */
function namePlace(polygons: number[][][][], project: (lon: number, lat: number) => [number, number], labelWidth: number, labelHeight: number, symbols: readonly [number, number][]): [number, number] | null {
	let best: number[][] | null = null;
	for (const rings of polygons) if (rings[0] && (!best || rings[0].length > best.length)) best = rings[0];
	if (!best || best.length === 0) return null;
	const ring = best.map(([lon, lat]) => project(lon, lat));
	const [minX, maxX] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
	const [minY, maxY] = [Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[1]))];
	const step = Math.max(4, Math.min(maxX - minX, maxY - minY) / 24);
	let chosen: { x: number; y: number; score: number } | null = null;
	for (let x = minX + step / 2; x < maxX; x += step) {
		for (let y = minY + step / 2; y < maxY; y += step) {
			if (!insideRing(ring, x, y)) continue;
			const [w, h] = [labelWidth / 2, labelHeight / 2];
			const corners: [number, number][] = [[x - w, y - h], [x + w, y - h], [x - w, y + h], [x + w, y + h], [x - w, y], [x + w, y]];
			const fits = corners.every(([cx, cy]) => insideRing(ring, cx, cy));
			// How far the name's box stays from the nearest symbol (negative: it covers one).
			const clearance = Math.min(Infinity, ...symbols.map(([sx, sy]) => Math.max(Math.abs(sx - x) - w, Math.abs(sy - y) - h) - SYMBOL_RADIUS));
			const score = (fits ? 1000 : 0) + Math.min(distanceToRing(ring, x, y), clearance);
			if (!chosen || score > chosen.score) chosen = { x, y, score };
		}
	}
	return chosen ? [chosen.x, chosen.y] : [(minX + maxX) / 2, (minY + maxY) / 2];
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
	const drawn = map.points.filter((point) => isOnMap(map, point));
	const places = drawn.map((point) => at(point.lon, point.lat));
	const spread = spreadApart(places);
	const symbols = drawn.map((point, i) => {
		const [x, y] = spread[i];
		const { shape, colour } = MAP_SYMBOLS[point.category];
		return { shape, x, y, colour };
	});
	// A symbol moved off its place keeps a thin line to where the place really is.
	spread.forEach(([x, y], i) => {
		const [px, py] = places[i];
		if (Math.hypot(x - px, y - py) > 0.5) areas.push({ d: `M${px.toFixed(1)},${py.toFixed(1)}L${x.toFixed(1)},${y.toFixed(1)}`, fill: null, stroke: '#39414a', strokeWidth: 1.2 });
	});
	const labels: MapLabel[] = [];
	for (const buurt of map.buurten) {
		const project = buurt.code === detached?.code && inset ? inset.project : main.project;
		const middle = namePlace(buurt.polygons, project, textWidth(buurt.name, NAME_SIZE, 'bold') + 6, NAME_SIZE + 4, spread);
		if (middle) labels.push({ text: buurt.name, x: middle[0], y: middle[1], size: NAME_SIZE });
	}
	labels.push(...numberLabels(drawn.map((point) => String(point.number)), symbols, labels, width, height));
	return { width, height, areas, symbols, labels };
}

/** Closer than this (centre to centre) two symbols would touch. */
const SYMBOL_SPACING = 2 * SYMBOL_RADIUS + 6;

/**
 * Symbols that would overlap (places a few dozen metres apart, like a school and a childcare in one
 * building) are set around their common middle, far enough apart to tell them apart and to number
 * each. Groups are found by single linkage and spread until no two symbols touch.
 */
export function spreadApart(places: readonly [number, number][]): [number, number][] {
	const out = places.map(([x, y]) => [x, y] as [number, number]);
	for (let round = 0; round < 8; round++) {
		const group = out.map((_, i) => i);
		const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i])));
		let touching = false;
		for (let i = 0; i < out.length; i++) {
			for (let j = i + 1; j < out.length; j++) {
				if (Math.hypot(out[i][0] - out[j][0], out[i][1] - out[j][1]) < SYMBOL_SPACING) {
					group[find(i)] = find(j);
					touching = true;
				}
			}
		}
		if (!touching) break;
		const members = new Map<number, number[]>();
		out.forEach((_, i) => members.set(find(i), [...(members.get(find(i)) ?? []), i]));
		for (const ids of members.values()) {
			if (ids.length < 2) continue;
			const cx = ids.reduce((sum, i) => sum + out[i][0], 0) / ids.length;
			const cy = ids.reduce((sum, i) => sum + out[i][1], 0) / ids.length;
			// On a ring whose neighbours are SYMBOL_SPACING apart (+ a margin), in the order of their angle round the middle.
			const radius = (SYMBOL_SPACING + 4) / (2 * Math.sin(Math.PI / Math.max(ids.length, 2)));
			const ordered = [...ids].sort((a, b) => Math.atan2(out[a][1] - cy, out[a][0] - cx) - Math.atan2(out[b][1] - cy, out[b][0] - cx));
			const start = ids.length === 2 ? Math.atan2(out[ordered[1]][1] - out[ordered[0]][1], out[ordered[1]][0] - out[ordered[0]][0]) + Math.PI : -Math.PI / 2;
			ordered.forEach((i, k) => {
				const angle = start + (2 * Math.PI * k) / ids.length;
				out[i] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
			});
		}
	}
	return out;
}

type Rect = [number, number, number, number];
const overlapArea = (a: Rect, b: Rect) => Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
const NUMBER_SIZE = 11;
const NAME_SIZE = 13;

/**
 * Each point's number beside its symbol: to the right if that is free, else at the first free one
 * of seven other places around it, else where it covers least. Free means clear of every symbol,
 * every label placed before it and the picture's edge.
 */
function numberLabels(texts: string[], symbols: PlacedSymbol[], existing: MapLabel[], width: number, height: number): MapLabel[] {
	const r = SYMBOL_RADIUS + 2;
	const taken: Rect[] = [
		...symbols.map((s): Rect => [s.x - r, s.y - r, s.x + r, s.y + r]),
		...existing.map((l): Rect => {
			const w = textWidth(l.text, l.size, 'bold');
			return [l.x - w / 2, l.y - l.size / 2, l.x + w / 2, l.y + l.size / 2];
		})
	];
	return texts.map((text, i) => {
		const s = symbols[i];
		const w = textWidth(text, NUMBER_SIZE, 'bold') + 4;
		const h = NUMBER_SIZE + 2;
		const gap = SYMBOL_RADIUS + 3;
		const candidates: [number, number][] = [
			[gap + w / 2, 0],
			[-gap - w / 2, 0],
			[0, -gap - h / 2],
			[0, gap + h / 2],
			[gap + w / 2, -gap],
			[-gap - w / 2, -gap],
			[gap + w / 2, gap],
			[-gap - w / 2, gap]
		];
		let best: { x: number; y: number; cost: number } | null = null;
		for (const [dx, dy] of candidates) {
			const x = s.x + dx;
			const y = s.y + dy;
			const rect: Rect = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
			const outside = rect[0] < 0 || rect[1] < 0 || rect[2] > width || rect[3] > height ? 1e6 : 0;
			const cost = outside + taken.reduce((sum, other) => sum + overlapArea(rect, other), 0);
			if (!best || cost < best.cost) best = { x, y, cost };
			if (cost === 0) break;
		}
		taken.push([best!.x - w / 2, best!.y - h / 2, best!.x + w / 2, best!.y + h / 2]);
		return { text, x: best!.x, y: best!.y, size: NUMBER_SIZE };
	});
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
