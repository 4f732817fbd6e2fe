import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { seedAreasIfEmpty } from '../../../src/lib/server/repositories/areas.ts';
import { averageOverBuurten, cityComparison, loadAreaProfile, priorityBuurtenIn } from '../../../src/lib/server/area-profile.ts';

const SEED_DIR = path.resolve(process.cwd(), 'server/seed/maastricht');
let dataDir: string;
let db: Db;

beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-area-profile-'));
	db = openDatabase(dataDir);
	seedAreasIfEmpty(db, SEED_DIR);
});

afterAll(() => {
	db.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

function buurt(figures: Record<string, number | null>) {
	return { figures: Object.entries(figures).map(([id, value]) => ({ id, value, unit: 'count' as const, label: { nl: id, en: id }, source: { nl: '', en: '' }, year: 2025 })) };
}

describe('averageOverBuurten', () => {
	test('a share of inhabitants is weighted by inhabitants, skipping buurten without value or weight', () => {
		const average = averageOverBuurten(
			[
				buurt({ population: 1000, pct_age_15_24: 10 }),
				buurt({ population: 3000, pct_age_15_24: 30 }),
				buurt({ population: null, pct_age_15_24: 90 }),
				buurt({ population: 500, pct_age_15_24: null })
			],
			'pct_age_15_24'
		);
		expect(average).toEqual({ value: 25, method: 'population-weighted', buurtenUsed: 2, buurtenTotal: 4 });
	});

	test('a share of dwellings is weighted by dwellings', () => {
		const average = averageOverBuurten(
			[buurt({ population: 9000, housing_units: 100, pct_rental_dwellings: 80 }), buurt({ population: 10, housing_units: 300, pct_rental_dwellings: 40 })],
			'pct_rental_dwellings'
		);
		expect(average.value).toBe(50);
		expect(average.method).toBe('dwelling-weighted');
	});

	test('no average where the definition does not allow one: counts, and shares of households', () => {
		expect(averageOverBuurten([buurt({ population: 10 })], 'population')).toMatchObject({ value: null, method: 'count' });
		expect(averageOverBuurten([buurt({ population: 10, pct_one_person_households: 50 })], 'pct_one_person_households')).toMatchObject({
			value: null,
			method: 'no-households'
		});
	});

	test('nothing to average gives unknown, never 0', () => {
		expect(averageOverBuurten([buurt({ population: 10, pct_age_15_24: null })], 'pct_age_15_24').value).toBeNull();
	});
});

describe('loadAreaProfile on the shipped data', () => {
	test('Zuid: its six buurten, every CBS figure with source and year, missing shown as null', () => {
		const profile = loadAreaProfile(db, 'zuid');
		expect(profile).not.toBeNull();
		expect(profile!.stadsdeel).toEqual({ code: 'zuid', name: 'Zuid' });
		expect(profile!.buurten.map((b) => b.name).sort()).toEqual(['Boschpoort', 'De Heeg', 'Heugem', 'Heugemerveld', 'Randwyck', 'Vroendaal']);
		for (const figure of profile!.figures) {
			expect(figure.source.nl).toMatch(/CBS/);
			expect(figure.year).toBe(2025);
			expect(figure.buurten).toHaveLength(6);
		}
		const youth = profile!.figures.find((f) => f.id === 'pct_age_15_24')!;
		expect(youth.city.buurtenTotal).toBe(44);
		expect(youth.city.buurtenUsed).toBe(38);
		expect(youth.city.value).toBeGreaterThan(10);
		expect(youth.city.value).toBeLessThan(40);
		const population = profile!.figures.find((f) => f.id === 'population')!;
		expect(population.city.value).toBeNull();
		expect(population.stadsdeelTotal?.buurtenTotal).toBe(6);
	});

	test('Maastricht against the Netherlands comes from the seed, with unknown years left unknown', () => {
		const loneliness = cityComparison().find((row) => row.id === 'loneliness')!;
		expect(loneliness.maastricht).toEqual({ value: 50.3, year: 2020 });
		expect(loneliness.nederland).toEqual({ value: 46.6, year: null });
		expect(cityComparison()).toHaveLength(8);
	});

	test('priority buurten carry their baseline; Daalhof is there without figures, Amby with its profile', () => {
		const [daalhof] = priorityBuurtenIn(['BU09350209']);
		expect(daalhof).toMatchObject({ name: 'Daalhof', figuresInSeedText: false, figures: [] });
		const [amby] = priorityBuurtenIn(['BU09350406']);
		expect(amby.figures.find((f) => f.id === 'inhabitants')).toMatchObject({ value: 6520, year: 2023 });
		expect(amby.figures.find((f) => f.id === 'loneliness')).toMatchObject({ value: 47.9, year: null });
		expect(loadAreaProfile(db, 'zuid')!.priorityBuurten).toEqual([]);
		expect(loadAreaProfile(db, 'west')!.priorityBuurten.map((b) => b.name).sort()).toEqual(['Daalhof', 'Pottenberg']);
	});

	test('an unknown stadsdeel has no profile', () => {
		expect(loadAreaProfile(db, 'nergens')).toBeNull();
	});
});
