import { describe, expect, test } from 'vitest';
import { CATEGORY_MEANING, NO_CONDITION, comparePlaces, publicCondition, searchPlaces, type PublicPlace } from '../../../src/lib/domain/sociale-kaart.ts';
import { FACILITY_CATEGORY_IDS } from '../../../src/lib/domain/areas.ts';
import { isThemeId } from '../../../src/lib/domain/themes.ts';
import { isLayerId } from '../../../src/lib/domain/sociale-basis.ts';

const place = (id: string, name: string | null, category: PublicPlace['category'], extra: Partial<PublicPlace> = {}): PublicPlace => ({
	id,
	kind: 'facility',
	name,
	category,
	layer: CATEGORY_MEANING[category].layer,
	themeIds: CATEGORY_MEANING[category].themes,
	forWhom: [],
	address: null,
	lat: 50.85,
	lon: 5.69,
	buurtCode: 'BU09350600',
	source: 'osm',
	sourceRef: null,
	condition: NO_CONDITION,
	...extra
});

describe('conditions never show a count under 3', () => {
	test('fewer than 3 raters: nothing at all', () => {
		expect(publicCondition({ voters: 2, goed: 2, 'onder-druk': 0, ontbreekt: 0 })).toEqual(NO_CONDITION);
	});
	test('3 or more raters: the verdict, and only the counts of 3 or more', () => {
		expect(publicCondition({ voters: 5, goed: 3, 'onder-druk': 2, ontbreekt: 0 })).toEqual({
			voters: 5,
			counts: { goed: 3, 'onder-druk': null, ontbreekt: null },
			verdict: 'goed'
		});
	});
	test('a tie has no verdict', () => {
		expect(publicCondition({ voters: 6, goed: 3, 'onder-druk': 3, ontbreekt: 0 }).verdict).toBeNull();
	});
});

describe('what each kind of place means', () => {
	test('every category has a need, real themes and a layer', () => {
		for (const category of FACILITY_CATEGORY_IDS) {
			const meaning = CATEGORY_MEANING[category];
			expect(meaning.themes.every(isThemeId), category).toBe(true);
			expect(isLayerId(meaning.layer), category).toBe(true);
			expect(meaning.offers.nl.length).toBeGreaterThan(5);
		}
	});
});

describe('search', () => {
	const places = [
		place('a', 'Bibliotheek Centre Céramique', 'library', { address: 'Avenue Céramique 50' }),
		place('b', 'Buurthuis Heugem', 'community_centre'),
		place('c', null, 'sport', { forWhom: ['ouderen'] })
	];
	test('every word must match; accents and case do not matter', () => {
		expect(searchPlaces(places, 'ceramique').map((p) => p.id)).toEqual(['a']);
		expect(searchPlaces(places, 'BUURTHUIS heugem').map((p) => p.id)).toEqual(['b']);
		expect(searchPlaces(places, 'ouderen sport').map((p) => p.id)).toEqual(['c']);
		expect(searchPlaces(places, 'heugem bibliotheek')).toEqual([]);
		expect(searchPlaces(places, '   ')).toHaveLength(3);
	});
	test('the list goes by need (meeting people first), then name', () => {
		expect([...places].sort(comparePlaces).map((p) => p.id)).toEqual(['b', 'a', 'c']);
	});
});
