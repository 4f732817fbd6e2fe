/**
 * The results of the eight questions besides cards and syntheses, read for the export model: Q1
 * keywords, Q2 needs by theme, Q3 accepted elements per layer, Q4 condition ratings, Q5/Q6 kinds,
 * Q7 the recorded weighing and Q8 the dot-vote ranking. Pure: the caller reads the docs and the
 * database and passes plain values in.
 *
 * Privacy: a count of people of 1 or 2 is never written (`PeopleCount.count` is null and its text
 * says "fewer than 3"), as on the reach screen; where a total is shown next to parts, one more part
 * is hidden so the small one cannot be worked out (secondary suppression).
 */
import type { Locale } from '../../domain/i18n-text.ts';
import { REACH_MIN_GROUP_SIZE } from '../../domain/reach.ts';
import { THEMES, type ThemeId } from '../../domain/themes.ts';
import { CONDITION_RATINGS, SOCIALE_BASIS_LAYERS, type ConditionRatingId, type LayerId } from '../../domain/sociale-basis.ts';
import { FACILITY_CATEGORIES, type Facility, type FacilityCategory } from '../../domain/areas.ts';
import { INDICATORS, type IndicatorId } from '../../domain/budget/indicators.ts';
import { NEED_INDEX_METHOD } from '../../domain/budget/need-index.ts';
import { ALLOCATION_METHOD } from '../../domain/budget/allocation.ts';
import type { DotsTally, DotVote, RatingTally } from '../../domain/ballots.ts';
import { countKeywords, kindsFor, type CardKind, type Keyword } from '../../sync/steps-schema.ts';
import type { SocialBasisElement, TargetGroup } from '../../sync/elements-schema.ts';
import type { WeighingRecord } from '../../sync/weighing-schema.ts';
import { exportTexts } from './texts.ts';

export interface PeopleCount {
	/** null when 1 or 2 (or hidden so a small group cannot be worked out). */
	count: number | null;
	/** "12", "0" or "minder dan 3". */
	text: string;
}

export function peopleCount(n: number, locale: Locale): PeopleCount {
	const shown = n === 0 || n >= REACH_MIN_GROUP_SIZE;
	return { count: shown ? n : null, text: shown ? formatInteger(n, locale) : exportTexts(locale).fewerThanThree };
}

export function hiddenCount(locale: Locale): PeopleCount {
	return { count: null, text: exportTexts(locale).hiddenCount };
}

/**
 * Counts that add up to a shown total: 1–2 are suppressed and, when one is, the smallest other
 * non-zero count is hidden too, so "total minus the rest" does not give it back. Below 3 in total,
 * every part is hidden.
 */
export function suppressParts(counts: readonly number[], locale: Locale): PeopleCount[] {
	const total = counts.reduce((a, b) => a + b, 0);
	if (total < REACH_MIN_GROUP_SIZE) return counts.map((n) => (n === 0 ? peopleCount(0, locale) : peopleCount(Math.min(n, 1), locale)));
	const result = counts.map((n) => peopleCount(n, locale));
	const suppressed = result.filter((c) => c.count === null).length;
	if (suppressed === 1) {
		let smallest = -1;
		counts.forEach((n, i) => {
			if (result[i].count !== null && n > 0 && (smallest === -1 || n < counts[smallest])) smallest = i;
		});
		if (smallest !== -1) result[smallest] = hiddenCount(locale);
	}
	return result;
}

const INTEGER_FORMATS: Record<Locale, Intl.NumberFormat> = {
	nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
};

export function formatInteger(value: number, locale: Locale): string {
	return INTEGER_FORMATS[locale].format(value);
}

function formatDecimal(value: number, locale: Locale, digits: number): string {
	return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

function euros(value: number, locale: Locale): string {
	return `€ ${formatInteger(value, locale)}`;
}

// ---------------------------------------------------------------------------------------------
// Shapes

export interface KeywordResult {
	text: string;
	/** Distinct people who named it. */
	people: PeopleCount;
}

export interface ThemeNeed {
	themeId: ThemeId | null;
	theme: string;
	cards: number;
	/** Distinct +1s on those cards. */
	plusOnes: PeopleCount;
	/** References of the cards, K… */
	cardRefs: string[];
}

export interface ElementResult {
	id: string;
	name: string;
	category: FacilityCategory;
	categoryLabel: string;
	targetGroups: string[];
	/** The shipped facility the element belongs to, by name; null when it has a place of its own. */
	facilityId: string | null;
	facilityName: string | null;
	buurtName: string | null;
}

export interface LayerResult {
	layerId: LayerId;
	layer: string;
	elements: ElementResult[];
}

export interface RatingResult {
	subject: string;
	kind: 'facility' | 'element';
	name: string;
	/** People who rated it. */
	voters: PeopleCount;
	counts: { rating: ConditionRatingId; label: string; people: PeopleCount }[];
	/** The rating most people chose, when at least 3 people rated and there is one; else null. */
	verdict: string | null;
	/** What people wrote as reason, without names; only when at least 3 people rated. */
	reasons: string[];
}

export interface KindedCardResult {
	ref: string;
	text: string;
	kind: CardKind | null;
	kindLabel: string;
}

export interface KindCount {
	kind: CardKind | null;
	label: string;
	cards: number;
}

export interface WeighingExport {
	setAt: string;
	setAtText: string;
	scopeText: string;
	weights: { indicatorId: IndicatorId; label: string; weight: number }[];
	budget: { totalEuros: number; totalText: string; floorEuros: number; floorText: string; sourceText: string } | null;
	buurten: {
		code: string;
		name: string;
		population: number | null;
		populationText: string;
		needIndex: number | null;
		needIndexText: string;
		coveragePercent: number;
		euros: number | null;
		eurosText: string;
		note: string | null;
	}[];
	totalEuros: number | null;
	totalText: string;
	/** Two B1 sentences: how the numbers came about. */
	method: [string, string];
	/** The full rules, for the appendix. */
	formula: string[];
}

export interface VoteRankRow {
	rank: number;
	ref: string;
	text: string;
	dots: number;
}

export interface QuestionResults {
	q1: { keywords: KeywordResult[] };
	q2: { themes: ThemeNeed[] };
	q3: { layers: LayerResult[] };
	q4: { ratings: RatingResult[] };
	q5: { counts: KindCount[]; cards: KindedCardResult[] };
	q6: { counts: KindCount[]; cards: KindedCardResult[] };
	q7: { weighing: WeighingExport | null };
	q8: { voters: PeopleCount; votes: number; ranking: VoteRankRow[] };
}

// ---------------------------------------------------------------------------------------------
// Inputs

export interface ResultCard {
	id: string;
	ref: string;
	questionNumber: number;
	text: string;
	themes: ThemeId[];
	/** Distinct supporters (merged cards counted once). */
	plusOnes: number;
	kind: CardKind | null;
	/** The card and the cards merged into it. */
	memberIds: readonly string[];
}

export interface ResultInputs {
	locale: Locale;
	cards: readonly ResultCard[];
	keywords: readonly Keyword[];
	acceptedElements: readonly SocialBasisElement[];
	facilities: readonly Facility[];
	buurtNames: ReadonlyMap<string, string>;
	/** Rating tallies of every workshop, by subject (`facility:<id>`, `element:<id>`). */
	ratingTallies: readonly { subject: string; tally: RatingTally }[];
	/** The current dot vote of each workshop with its tally. */
	votes: readonly { vote: DotVote; tally: DotsTally | null }[];
	weighing: WeighingRecord | null;
	formatDateTime: (ms: number) => string;
}

const TARGET_GROUP_LABELS: Record<TargetGroup, Record<Locale, string>> = {
	'kinderen-jongeren': { nl: 'kinderen en jongeren', en: 'children and young people' },
	volwassenen: { nl: 'volwassenen', en: 'adults' },
	ouderen: { nl: 'ouderen', en: 'older people' }
};

export function buildQuestionResults(input: ResultInputs): QuestionResults {
	const { locale } = input;
	const t = exportTexts(locale);

	// --- Q1: keywords, each person once
	const keywords = countKeywords(input.keywords).map((k) => ({ text: k.text, people: peopleCount(k.count, locale) }));

	// --- Q2: needs by theme, over the cards of question 2
	const needCards = input.cards.filter((c) => c.questionNumber === 2);
	const themeIds: (ThemeId | null)[] = [...THEMES.map((theme) => theme.id), null];
	const themes: ThemeNeed[] = themeIds.flatMap((themeId) => {
		const cards = needCards.filter((c) => (themeId === null ? c.themes.length === 0 : c.themes.includes(themeId)));
		if (cards.length === 0) return [];
		const plusOnes = cards.reduce((sum, c) => sum + c.plusOnes, 0);
		const name = themeId === null ? t.noTheme : THEMES.find((theme) => theme.id === themeId)!.name[locale];
		return [{ themeId, theme: name, cards: cards.length, plusOnes: peopleCount(plusOnes, locale), cardRefs: cards.map((c) => c.ref) }];
	});

	// --- Q3: the accepted inventory per layer, linked to the facility it belongs to
	const facilityById = new Map(input.facilities.map((f) => [f.id, f]));
	const layers: LayerResult[] = SOCIALE_BASIS_LAYERS.map((layer) => ({
		layerId: layer.id,
		layer: layer.name[locale],
		elements: input.acceptedElements
			.filter((e) => e.layer === layer.id)
			.map((e) => {
				const facility = e.facilityId ? facilityById.get(e.facilityId) : undefined;
				const buurtCode = e.buurtCode ?? facility?.buurtCode ?? null;
				return {
					id: e.id,
					name: e.name,
					category: e.category,
					categoryLabel: FACILITY_CATEGORIES[e.category][locale],
					targetGroups: e.targetGroups.map((g) => TARGET_GROUP_LABELS[g][locale]),
					facilityId: e.facilityId,
					facilityName: e.facilityId ? (facility?.name ?? t.unnamedFacility) : null,
					buurtName: buurtCode ? (input.buurtNames.get(buurtCode) ?? null) : null
				};
			})
	}));

	// --- Q4: ratings per element or facility, summed over the workshops
	const elementById = new Map(input.acceptedElements.map((e) => [e.id, e]));
	const summed = new Map<string, { voters: number; counts: Record<ConditionRatingId, number>; reasons: string[] }>();
	for (const { subject, tally } of input.ratingTallies) {
		const entry = summed.get(subject) ?? { voters: 0, counts: { goed: 0, 'onder-druk': 0, ontbreekt: 0 }, reasons: [] };
		for (const rating of CONDITION_RATINGS) entry.counts[rating.id] += safeCount(tally[rating.id]);
		entry.voters += safeCount(tally.voters);
		if (Array.isArray(tally.reasons)) entry.reasons.push(...tally.reasons.filter((r): r is string => typeof r === 'string' && r.trim() !== ''));
		summed.set(subject, entry);
	}
	const ratings: RatingResult[] = [...summed].flatMap(([subject, entry]) => {
		const [kind, id] = subject.split(':', 2) as ['facility' | 'element', string];
		const name =
			kind === 'facility' ? facilityById.get(id)?.name ?? (facilityById.has(id) ? t.unnamedFacility : null) : kind === 'element' ? (elementById.get(id)?.name ?? null) : null;
		// A rating of something no longer in the inventory (a rejected proposal) has nothing to point at.
		if (name === null || entry.voters === 0) return [];
		const enough = entry.voters >= REACH_MIN_GROUP_SIZE;
		const parts = suppressParts(CONDITION_RATINGS.map((r) => entry.counts[r.id]), locale);
		const top = Math.max(...CONDITION_RATINGS.map((r) => entry.counts[r.id]));
		const leaders = CONDITION_RATINGS.filter((r) => entry.counts[r.id] === top && top > 0);
		return [
			{
				subject,
				kind,
				name,
				voters: peopleCount(entry.voters, locale),
				counts: CONDITION_RATINGS.map((r, i) => ({ rating: r.id, label: r.label[locale], people: enough ? parts[i] : hiddenCount(locale) })),
				verdict: enough && leaders.length === 1 ? leaders[0].label[locale] : null,
				reasons: enough ? entry.reasons : []
			}
		];
	});
	ratings.sort((a, b) => a.name.localeCompare(b.name, 'nl'));

	// --- Q5, Q6: cards with their kinds
	const kinded = (questionNumber: 5 | 6) => {
		const cards = input.cards.filter((c) => c.questionNumber === questionNumber);
		const kinds = [...kindsFor(questionNumber), null];
		return {
			counts: kinds.map((kind) => ({ kind, label: t.cardKind(kind), cards: cards.filter((c) => c.kind === kind).length })),
			cards: cards.map((c) => ({ ref: c.ref, text: c.text, kind: c.kind, kindLabel: t.cardKind(c.kind) }))
		};
	};

	// --- Q7: the recorded weighing
	const weighing = input.weighing ? weighingExport(input.weighing, locale, input.formatDateTime) : null;

	// --- Q8: the dot-vote ranking, over every workshop's vote; a merged-away card counts for its target
	const shownAs = new Map(input.cards.flatMap((c) => c.memberIds.map((id) => [id, c.id] as const)));
	const dotsByCard = new Map<string, number>();
	let voters = 0;
	let votes = 0;
	for (const { tally } of input.votes) {
		if (!tally) continue;
		votes++;
		voters += safeCount(tally.voters);
		for (const [cardId, dots] of Object.entries(tally.dots ?? {})) {
			const shown = shownAs.get(cardId);
			if (!shown) continue;
			dotsByCard.set(shown, (dotsByCard.get(shown) ?? 0) + safeCount(dots));
		}
	}
	const cardById = new Map(input.cards.map((c) => [c.id, c]));
	const ordered = [...dotsByCard]
		.filter(([, dots]) => dots > 0)
		.sort((a, b) => b[1] - a[1] || compareRefs(cardById.get(a[0])!.ref, cardById.get(b[0])!.ref));
	const ranking: VoteRankRow[] = [];
	ordered.forEach(([cardId, dots], i) => {
		const card = cardById.get(cardId)!;
		// Equal dots share a rank ("1, 2, 2, 4").
		const rank = i > 0 && ordered[i - 1][1] === dots ? ranking[i - 1].rank : i + 1;
		ranking.push({ rank, ref: card.ref, text: card.text, dots });
	});

	return {
		q1: { keywords },
		q2: { themes },
		q3: { layers },
		q4: { ratings },
		q5: kinded(5),
		q6: kinded(6),
		q7: { weighing },
		q8: { voters: peopleCount(voters, locale), votes, ranking }
	};
}

function compareRefs(a: string, b: string): number {
	return Number(a.slice(1)) - Number(b.slice(1));
}

function safeCount(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function weighingExport(record: WeighingRecord, locale: Locale, formatDateTime: (ms: number) => string): WeighingExport {
	const t = exportTexts(locale);
	const budget = record.budget;
	const rows = record.result.buurten.map((row) => ({
		code: row.code,
		name: row.name,
		population: row.population,
		populationText: row.population === null ? t.unknownValue : formatInteger(row.population, locale),
		needIndex: row.needIndex,
		needIndexText: row.needIndex === null ? t.noIndex : formatDecimal(row.needIndex, locale, 2),
		coveragePercent: Math.round(row.coverage * 100),
		euros: row.euros,
		eurosText: row.euros === null ? t.noAmount : euros(row.euros, locale),
		note: row.needReason ?? row.allocationReason ?? null
	}));
	const total = budget ? rows.reduce((sum, row) => sum + (row.euros ?? 0), 0) : null;
	return {
		setAt: new Date(record.setAt).toISOString(),
		setAtText: formatDateTime(record.setAt),
		scopeText: record.scope === 'buurten' ? t.scopeBuurten : t.scopeStadsdelen,
		weights: INDICATORS.map((indicator) => ({ indicatorId: indicator.id, label: indicator.label[locale], weight: record.weights[indicator.id] })),
		budget: budget
			? {
					totalEuros: budget.totalEuros,
					totalText: euros(budget.totalEuros, locale),
					floorEuros: budget.floorEuros,
					floorText: euros(budget.floorEuros, locale),
					sourceText: budget.source.kind === 'line' ? `${budget.source.label} (${budget.source.year})` : t.typedBudget
				}
			: null,
		buurten: rows,
		totalEuros: total,
		totalText: total === null ? t.noAmount : euros(total, locale),
		method: t.weighingMethod,
		formula: [...NEED_INDEX_METHOD[locale].split('\n'), '', ...ALLOCATION_METHOD[locale].split('\n')].map((line) => line.trim())
	};
}
