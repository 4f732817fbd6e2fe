import { describe, expect, it } from 'vitest';
import {
	OTHER_BUURT_GROUP,
	REACH_METHOD,
	REACH_MIN_GROUP_SIZE,
	UNKNOWN_GROUP,
	ageSharesFor,
	buurtPopulationShares,
	computeReach,
	type Contributor,
	type ReachDimension,
	type ReachInput,
	type ReachResult
} from '../../../src/lib/domain/reach.ts';
import { AGE_BANDS } from '../../../src/lib/domain/participants.ts';

const AREA = [
	{ code: 'BU09350601', population: 6000 },
	{ code: 'BU09350602', population: 3000 },
	{ code: 'BU09350603', population: 1000 },
	{ code: 'BU09350604', population: null }
];
const AGE = { '0-14': 0.1, '15-24': 0.2, '25-44': 0.3, '45-64': 0.2, '65+': 0.2 } as const;

function people(count: number, template: Partial<Contributor> = {}): Contributor[] {
	return Array.from({ length: count }, () => ({ role: 'resident', buurtCode: null, ageBand: null, cards: 1, ...template }));
}

function reach(contributors: Contributor[], overrides: Partial<ReachInput> = {}): ReachResult {
	return computeReach({ contributors, areaBuurten: AREA, ageShares: AGE, ...overrides });
}

function group(result: ReachResult, dimension: ReachDimension, key: string) {
	const found = result.dimensions.find((d) => d.dimension === dimension)?.groups.find((g) => g.key === key);
	if (!found) throw new Error(`no group ${dimension}/${key}`);
	return found;
}

describe('buurtPopulationShares', () => {
	it('divides by the known population and leaves unknown buurten unknown', () => {
		const shares = buurtPopulationShares(AREA);
		expect(shares.get('BU09350601')).toBeCloseTo(0.6);
		expect(shares.get('BU09350603')).toBeCloseTo(0.1);
		expect(shares.get('BU09350604')).toBeNull();
	});
});

describe('ageSharesFor', () => {
	it('weights each unit by the inhabitants of the area in it, and scales rounded percentages to 1', () => {
		const mixed = ageSharesFor([
			// CBS rounds: this wijk's percentages add up to 101.
			{ weight: 3000, shares: { '0-14': 11, '15-24': 19, '25-44': 25, '45-64': 26, '65+': 20 } },
			{ weight: 1000, shares: { '0-14': 0, '15-24': 0, '25-44': 0, '45-64': 0, '65+': 100 } }
		]);
		expect(mixed).not.toBeNull();
		const total = AGE_BANDS.reduce((sum, band) => sum + mixed![band], 0);
		expect(total).toBeCloseTo(1, 10);
		expect(mixed!['65+']).toBeCloseTo(0.75 * (20 / 101) + 0.25, 10);
		expect(mixed!['0-14']).toBeCloseTo(0.75 * (11 / 101), 10);
	});

	it('returns null without a usable part, and skips parts without weight or mix', () => {
		expect(ageSharesFor([])).toBeNull();
		expect(ageSharesFor([{ weight: 0, shares: AGE }, { weight: 100, shares: null }])).toBeNull();
		expect(ageSharesFor([{ weight: 10, shares: null }, { weight: 10, shares: AGE }])?.['25-44']).toBeCloseTo(0.3);
	});
});

describe('computeReach', () => {
	it('counts people and cards per group and compares the share of cards with the population', () => {
		const result = reach([
			...people(5, { buurtCode: 'BU09350601', ageBand: '25-44', cards: 2 }),
			...people(4, { buurtCode: 'BU09350602', ageBand: '65+', cards: 2, role: 'partner' }),
			...people(3, { buurtCode: 'BU09350603', ageBand: '45-64', cards: 4 })
		]);
		expect(result.people).toBe(12);
		// Cards: 10 + 8 + 12 = 30.
		const a = group(result, 'buurt', 'BU09350601');
		expect(a).toMatchObject({ status: 'shown', people: 5, cards: 10, representation: 'fair' });
		expect(a.contributionShare).toBeCloseTo(10 / 30);
		expect(a.populationShare).toBeCloseTo(0.6);
		// 12/30 = 0.4 of the cards against 0.1 of the people: more than twice the expected share.
		expect(group(result, 'buurt', 'BU09350603').representation).toBe('over');
		// Nobody aged 0-14 or 15-24: shown as 0 and under-represented.
		expect(group(result, 'ageBand', '15-24')).toMatchObject({ status: 'none', people: 0, cards: 0, contributionShare: 0, representation: 'under' });
		expect(result.underRepresented).toContainEqual({ dimension: 'ageBand', key: '15-24' });
		expect(result.underRepresented).toContainEqual({ dimension: 'ageBand', key: '0-14' });
		// Roles have no population reference.
		expect(group(result, 'role', 'partner')).toMatchObject({ people: 4, cards: 8, populationShare: null, representation: null });
		// A buurt without a known population has no reference either.
		expect(group(result, 'buurt', 'BU09350604')).toMatchObject({ status: 'none', populationShare: null, representation: null });
	});

	it(`hides groups of fewer than ${REACH_MIN_GROUP_SIZE} people, and the smallest other group so nobody can subtract`, () => {
		const result = reach([
			...people(6, { ageBand: '25-44' }),
			...people(4, { ageBand: '45-64' }),
			...people(2, { ageBand: '65+' })
		]);
		const old = group(result, 'ageBand', '65+');
		expect(old).toMatchObject({ status: 'too-few', people: null, cards: null, contributionShare: null, representation: null });
		expect(group(result, 'ageBand', '45-64')).toMatchObject({ status: 'protected', people: null, cards: null });
		expect(group(result, 'ageBand', '25-44')).toMatchObject({ status: 'shown', people: 6 });
		expect(group(result, 'ageBand', UNKNOWN_GROUP)).toMatchObject({ status: 'none', people: 0 });
		// Whatever is shown, the hidden groups cannot be told apart by subtraction.
		const shownPeople = result.dimensions
			.find((d) => d.dimension === 'ageBand')!
			.groups.reduce((sum, g) => sum + (g.people ?? 0), 0);
		expect(result.people! - shownPeople).toBe(6);
	});

	it('shows nothing at all while fewer than 3 people take part', () => {
		const result = reach(people(2, { buurtCode: 'BU09350601', ageBand: '65+' }));
		expect(result.people).toBeNull();
		for (const dimension of result.dimensions) {
			expect(dimension.shown).toBe(false);
			expect(dimension.groups.every((g) => g.people === null && g.cards === null)).toBe(true);
		}
		expect(result.underRepresented).toEqual([]);
	});

	it('keeps people who gave no buurt or a buurt outside the area out of the comparison', () => {
		const result = reach([
			...people(3, { buurtCode: 'BU09350601', cards: 1 }),
			...people(3, { buurtCode: 'BU09350101', cards: 50 }),
			...people(3, { buurtCode: null, cards: 50 })
		]);
		expect(group(result, 'buurt', OTHER_BUURT_GROUP)).toMatchObject({ people: 3, cards: 150, contributionShare: null });
		expect(group(result, 'buurt', UNKNOWN_GROUP)).toMatchObject({ people: 3, cards: 150, contributionShare: null });
		// Among comparable cards, buurt 01 has them all.
		expect(group(result, 'buurt', 'BU09350601').contributionShare).toBe(1);
	});

	it('gives no verdict before anyone wrote a card, and without an age reference', () => {
		const result = reach(people(4, { ageBand: '25-44', cards: 0 }), { ageShares: null });
		expect(group(result, 'ageBand', '25-44')).toMatchObject({ people: 4, cards: 0, contributionShare: null, populationShare: null, representation: null });
		expect(result.underRepresented).toEqual([]);
	});

	it('never returns anything that identifies a person', () => {
		const result = reach(people(5, { buurtCode: 'BU09350601', ageBand: '25-44' }));
		const keys = new Set(JSON.stringify(result).match(/"[a-zA-Z]+":/g));
		for (const forbidden of ['"name":', '"id":', '"participantId":', '"text":']) expect(keys.has(forbidden)).toBe(false);
	});

	it('explains the method in Dutch and English', () => {
		expect(REACH_METHOD.nl).toMatch(/1 of 2 mensen/);
		expect(REACH_METHOD.en).toMatch(/1 or 2 people/);
	});
});
