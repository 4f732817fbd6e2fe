/**
 * "Wie missen we nog?" — who takes part, set against who lives in the area (seed 002: the council
 * asked to reach groups that are normally not reached).
 *
 * Input is already aggregated per participant: a role, an optional buurt, an optional age band and
 * how many cards that person wrote. Output is counts per group — never a name, never a card — and:
 *  - groups of 1 or 2 people are suppressed (REACH_MIN_GROUP_SIZE), because a group that small can
 *    point at one person in the room;
 *  - when a dimension has a suppressed group, the smallest group that is still shown is hidden too
 *    (secondary suppression): otherwise "everyone minus the shown groups" gives the small group back;
 *  - a dimension with fewer than REACH_MIN_GROUP_SIZE people in total shows nothing at all.
 *
 * Representation compares the share of contributions (cards) of a group with its share of the
 * population. Only people who said which group they belong to, and who belong to the area, count in
 * that comparison: "zeg ik liever niet" and buurten outside the area have no population share.
 */
import { AGE_BANDS, PARTICIPANT_ROLES, type AgeBand, type ParticipantRole } from './participants.ts';
import type { LocalizedText } from './i18n-text.ts';

export const REACH_MIN_GROUP_SIZE = 3;
/** A group is under-represented when its share of the contributions is below this part of its population share. */
export const UNDER_REPRESENTED_BELOW = 0.5;

export const UNKNOWN_GROUP = 'unknown';
/** A buurt outside the area of the workshop or agenda. */
export const OTHER_BUURT_GROUP = 'other';

export type ReachDimension = 'role' | 'buurt' | 'ageBand';

export interface Contributor {
	readonly role: ParticipantRole;
	readonly buurtCode: string | null;
	readonly ageBand: AgeBand | null;
	/** Cards this person wrote (0 when they only joined). */
	readonly cards: number;
}

export interface ReachInput {
	readonly contributors: readonly Contributor[];
	/** The area's buurten with their population (null when unknown); defines the buurt groups. */
	readonly areaBuurten: readonly { readonly code: string; readonly population: number | null }[];
	/** Population share per age band, 0..1 (from ageSharesFor); null when unknown. */
	readonly ageShares: Readonly<Record<AgeBand, number>> | null;
}

/**
 * shown: counts visible. too-few: 1 or 2 people, counts hidden. protected: hidden so that the
 * too-few group cannot be worked out by subtraction. none: nobody (0 is safe to show).
 */
export type ReachGroupStatus = 'shown' | 'none' | 'too-few' | 'protected';
export type Representation = 'under' | 'fair' | 'over';

export interface ReachGroup {
	readonly key: string;
	readonly status: ReachGroupStatus;
	/** People in the group; null when suppressed. */
	readonly people: number | null;
	readonly cards: number | null;
	/** Share of the comparable contributions, 0..1; null when suppressed or not comparable. */
	readonly contributionShare: number | null;
	/** Share of the area's population, 0..1; null when there is no reference. */
	readonly populationShare: number | null;
	/** null when suppressed, without a reference, or before anyone wrote a card. */
	readonly representation: Representation | null;
}

export interface ReachDimensionResult {
	readonly dimension: ReachDimension;
	/** False when fewer than REACH_MIN_GROUP_SIZE people take part: nothing is shown. */
	readonly shown: boolean;
	readonly groups: readonly ReachGroup[];
}

export interface ReachResult {
	/** People taking part; null when fewer than REACH_MIN_GROUP_SIZE (that alone could point at someone). */
	readonly people: number | null;
	readonly dimensions: readonly ReachDimensionResult[];
	/** Groups with a population share that contribute less than UNDER_REPRESENTED_BELOW of it, or not at all. */
	readonly underRepresented: readonly { readonly dimension: ReachDimension; readonly key: string }[];
}

export const REACH_METHOD: LocalizedText = {
	nl: [
		'Zo kijken we wie we nog missen.',
		'1. We tellen per groep hoeveel mensen meedoen en hoeveel kaartjes zij schreven. We laten nooit namen zien, en nooit iemands buurt of leeftijd naast wat die persoon schreef.',
		`2. Een groep van 1 of 2 mensen laten we niet zien. Dan zou je kunnen raden wie het is. Is er zo'n kleine groep? Dan verbergen we ook de kleinste andere groep. Anders kun je het aantal uitrekenen.`,
		'3. We vergelijken het deel van de kaartjes van een groep met het deel van de inwoners. Mensen die hun buurt of leeftijd niet gaven, en mensen uit een buurt buiten het gebied, tellen daarin niet mee.',
		`4. Krijgt een groep minder dan de helft van de kaartjes die je naar het aantal inwoners zou verwachten? Dan noemen we die groep ondervertegenwoordigd.`
	].join('\n'),
	en: [
		'This is how we look at who we are still missing.',
		'1. Per group we count how many people take part and how many cards they wrote. We never show names, and never show anyone’s neighbourhood or age next to what they wrote.',
		'2. We do not show a group of 1 or 2 people: you could guess who it is. When there is such a small group, we also hide the smallest other group, or you could work the number out.',
		'3. We compare a group’s share of the cards with its share of the inhabitants. People who did not give their neighbourhood or age, and people from a neighbourhood outside the area, do not count in that comparison.',
		'4. A group that gets less than half of the cards you would expect from its number of inhabitants is called under-represented.'
	].join('\n')
};

interface Bucket {
	key: string;
	people: number;
	cards: number;
	populationShare: number | null;
	/** Counts in the comparison with the population. */
	comparable: boolean;
}

function sumOf(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/** Population share per buurt of the area; buurten with an unknown population get null. */
export function buurtPopulationShares(areaBuurten: ReachInput['areaBuurten']): Map<string, number | null> {
	const known = areaBuurten.filter((buurt) => buurt.population !== null && buurt.population >= 0);
	const total = sumOf(known.map((buurt) => buurt.population as number));
	return new Map(
		areaBuurten.map((buurt) => [buurt.code, buurt.population === null || total === 0 ? null : buurt.population / total])
	);
}

/**
 * The age mix of an area from the age mix of the larger units it lies in (e.g. CBS wijken), each
 * weighted by the inhabitants of the area in that unit. Shares may be given as percentages or
 * fractions; each unit's shares are scaled to add up to 1 first (CBS rounds to whole percentages).
 * Returns null when no part has both a weight and a complete age mix.
 */
export function ageSharesFor(
	parts: readonly { readonly weight: number; readonly shares: Readonly<Record<AgeBand, number>> | null }[]
): Record<AgeBand, number> | null {
	const usable = parts.filter(
		(part) =>
			part.weight > 0 &&
			part.shares !== null &&
			AGE_BANDS.every((band) => Number.isFinite(part.shares![band]) && part.shares![band] >= 0) &&
			sumOf(AGE_BANDS.map((band) => part.shares![band])) > 0
	);
	if (usable.length === 0) return null;
	const totalWeight = sumOf(usable.map((part) => part.weight));
	const mixed = {} as Record<AgeBand, number>;
	for (const band of AGE_BANDS) {
		mixed[band] = sumOf(
			usable.map((part) => {
				const shares = part.shares as Record<AgeBand, number>;
				return (part.weight / totalWeight) * (shares[band] / sumOf(AGE_BANDS.map((b) => shares[b])));
			})
		);
	}
	return mixed;
}

function bucketsFor(dimension: ReachDimension, input: ReachInput): Bucket[] {
	const make = (key: string, populationShare: number | null, comparable: boolean): Bucket => ({
		key,
		people: 0,
		cards: 0,
		populationShare,
		comparable
	});
	let buckets: Bucket[];
	let keyOf: (contributor: Contributor) => string;
	if (dimension === 'role') {
		buckets = PARTICIPANT_ROLES.map((role) => make(role, null, false));
		keyOf = (contributor) => contributor.role;
	} else if (dimension === 'buurt') {
		const shares = buurtPopulationShares(input.areaBuurten);
		buckets = [
			...input.areaBuurten.map((buurt) => make(buurt.code, shares.get(buurt.code) ?? null, true)),
			make(OTHER_BUURT_GROUP, null, false),
			make(UNKNOWN_GROUP, null, false)
		];
		const inArea = new Set(input.areaBuurten.map((buurt) => buurt.code));
		keyOf = (contributor) =>
			contributor.buurtCode === null ? UNKNOWN_GROUP : inArea.has(contributor.buurtCode) ? contributor.buurtCode : OTHER_BUURT_GROUP;
	} else {
		buckets = [...AGE_BANDS.map((band) => make(band, input.ageShares?.[band] ?? null, true)), make(UNKNOWN_GROUP, null, false)];
		keyOf = (contributor) => contributor.ageBand ?? UNKNOWN_GROUP;
	}
	const byKey = new Map(buckets.map((bucket) => [bucket.key, bucket]));
	for (const contributor of input.contributors) {
		const bucket = byKey.get(keyOf(contributor));
		if (!bucket) continue;
		bucket.people += 1;
		bucket.cards += Math.max(0, Math.floor(contributor.cards));
	}
	return buckets;
}

function representationOf(contributionShare: number, populationShare: number): Representation {
	if (contributionShare < populationShare * UNDER_REPRESENTED_BELOW) return 'under';
	// Symmetric on the other side: more than twice the expected share.
	if (populationShare > 0 && contributionShare > populationShare / UNDER_REPRESENTED_BELOW) return 'over';
	return 'fair';
}

function dimensionResult(dimension: ReachDimension, input: ReachInput): ReachDimensionResult {
	const buckets = bucketsFor(dimension, input);
	const people = sumOf(buckets.map((bucket) => bucket.people));
	if (people < REACH_MIN_GROUP_SIZE) {
		return {
			dimension,
			shown: false,
			groups: buckets.map((bucket) => ({
				key: bucket.key,
				status: 'too-few',
				people: null,
				cards: null,
				contributionShare: null,
				populationShare: bucket.populationShare,
				representation: null
			}))
		};
	}

	const status = new Map<string, ReachGroupStatus>(
		buckets.map((bucket) => [
			bucket.key,
			bucket.people === 0 ? 'none' : bucket.people < REACH_MIN_GROUP_SIZE ? 'too-few' : 'shown'
		])
	);
	if (buckets.some((bucket) => status.get(bucket.key) === 'too-few')) {
		const smallestShown = buckets
			.filter((bucket) => status.get(bucket.key) === 'shown')
			.sort((a, b) => a.people - b.people || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
		if (smallestShown) status.set(smallestShown.key, 'protected');
	}

	const comparableCards = sumOf(buckets.filter((bucket) => bucket.comparable).map((bucket) => bucket.cards));
	const groups = buckets.map((bucket): ReachGroup => {
		const groupStatus = status.get(bucket.key) as ReachGroupStatus;
		const visible = groupStatus === 'shown' || groupStatus === 'none';
		const contributionShare = visible && bucket.comparable && comparableCards > 0 ? bucket.cards / comparableCards : null;
		const representation =
			contributionShare !== null && bucket.populationShare !== null && bucket.populationShare > 0
				? representationOf(contributionShare, bucket.populationShare)
				: null;
		return {
			key: bucket.key,
			status: groupStatus,
			people: visible ? bucket.people : null,
			cards: visible ? bucket.cards : null,
			contributionShare,
			populationShare: bucket.populationShare,
			representation
		};
	});
	return { dimension, shown: true, groups };
}

export function computeReach(input: ReachInput): ReachResult {
	const people = input.contributors.length;
	const dimensions = (['role', 'buurt', 'ageBand'] as const).map((dimension) => dimensionResult(dimension, input));
	const underRepresented = dimensions.flatMap((result) =>
		result.groups.filter((group) => group.representation === 'under').map((group) => ({ dimension: result.dimension, key: group.key }))
	);
	return { people: people < REACH_MIN_GROUP_SIZE ? null : people, dimensions, underRepresented };
}
