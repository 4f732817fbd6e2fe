import { describe, expect, test } from 'vitest';
import {
	BUURT_FIGURE_DEFINITIONS,
	checkAreaConsistency,
	DATA_ATTRIBUTION,
	DATA_ATTRIBUTION_EN,
	FACILITY_CATEGORIES,
	FACILITY_CATEGORY_IDS,
	findBuurt,
	findStadsdeel,
	parseBuurten,
	parseFacilities,
	parseStadsdelen,
	STADSDEEL_CODES,
	type Buurt,
	type Facility,
	type ParseResult,
	type Stadsdeel
} from '../../../src/lib/domain/areas.ts';

const RING = [
	[5.686, 50.847],
	[5.697, 50.847],
	[5.696, 50.852],
	[5.69, 50.852],
	[5.686, 50.847]
];

function collection(features: unknown[]): unknown {
	return { type: 'FeatureCollection', features };
}

function stadsdeelFeature(name: string, geometry: unknown = { type: 'Polygon', coordinates: [RING] }): unknown {
	return { type: 'Feature', id: name, properties: { name }, geometry };
}

const FULL_FIGURES = {
	population_2025: 2325,
	housing_units_2025: 1663,
	pct_age_15_24_2025: 52.7,
	pct_one_person_households_2025: 80.7,
	pct_rental_dwellings_2025: 82,
	pct_multifamily_dwellings_2025: 90,
	avg_woz_keur_2025: 326,
	dist_large_supermarket_km_2025: 0.4
};

function buurtFeature(overrides: Record<string, unknown> = {}, geometry: unknown = { type: 'Polygon', coordinates: [RING] }): unknown {
	return {
		type: 'Feature',
		id: 'BU09350000',
		properties: {
			code: 'BU09350000',
			name: 'Binnenstad',
			wijk_code: 'WK093500',
			wijk_name: 'Wijk 00 Centrum',
			gemeente_code: 'GM0935',
			stadsdeel_2022: 'Centrum',
			area_ha_approx: 35.6,
			...FULL_FIGURES,
			...overrides
		},
		geometry
	};
}

function facilityFeature(properties: Record<string, unknown> = {}, coordinates: unknown = [5.6837187, 50.8496788], id: unknown = 'node/2808615723'): unknown {
	return {
		type: 'Feature',
		id,
		properties: {
			name: 'De Beyart',
			category: 'care_social',
			osm_id: 'node/2808615723',
			address: 'Brusselsestraat 38, 6211PG Maastricht',
			buurt_code_approx: 'BU09350002',
			...properties
		},
		geometry: { type: 'Point', coordinates }
	};
}

function items<T>(parsed: ParseResult<T>): T[] {
	if (!parsed.ok) throw new Error(`expected ok, got errors:\n${parsed.errors.join('\n')}`);
	return parsed.items;
}

function errors<T>(parsed: ParseResult<T>): string[] {
	if (parsed.ok) throw new Error('expected errors, got ok');
	return parsed.errors;
}

describe('attribution', () => {
	test('is the exact line from the data README', () => {
		expect(DATA_ATTRIBUTION).toBe('Bevat gegevens van CBS en Kadaster (CC BY 4.0) en © OpenStreetMap-bijdragers (ODbL)');
		expect(DATA_ATTRIBUTION_EN).toMatch(/CBS.*Kadaster.*CC BY 4\.0.*OpenStreetMap.*ODbL/);
	});
});

describe('parseStadsdelen', () => {
	test('gives each stadsdeel its stable slug code', () => {
		const names = ['Noord', 'Noord-West', 'Centrum', 'West', 'Zuid-West', 'Zuid', 'Oost'];
		const parsed = items(parseStadsdelen(collection(names.map((n) => stadsdeelFeature(n)))));
		expect(parsed.map((s) => s.code)).toEqual(['noord', 'noord-west', 'centrum', 'west', 'zuid-west', 'zuid', 'oost']);
		expect(parsed.map((s) => s.name)).toEqual(names);
		expect([...STADSDEEL_CODES].sort()).toEqual(parsed.map((s) => s.code).sort());
	});

	test('accepts a MultiPolygon (Zuid is not contiguous)', () => {
		const multi = { type: 'MultiPolygon', coordinates: [[RING], [RING.map(([lon, lat]) => [lon, lat + 0.03])]] };
		const [zuid] = items(parseStadsdelen(collection([stadsdeelFeature('Zuid', multi)])));
		expect(zuid.geometry.type).toBe('MultiPolygon');
	});

	test('rejects unknown and duplicate stadsdelen', () => {
		expect(errors(parseStadsdelen(collection([stadsdeelFeature('Noordoost')])))[0]).toMatch(/not one of the 7 stadsdelen/);
		expect(errors(parseStadsdelen(collection([stadsdeelFeature('Zuid'), stadsdeelFeature('zuid')])))[0]).toMatch(/twice/);
	});

	test('rejects input that is not a FeatureCollection', () => {
		expect(errors(parseStadsdelen(null))[0]).toMatch(/FeatureCollection/);
		expect(errors(parseStadsdelen({ type: 'Feature' }))[0]).toMatch(/FeatureCollection/);
		expect(errors(parseStadsdelen(collection(['x'])))[0]).toMatch(/feature 0/);
	});
});

describe('parseBuurten', () => {
	test('reads codes, names, wijk, stadsdeel, area and all figures with their source', () => {
		const [buurt] = items(parseBuurten(collection([buurtFeature()])));
		expect(buurt).toMatchObject({
			code: 'BU09350000',
			name: 'Binnenstad',
			stadsdeelCode: 'centrum',
			wijkCode: 'WK093500',
			wijkName: 'Wijk 00 Centrum',
			areaHa: 35.6
		});
		expect(buurt.figures.map((f) => f.id)).toEqual(BUURT_FIGURE_DEFINITIONS.map((d) => d.id));
		const population = buurt.figures.find((f) => f.id === 'population');
		expect(population).toEqual({
			id: 'population',
			value: 2325,
			unit: 'count',
			label: { nl: 'Inwoners (1 januari 2025)', en: 'Inhabitants (1 January 2025)' },
			source: { nl: 'CBS Kerncijfers wijken en buurten 2025', en: expect.stringContaining('CBS') },
			year: 2025
		});
	});

	test('a figure the source left out stays null, never 0', () => {
		const nulls = Object.fromEntries(Object.keys(FULL_FIGURES).map((k) => [k, null]));
		const [buurt] = items(parseBuurten(collection([buurtFeature({ ...nulls, dist_large_supermarket_km_2025: null })])));
		expect(buurt.figures).toHaveLength(BUURT_FIGURE_DEFINITIONS.length);
		expect(buurt.figures.every((f) => f.value === null)).toBe(true);
	});

	test('a figure column that is absent altogether is an error, not a silent null', () => {
		const feature = buurtFeature() as { properties: Record<string, unknown> };
		delete feature.properties.avg_woz_keur_2025;
		expect(errors(parseBuurten(collection([feature])))[0]).toMatch(/avg_woz_keur_2025.*missing/);
	});

	test.each([
		[{ code: 'BU03630000' }, /BU0935xxxx/],
		[{ code: 'Binnenstad' }, /BU0935xxxx/],
		[{ wijk_code: 'WK093501' }, /does not contain buurt/],
		[{ stadsdeel_2022: 'Noordoost' }, /not one of the 7 stadsdelen/],
		[{ gemeente_code: 'GM0363' }, /GM0935/],
		[{ area_ha_approx: 0 }, /area_ha_approx/],
		[{ pct_rental_dwellings_2025: 120 }, /percentage/],
		[{ population_2025: -5 }, /population_2025/],
		[{ population_2025: '2325' }, /population_2025/]
	])('rejects %o', (overrides, message) => {
		expect(errors(parseBuurten(collection([buurtFeature(overrides)])))[0]).toMatch(message);
	});

	test('rejects coordinates outside Maastricht, swapped, at 0,0 or not finite', () => {
		const withRing = (ring: unknown[]) => buurtFeature({}, { type: 'Polygon', coordinates: [ring] });
		const swapped = RING.map(([lon, lat]) => [lat, lon]);
		expect(errors(parseBuurten(collection([withRing(swapped)])))[0]).toMatch(/outside Maastricht.*\[lon, lat\]/);
		const zero = [[0, 0], [0, 0], [0, 0], [0, 0]];
		expect(errors(parseBuurten(collection([withRing(zero)])))[0]).toMatch(/outside Maastricht/);
		const notFinite = [[Number.NaN, 50.85], ...RING.slice(1, -1), [Number.NaN, 50.85]];
		expect(errors(parseBuurten(collection([withRing(notFinite)])))[0]).toMatch(/finite/);
		const stringy = RING.map(([lon, lat]) => [String(lon), String(lat)]);
		expect(errors(parseBuurten(collection([withRing(stringy)])))[0]).toMatch(/finite/);
	});

	test('rejects open rings, too few positions, points and missing geometry', () => {
		const open = buurtFeature({}, { type: 'Polygon', coordinates: [[...RING.slice(0, -1), [5.687, 50.848]]] });
		expect(errors(parseBuurten(collection([open])))[0]).toMatch(/not closed/);
		const tiny = buurtFeature({}, { type: 'Polygon', coordinates: [RING.slice(0, 3)] });
		expect(errors(parseBuurten(collection([tiny])))[0]).toMatch(/at least 4/);
		const point = buurtFeature({}, { type: 'Point', coordinates: [5.69, 50.85] });
		expect(errors(parseBuurten(collection([point])))[0]).toMatch(/Polygon or MultiPolygon/);
		const none = buurtFeature({}, null);
		expect(errors(parseBuurten(collection([none])))[0]).toMatch(/missing geometry/);
	});

	test('rejects a duplicate code and names the feature', () => {
		const problems = errors(parseBuurten(collection([buurtFeature(), buurtFeature()])));
		expect(problems).toEqual([expect.stringMatching(/^feature 1 \(BU09350000\): .*twice/)]);
	});
});

describe('parseFacilities', () => {
	test('reads an OSM node as source osm with a URL-safe stable id', () => {
		const [facility] = items(parseFacilities(collection([facilityFeature()])));
		expect(facility).toEqual<Facility>({
			id: 'osm-node-2808615723',
			name: 'De Beyart',
			category: 'care_social',
			lat: 50.8496788,
			lon: 5.6837187,
			buurtCode: 'BU09350002',
			address: 'Brusselsestraat 38, 6211PG Maastricht',
			source: 'osm',
			sourceRef: 'node/2808615723'
		});
	});

	test('keeps a missing name, address or buurt as null', () => {
		const [facility] = items(parseFacilities(collection([facilityFeature({ name: null, address: '', buurt_code_approx: null })])));
		expect(facility.name).toBeNull();
		expect(facility.address).toBeNull();
		expect(facility.buurtCode).toBeNull();
	});

	test('a feature without osm_id is an import and needs a feature id', () => {
		const [imported] = items(parseFacilities(collection([facilityFeature({ osm_id: undefined }, [5.69, 50.85], 'wsp-12')])));
		expect(imported).toMatchObject({ id: 'import-wsp-12', source: 'import', sourceRef: 'wsp-12' });
		expect(errors(parseFacilities(collection([facilityFeature({ osm_id: undefined }, [5.69, 50.85], null)])))[0]).toMatch(/osm_id or a feature id/);
	});

	test('never defaults a bad position to 0,0', () => {
		for (const coordinates of [[0, 0], [50.85, 5.69], [Number.POSITIVE_INFINITY, 50.85], [5.69], null]) {
			const parsed = parseFacilities(collection([facilityFeature({}, coordinates)]));
			expect(parsed.ok, JSON.stringify(coordinates)).toBe(false);
		}
	});

	test('rejects unknown categories, bad OSM refs, bad buurt codes and duplicates', () => {
		expect(errors(parseFacilities(collection([facilityFeature({ category: 'pub' })])))[0]).toMatch(/category "pub"/);
		expect(errors(parseFacilities(collection([facilityFeature({ osm_id: 'n123' })])))[0]).toMatch(/osm_id/);
		expect(errors(parseFacilities(collection([facilityFeature({ buurt_code_approx: 'BU1234' })])))[0]).toMatch(/buurt_code_approx/);
		expect(errors(parseFacilities(collection([facilityFeature(), facilityFeature()])))[0]).toMatch(/twice/);
	});

	test('a non-point geometry is rejected', () => {
		const line = { ...(facilityFeature() as object), geometry: { type: 'LineString', coordinates: [RING[0], RING[1]] } };
		expect(errors(parseFacilities(collection([line])))[0]).toMatch(/Point/);
	});
});

describe('FACILITY_CATEGORIES', () => {
	test('covers the categories of the OSM extract and those workshops add, each in Dutch and English', () => {
		const fromData = ['community_centre', 'care_social', 'library', 'education', 'childcare', 'worship', 'municipal', 'culture', 'health'];
		expect(FACILITY_CATEGORY_IDS).toEqual([...fromData, 'sport', 'meeting_place', 'other']);
		for (const id of FACILITY_CATEGORY_IDS) {
			expect(FACILITY_CATEGORIES[id].nl.length).toBeGreaterThan(0);
			expect(FACILITY_CATEGORIES[id].en.length).toBeGreaterThan(0);
		}
	});
});

describe('findStadsdeel and findBuurt', () => {
	const stadsdelen = items(
		parseStadsdelen(collection(['Noord', 'Noord-West', 'Centrum', 'West', 'Zuid-West', 'Zuid', 'Oost'].map((n) => stadsdeelFeature(n))))
	);

	test.each([
		['Zuid', 'zuid'],
		['zuid', 'zuid'],
		['ZUID', 'zuid'],
		[' Zuid ', 'zuid'],
		['zuid-west', 'zuid-west'],
		['Zuid West', 'zuid-west'],
		['zuidwest', 'zuid-west'],
		['Noord-West', 'noord-west'],
		['noord', 'noord'],
		['Céntrum', 'centrum']
	])('%s → %s', (input, code) => {
		expect(findStadsdeel(stadsdelen, input)?.code).toBe(code);
	});

	test('returns null for unknown or empty input', () => {
		expect(findStadsdeel(stadsdelen, 'Noordoost')).toBeNull();
		expect(findStadsdeel(stadsdelen, '')).toBeNull();
		expect(findStadsdeel(stadsdelen, '--')).toBeNull();
	});

	test('findBuurt matches code, name, diacritics and the gemeente spelling "St. Pieter"', () => {
		const buurten = [
			{ code: 'BU09350105', name: 'Sint Pieter' },
			{ code: 'BU09350303', name: 'Belvédère' }
		];
		expect(findBuurt(buurten, 'St. Pieter')?.code).toBe('BU09350105');
		expect(findBuurt(buurten, 'sint pieter')?.code).toBe('BU09350105');
		expect(findBuurt(buurten, 'belvedere')?.code).toBe('BU09350303');
		expect(findBuurt(buurten, 'bu09350303')?.name).toBe('Belvédère');
		expect(findBuurt(buurten, 'Pieter')).toBeNull();
	});
});

describe('checkAreaConsistency', () => {
	const [centrum] = items(parseStadsdelen(collection([stadsdeelFeature('Centrum')])));
	const [binnenstad] = items(parseBuurten(collection([buurtFeature()])));
	const [facility] = items(parseFacilities(collection([facilityFeature({ buurt_code_approx: 'BU09350000' })])));

	test('is empty when the layers fit', () => {
		expect(checkAreaConsistency({ stadsdelen: [centrum], buurten: [binnenstad], facilities: [facility] })).toEqual([]);
	});

	test('names a missing stadsdeel, an empty stadsdeel and an unknown facility buurt', () => {
		const zuid: Stadsdeel = { ...centrum, code: 'zuid', name: 'Zuid' };
		const orphan: Buurt = { ...binnenstad, stadsdeelCode: 'oost' };
		const lost: Facility = { ...facility, buurtCode: 'BU09359999' };
		const problems = checkAreaConsistency({ stadsdelen: [zuid], buurten: [orphan], facilities: [lost] });
		expect(problems).toEqual([
			expect.stringMatching(/BU09350000.*"oost" is missing/),
			expect.stringMatching(/Zuid: has no buurten/),
			expect.stringMatching(/BU09359999/)
		]);
	});
});
