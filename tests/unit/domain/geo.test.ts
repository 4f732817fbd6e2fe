import { describe, expect, test } from 'vitest';
import {
	bbox,
	distanceToAreaMeters,
	haversineMeters,
	pointInPolygon,
	polygonCentroid,
	reachability,
	REACHABILITY_METHOD,
	type AreaGeometry,
	type Position,
	type ReachabilityFacility
} from '../../../src/lib/domain/geo.ts';

const VRIJTHOF: Position = [5.6887, 50.8489];
const MAASTRICHT_STATION: Position = [5.7054, 50.8496];

/** Axis-aligned square ring, counter-clockwise, closed. */
function square(minLon: number, minLat: number, size: number): Position[] {
	return [
		[minLon, minLat],
		[minLon + size, minLat],
		[minLon + size, minLat + size],
		[minLon, minLat + size],
		[minLon, minLat]
	];
}

const SQUARE: AreaGeometry = { type: 'Polygon', coordinates: [square(5.68, 50.84, 0.02)] };
// A 0.02° square with a 0.01° hole in its middle.
const SQUARE_WITH_HOLE: AreaGeometry = {
	type: 'Polygon',
	coordinates: [square(5.68, 50.84, 0.02), square(5.685, 50.845, 0.01).reverse()]
};

describe('haversineMeters', () => {
	test('Vrijthof to Maastricht station is about 1.2 km', () => {
		const meters = haversineMeters(VRIJTHOF, MAASTRICHT_STATION);
		expect(meters).toBeGreaterThan(1100);
		expect(meters).toBeLessThan(1300);
	});

	test('is symmetric and zero for the same point', () => {
		expect(haversineMeters(MAASTRICHT_STATION, VRIJTHOF)).toBeCloseTo(haversineMeters(VRIJTHOF, MAASTRICHT_STATION), 6);
		expect(haversineMeters(VRIJTHOF, VRIJTHOF)).toBe(0);
	});

	test('one degree of latitude is about 111.2 km', () => {
		expect(haversineMeters([5.7, 50], [5.7, 51])).toBeCloseTo(111_195, -2);
	});

	test('reads positions as [lon, lat]: a degree of longitude is shorter than one of latitude here', () => {
		const lonDegree = haversineMeters([5, 50.85], [6, 50.85]);
		expect(lonDegree).toBeGreaterThan(70_000);
		expect(lonDegree).toBeLessThan(71_000);
	});
});

describe('pointInPolygon', () => {
	test('inside and outside a simple polygon', () => {
		expect(pointInPolygon([5.69, 50.85], SQUARE)).toBe(true);
		expect(pointInPolygon([5.71, 50.85], SQUARE)).toBe(false);
		expect(pointInPolygon([5.69, 50.87], SQUARE)).toBe(false);
	});

	test('a point in the hole is outside; a point in the ring around it is inside', () => {
		expect(pointInPolygon([5.69, 50.85], SQUARE_WITH_HOLE)).toBe(false);
		expect(pointInPolygon([5.682, 50.842], SQUARE_WITH_HOLE)).toBe(true);
	});

	test('ring orientation does not matter', () => {
		const clockwise: AreaGeometry = { type: 'Polygon', coordinates: [square(5.68, 50.84, 0.02).reverse()] };
		expect(pointInPolygon([5.69, 50.85], clockwise)).toBe(true);
	});

	test('a MultiPolygon contains points of each part and none between them', () => {
		const twoParts: AreaGeometry = {
			type: 'MultiPolygon',
			coordinates: [[square(5.68, 50.84, 0.01)], [square(5.72, 50.84, 0.01)]]
		};
		expect(pointInPolygon([5.685, 50.845], twoParts)).toBe(true);
		expect(pointInPolygon([5.725, 50.845], twoParts)).toBe(true);
		expect(pointInPolygon([5.7, 50.845], twoParts)).toBe(false);
	});

	test('a concave polygon: the notch is outside', () => {
		const uShape: AreaGeometry = {
			type: 'Polygon',
			coordinates: [
				[
					[5.68, 50.84],
					[5.71, 50.84],
					[5.71, 50.87],
					[5.7, 50.87],
					[5.7, 50.85],
					[5.69, 50.85],
					[5.69, 50.87],
					[5.68, 50.87],
					[5.68, 50.84]
				]
			]
		};
		expect(pointInPolygon([5.695, 50.86], uShape)).toBe(false);
		expect(pointInPolygon([5.685, 50.86], uShape)).toBe(true);
		expect(pointInPolygon([5.695, 50.845], uShape)).toBe(true);
	});
});

describe('bbox and polygonCentroid', () => {
	test('bbox is [minLon, minLat, maxLon, maxLat]', () => {
		const [minLon, minLat, maxLon, maxLat] = bbox(SQUARE);
		expect(minLon).toBeCloseTo(5.68, 12);
		expect(minLat).toBeCloseTo(50.84, 12);
		expect(maxLon).toBeCloseTo(5.7, 12);
		expect(maxLat).toBeCloseTo(50.86, 12);
		expect(bbox([VRIJTHOF, MAASTRICHT_STATION])).toEqual([5.6887, 50.8489, 5.7054, 50.8496]);
		expect(() => bbox([])).toThrow(RangeError);
	});

	test('centroid of a square is its middle, whatever the orientation', () => {
		const [lon, lat] = polygonCentroid(SQUARE);
		expect(lon).toBeCloseTo(5.69, 9);
		expect(lat).toBeCloseTo(50.85, 9);
		const [lonCw, latCw] = polygonCentroid({ type: 'Polygon', coordinates: [square(5.68, 50.84, 0.02).reverse()] });
		expect(lonCw).toBeCloseTo(5.69, 9);
		expect(latCw).toBeCloseTo(50.85, 9);
	});

	test('a hole pulls the centroid away from it', () => {
		const offCentreHole: AreaGeometry = {
			type: 'Polygon',
			coordinates: [square(0, 0, 4), square(0, 0, 2)]
		};
		// Area 16 − 4 = 12; moment 16·(2,2) − 4·(1,1) = (28, 28); centroid 28/12.
		const [x, y] = polygonCentroid(offCentreHole);
		expect(x).toBeCloseTo(28 / 12, 9);
		expect(y).toBeCloseTo(28 / 12, 9);
	});

	test('a MultiPolygon of two equal parts has its centroid between them', () => {
		const [x, y] = polygonCentroid({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(4, 0, 1)]] });
		expect(x).toBeCloseTo(2.5, 9);
		expect(y).toBeCloseTo(0.5, 9);
	});
});

describe('distanceToAreaMeters', () => {
	test('is 0 inside', () => {
		expect(distanceToAreaMeters([5.69, 50.85], SQUARE)).toBe(0);
	});

	test('outside, it is the distance to the nearest edge, not to a corner or the centre', () => {
		// 0.01° north of the top edge, level with its middle.
		const meters = distanceToAreaMeters([5.69, 50.87], SQUARE);
		expect(meters).toBeGreaterThan(1100);
		expect(meters).toBeLessThan(1125);
		expect(meters).toBeCloseTo(haversineMeters([5.69, 50.87], [5.69, 50.86]), -1);
	});

	test('beyond a corner, it is the distance to that corner', () => {
		const beyondCorner: Position = [5.71, 50.87];
		expect(distanceToAreaMeters(beyondCorner, SQUARE)).toBeCloseTo(haversineMeters(beyondCorner, [5.7, 50.86]), -1);
	});

	test('inside a hole, it is the distance to the edge of the hole', () => {
		// Centre of the hole; the hole is 0.01° wide, so the nearest edge is 0.005° of longitude away.
		const meters = distanceToAreaMeters([5.69, 50.85], SQUARE_WITH_HOLE);
		expect(meters).toBeCloseTo(haversineMeters([5.69, 50.85], [5.685, 50.85]), -1);
	});
});

describe('reachability', () => {
	// Two buurten 0.02° wide, about 1.4 km apart (east–west).
	const west = { code: 'BU09359901', name: 'West-test', geometry: { type: 'Polygon', coordinates: [square(5.66, 50.84, 0.02)] } as AreaGeometry };
	const east = { code: 'BU09359902', name: 'Oost-test', geometry: { type: 'Polygon', coordinates: [square(5.70, 50.84, 0.02)] } as AreaGeometry };
	const facilities: ReachabilityFacility[] = [
		{ id: 'inside-west', name: 'Buurthuis West', category: 'community_centre', lon: 5.67, lat: 50.85 },
		// About 0.006° of longitude (≈ 420 m) west of the west buurt.
		{ id: 'near-west', name: null, category: 'community_centre', lon: 5.654, lat: 50.85 },
		// A library inside the east buurt must not count for community centres.
		{ id: 'library-east', name: 'Bieb', category: 'library', lon: 5.71, lat: 50.85 }
	];

	test('per buurt: nearest facility, its distance, and counts per radius', () => {
		const result = reachability({ buurten: [west, east], facilities, category: 'community_centre', radiiMeters: [1000, 500] });
		expect(result.radiiMeters).toEqual([500, 1000]);
		expect(result.method).toBe(REACHABILITY_METHOD);

		const [westResult, eastResult] = result.buurten;
		expect(westResult.buurtCode).toBe('BU09359901');
		expect(westResult.nearest).toEqual({ facilityId: 'inside-west', facilityName: 'Buurthuis West', distanceMeters: 0 });
		expect(westResult.withinRadius).toEqual([
			{ radiusMeters: 500, facilityCount: 2 },
			{ radiusMeters: 1000, facilityCount: 2 }
		]);

		// From the centre of the west buurt (5.67) to the west edge of the east buurt (5.70): 0.03° ≈ 2.1 km.
		expect(eastResult.nearest?.facilityId).toBe('inside-west');
		expect(eastResult.nearest?.distanceMeters).toBeGreaterThan(2000);
		expect(eastResult.nearest?.distanceMeters).toBeLessThan(2200);
		expect(eastResult.withinRadius.every((r) => r.facilityCount === 0)).toBe(true);

		expect(result.withoutFacility).toEqual([
			{ radiusMeters: 500, buurtCodes: ['BU09359902'] },
			{ radiusMeters: 1000, buurtCodes: ['BU09359902'] }
		]);
	});

	test('a facility just outside a buurt counts within the radius that reaches it', () => {
		const onlyNearWest = facilities.filter((f) => f.id === 'near-west');
		const result = reachability({ buurten: [west], facilities: onlyNearWest, category: 'community_centre', radiiMeters: [300, 500] });
		const distance = result.buurten[0].nearest?.distanceMeters ?? NaN;
		expect(distance).toBeGreaterThan(400);
		expect(distance).toBeLessThan(450);
		expect(result.withoutFacility).toEqual([
			{ radiusMeters: 300, buurtCodes: ['BU09359901'] },
			{ radiusMeters: 500, buurtCodes: [] }
		]);
	});

	test('no facility of the category at all: nearest is null and every buurt is listed', () => {
		const result = reachability({ buurten: [west, east], facilities, category: 'sport' });
		expect(result.radiiMeters).toEqual([500, 1000]);
		expect(result.buurten.map((b) => b.nearest)).toEqual([null, null]);
		expect(result.withoutFacility.at(-1)).toEqual({ radiusMeters: 1000, buurtCodes: ['BU09359901', 'BU09359902'] });
	});

	test('rejects radii that are not positive numbers', () => {
		expect(() => reachability({ buurten: [west], facilities, category: 'library', radiiMeters: [] })).toThrow(RangeError);
		expect(() => reachability({ buurten: [west], facilities, category: 'library', radiiMeters: [0] })).toThrow(RangeError);
		expect(() => reachability({ buurten: [west], facilities, category: 'library', radiiMeters: [Number.NaN] })).toThrow(RangeError);
	});

	test('the method text is plain and says it is straight-line distance', () => {
		expect(REACHABILITY_METHOD.nl).toMatch(/rechte lijn/);
		expect(REACHABILITY_METHOD.en).toMatch(/straight-line/i);
		for (const sentence of REACHABILITY_METHOD.nl.split('. ')) {
			// B1: short sentences.
			expect(sentence.split(' ').length).toBeLessThanOrEqual(15);
		}
	});
});
