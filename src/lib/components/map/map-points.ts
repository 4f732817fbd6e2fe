/**
 * From facilities (the data) and elements (the agenda doc) to the points the map and the list show,
 * and the filters both views share. Pure: no Leaflet, no DOM, no Svelte.
 */
import { normalizeAreaName, type Facility, type FacilityCategory } from '../../domain/areas.ts';
import { polygonCentroid } from '../../domain/geo.ts';
import type { LayerId } from '../../domain/sociale-basis.ts';
import type { SocialBasisElement } from '../../sync/elements-schema.ts';
import type { MapArea, MapPoint } from './map-types.ts';

export function facilityPoint(facility: Facility, unnamed: (category: FacilityCategory) => string): MapPoint {
	return {
		key: `facility:${facility.id}`,
		kind: 'facility',
		id: facility.id,
		name: facility.name ?? unnamed(facility.category),
		category: facility.category,
		layer: 'fysiek',
		lat: facility.lat,
		lon: facility.lon,
		approximate: false,
		buurtCode: facility.buurtCode,
		status: 'shipped',
		authorId: null,
		address: facility.address
	};
}

/** Null when the element names a buurt this map does not know (so it has no place to be drawn). */
export function elementPoint(element: SocialBasisElement, buurtCentres: ReadonlyMap<string, { lat: number; lon: number }>): MapPoint | null {
	let position: { lat: number; lon: number } | undefined;
	let approximate = false;
	if (element.lat !== null && element.lon !== null) position = { lat: element.lat, lon: element.lon };
	else if (element.buurtCode !== null) {
		position = buurtCentres.get(element.buurtCode);
		approximate = true;
	}
	if (!position) return null;
	return {
		key: `element:${element.id}`,
		kind: 'element',
		id: element.id,
		name: element.name,
		category: element.category,
		layer: element.layer,
		lat: position.lat,
		lon: position.lon,
		approximate,
		buurtCode: element.buurtCode,
		status: element.status,
		authorId: element.authorId,
		address: null
	};
}

export function buurtCentres(buurten: readonly MapArea[]): Map<string, { lat: number; lon: number }> {
	return new Map(
		buurten.map((buurt) => {
			const [lon, lat] = polygonCentroid(buurt.geometry);
			return [buurt.code, { lat, lon }];
		})
	);
}

export function buildPoints(
	facilities: readonly Facility[],
	elements: readonly SocialBasisElement[],
	buurten: readonly MapArea[],
	unnamed: (category: FacilityCategory) => string
): MapPoint[] {
	const centres = buurtCentres(buurten);
	const points = facilities.map((f) => facilityPoint(f, unnamed));
	for (const element of elements) {
		const point = elementPoint(element, centres);
		if (point) points.push(point);
	}
	return points;
}

export interface PointFilter {
	/** Shown categories; an empty set shows none. */
	categories: ReadonlySet<FacilityCategory>;
	layers: ReadonlySet<LayerId>;
	/** null: every buurt (and points outside the buurten). */
	buurtCode: string | null;
	query: string;
}

/** Case-, accent- and punctuation-insensitive, so "koffiepot" finds "De Koffiepot". */
export function matchesQuery(name: string, query: string): boolean {
	const wanted = normalizeAreaName(query);
	return wanted === '' || normalizeAreaName(name).includes(wanted);
}

export function filterPoints(points: readonly MapPoint[], filter: PointFilter): MapPoint[] {
	return points.filter(
		(point) =>
			filter.categories.has(point.category) &&
			filter.layers.has(point.layer) &&
			(filter.buurtCode === null || point.buurtCode === filter.buurtCode) &&
			matchesQuery(point.name, filter.query)
	);
}

/** Elements first (what this workshop added is what people look for), then by name. */
export function comparePoints(a: MapPoint, b: MapPoint): number {
	if (a.kind !== b.kind) return a.kind === 'element' ? -1 : 1;
	return a.name.localeCompare(b.name, 'nl');
}
