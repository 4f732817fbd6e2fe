import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { BUURT_FIGURE_DEFINITIONS, findStadsdeel } from '../../../src/lib/domain/areas.ts';
import { pointInPolygon, reachability } from '../../../src/lib/domain/geo.ts';
import { defaultSeedDir, loadMaastrichtSeed, SEED_FILES } from '../../../src/lib/server/seed-areas.ts';

const SEED_DIR = path.resolve(process.cwd(), 'server/seed/maastricht');
const seed = loadMaastrichtSeed(SEED_DIR);

/** The shipped CSVs have CRLF line ends and no quoted fields (the column count below checks that). */
function readCsv(file: string): Record<string, string>[] {
	const [header, ...lines] = readFileSync(path.join(SEED_DIR, file), 'utf8').trim().split(/\r?\n/);
	const columns = header.split(',');
	return lines.map((line) => {
		const cells = line.split(',');
		expect(cells).toHaveLength(columns.length);
		return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
	});
}

describe('loadMaastrichtSeed on the shipped files', () => {
	test('7 stadsdelen, 44 buurten, 91 facilities', () => {
		expect(seed.stadsdelen).toHaveLength(7);
		expect(seed.buurten).toHaveLength(44);
		expect(seed.facilities).toHaveLength(91);
	});

	test('defaultSeedDir finds the same files from the project root', () => {
		expect(defaultSeedDir()).toBe(SEED_DIR);
		expect(loadMaastrichtSeed().buurten).toHaveLength(44);
	});

	test('stadsdeel codes are the stable slugs', () => {
		expect(seed.stadsdelen.map((s) => s.code).sort()).toEqual(['centrum', 'noord', 'noord-west', 'oost', 'west', 'zuid', 'zuid-west']);
	});

	test('every buurt belongs to an existing stadsdeel, and every stadsdeel has buurten', () => {
		const codes = new Set(seed.stadsdelen.map((s) => s.code));
		for (const buurt of seed.buurten) expect(codes.has(buurt.stadsdeelCode), buurt.name).toBe(true);
		for (const stadsdeel of seed.stadsdelen) {
			expect(seed.buurten.some((b) => b.stadsdeelCode === stadsdeel.code), stadsdeel.name).toBe(true);
		}
	});

	test('Zuid has the 6 buurten the README lists, and is a MultiPolygon because of Boschpoort', () => {
		const zuid = findStadsdeel(seed.stadsdelen, 'Zuid');
		expect(zuid?.code).toBe('zuid');
		expect(zuid?.geometry.type).toBe('MultiPolygon');
		const names = seed.buurten.filter((b) => b.stadsdeelCode === 'zuid').map((b) => b.name);
		expect(names.sort()).toEqual(['Boschpoort', 'De Heeg', 'Heugem', 'Heugemerveld', 'Randwyck', 'Vroendaal']);
	});

	test('the 6 buurten without CBS figures have null values, not 0', () => {
		const withoutFigures = seed.buurten.filter((b) => b.figures.every((f) => f.value === null)).map((b) => b.name);
		expect(withoutFigures.sort()).toEqual(['Beatrixhaven', 'Belvédère', 'Bosscherveld', 'Lanakerveld', 'Meerssenhoven', 'Sint Pieter']);
		for (const buurt of seed.buurten) expect(buurt.figures).toHaveLength(BUURT_FIGURE_DEFINITIONS.length);
	});

	test('the one value the source had imputed (Brusselsepoort, supermarket distance) stays missing', () => {
		const brusselsepoort = seed.buurten.find((b) => b.name === 'Brusselsepoort');
		expect(brusselsepoort?.figures.find((f) => f.id === 'dist_large_supermarket')?.value).toBeNull();
		expect(brusselsepoort?.figures.find((f) => f.id === 'population')?.value).toBe(5235);
	});

	test('the 38 buurten with figures sum to 125 245 inhabitants, as the README says', () => {
		const total = seed.buurten.reduce((sum, b) => sum + (b.figures.find((f) => f.id === 'population')?.value ?? 0), 0);
		expect(total).toBe(125_245);
	});

	test('the figure CSV agrees with the figures embedded in the buurten GeoJSON', () => {
		const rows = readCsv('maastricht_buurt_kerncijfers_2025.csv');
		expect(rows).toHaveLength(44);
		for (const row of rows) {
			const buurt = seed.buurten.find((b) => b.code === row.buurt_code);
			expect(buurt, row.buurt_code).toBeDefined();
			expect(buurt?.name).toBe(row.buurt_name);
			expect(buurt?.wijkCode).toBe(row.wijk_code);
			for (const definition of BUURT_FIGURE_DEFINITIONS) {
				const cell = row[definition.property];
				const expected = cell === '' ? null : Number(cell);
				expect(buurt?.figures.find((f) => f.id === definition.id)?.value, `${row.buurt_name} ${definition.property}`).toBe(expected);
			}
		}
	});

	test('the stadsdeel lookup CSV and the stadsdelen GeoJSON agree with the buurten', () => {
		for (const row of readCsv('maastricht_stadsdelen_buurten.csv')) {
			const buurt = seed.buurten.find((b) => b.code === row.buurt_code);
			expect(buurt?.stadsdeelCode, row.buurt_name).toBe(findStadsdeel(seed.stadsdelen, row.stadsdeel_2022)?.code);
			expect(buurt?.wijkName).toBe(row.cbs_wijk_name);
		}
		const raw = JSON.parse(readFileSync(path.join(SEED_DIR, SEED_FILES.stadsdelen), 'utf8')) as {
			features: { properties: { name: string; buurt_codes: string[] } }[];
		};
		for (const feature of raw.features) {
			const code = findStadsdeel(seed.stadsdelen, feature.properties.name)?.code;
			const expected = seed.buurten.filter((b) => b.stadsdeelCode === code).map((b) => b.code);
			expect(feature.properties.buurt_codes.slice().sort()).toEqual(expected.sort());
		}
	});

	test('facility categories have the counts the README gives', () => {
		const counts: Record<string, number> = {};
		for (const f of seed.facilities) counts[f.category] = (counts[f.category] ?? 0) + 1;
		expect(counts).toEqual({ education: 40, culture: 17, health: 11, worship: 9, community_centre: 4, library: 4, childcare: 3, care_social: 2, municipal: 1 });
		expect(seed.facilities.every((f) => f.source === 'osm' && f.sourceRef?.startsWith('node/'))).toBe(true);
	});

	test("each facility's buurt is the buurt whose polygon contains it", () => {
		for (const facility of seed.facilities) {
			const containing = seed.buurten.filter((b) => pointInPolygon([facility.lon, facility.lat], b.geometry)).map((b) => b.code);
			expect(containing, facility.id).toEqual([facility.buurtCode]);
		}
	});

	test('each facility lies inside the stadsdeel of its buurt', () => {
		for (const facility of seed.facilities) {
			const buurt = seed.buurten.find((b) => b.code === facility.buurtCode);
			const stadsdeel = seed.stadsdelen.find((s) => s.code === buurt?.stadsdeelCode);
			expect(stadsdeel && pointInPolygon([facility.lon, facility.lat], stadsdeel.geometry), facility.id).toBe(true);
		}
	});

	test('reachability runs on the real data: community centres are within 1 km of only a few buurten', () => {
		const result = reachability({ buurten: seed.buurten, facilities: seed.facilities, category: 'community_centre', radiiMeters: [500, 1000] });
		expect(result.buurten).toHaveLength(44);
		const caberg = result.buurten.find((b) => b.buurtName === 'Caberg');
		expect(caberg?.nearest).toMatchObject({ facilityName: 'Tragos', distanceMeters: 0 });
		const unreached = result.withoutFacility.find((r) => r.radiusMeters === 1000)?.buurtCodes ?? [];
		expect(unreached.length).toBeGreaterThan(20);
		expect(unreached).toContain('BU09350406'); // Amby: Amyerhoof is not in the OSM node extract.
	});
});

describe('loadMaastrichtSeed on broken files', () => {
	const scratch = mkdtempSync(path.join(tmpdir(), 'wijktafel-seed-'));
	afterAll(() => rmSync(scratch, { recursive: true, force: true }));

	function brokenCopy(name: string, file: string, contents: string): string {
		const dir = path.join(scratch, name);
		cpSync(SEED_DIR, dir, { recursive: true });
		writeFileSync(path.join(dir, file), contents);
		return dir;
	}

	test('invalid JSON names the file', () => {
		const dir = brokenCopy('json', SEED_FILES.buurten, '{ "type": "FeatureCollection", ');
		expect(() => loadMaastrichtSeed(dir)).toThrow(new RegExp(`${SEED_FILES.buurten} is not valid JSON`));
	});

	test('a missing file names the file', () => {
		const dir = path.join(scratch, 'empty');
		expect(() => loadMaastrichtSeed(dir)).toThrow(new RegExp(`${SEED_FILES.stadsdelen} cannot be read`));
	});

	test('a facility at 0,0 names the file and the feature', () => {
		const original = JSON.parse(readFileSync(path.join(SEED_DIR, SEED_FILES.facilities), 'utf8'));
		original.features[3].geometry.coordinates = [0, 0];
		const dir = brokenCopy('zero', SEED_FILES.facilities, JSON.stringify(original));
		expect(() => loadMaastrichtSeed(dir)).toThrow(/maastricht_social_facilities_osm_2023\.geojson is invalid \(1 problem\):\n- feature 3 .*outside Maastricht/);
	});

	test('a buurt pointing at a stadsdeel that is not shipped fails the cross-check', () => {
		const original = JSON.parse(readFileSync(path.join(SEED_DIR, SEED_FILES.stadsdelen), 'utf8'));
		original.features = original.features.filter((f: { properties: { name: string } }) => f.properties.name !== 'Oost');
		const dir = brokenCopy('no-oost', SEED_FILES.stadsdelen, JSON.stringify(original));
		expect(() => loadMaastrichtSeed(dir)).toThrow(/do not fit together[\s\S]*stadsdeel "oost" is missing/);
	});
});
