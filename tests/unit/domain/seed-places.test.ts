import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SEED_PLACES, seedPlacesIn } from '../../../src/lib/domain/seed-places.ts';

const LOOKUP = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'server/seed/maastricht/amby_policy_places_lookup.json'), 'utf8')) as {
	places: { name: string; found: boolean; address?: string | null; coordinates?: unknown }[];
};
const SEED_002_PATH = path.resolve(process.cwd(), '../shared/seeds/002_607839571c8de426.txt');
const haveSeed = fs.existsSync(SEED_002_PATH);
const SEED_002 = haveSeed ? fs.readFileSync(SEED_002_PATH, 'utf8').replace(/\s+/g, ' ') : '';

test('the four places seed 002 names for Amby, in stadsdeel Oost, none with a position', () => {
	expect(SEED_PLACES.map((place) => place.name)).toEqual(['Amyerhoof', 'De Koffiepot', 'Hagerpoort', 'De Zeven Bronnen']);
	expect(seedPlacesIn('Oost')).toHaveLength(4);
	expect(seedPlacesIn('Zuid')).toEqual([]);
	for (const place of SEED_PLACES) {
		expect(place.point).toBeNull();
		expect(place.buurtCode).toBe('BU09350406');
	}
});

test('what each place says agrees with the shipped lookup file', () => {
	for (const place of SEED_PLACES) {
		const found = LOOKUP.places.find((entry) => entry.name === place.name);
		expect(found, place.name).toBeDefined();
		expect(found?.coordinates ?? null).toBeNull();
		expect(place.found !== null, place.name).toBe(found?.found);
		expect(place.address).toBe(found?.address ?? null);
	}
});

describe.skipIf(!haveSeed)('against the seed text in ../shared/seeds', () => {
	test('each description quotes seed 002, whitespace aside', () => {
		for (const place of SEED_PLACES) {
			for (const sentence of place.seedDescription.split(/(?<=\.) /)) {
				const words = sentence.replace(/^(Volwassenen|Ouderen): /, '').replace(/\.$/, '');
				expect(SEED_002.toLowerCase(), place.name).toContain(words.toLowerCase());
			}
		}
	});
});
