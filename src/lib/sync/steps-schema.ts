/**
 * What the questions collect besides cards and a synthesis, in the agenda doc (`agenda-<agendaId>`).
 *
 *   keywords: Y.Map<keywordId, Y.Map>   question 1: short words about the character of the area,
 *                                        fields in `Keyword` (one Y.Map per keyword, with `authorId`)
 *   cards[cardId].kind                  questions 5 and 6: what sort of development or idea a card is
 *                                        ('nodig' | 'wenselijk' for 5; 'overlap' | 'combineren' |
 *                                        'anders' for 6); absent or null while nobody chose
 *
 * Question 2 (needs by theme), 3 (elements by layer) and 4 (condition per element) are views over
 * data that already exists: cards and their themes, the `elements` map (elements-schema.ts) and the
 * rating tallies (tally-schema.ts). They need no keys of their own.
 *
 * A card's kind lives in the card's own Y.Map (which carries the author's id), so "vergeet mij"
 * removes it with the card and every reader of cards can find it without a join.
 *
 * Pure Yjs: no Svelte, no I/O. The rules here (only the author removes a keyword, only the author or
 * staff choose a card's kind) are what the forms do; the sync server enforces them on every update
 * (server/sync/write-policy.ts).
 */
import * as Y from 'yjs';
import type { QuestionNumber } from '../domain/questions.ts';
import { THEMES, type ThemeId } from '../domain/themes.ts';
import { CONDITION_RATINGS, SOCIALE_BASIS_LAYERS, type ConditionRatingId, type LayerId } from '../domain/sociale-basis.ts';
import type { SocialBasisElement } from './elements-schema.ts';
import { cardsMap, countCharacters, readCard, type AuthorKind, type Card } from './agenda-schema.ts';
import { newId } from './ids.ts';
import { cleanText } from '../domain/text-rules.ts';

export const KEYWORDS_KEY = 'keywords';
export const CARD_KIND_KEY = 'kind';

/** A keyword is a word or a short phrase ("oud dorp", "veel groen"), not a sentence. */
export const KEYWORD_MAX = 40;

// ---------------------------------------------------------------------------------------------
// Question 1: keywords

export interface Keyword {
	id: string;
	text: string;
	workshopId: string;
	authorId: string;
	authorName: string;
	authorKind: AuthorKind;
	createdAt: number;
}

export interface KeywordAuthor {
	id: string;
	name: string;
	kind: AuthorKind;
}

export type KeywordProblem = 'empty' | 'too-long' | 'not-found' | 'not-author';
export type KeywordResult = { ok: true; id: string } | { ok: false; reason: KeywordProblem };

export function keywordsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(KEYWORDS_KEY);
}

/** One line, single spaces; quotes and full stops around a word add nothing to a word cloud. */
export function checkKeyword(text: string): { ok: true; value: string } | { ok: false; reason: 'empty' | 'too-long' } {
	const value = cleanText(text)
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^["'“”‘’.,;:!?-]+|["'“”‘’.,;:!?-]+$/g, '')
		.trim();
	if (value === '') return { ok: false, reason: 'empty' };
	if (countCharacters(value) > KEYWORD_MAX) return { ok: false, reason: 'too-long' };
	return { ok: true, value };
}

/** The form two keywords are the same in: "Veel groen" and "veel  groen" count as one. */
export function keywordKey(text: string): string {
	return text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl');
}

export function readKeyword(map: unknown): Keyword | null {
	if (!(map instanceof Y.Map)) return null;
	const id = map.get('id');
	const text = map.get('text');
	const workshopId = map.get('workshopId');
	const authorId = map.get('authorId');
	const authorName = map.get('authorName');
	const authorKind = map.get('authorKind');
	const createdAt = map.get('createdAt');
	if (typeof id !== 'string' || typeof text !== 'string' || text.trim() === '') return null;
	if (typeof workshopId !== 'string' || typeof authorId !== 'string' || typeof authorName !== 'string') return null;
	if (authorKind !== 'participant' && authorKind !== 'staff') return null;
	if (typeof createdAt !== 'number') return null;
	return { id, text, workshopId, authorId, authorName, authorKind, createdAt };
}

function compareByCreation(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
	return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Oldest first; ties broken by id so every client shows the same order. */
export function listKeywords(doc: Y.Doc, filter: { workshopId?: string } = {}): Keyword[] {
	const keywords: Keyword[] = [];
	for (const map of keywordsMap(doc).values()) {
		const keyword = readKeyword(map);
		if (!keyword) continue;
		if (filter.workshopId !== undefined && keyword.workshopId !== filter.workshopId) continue;
		keywords.push(keyword);
	}
	return keywords.sort(compareByCreation);
}

export function addKeyword(
	doc: Y.Doc,
	input: { text: string; workshopId: string; author: KeywordAuthor },
	now = Date.now(),
	id = newId()
): KeywordResult {
	const text = checkKeyword(input.text);
	if (!text.ok) return text;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('text', text.value);
		map.set('workshopId', input.workshopId);
		map.set('authorId', input.author.id);
		map.set('authorName', input.author.name);
		map.set('authorKind', input.author.kind);
		map.set('createdAt', now);
		keywordsMap(doc).set(id, map);
	});
	return { ok: true, id };
}

/** The author takes a keyword back; staff (`asStaff`) may remove any, like hiding a card. */
export function removeKeyword(doc: Y.Doc, keywordId: string, actorId: string, asStaff = false): KeywordResult {
	const keyword = readKeyword(keywordsMap(doc).get(keywordId));
	if (!keyword) return { ok: false, reason: 'not-found' };
	if (!asStaff && keyword.authorId !== actorId) return { ok: false, reason: 'not-author' };
	keywordsMap(doc).delete(keywordId);
	return { ok: true, id: keywordId };
}

export interface KeywordCount {
	/** The normalised form (see `keywordKey`). */
	key: string;
	/** The spelling shown: the one used most, the earliest on a tie. */
	text: string;
	count: number;
}

/**
 * The word cloud: the same keyword from several people counts once per person, most named first,
 * then alphabetical. Pure, so the projector and the tests agree.
 */
export function countKeywords(keywords: readonly Keyword[]): KeywordCount[] {
	const groups = new Map<string, { authors: Set<string>; spellings: Map<string, number> }>();
	for (const keyword of [...keywords].sort(compareByCreation)) {
		const key = keywordKey(keyword.text);
		let group = groups.get(key);
		if (!group) {
			group = { authors: new Set(), spellings: new Map() };
			groups.set(key, group);
		}
		group.authors.add(keyword.authorId);
		group.spellings.set(keyword.text, (group.spellings.get(keyword.text) ?? 0) + 1);
	}
	const counts: KeywordCount[] = [];
	for (const [key, group] of groups) {
		let text = '';
		let best = 0;
		for (const [spelling, uses] of group.spellings) {
			if (uses > best) {
				text = spelling;
				best = uses;
			}
		}
		counts.push({ key, text, count: group.authors.size });
	}
	return counts.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'nl'));
}

// ---------------------------------------------------------------------------------------------
// Questions 5 and 6: the kind of a card

export const DEVELOPMENT_KINDS = ['nodig', 'wenselijk'] as const;
export const EFFICIENCY_KINDS = ['overlap', 'combineren', 'anders'] as const;
export type DevelopmentKind = (typeof DEVELOPMENT_KINDS)[number];
export type EfficiencyKind = (typeof EFFICIENCY_KINDS)[number];
export type CardKind = DevelopmentKind | EfficiencyKind;

const KINDS_BY_QUESTION: Partial<Record<QuestionNumber, readonly CardKind[]>> = {
	5: DEVELOPMENT_KINDS,
	6: EFFICIENCY_KINDS
};

/** The kinds a card of this question can have; empty for questions without kinds. */
export function kindsFor(questionNumber: number): readonly CardKind[] {
	return KINDS_BY_QUESTION[questionNumber as QuestionNumber] ?? [];
}

export function isKindFor(questionNumber: number, value: unknown): value is CardKind {
	return typeof value === 'string' && (kindsFor(questionNumber) as readonly string[]).includes(value);
}

/** A card's kind, or null when none is chosen (or the stored one does not fit the card's question). */
export function readCardKind(map: unknown): CardKind | null {
	if (!(map instanceof Y.Map)) return null;
	const kind = map.get(CARD_KIND_KEY);
	return isKindFor(map.get('questionNumber') as number, kind) ? kind : null;
}

export function getCardKind(doc: Y.Doc, cardId: string): CardKind | null {
	return readCardKind(cardsMap(doc).get(cardId));
}

export type CardKindProblem = 'not-found' | 'no-kinds' | 'unknown-kind' | 'not-author';
export type CardKindResult = { ok: true; kind: CardKind | null } | { ok: false; reason: CardKindProblem };

export interface KindActor {
	id: string;
	kind: AuthorKind;
}

/**
 * Chooses (or with null clears) the kind of a card of question 5 or 6. A participant chooses for
 * their own cards; staff sort any card, as they do on the wall.
 */
export function setCardKind(doc: Y.Doc, cardId: string, kind: string | null, actor: KindActor): CardKindResult {
	const map = cardsMap(doc).get(cardId);
	const card = readCard(map);
	if (!card || !map) return { ok: false, reason: 'not-found' };
	if (kindsFor(card.questionNumber).length === 0) return { ok: false, reason: 'no-kinds' };
	if (kind !== null && !isKindFor(card.questionNumber, kind)) return { ok: false, reason: 'unknown-kind' };
	if (actor.kind !== 'staff' && card.authorId !== actor.id) return { ok: false, reason: 'not-author' };
	if ((map.get(CARD_KIND_KEY) ?? null) !== kind) map.set(CARD_KIND_KEY, kind);
	return { ok: true, kind: kind as CardKind | null };
}

export interface KindedCard {
	card: Card;
	kind: CardKind | null;
}

/** Cards of one question with their kinds (oldest first, like `listCards`). */
export function listKindedCards(doc: Y.Doc, filter: { questionNumber: number; workshopId?: string }): KindedCard[] {
	const result: KindedCard[] = [];
	for (const map of cardsMap(doc).values()) {
		const card = readCard(map);
		if (!card || card.questionNumber !== filter.questionNumber) continue;
		if (filter.workshopId !== undefined && card.workshopId !== filter.workshopId) continue;
		result.push({ card, kind: readCardKind(map) });
	}
	return result.sort((a, b) => compareByCreation(a.card, b.card));
}

/** How many cards have each kind, plus `null` for cards without one. Every kind of the question is present. */
export function countKinds(questionNumber: number, kinds: readonly (CardKind | null)[]): Map<CardKind | null, number> {
	const counts = new Map<CardKind | null, number>();
	for (const kind of kindsFor(questionNumber)) counts.set(kind, 0);
	counts.set(null, 0);
	for (const kind of kinds) {
		const key = isKindFor(questionNumber, kind) ? kind : null;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

// ---------------------------------------------------------------------------------------------
// Question 2: needs by theme (a view over the cards)

export interface ThemeCount {
	/** null: cards without a theme. */
	themeId: ThemeId | null;
	cards: number;
	/** +1s on those cards: how many people recognise the need. */
	plusOnes: number;
}

/**
 * Per theme, in the order of THEMES, how many cards name it (a card with two themes counts for
 * both) and how many +1s they have; themes nobody named are left out, "no theme" comes last.
 */
export function countCardsByTheme(cards: readonly Card[]): ThemeCount[] {
	const counts = new Map<ThemeId | null, ThemeCount>();
	const add = (themeId: ThemeId | null, card: Card) => {
		const count = counts.get(themeId) ?? { themeId, cards: 0, plusOnes: 0 };
		count.cards++;
		count.plusOnes += card.plusOnes.length;
		counts.set(themeId, count);
	};
	for (const card of cards) {
		if (card.themes.length === 0) add(null, card);
		for (const themeId of new Set(card.themes)) add(themeId, card);
	}
	return [...THEMES.map((theme) => theme.id), null].flatMap((id) => counts.get(id) ?? []);
}

/** The cards that name a theme (null: cards without a theme), in the order given. */
export function cardsWithTheme(cards: readonly Card[], themeId: ThemeId | null): Card[] {
	return cards.filter((card) => (themeId === null ? card.themes.length === 0 : card.themes.includes(themeId)));
}

// ---------------------------------------------------------------------------------------------
// Questions 3 and 4: elements by layer and how they are doing (views over elements and tallies)

export interface LayerGroup<T> {
	layerId: LayerId;
	elements: T[];
}

/** Every layer of the sociale basis, in its fixed order, with its elements (possibly none). */
export function elementsByLayer<T extends Pick<SocialBasisElement, 'layer'>>(elements: readonly T[]): LayerGroup<T>[] {
	return SOCIALE_BASIS_LAYERS.map((layer) => ({ layerId: layer.id, elements: elements.filter((element) => element.layer === layer.id) }));
}

export interface ConditionSummary {
	/** People who rated it. */
	voters: number;
	counts: Record<ConditionRatingId, number>;
	/** The rating most people chose; null without ratings or on a tie for first place. */
	verdict: ConditionRatingId | null;
}

/** A rating tally (written by the server) read defensively: a missing or odd number counts as 0. */
export function conditionSummary(tally: unknown): ConditionSummary {
	const source = typeof tally === 'object' && tally !== null ? (tally as Record<string, unknown>) : {};
	const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);
	const counts = Object.fromEntries(CONDITION_RATINGS.map((rating) => [rating.id, number(source[rating.id])])) as Record<ConditionRatingId, number>;
	const summed = CONDITION_RATINGS.reduce((sum, rating) => sum + counts[rating.id], 0);
	const voters = Math.max(number(source.voters), summed);
	const top = Math.max(...CONDITION_RATINGS.map((rating) => counts[rating.id]));
	const leaders = CONDITION_RATINGS.filter((rating) => top > 0 && counts[rating.id] === top);
	return { voters, counts, verdict: leaders.length === 1 ? leaders[0].id : null };
}

// ---------------------------------------------------------------------------------------------
// The officials' agenda view: which cards a filter shows

export interface AgendaCardFilter {
	workshopId: string | null;
	/** A theme, 'none' for cards without a theme, null for all. */
	theme: ThemeId | 'none' | null;
	/** A focus buurt of the workshops (never the participant's own buurt). */
	buurtCode: string | null;
	showHidden: boolean;
}

export interface FilterWorkshop {
	id: string;
	focusBuurten: readonly { code: string }[];
}

/** The workshops a filter lets through, or null for "all" (so cards of unknown workshops still show). */
export function workshopsForFilter(filter: Pick<AgendaCardFilter, 'workshopId' | 'buurtCode'>, workshops: readonly FilterWorkshop[]): Set<string> | null {
	if (filter.workshopId === null && filter.buurtCode === null) return null;
	return new Set(
		workshops
			.filter((w) => filter.workshopId === null || w.id === filter.workshopId)
			.filter((w) => filter.buurtCode === null || w.focusBuurten.some((b) => b.code === filter.buurtCode))
			.map((w) => w.id)
	);
}

export function filterAgendaCards<C extends Card>(cards: readonly C[], filter: AgendaCardFilter, workshops: readonly FilterWorkshop[], isHidden: (card: C) => boolean): C[] {
	const allowed = workshopsForFilter(filter, workshops);
	return cards.filter((card) => {
		if (allowed && !allowed.has(card.workshopId)) return false;
		if (filter.theme === 'none' && card.themes.length > 0) return false;
		if (filter.theme !== null && filter.theme !== 'none' && !card.themes.includes(filter.theme)) return false;
		return filter.showHidden || !isHidden(card);
	});
}
