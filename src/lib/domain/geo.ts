/**
 * Plane-and-sphere geometry for a city-sized area. Pure: no I/O, no dependencies.
 * All positions use GeoJSON order: [longitude, latitude] in WGS84 degrees.
 */

export type Position = readonly [lon: number, lat: number];
/** A closed ring: first and last position are equal. */
export type LinearRing = readonly Position[];
/** Outer ring first, then holes. */
export type PolygonRings = readonly LinearRing[];

export interface PolygonGeometry {
	type: 'Polygon';
	coordinates: PolygonRings;
}

export interface MultiPolygonGeometry {
	type: 'MultiPolygon';
	coordinates: readonly PolygonRings[];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minLon, minLat, maxLon, maxLat], the GeoJSON bbox order. */
export type BBox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface LocalizedText {
	nl: string;
	en: string;
}

/** Mean earth radius (IUGG); the error against the ellipsoid is well under 0.5% at this latitude. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

export function haversineMeters(a: Position, b: Position): number {
	const [lonA, latA] = a;
	const [lonB, latB] = b;
	const dLat = toRadians(latB - latA);
	const dLon = toRadians(lonB - lonA);
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(latA)) * Math.cos(toRadians(latB)) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

function polygonsOf(geometry: AreaGeometry): readonly PolygonRings[] {
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Even-odd ray casting; a point exactly on an edge may fall either way, which is fine at ~100 m data precision. */
function ringContains(ring: LinearRing, [x, y]: Position): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		const crossesRay = yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi;
		if (crossesRay) inside = !inside;
	}
	return inside;
}

function polygonContains(rings: PolygonRings, point: Position): boolean {
	const [outer, ...holes] = rings;
	if (!outer || !ringContains(outer, point)) return false;
	return !holes.some((hole) => ringContains(hole, point));
}

export function pointInPolygon(point: Position, geometry: AreaGeometry): boolean {
	return polygonsOf(geometry).some((rings) => polygonContains(rings, point));
}

export function bbox(geometryOrPositions: AreaGeometry | readonly Position[]): BBox {
	const positions: readonly Position[] = Array.isArray(geometryOrPositions)
		? (geometryOrPositions as readonly Position[])
		: polygonsOf(geometryOrPositions as AreaGeometry).flatMap((rings) => rings.flat());
	if (positions.length === 0) throw new RangeError('bbox needs at least one position');
	let minLon = Infinity;
	let minLat = Infinity;
	let maxLon = -Infinity;
	let maxLat = -Infinity;
	for (const [lon, lat] of positions) {
		minLon = Math.min(minLon, lon);
		minLat = Math.min(minLat, lat);
		maxLon = Math.max(maxLon, lon);
		maxLat = Math.max(maxLat, lat);
	}
	return [minLon, minLat, maxLon, maxLat];
}

/**
 * Signed area and first moments of a ring (shoelace formula), relative to `origin`: with raw
 * degrees around (5.7, 50.8) the large cross products cancel and the centroid drifts by ~1e-9°.
 */
function ringMoments(ring: LinearRing, [ox, oy]: Position): { area: number; cx: number; cy: number } {
	let twiceArea = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const x0 = ring[j][0] - ox;
		const y0 = ring[j][1] - oy;
		const x1 = ring[i][0] - ox;
		const y1 = ring[i][1] - oy;
		const cross = x0 * y1 - x1 * y0;
		twiceArea += cross;
		cx += (x0 + x1) * cross;
		cy += (y0 + y1) * cross;
	}
	return { area: twiceArea / 2, cx: cx / 6, cy: cy / 6 };
}

/**
 * Area-weighted centroid, holes subtracted. Computed directly on degrees: the centroid is
 * preserved by affine maps, and over a city an equirectangular projection is one, so the
 * result equals the projected centroid. It can lie outside a concave or multi-part area.
 */
export function polygonCentroid(geometry: AreaGeometry): Position {
	const vertices = polygonsOf(geometry).flatMap((rings) => rings.flat());
	if (vertices.length === 0) throw new RangeError('polygonCentroid needs at least one position');
	const origin = vertices[0];
	let totalArea = 0;
	let momentX = 0;
	let momentY = 0;
	for (const rings of polygonsOf(geometry)) {
		rings.forEach((ring, index) => {
			const { area, cx, cy } = ringMoments(ring, origin);
			// Ring orientation varies between sources; the outer ring adds, holes subtract.
			const sign = (index === 0 ? 1 : -1) * Math.sign(area);
			totalArea += sign * area;
			momentX += sign * cx;
			momentY += sign * cy;
		});
	}
	if (totalArea !== 0) return [origin[0] + momentX / totalArea, origin[1] + momentY / totalArea];
	// Degenerate (zero-area) input: the mean of the vertices is the most useful fallback.
	const sum = vertices.reduce<[number, number]>((acc, [lon, lat]) => [acc[0] + lon, acc[1] + lat], [0, 0]);
	return [sum[0] / vertices.length, sum[1] / vertices.length];
}

/**
 * Local equirectangular projection around `origin`, in meters. Over a few kilometres the
 * distortion is far below the ~100 m precision of the generalised buurt borders.
 */
function projectAround(origin: Position): (p: Position) => [number, number] {
	const metersPerDegreeLat = toRadians(1) * EARTH_RADIUS_METERS;
	const metersPerDegreeLon = metersPerDegreeLat * Math.cos(toRadians(origin[1]));
	return ([lon, lat]) => [(lon - origin[0]) * metersPerDegreeLon, (lat - origin[1]) * metersPerDegreeLat];
}

/** Distance from the origin (0,0) to segment ab in the projected plane. */
function originToSegment([ax, ay]: [number, number], [bx, by]: [number, number]): number {
	const dx = bx - ax;
	const dy = by - ay;
	const lengthSquared = dx * dx + dy * dy;
	const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
	return Math.hypot(ax + t * dx, ay + t * dy);
}

/** 0 inside the area; otherwise the straight-line distance to the nearest edge (holes included). */
export function distanceToAreaMeters(point: Position, geometry: AreaGeometry): number {
	if (pointInPolygon(point, geometry)) return 0;
	const project = projectAround(point);
	let nearest = Infinity;
	for (const rings of polygonsOf(geometry)) {
		for (const ring of rings) {
			for (let i = 1; i < ring.length; i++) {
				nearest = Math.min(nearest, originToSegment(project(ring[i - 1]), project(ring[i])));
			}
		}
	}
	return nearest;
}

// ---------------------------------------------------------------------------------------------
// Reachability of facilities, one input of the weighing (afwegingskader, seed 000 §7).

/** Shown next to every reachability result, so nobody reads it as walking time. B1 Dutch. */
export const REACHABILITY_METHOD: LocalizedText = {
	nl:
		'We meten de afstand in een rechte lijn (hemelsbreed). ' +
		'We meten van de voorziening tot de rand van de buurt. ' +
		'Ligt de voorziening in de buurt, dan is de afstand 0. ' +
		'We rekenen met de hele buurt, niet alleen met de plekken waar mensen wonen. ' +
		'De grenzen van de buurten zijn niet precies. ' +
		'Lopen of fietsen is meestal verder dan de afstand in een rechte lijn.',
	en:
		'Straight-line distance ("as the crow flies") from the facility to the edge of the buurt; ' +
		'0 when the facility lies inside the buurt. The whole buurt stands in for where people live, ' +
		'and the buurt borders are approximate. Walking or cycling distance is usually longer.'
};

export const DEFAULT_REACHABILITY_RADII_METERS: readonly number[] = [500, 1000];

export interface ReachabilityArea {
	code: string;
	name: string;
	geometry: AreaGeometry;
}

export interface ReachabilityFacility {
	id: string;
	name: string | null;
	category: string;
	lat: number;
	lon: number;
}

export interface NearestFacility {
	facilityId: string;
	facilityName: string | null;
	distanceMeters: number;
}

export interface BuurtReachability {
	buurtCode: string;
	buurtName: string;
	/** null when no facility of the category exists at all. */
	nearest: NearestFacility | null;
	/** One entry per radius, ascending. */
	withinRadius: { radiusMeters: number; facilityCount: number }[];
}

export interface ReachabilityResult {
	category: string;
	method: LocalizedText;
	radiiMeters: number[];
	/** Same order as the input buurten. */
	buurten: BuurtReachability[];
	/** Per radius (ascending): the buurten with no facility of the category that close. */
	withoutFacility: { radiusMeters: number; buurtCodes: string[] }[];
}

export interface ReachabilityInput {
	buurten: readonly ReachabilityArea[];
	facilities: readonly ReachabilityFacility[];
	category: string;
	radiiMeters?: readonly number[];
}

export function reachability({
	buurten,
	facilities,
	category,
	radiiMeters = DEFAULT_REACHABILITY_RADII_METERS
}: ReachabilityInput): ReachabilityResult {
	if (radiiMeters.length === 0 || radiiMeters.some((r) => !Number.isFinite(r) || r <= 0)) {
		throw new RangeError(`radiiMeters must be positive finite numbers, got [${radiiMeters.join(', ')}]`);
	}
	const radii = [...new Set(radiiMeters)].sort((a, b) => a - b);
	const candidates = facilities.filter((f) => f.category === category);

	const perBuurt = buurten.map((buurt): BuurtReachability => {
		let nearest: NearestFacility | null = null;
		const counts = radii.map(() => 0);
		for (const facility of candidates) {
			const distanceMeters = distanceToAreaMeters([facility.lon, facility.lat], buurt.geometry);
			if (nearest === null || distanceMeters < nearest.distanceMeters) {
				nearest = { facilityId: facility.id, facilityName: facility.name, distanceMeters };
			}
			radii.forEach((radius, index) => {
				if (distanceMeters <= radius) counts[index]++;
			});
		}
		return {
			buurtCode: buurt.code,
			buurtName: buurt.name,
			nearest,
			withinRadius: radii.map((radiusMeters, index) => ({ radiusMeters, facilityCount: counts[index] }))
		};
	});

	return {
		category,
		method: REACHABILITY_METHOD,
		radiiMeters: radii,
		buurten: perBuurt,
		withoutFacility: radii.map((radiusMeters, index) => ({
			radiusMeters,
			buurtCodes: perBuurt.filter((b) => b.withinRadius[index].facilityCount === 0).map((b) => b.buurtCode)
		}))
	};
}
