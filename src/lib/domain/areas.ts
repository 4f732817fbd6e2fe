/**
 * Maastricht's areas (7 stadsdelen, 44 CBS buurten) and the facilities on the map.
 * Pure: the parsers take JSON that somebody else has read and parsed, and validate it,
 * because a wrong coordinate or code would silently put a facility in the wrong district.
 * Data sources, licences and gaps: server/seed/maastricht/README.md.
 */
import type { AreaGeometry, BBox, LocalizedText, Position } from './geo.ts';

export type { LocalizedText } from './geo.ts';

// ---------------------------------------------------------------------------------------------
// Attribution (CC BY 4.0 and ODbL both require it wherever the data are shown or exported)

export const DATA_ATTRIBUTION = 'Bevat gegevens van CBS en Kadaster (CC BY 4.0) en © OpenStreetMap-bijdragers (ODbL)';
export const DATA_ATTRIBUTION_EN = 'Contains data from CBS and Kadaster (CC BY 4.0) and © OpenStreetMap contributors (ODbL)';

// ---------------------------------------------------------------------------------------------
// Stadsdelen

/** Slugs are stored in the database and typed on the CLI, so they must never change. */
export const STADSDEEL_CODES = ['noord', 'noord-west', 'centrum', 'west', 'zuid-west', 'zuid', 'oost'] as const;
export type StadsdeelCode = (typeof STADSDEEL_CODES)[number];

/** The names as the gemeente writes them (Thuis in Maastricht, 13 Oct 2022). */
export const STADSDEEL_NAMES: Readonly<Record<StadsdeelCode, string>> = {
	noord: 'Noord',
	'noord-west': 'Noord-West',
	centrum: 'Centrum',
	west: 'West',
	'zuid-west': 'Zuid-West',
	zuid: 'Zuid',
	oost: 'Oost'
};

export interface Stadsdeel {
	code: StadsdeelCode;
	name: string;
	geometry: AreaGeometry;
}

// ---------------------------------------------------------------------------------------------
// Buurten and their key figures

export type FigureUnit = 'count' | 'percent' | 'eur_thousand' | 'km';

export interface KeyFigure {
	id: string;
	/** null when the source left the figure out; never replaced by 0 or an estimate. */
	value: number | null;
	unit: FigureUnit;
	label: LocalizedText;
	/** Short source line for display. */
	source: LocalizedText;
	/** The year the figure describes. */
	year: number;
}

export interface Buurt {
	/** CBS buurt code, BU0935xxxx. */
	code: string;
	name: string;
	stadsdeelCode: StadsdeelCode;
	/** CBS wijk code, WK0935xx; a CBS wijk is not a stadsdeel, the two divisions cross. */
	wijkCode: string;
	wijkName: string;
	/** Polygon area of the generalised geometry, so a few percent off. */
	areaHa: number;
	geometry: AreaGeometry;
	figures: KeyFigure[];
}

const CBS_BUURT_SOURCE: LocalizedText = {
	nl: 'CBS Kerncijfers wijken en buurten 2025',
	en: 'Statistics Netherlands (CBS), Key figures districts and neighbourhoods 2025'
};
// Two shares were not published as such by CBS but computed from its counts by the source repository.
const CBS_BUURT_DERIVED_SOURCE: LocalizedText = {
	nl: 'Berekend uit CBS Kerncijfers wijken en buurten 2025',
	en: 'Computed from Statistics Netherlands (CBS), Key figures districts and neighbourhoods 2025'
};

interface BuurtFigureDefinition {
	id: string;
	property: string;
	unit: FigureUnit;
	label: LocalizedText;
	source: LocalizedText;
	year: number;
}

/** Order is display order. `property` is the column in the buurten GeoJSON and the kerncijfers CSV. */
export const BUURT_FIGURE_DEFINITIONS: readonly BuurtFigureDefinition[] = [
	{
		id: 'population',
		property: 'population_2025',
		unit: 'count',
		label: { nl: 'Inwoners (1 januari 2025)', en: 'Inhabitants (1 January 2025)' },
		source: CBS_BUURT_SOURCE,
		year: 2025
	},
	{
		id: 'housing_units',
		property: 'housing_units_2025',
		unit: 'count',
		label: { nl: 'Woningen', en: 'Dwellings' },
		source: CBS_BUURT_SOURCE,
		year: 2025
	},
	{
		id: 'pct_age_15_24',
		property: 'pct_age_15_24_2025',
		unit: 'percent',
		label: { nl: 'Inwoners van 15 tot 25 jaar', en: 'Inhabitants aged 15 to 24' },
		source: CBS_BUURT_DERIVED_SOURCE,
		year: 2025
	},
	{
		id: 'pct_one_person_households',
		property: 'pct_one_person_households_2025',
		unit: 'percent',
		label: { nl: 'Huishoudens van één persoon', en: 'One-person households' },
		source: CBS_BUURT_DERIVED_SOURCE,
		year: 2025
	},
	{
		id: 'pct_rental_dwellings',
		property: 'pct_rental_dwellings_2025',
		unit: 'percent',
		label: { nl: 'Huurwoningen', en: 'Rental dwellings' },
		source: CBS_BUURT_SOURCE,
		year: 2025
	},
	{
		id: 'pct_multifamily_dwellings',
		property: 'pct_multifamily_dwellings_2025',
		unit: 'percent',
		label: { nl: 'Appartementen (meergezinswoningen)', en: 'Flats (multi-family dwellings)' },
		source: CBS_BUURT_SOURCE,
		year: 2025
	},
	{
		id: 'avg_woz_value',
		property: 'avg_woz_keur_2025',
		unit: 'eur_thousand',
		label: { nl: 'Gemiddelde WOZ-waarde van een woning', en: 'Average WOZ value of a dwelling' },
		source: CBS_BUURT_SOURCE,
		year: 2025
	},
	{
		id: 'dist_large_supermarket',
		property: 'dist_large_supermarket_km_2025',
		unit: 'km',
		label: { nl: 'Afstand tot een grote supermarkt', en: 'Distance to a large supermarket' },
		source: CBS_BUURT_SOURCE,
		year: 2025
	}
];

// ---------------------------------------------------------------------------------------------
// Facilities

export const FACILITY_CATEGORIES = {
	community_centre: { nl: 'Gemeenschapshuis of buurthuis', en: 'Community centre' },
	care_social: { nl: 'Zorg en welzijn', en: 'Care and social support' },
	library: { nl: 'Bibliotheek', en: 'Library' },
	education: { nl: 'School of onderwijs', en: 'School or education' },
	childcare: { nl: 'Kinderopvang', en: 'Childcare' },
	worship: { nl: 'Kerk, moskee of ander gebedshuis', en: 'Place of worship' },
	municipal: { nl: 'Stadhuis of gemeentekantoor', en: 'Town hall or municipal office' },
	culture: { nl: 'Cultuur', en: 'Culture' },
	health: { nl: 'Huisarts of gezondheidszorg', en: 'GP or health care' },
	// Not in the OSM extract (it has no leisure=* and no scouting); workshops add these.
	sport: { nl: 'Sport en bewegen', en: 'Sport and exercise' },
	meeting_place: { nl: 'Ontmoetingsplek', en: 'Meeting place' },
	other: { nl: 'Overig', en: 'Other' }
} as const satisfies Record<string, LocalizedText>;

export type FacilityCategory = keyof typeof FACILITY_CATEGORIES;
export const FACILITY_CATEGORY_IDS = Object.keys(FACILITY_CATEGORIES) as FacilityCategory[];

export function isFacilityCategory(value: unknown): value is FacilityCategory {
	return typeof value === 'string' && Object.hasOwn(FACILITY_CATEGORIES, value);
}

export type FacilitySource = 'osm' | 'workshop' | 'import';

export interface Facility {
	id: string;
	name: string | null;
	category: FacilityCategory;
	lat: number;
	lon: number;
	/** Found by point-in-polygon on coarse borders: can be wrong within ~100 m of a border. */
	buurtCode: string | null;
	address: string | null;
	source: FacilitySource;
	/** For OSM the element id, e.g. "node/2808615723". */
	sourceRef: string | null;
}

// ---------------------------------------------------------------------------------------------
// Validation helpers

/** Generous box around the municipality (its extent is about 5.64–5.77 E, 50.80–50.91 N). */
export const MAASTRICHT_BOUNDS: BBox = [5.6, 50.78, 5.8, 50.93];

export const BUURT_CODE_PATTERN = /^BU0935\d{4}$/;
export const WIJK_CODE_PATTERN = /^WK0935\d{2}$/;
const OSM_REF_PATTERN = /^(node|way|relation)\/\d+$/;

export type ParseResult<T> = { ok: true; items: T[] } | { ok: false; errors: string[] };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInBounds([lon, lat]: Position, [minLon, minLat, maxLon, maxLat]: BBox): boolean {
	return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

function featuresOf(geojson: unknown, errors: string[]): { feature: JsonObject; where: string }[] {
	if (!isObject(geojson) || geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features)) {
		errors.push('expected a GeoJSON FeatureCollection with a "features" array');
		return [];
	}
	const result: { feature: JsonObject; where: string }[] = [];
	geojson.features.forEach((feature: unknown, index: number) => {
		if (!isObject(feature) || feature.type !== 'Feature' || !isObject(feature.properties)) {
			errors.push(`feature ${index}: expected a Feature with a "properties" object`);
			return;
		}
		const id = typeof feature.id === 'string' || typeof feature.id === 'number' ? ` (${feature.id})` : '';
		result.push({ feature, where: `feature ${index}${id}` });
	});
	return result;
}

function parsePosition(value: unknown, where: string, errors: string[]): Position | null {
	if (!Array.isArray(value) || value.length < 2) {
		errors.push(`${where}: expected a [lon, lat] position`);
		return null;
	}
	const [lon, lat] = value;
	if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
		errors.push(`${where}: coordinates must be finite numbers, got ${JSON.stringify(value)}`);
		return null;
	}
	if (!isInBounds([lon, lat], MAASTRICHT_BOUNDS)) {
		errors.push(`${where}: [${lon}, ${lat}] lies outside Maastricht (is the order [lon, lat]?)`);
		return null;
	}
	return [lon, lat];
}

function parseRings(value: unknown, where: string, errors: string[]): Position[][] | null {
	if (!Array.isArray(value) || value.length === 0) {
		errors.push(`${where}: expected at least one linear ring`);
		return null;
	}
	const rings: Position[][] = [];
	const errorsBefore = errors.length;
	value.forEach((ringValue: unknown, ringIndex: number) => {
		const ringWhere = `${where} ring ${ringIndex}`;
		if (!Array.isArray(ringValue) || ringValue.length < 4) {
			errors.push(`${ringWhere}: a ring needs at least 4 positions`);
			return;
		}
		const ring: Position[] = [];
		ringValue.forEach((positionValue: unknown, positionIndex: number) => {
			const position = parsePosition(positionValue, `${ringWhere} position ${positionIndex}`, errors);
			if (position) ring.push(position);
		});
		if (ring.length !== ringValue.length) return;
		const first = ring[0];
		const last = ring[ring.length - 1];
		if (first[0] !== last[0] || first[1] !== last[1]) {
			errors.push(`${ringWhere}: ring is not closed (first and last position differ)`);
			return;
		}
		rings.push(ring);
	});
	return errors.length === errorsBefore ? rings : null;
}

function parseAreaGeometry(value: unknown, where: string, errors: string[]): AreaGeometry | null {
	if (!isObject(value)) {
		errors.push(`${where}: missing geometry`);
		return null;
	}
	if (value.type === 'Polygon') {
		const rings = parseRings(value.coordinates, `${where} geometry`, errors);
		return rings ? { type: 'Polygon', coordinates: rings } : null;
	}
	if (value.type === 'MultiPolygon') {
		if (!Array.isArray(value.coordinates) || value.coordinates.length === 0) {
			errors.push(`${where}: a MultiPolygon needs at least one polygon`);
			return null;
		}
		const polygons: Position[][][] = [];
		const errorsBefore = errors.length;
		value.coordinates.forEach((polygonValue: unknown, polygonIndex: number) => {
			const rings = parseRings(polygonValue, `${where} geometry polygon ${polygonIndex}`, errors);
			if (rings) polygons.push(rings);
		});
		return errors.length === errorsBefore ? { type: 'MultiPolygon', coordinates: polygons } : null;
	}
	errors.push(`${where}: geometry must be a Polygon or MultiPolygon, got ${JSON.stringify(value.type)}`);
	return null;
}

function requiredString(properties: JsonObject, key: string, where: string, errors: string[]): string | null {
	const value = properties[key];
	if (typeof value !== 'string' || value.trim() === '') {
		errors.push(`${where}: property "${key}" must be a non-empty string`);
		return null;
	}
	return value.trim();
}

function optionalString(properties: JsonObject, key: string, where: string, errors: string[]): string | null {
	const value = properties[key];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string') {
		errors.push(`${where}: property "${key}" must be a string or null`);
		return null;
	}
	return value.trim() === '' ? null : value.trim();
}

/** Compare names the way people type them: "Zuid-West", "zuid west", "ZuidWest", "Belvedère". */
export function normalizeAreaName(value: string): string {
	return value
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

function stadsdeelCodeForName(name: string): StadsdeelCode | null {
	const wanted = normalizeAreaName(name);
	return STADSDEEL_CODES.find((code) => normalizeAreaName(STADSDEEL_NAMES[code]) === wanted) ?? null;
}

function result<T>(items: T[], errors: string[]): ParseResult<T> {
	return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}

// ---------------------------------------------------------------------------------------------
// Parsers

export function parseStadsdelen(geojson: unknown): ParseResult<Stadsdeel> {
	const errors: string[] = [];
	const items: Stadsdeel[] = [];
	for (const { feature, where } of featuresOf(geojson, errors)) {
		const properties = feature.properties as JsonObject;
		const name = requiredString(properties, 'name', where, errors);
		const code = name === null ? null : stadsdeelCodeForName(name);
		if (name !== null && code === null) {
			errors.push(`${where}: "${name}" is not one of the 7 stadsdelen (${Object.values(STADSDEEL_NAMES).join(', ')})`);
		}
		const geometry = parseAreaGeometry(feature.geometry, where, errors);
		if (code === null || geometry === null) continue;
		if (items.some((s) => s.code === code)) {
			errors.push(`${where}: stadsdeel "${name}" occurs twice`);
			continue;
		}
		items.push({ code, name: STADSDEEL_NAMES[code], geometry });
	}
	return result(items, errors);
}

function parseBuurtFigures(properties: JsonObject, where: string, errors: string[]): KeyFigure[] {
	return BUURT_FIGURE_DEFINITIONS.map(({ id, property, unit, label, source, year }) => {
		const raw = properties[property];
		let value: number | null = null;
		if (!(property in properties)) {
			errors.push(`${where}: property "${property}" is missing (use null for a figure the source left out)`);
		} else if (raw !== null) {
			if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || (unit === 'percent' && raw > 100)) {
				errors.push(`${where}: property "${property}" must be null or a ${unit === 'percent' ? 'percentage 0–100' : 'number ≥ 0'}, got ${JSON.stringify(raw)}`);
			} else {
				value = raw;
			}
		}
		return { id, value, unit, label, source, year };
	});
}

export function parseBuurten(geojson: unknown): ParseResult<Buurt> {
	const errors: string[] = [];
	const items: Buurt[] = [];
	for (const { feature, where } of featuresOf(geojson, errors)) {
		const properties = feature.properties as JsonObject;
		const errorsBefore = errors.length;

		const code = requiredString(properties, 'code', where, errors);
		if (code !== null && !BUURT_CODE_PATTERN.test(code)) {
			errors.push(`${where}: buurt code "${code}" must look like BU0935xxxx (a Maastricht CBS buurt)`);
		}
		const name = requiredString(properties, 'name', where, errors);
		const wijkCode = requiredString(properties, 'wijk_code', where, errors);
		if (wijkCode !== null && !WIJK_CODE_PATTERN.test(wijkCode)) {
			errors.push(`${where}: wijk code "${wijkCode}" must look like WK0935xx`);
		} else if (wijkCode !== null && code !== null && wijkCode !== `WK${code.slice(2, 8)}`) {
			// CBS nests codes: BU0935 04 06 lies in WK0935 04.
			errors.push(`${where}: wijk code "${wijkCode}" does not contain buurt "${code}"`);
		}
		const wijkName = requiredString(properties, 'wijk_name', where, errors);
		const stadsdeelName = requiredString(properties, 'stadsdeel_2022', where, errors);
		const stadsdeelCode = stadsdeelName === null ? null : stadsdeelCodeForName(stadsdeelName);
		if (stadsdeelName !== null && stadsdeelCode === null) {
			errors.push(`${where}: stadsdeel "${stadsdeelName}" is not one of the 7 stadsdelen`);
		}
		const gemeenteCode = properties.gemeente_code;
		if (gemeenteCode !== undefined && gemeenteCode !== 'GM0935') {
			errors.push(`${where}: gemeente_code is ${JSON.stringify(gemeenteCode)}, expected GM0935 (Maastricht)`);
		}
		const areaHa = properties.area_ha_approx;
		if (typeof areaHa !== 'number' || !Number.isFinite(areaHa) || areaHa <= 0) {
			errors.push(`${where}: property "area_ha_approx" must be a positive number`);
		}
		const figures = parseBuurtFigures(properties, where, errors);
		const geometry = parseAreaGeometry(feature.geometry, where, errors);

		if (errors.length > errorsBefore) continue;
		if (items.some((b) => b.code === code)) {
			errors.push(`${where}: buurt code "${code}" occurs twice`);
			continue;
		}
		items.push({
			code: code as string,
			name: name as string,
			stadsdeelCode: stadsdeelCode as StadsdeelCode,
			wijkCode: wijkCode as string,
			wijkName: wijkName as string,
			areaHa: areaHa as number,
			geometry: geometry as AreaGeometry,
			figures
		});
	}
	return result(items, errors);
}

/** The stable id of an OSM element, usable in URLs: "node/123" → "osm-node-123". */
export function facilityIdForOsm(osmRef: string): string {
	return `osm-${osmRef.replace('/', '-')}`;
}

/**
 * Reads OSM-derived features (property `osm_id`) as source 'osm'; anything else needs a
 * feature id and becomes an 'import'. Workshop facilities never pass through here.
 */
export function parseFacilities(geojson: unknown): ParseResult<Facility> {
	const errors: string[] = [];
	const items: Facility[] = [];
	for (const { feature, where } of featuresOf(geojson, errors)) {
		const properties = feature.properties as JsonObject;
		const errorsBefore = errors.length;

		const osmRef = optionalString(properties, 'osm_id', where, errors);
		if (osmRef !== null && !OSM_REF_PATTERN.test(osmRef)) {
			errors.push(`${where}: osm_id "${osmRef}" must look like node/123, way/123 or relation/123`);
		}
		const featureId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : null;
		if (osmRef === null && featureId === null) {
			errors.push(`${where}: a facility needs an osm_id or a feature id, so it keeps the same id on every import`);
		}
		const category = properties.category;
		if (!isFacilityCategory(category)) {
			errors.push(`${where}: category ${JSON.stringify(category)} is not one of ${FACILITY_CATEGORY_IDS.join(', ')}`);
		}
		const name = optionalString(properties, 'name', where, errors);
		const address = optionalString(properties, 'address', where, errors);
		const buurtCode = optionalString(properties, 'buurt_code_approx', where, errors);
		if (buurtCode !== null && !BUURT_CODE_PATTERN.test(buurtCode)) {
			errors.push(`${where}: buurt_code_approx "${buurtCode}" must look like BU0935xxxx`);
		}

		let position: Position | null = null;
		const geometry = feature.geometry;
		if (!isObject(geometry) || geometry.type !== 'Point') {
			errors.push(`${where}: geometry must be a Point`);
		} else {
			position = parsePosition(geometry.coordinates, `${where} geometry`, errors);
		}

		if (errors.length > errorsBefore || position === null) continue;
		const id = osmRef !== null ? facilityIdForOsm(osmRef) : `import-${featureId}`;
		if (items.some((f) => f.id === id)) {
			errors.push(`${where}: facility id "${id}" occurs twice`);
			continue;
		}
		items.push({
			id,
			name,
			category: category as FacilityCategory,
			lat: position[1],
			lon: position[0],
			buurtCode,
			address,
			source: osmRef !== null ? 'osm' : 'import',
			sourceRef: osmRef ?? featureId
		});
	}
	return result(items, errors);
}

// ---------------------------------------------------------------------------------------------
// Look-ups and cross-checks

/** Case-, diacritic- and punctuation-insensitive: "Zuid", "zuid", "zuid-west", "Zuid West". */
export function findStadsdeel<T extends { code: string; name: string }>(list: readonly T[], nameOrCode: string): T | null {
	const wanted = normalizeAreaName(nameOrCode);
	if (wanted === '') return null;
	return list.find((s) => normalizeAreaName(s.code) === wanted || normalizeAreaName(s.name) === wanted) ?? null;
}

/** Also accepts the gemeente's "St. Pieter" for CBS's "Sint Pieter". */
export function findBuurt<T extends { code: string; name: string }>(list: readonly T[], nameOrCode: string): T | null {
	const wanted = normalizeAreaName(nameOrCode.trim().replace(/^st\.?\s+/i, 'sint '));
	if (wanted === '') return null;
	return list.find((b) => normalizeAreaName(b.code) === wanted || normalizeAreaName(b.name) === wanted) ?? null;
}

/** Relations between the three layers that no single parser can see. Empty when consistent. */
export function checkAreaConsistency(seed: {
	stadsdelen: readonly Stadsdeel[];
	buurten: readonly Buurt[];
	facilities: readonly Facility[];
}): string[] {
	const problems: string[] = [];
	const stadsdeelCodes = new Set(seed.stadsdelen.map((s) => s.code));
	const buurtCodes = new Set(seed.buurten.map((b) => b.code));
	for (const buurt of seed.buurten) {
		if (!stadsdeelCodes.has(buurt.stadsdeelCode)) {
			problems.push(`buurt ${buurt.code} ${buurt.name}: stadsdeel "${buurt.stadsdeelCode}" is missing`);
		}
	}
	for (const stadsdeel of seed.stadsdelen) {
		if (!seed.buurten.some((b) => b.stadsdeelCode === stadsdeel.code)) {
			problems.push(`stadsdeel ${stadsdeel.name}: has no buurten`);
		}
	}
	for (const facility of seed.facilities) {
		if (facility.buurtCode !== null && !buurtCodes.has(facility.buurtCode)) {
			problems.push(`facility ${facility.id}: buurt "${facility.buurtCode}" is missing`);
		}
	}
	return problems;
}
