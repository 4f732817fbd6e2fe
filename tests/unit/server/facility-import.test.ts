import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { listFacilities, seedAreasIfEmpty } from '../../../src/lib/server/repositories/areas.ts';
import {
	TEMPLATE_EXAMPLE_NAME,
	detectFormat,
	describeProblems,
	facilityCsvTemplate,
	importFacilities,
	importFacilitiesFromFile,
	parseCoordinate,
	resolveCategory,
	type FacilityImportResult
} from '../../../src/lib/server/facility-import.ts';

const SEED_DIR = path.resolve(process.cwd(), 'server/seed/maastricht');
const SHIPPED = 91;

let dataDir: string;
let db: Db;

beforeEach(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-facility-import-'));
	db = openDatabase(dataDir);
	seedAreasIfEmpty(db, SEED_DIR);
});

afterEach(() => {
	db.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

function snapshot(): string {
	return JSON.stringify(db.prepare('SELECT * FROM facilities ORDER BY id').all());
}

function problemsOf(result: FacilityImportResult) {
	if (result.ok) throw new Error('expected problems, got ' + JSON.stringify(result));
	return result.problems;
}

// Points inside Zuid's buurten: De Heeg, Heugem, Randwyck.
const GOOD_CSV = [
	'name;category;lat;lon;address',
	'Sportpark De Heeg;sport;50,8235;5,7225;Akersteenweg 1, 6227 Maastricht',
	'Scouting Heugem;Ontmoetingsplek;50.8250;5.7050;',
	'"Buurtcentrum ""Randwyck""";community_centre;50,8262;5,7163;"Straat 2; achterom"'
].join('\r\n');

describe('CSV import', () => {
	test('imports rows with buurt by point-in-polygon, comma decimals, labels as category, source "import"', () => {
		const result = importFacilities(db, GOOD_CSV, { format: 'csv' });
		expect(result).toEqual({ ok: true, added: 3, updated: 0, removed: 0, total: SHIPPED + 3 });
		const imported = listFacilities(db).filter((f) => f.source === 'import');
		expect(imported.map((f) => [f.name, f.category, f.buurtCode]).sort()).toEqual([
			['Buurtcentrum "Randwyck"', 'community_centre', 'BU09350600'],
			['Scouting Heugem', 'meeting_place', 'BU09350601'],
			['Sportpark De Heeg', 'sport', 'BU09350603']
		]);
		const heeg = imported.find((f) => f.name === 'Sportpark De Heeg')!;
		expect([heeg.lat, heeg.lon, heeg.address]).toEqual([50.8235, 5.7225, 'Akersteenweg 1, 6227 Maastricht']);
		expect(heeg.id).toMatch(/^import-[0-9a-f]{16}$/);
		// Zuid's map now has sports facilities.
		expect(listFacilities(db, 'zuid').some((f) => f.category === 'sport')).toBe(true);
	});

	test('a file with one bad row changes nothing and names the row', () => {
		const before = snapshot();
		const bad = GOOD_CSV + '\r\nZwembad;zwembad;50,82;5,71;';
		const problems = problemsOf(importFacilities(db, bad, { format: 'csv' }));
		expect(problems).toHaveLength(1);
		expect(problems[0].line).toBe(5);
		expect(problems[0].where).toEqual({ nl: 'Regel 5', en: 'Line 5' });
		expect(problems[0].message.nl).toContain('De categorie "zwembad" kennen we niet');
		expect(snapshot()).toBe(before);
	});

	test('every bad row is named: missing name, outside Maastricht, swapped coordinates, no buurt, not a number', () => {
		const csv = [
			'naam,categorie,lat,lon,adres',
			',sport,50.82,5.71,',
			'Ver weg,sport,52.37,4.89,',
			'Omgedraaid,sport,5.71,50.82,',
			'Net buiten de gemeente,sport,50.925,5.79,',
			'Geen getal,sport,noord,5.71,',
			'Goed,sport,50.8235,5.7225,'
		].join('\n');
		const before = snapshot();
		const problems = problemsOf(importFacilities(db, csv, { format: 'csv' }));
		expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
		expect(problems[0].message.nl).toBe('De naam ontbreekt.');
		expect(problems[1].message.nl).toContain('ligt buiten Maastricht');
		expect(problems[2].message.nl).toContain('Staan lat en lon omgedraaid?');
		expect(problems[3].message.nl).toContain('niet in een buurt van Maastricht');
		expect(problems[4].message.nl).toContain('moeten getallen zijn');
		expect(snapshot()).toBe(before);
	});

	test('missing columns, an unterminated quote and a duplicate row are refused with the line', () => {
		expect(problemsOf(importFacilities(db, 'name;lat;lon\nA;50.82;5.71', { format: 'csv' }))[0]).toMatchObject({ line: 1 });
		expect(problemsOf(importFacilities(db, 'name;category;lat;lon\n"A;sport;50.82;5.71', { format: 'csv' }))[0]).toMatchObject({ line: 2 });
		const duplicate = 'name;category;lat;lon\nA;sport;50.8235;5.7225\nA;sport;50.8235;5.7225';
		const [problem] = problemsOf(importFacilities(db, duplicate, { format: 'csv' }));
		expect(problem.line).toBe(3);
		expect(problem.message.nl).toContain('regel 2');
	});

	test('importing the same file twice updates instead of adding', () => {
		importFacilities(db, GOOD_CSV, { format: 'csv' });
		expect(importFacilities(db, GOOD_CSV, { format: 'csv' })).toEqual({ ok: true, added: 0, updated: 3, removed: 0, total: SHIPPED + 3 });
	});

	test('replace removes earlier imports that are not in the file, and keeps the OpenStreetMap points', () => {
		importFacilities(db, GOOD_CSV, { format: 'csv' });
		const one = 'name;category;lat;lon\nSportpark De Heeg;sport;50,8235;5,7225';
		expect(importFacilities(db, one, { format: 'csv', replace: true })).toEqual({ ok: true, added: 0, updated: 1, removed: 2, total: SHIPPED + 1 });
		expect(listFacilities(db).filter((f) => f.source === 'osm')).toHaveLength(SHIPPED);
	});

	test('an own id column gives stable ids; ids the ballot endpoint could not carry are refused', () => {
		const result = importFacilities(db, 'id;name;category;lat;lon\nheeg-1;Sportpark;sport;50.8235;5.7225', { format: 'csv' });
		expect(result.ok).toBe(true);
		expect(listFacilities(db).some((f) => f.id === 'import-heeg-1')).toBe(true);
		expect(problemsOf(importFacilities(db, 'id;name;category;lat;lon\nheeg/1;Sportpark;sport;50.8235;5.7225', { format: 'csv' }))[0].line).toBe(2);
	});

	test('the template parses, and its example row is refused until it is replaced', () => {
		const template = facilityCsvTemplate();
		expect(template.startsWith('\uFEFFname;category;lat;lon;address\r\n')).toBe(true);
		const [problem] = problemsOf(importFacilities(db, template, { format: 'csv' }));
		expect(problem.line).toBe(2);
		const edited = template.replace(TEMPLATE_EXAMPLE_NAME, 'Sportpark De Heeg');
		expect(importFacilities(db, edited, { format: 'csv' })).toMatchObject({ ok: true, added: 1 });
		expect(listFacilities(db).find((f) => f.name === 'Sportpark De Heeg')?.buurtCode).toBe('BU09350603');
	});
});

describe('GeoJSON import', () => {
	const feature = (properties: Record<string, unknown>, coordinates: unknown, id?: string) => ({
		type: 'Feature',
		...(id ? { id } : {}),
		properties,
		geometry: { type: 'Point', coordinates }
	});
	const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

	test('imports Point features; osm_id keeps source osm, others become import', () => {
		const text = collection(
			feature({ name: 'Tennisclub Heugem', category: 'sport' }, [5.705, 50.825], 'tennis-heugem'),
			feature({ name: 'De Beyart (nieuw adres)', category: 'care_social', osm_id: 'node/2808615723', address: 'Brusselsestraat 38' }, [5.6837187, 50.8496788])
		);
		expect(importFacilities(db, text, { format: 'geojson' })).toEqual({ ok: true, added: 1, updated: 1, removed: 0, total: SHIPPED + 1 });
		const all = listFacilities(db);
		expect(all.find((f) => f.id === 'import-tennis-heugem')).toMatchObject({ source: 'import', buurtCode: 'BU09350601' });
		expect(all.find((f) => f.id === 'osm-node-2808615723')).toMatchObject({ source: 'osm', name: 'De Beyart (nieuw adres)' });
	});

	test('a bad feature changes nothing and is named by its index', () => {
		const before = snapshot();
		const text = collection(
			feature({ name: 'Goed', category: 'sport' }, [5.705, 50.825]),
			feature({ name: 'Zonder categorie' }, [5.705, 50.826]),
			feature({ name: '', category: 'sport' }, [5.705, 50.827]),
			{ type: 'Feature', properties: { name: 'Vlak', category: 'sport' }, geometry: { type: 'Polygon', coordinates: [] } }
		);
		const problems = problemsOf(importFacilities(db, text, { format: 'geojson' }));
		expect(problems.map((p) => p.featureIndex)).toEqual([1, 2, 3]);
		expect(problems[0].where!.nl).toContain('Feature 1 ("Zonder categorie")');
		expect(problems[1].message.nl).toBe('De naam ontbreekt.');
		expect(problems[2].message.nl).toContain('Point');
		expect(snapshot()).toBe(before);
	});

	test('not JSON or not a FeatureCollection is one clear problem', () => {
		expect(problemsOf(importFacilities(db, '{nope', { format: 'geojson' }))[0].message.nl).toContain('geen geldige GeoJSON');
		expect(problemsOf(importFacilities(db, '{"type":"Feature"}', { format: 'geojson' }))[0].message.nl).toContain('FeatureCollection');
	});
});

describe('helpers', () => {
	test('format, coordinates and categories as people write them', () => {
		expect(detectFormat('voorzieningen.csv', '{')).toBe('csv');
		expect(detectFormat('x.geojson', 'a;b')).toBe('geojson');
		expect(detectFormat(null, '\uFEFF  {"type":"FeatureCollection"}')).toBe('geojson');
		expect(detectFormat(null, 'name;category')).toBe('csv');
		expect(parseCoordinate(' 50,85 ')).toBe(50.85);
		expect(parseCoordinate('50.85.1')).toBeNull();
		expect(resolveCategory('Sport en bewegen')).toBe('sport');
		expect(resolveCategory('library')).toBe('library');
		expect(resolveCategory('zwembad')).toBeNull();
	});

	test('a file that cannot be read is a problem, not a crash', () => {
		const result = importFacilitiesFromFile(db, path.join(dataDir, 'bestaat-niet.csv'));
		expect(describeProblems(problemsOf(result))).toContain('cannot be read (ENOENT)');
	});
});
