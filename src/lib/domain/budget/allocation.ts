/**
 * Turns need indices into whole-euro amounts per area: "Welk budget is beschikbaar (op basis van
 * analyse 'ongelijk' investeren)" — question 7 of the area-based process (seed 000 §8).
 *
 * euros(area) = floor + largestRemainderRound( rest × population × needIndex / Σ population × needIndex )
 * where rest = total − floor × numberOfAreas.
 *
 * All money arithmetic runs on BigInt so that the sum is exact to the euro and the ranking of
 * remainders cannot be disturbed by float rounding. To make the weights exact integers the need
 * index is rounded to NEED_INDEX_PRECISION decimals first; that rounding is monotone, so an area
 * with more need still never weighs less.
 *
 * Monotonicity (more need never gets less money, other things equal): largest remainder can
 * misbehave when the TOTAL changes (the Alabama paradox), but not when, for a fixed total, one
 * area's weight goes up. Raising one area's weight raises its exact quota and lowers
 * every other quota. If its whole-euro part grows, it already has at least what it had. If not, its
 * fraction grew; an area that now ranks above it either ranked above it before or lost at least one
 * whole euro, and every lost euro adds one to the euros handed out by fraction, so it still gets
 * its extra euro. The property test in tests/unit/domain/budget/allocation.test.ts checks this on
 * many random inputs.
 */

import type { LocalizedText } from '../i18n-text.ts';

export interface AllocationAreaInput {
	readonly code: string;
	/** Number of inhabitants; null when unknown. */
	readonly population: number | null;
	/** 0..1 from computeNeedIndex; null when the area has no index. */
	readonly needIndex: number | null;
}

export interface AllocationInput {
	/** Whole euros, 0 or more. */
	readonly totalEuros: number;
	readonly areas: readonly AllocationAreaInput[];
	/** Whole euros every area receives before the proportional split. Default 0. */
	readonly floorEuros?: number;
}

export type AllocationAreaReason = 'no-need-index' | 'no-population' | 'zero-need';

export interface AreaAllocation {
	readonly code: string;
	readonly euros: number;
	readonly floorEuros: number;
	readonly proportionalEuros: number;
	/** Present when the area shared only in the floor, not in the proportional part. */
	readonly reason?: AllocationAreaReason;
}

export type AllocationFailureReason =
	| 'no-areas'
	| 'non-integer-total'
	| 'negative-total'
	| 'total-too-large'
	| 'invalid-floor'
	| 'floor-exceeds-total'
	| 'duplicate-area-code'
	| 'invalid-population'
	| 'invalid-need-index'
	| 'no-area-can-share';

export type AllocationResult =
	| {
			readonly ok: true;
			readonly totalEuros: number;
			readonly floorEuros: number;
			/** What was left after the floors and split by population × need index. */
			readonly proportionalTotalEuros: number;
			readonly areas: readonly AreaAllocation[];
	  }
	| {
			readonly ok: false;
			readonly reason: AllocationFailureReason;
			readonly message: LocalizedText;
			/** Area codes the reason is about, for highlighting in the form. */
			readonly subjects: readonly string[];
	  };

/** Decimals of the need index that count when weighing; finer differences are not meaningful. */
export const NEED_INDEX_PRECISION = 9;
const NEED_INDEX_SCALE = 10 ** NEED_INDEX_PRECISION;

export const ALLOCATION_METHOD: LocalizedText = {
	nl: [
		'Zo verdelen we het budget over de buurten.',
		'1. Is er een bodembedrag gekozen? Dan krijgt elke buurt eerst dat vaste bedrag.',
		'2. Het geld dat overblijft, verdelen we naar inwoners maal behoefte-index. Een buurt met meer inwoners of meer behoefte krijgt dus meer.',
		'   In een formule: deel van een buurt = rest × (inwoners × index van die buurt) ÷ (optelsom van inwoners × index van alle buurten).',
		'3. Een buurt zonder index of zonder aantal inwoners krijgt alleen het bodembedrag. We zeggen erbij waarom.',
		"4. We rekenen in hele euro's. Na het afronden blijven er soms een paar euro's over. Die gaan één voor één naar de buurten met de grootste rest na de komma. Is die rest gelijk, dan beslist de volgorde van de buurtcode.",
		'Zo klopt het totaal altijd precies tot op de euro. En meer behoefte levert nooit minder geld op.'
	].join('\n'),
	en: [
		'This is how we divide the budget over the neighbourhoods.',
		'1. If a floor amount was chosen, every neighbourhood first receives that fixed amount.',
		'2. The money that is left is divided by inhabitants times need index. A neighbourhood with more inhabitants or more need receives more.',
		'   As a formula: share of a neighbourhood = rest × (inhabitants × its index) ÷ (sum of inhabitants × index over all neighbourhoods).',
		'3. A neighbourhood without an index or without a number of inhabitants receives only the floor amount, and we say why.',
		'4. We work in whole euros. Rounding can leave a few euros; they go one by one to the neighbourhoods with the largest fraction left over. When fractions are equal, the order of the area code decides.',
		'So the total always adds up exactly to the euro, and more need never means less money.'
	].join('\n')
};

export const ALLOCATION_AREA_REASON_TEXT: Readonly<Record<AllocationAreaReason, LocalizedText>> = {
	'no-need-index': {
		nl: 'Deze buurt heeft geen behoefte-index. Ze krijgt daarom alleen het bodembedrag.',
		en: 'This neighbourhood has no need index, so it receives only the floor amount.'
	},
	'no-population': {
		nl: 'Het aantal inwoners van deze buurt is onbekend of 0. Ze krijgt daarom alleen het bodembedrag.',
		en: 'The number of inhabitants of this neighbourhood is unknown or 0, so it receives only the floor amount.'
	},
	'zero-need': {
		nl: 'Deze buurt heeft de laagste behoefte op alle cijfers (index 0). Ze krijgt daarom alleen het bodembedrag.',
		en: 'This neighbourhood has the lowest need on every indicator (index 0), so it receives only the floor amount.'
	}
};

function failure(
	reason: AllocationFailureReason,
	message: LocalizedText,
	subjects: readonly string[] = []
): AllocationResult {
	return { ok: false, reason, message, subjects };
}

function compareCodes(a: string, b: string): number {
	// Plain code-unit order: unlike localeCompare it gives the same tie-break on every machine.
	return a < b ? -1 : a > b ? 1 : 0;
}

interface PreparedArea {
	readonly code: string;
	readonly weight: bigint;
	readonly reason?: AllocationAreaReason;
}

export function allocateBudget(input: AllocationInput): AllocationResult {
	const { totalEuros, areas } = input;
	const floorEuros = input.floorEuros ?? 0;

	if (!Number.isInteger(totalEuros)) {
		return failure('non-integer-total', {
			nl: "Het totale budget moet een heel aantal euro's zijn, zonder centen.",
			en: 'The total budget must be a whole number of euros, without cents.'
		});
	}
	if (totalEuros < 0) {
		return failure('negative-total', {
			nl: 'Het totale budget kan niet negatief zijn.',
			en: 'The total budget cannot be negative.'
		});
	}
	if (!Number.isSafeInteger(totalEuros)) {
		return failure('total-too-large', {
			nl: 'Het totale budget is te groot om precies mee te rekenen.',
			en: 'The total budget is too large to calculate with exactly.'
		});
	}
	if (!Number.isSafeInteger(floorEuros) || floorEuros < 0) {
		return failure('invalid-floor', {
			nl: "Het bodembedrag moet een heel aantal euro's zijn, 0 of meer.",
			en: 'The floor amount must be a whole number of euros, 0 or more.'
		});
	}
	if (areas.length === 0) {
		return failure('no-areas', {
			nl: 'Er zijn geen buurten om het budget over te verdelen.',
			en: 'There are no neighbourhoods to divide the budget over.'
		});
	}

	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const area of areas) {
		if (seen.has(area.code)) duplicates.add(area.code);
		seen.add(area.code);
	}
	if (duplicates.size > 0) {
		const codes = [...duplicates];
		return failure(
			'duplicate-area-code',
			{
				nl: `Deze buurtcode komt meer dan één keer voor: ${codes.join(', ')}.`,
				en: `This area code occurs more than once: ${codes.join(', ')}.`
			},
			codes
		);
	}

	const badPopulation = areas
		.filter((area) => area.population !== null && !(Number.isSafeInteger(area.population) && area.population >= 0))
		.map((area) => area.code);
	if (badPopulation.length > 0) {
		return failure(
			'invalid-population',
			{
				nl: `Het aantal inwoners moet een heel getal zijn, 0 of meer. Controleer: ${badPopulation.join(', ')}.`,
				en: `The number of inhabitants must be a whole number, 0 or more. Check: ${badPopulation.join(', ')}.`
			},
			badPopulation
		);
	}

	const badNeed = areas
		.filter(
			(area) =>
				area.needIndex !== null &&
				!(Number.isFinite(area.needIndex) && area.needIndex >= 0 && area.needIndex <= 1)
		)
		.map((area) => area.code);
	if (badNeed.length > 0) {
		return failure(
			'invalid-need-index',
			{
				nl: `De behoefte-index moet tussen 0 en 1 liggen. Controleer: ${badNeed.join(', ')}.`,
				en: `The need index must lie between 0 and 1. Check: ${badNeed.join(', ')}.`
			},
			badNeed
		);
	}

	const total = BigInt(totalEuros);
	const floor = BigInt(floorEuros);
	const floorsTotal = floor * BigInt(areas.length);
	if (floorsTotal > total) {
		return failure('floor-exceeds-total', {
			nl: `Het bodembedrag van € ${floorEuros} voor ${areas.length} buurten is samen € ${floorsTotal}. Dat is meer dan het budget van € ${totalEuros}. Kies een lager bodembedrag.`,
			en: `A floor of € ${floorEuros} for ${areas.length} neighbourhoods adds up to € ${floorsTotal}, more than the budget of € ${totalEuros}. Choose a lower floor.`
		});
	}

	const prepared: PreparedArea[] = areas.map((area) => {
		if (area.needIndex === null) return { code: area.code, weight: 0n, reason: 'no-need-index' };
		if (area.population === null || area.population === 0) {
			return { code: area.code, weight: 0n, reason: 'no-population' };
		}
		const scaledNeed = BigInt(Math.round(area.needIndex * NEED_INDEX_SCALE));
		if (scaledNeed === 0n) return { code: area.code, weight: 0n, reason: 'zero-need' };
		return { code: area.code, weight: BigInt(area.population) * scaledNeed };
	});

	const rest = total - floorsTotal;
	const weightSum = prepared.reduce((sum, area) => sum + area.weight, 0n);

	if (rest > 0n && weightSum === 0n) {
		return failure(
			'no-area-can-share',
			{
				nl: `Na het bodembedrag blijft € ${rest} over. Geen enkele buurt heeft zowel inwoners als een behoefte-index boven 0, dus we kunnen dit bedrag niet eerlijk verdelen. Vul de ontbrekende gegevens aan of verhoog het bodembedrag.`,
				en: `After the floor, € ${rest} is left. No neighbourhood has both inhabitants and a need index above 0, so this amount cannot be divided fairly. Complete the missing data or raise the floor.`
			},
			prepared.map((area) => area.code)
		);
	}

	const shares = largestRemainder(rest, prepared);

	return {
		ok: true,
		totalEuros,
		floorEuros,
		proportionalTotalEuros: Number(rest),
		areas: shares.map(({ area, share }) => {
			const allocation: AreaAllocation = {
				code: area.code,
				euros: Number(floor + share),
				floorEuros,
				proportionalEuros: Number(share)
			};
			return area.reason === undefined ? allocation : { ...allocation, reason: area.reason };
		})
	};
}

interface Share {
	readonly area: PreparedArea;
	share: bigint;
	/** Numerator over the common denominator (the weight sum), so comparing them is exact. */
	readonly remainder: bigint;
}

/** Returns the shares in the order of `areas`. */
function largestRemainder(amount: bigint, areas: readonly PreparedArea[]): Share[] {
	const weightSum = areas.reduce((sum, area) => sum + area.weight, 0n);
	if (amount === 0n || weightSum === 0n) return areas.map((area) => ({ area, share: 0n, remainder: 0n }));

	const shares: Share[] = areas.map((area) => ({
		area,
		share: (amount * area.weight) / weightSum,
		remainder: (amount * area.weight) % weightSum
	}));
	let leftover = amount - shares.reduce((sum, entry) => sum + entry.share, 0n);

	const byRemainder = shares
		.filter((entry) => entry.area.weight > 0n)
		.sort((a, b) => {
			if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
			return compareCodes(a.area.code, b.area.code);
		});

	for (const entry of byRemainder) {
		if (leftover === 0n) break;
		entry.share += 1n;
		leftover -= 1n;
	}
	return shares;
}
