/**
 * The shape of the agenda doc (`agenda-<agendaId>`), co-edited by participants and staff.
 *
 *   cards:     Y.Map<cardId, Y.Map>   one Y.Map per card, fields in `CardFields`
 *   syntheses: Y.Map<"1".."8", Y.Text> the co-edited summary per question
 *
 * The rule that keeps "vergeet mij" possible: anything a participant wrote is a Y.Map that carries
 * `authorId`, so the server can rebuild the doc without that participant's maps. (A participant's
 * +1 is a key in a card's `plusOnes` map; the rebuild must drop those keys too.)
 *
 * Pure Yjs: no Svelte, no I/O. The checks here (author-only edits, text limits) are what the forms do;
 * the sync server enforces the same rules on every update (server/sync/write-policy.ts).
 */
import * as Y from 'yjs';
import { isThemeId, type ThemeId } from '../domain/themes.ts';
import { isQuestionNumber, type QuestionNumber } from '../domain/questions.ts';
import { newId } from './ids.ts';
import { cleanText, countCharacters, isBlank } from '../domain/text-rules.ts';

export const CARDS_KEY = 'cards';
export const SYNTHESES_KEY = 'syntheses';

/** A card is short on purpose: one thought that fits on a phone and on the wall. */
export const CARD_TEXT_MAX = 280;
/** A card may carry a few themes; more than this is no longer a choice. */
export const CARD_THEMES_MAX = 3;

export type AuthorKind = 'participant' | 'staff';

export interface Card {
	id: string;
	questionNumber: QuestionNumber;
	text: string;
	themes: ThemeId[];
	/** participantId or staff user id */
	authorId: string;
	/** The name shown with the card: the participant's (pseudonymous) display name. */
	authorName: string;
	authorKind: AuthorKind;
	workshopId: string;
	createdAt: number;
	/** Participant ids that gave this card a +1. */
	plusOnes: string[];
}

export type CardMap = Y.Map<unknown>;

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
	return doc.getMap<CardMap>(CARDS_KEY);
}

export function synthesesMap(doc: Y.Doc): Y.Map<Y.Text> {
	return doc.getMap<Y.Text>(SYNTHESES_KEY);
}

/** Characters as people count them (an emoji is one), for the live counter and the server's limit. */
export { countCharacters };

export type CardTextProblem = 'empty' | 'too-long';

/** The form's check: cleans what the server would refuse (control characters, bidi overrides) first. */
export function checkCardText(text: string): { ok: true; value: string } | { ok: false; reason: CardTextProblem } {
	const value = cleanText(text);
	if (isBlank(value)) return { ok: false, reason: 'empty' };
	if (countCharacters(value) > CARD_TEXT_MAX) return { ok: false, reason: 'too-long' };
	return { ok: true, value };
}

export type ThemesProblem = 'unknown-theme' | 'too-many-themes';

export function checkThemes(themes: readonly string[]): { ok: true; value: ThemeId[] } | { ok: false; reason: ThemesProblem } {
	const unique = [...new Set(themes)];
	if (!unique.every(isThemeId)) return { ok: false, reason: 'unknown-theme' };
	if (unique.length > CARD_THEMES_MAX) return { ok: false, reason: 'too-many-themes' };
	return { ok: true, value: unique as ThemeId[] };
}

/** Reads one card; null when the map is not a well-formed card (an old or foreign writer). */
export function readCard(map: unknown): Card | null {
	if (!(map instanceof Y.Map)) return null;
	const id = map.get('id');
	const questionNumber = map.get('questionNumber');
	const text = map.get('text');
	const themes = map.get('themes');
	const authorId = map.get('authorId');
	const authorName = map.get('authorName');
	const authorKind = map.get('authorKind');
	const workshopId = map.get('workshopId');
	const createdAt = map.get('createdAt');
	const plusOnes = map.get('plusOnes');
	if (typeof id !== 'string' || !isQuestionNumber(questionNumber) || typeof text !== 'string') return null;
	if (typeof authorId !== 'string' || typeof authorName !== 'string') return null;
	if (authorKind !== 'participant' && authorKind !== 'staff') return null;
	if (typeof workshopId !== 'string' || typeof createdAt !== 'number') return null;
	return {
		id,
		questionNumber,
		text,
		themes: Array.isArray(themes) ? themes.filter(isThemeId) : [],
		authorId,
		authorName,
		authorKind,
		workshopId,
		createdAt,
		plusOnes: plusOnes instanceof Y.Map ? [...plusOnes.keys()].filter((key) => plusOnes.get(key) === true) : []
	};
}

export function getCard(doc: Y.Doc, cardId: string): Card | null {
	return readCard(cardsMap(doc).get(cardId));
}

/** Oldest first; ties broken by id so every client shows the same order. */
export function compareCards(a: Card, b: Card): number {
	return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function listCards(doc: Y.Doc, filter: { workshopId?: string; questionNumber?: number } = {}): Card[] {
	const cards: Card[] = [];
	for (const map of cardsMap(doc).values()) {
		const card = readCard(map);
		if (!card) continue;
		if (filter.workshopId !== undefined && card.workshopId !== filter.workshopId) continue;
		if (filter.questionNumber !== undefined && card.questionNumber !== filter.questionNumber) continue;
		cards.push(card);
	}
	return cards.sort(compareCards);
}

export interface CardAuthor {
	id: string;
	name: string;
	kind: AuthorKind;
}

export interface NewCard {
	questionNumber: number;
	text: string;
	themes?: readonly string[];
	workshopId: string;
	author: CardAuthor;
}

export type CardProblem = CardTextProblem | ThemesProblem | 'unknown-question' | 'not-found' | 'not-author';
export type CardResult = { ok: true; id: string } | { ok: false; reason: CardProblem };

export function addCard(doc: Y.Doc, input: NewCard, now = Date.now(), id = newId()): CardResult {
	if (!isQuestionNumber(input.questionNumber)) return { ok: false, reason: 'unknown-question' };
	const text = checkCardText(input.text);
	if (!text.ok) return text;
	const themes = checkThemes(input.themes ?? []);
	if (!themes.ok) return themes;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('questionNumber', input.questionNumber);
		map.set('text', text.value);
		map.set('themes', themes.value);
		map.set('authorId', input.author.id);
		map.set('authorName', input.author.name);
		map.set('authorKind', input.author.kind);
		map.set('workshopId', input.workshopId);
		map.set('createdAt', now);
		map.set('plusOnes', new Y.Map<boolean>());
		cardsMap(doc).set(id, map);
	});
	return { ok: true, id };
}

function ownCardMap(doc: Y.Doc, cardId: string, authorId: string): { ok: true; map: CardMap } | { ok: false; reason: CardProblem } {
	const map = cardsMap(doc).get(cardId);
	const card = readCard(map);
	if (!card || !map) return { ok: false, reason: 'not-found' };
	if (card.authorId !== authorId) return { ok: false, reason: 'not-author' };
	return { ok: true, map };
}

/** Only the author changes a card's words or themes. */
export function editCard(doc: Y.Doc, cardId: string, authorId: string, change: { text?: string; themes?: readonly string[] }): CardResult {
	const own = ownCardMap(doc, cardId, authorId);
	if (!own.ok) return own;
	const text = change.text === undefined ? null : checkCardText(change.text);
	if (text && !text.ok) return text;
	const themes = change.themes === undefined ? null : checkThemes(change.themes);
	if (themes && !themes.ok) return themes;
	doc.transact(() => {
		if (text && own.map.get('text') !== text.value) own.map.set('text', text.value);
		if (themes) own.map.set('themes', themes.value);
	});
	return { ok: true, id: cardId };
}

export function deleteCard(doc: Y.Doc, cardId: string, authorId: string): CardResult {
	const own = ownCardMap(doc, cardId, authorId);
	if (!own.ok) return own;
	cardsMap(doc).delete(cardId);
	return { ok: true, id: cardId };
}

/** Gives or takes back one +1; returns whether the participant now supports the card. */
export function togglePlusOne(doc: Y.Doc, cardId: string, participantId: string): { ok: true; plusOne: boolean } | { ok: false; reason: 'not-found' } {
	const map = cardsMap(doc).get(cardId);
	if (!readCard(map) || !map) return { ok: false, reason: 'not-found' };
	let plusOnes = map.get('plusOnes');
	let plusOne = false;
	doc.transact(() => {
		if (!(plusOnes instanceof Y.Map)) {
			plusOnes = new Y.Map<boolean>();
			map.set('plusOnes', plusOnes);
		}
		const supporters = plusOnes as Y.Map<boolean>;
		if (supporters.get(participantId) === true) supporters.delete(participantId);
		else {
			supporters.set(participantId, true);
			plusOne = true;
		}
	});
	return { ok: true, plusOne };
}

/**
 * The +1 on a card that stands for merged cards: `cardIds[0]` is the card shown, the others were
 * merged into it. Whoever supports any card of the group supports the group, so taking it back
 * removes the +1 from every card of the group (else the count would not move), and giving it adds it
 * to the card shown.
 */
export function togglePlusOneOfGroup(
	doc: Y.Doc,
	cardIds: readonly string[],
	participantId: string
): { ok: true; plusOne: boolean } | { ok: false; reason: 'not-found' } {
	const [shownId, ...mergedIds] = cardIds;
	if (shownId === undefined || !readCard(cardsMap(doc).get(shownId))) return { ok: false, reason: 'not-found' };
	const maps = [shownId, ...mergedIds].map((id) => cardsMap(doc).get(id)).filter((map): map is CardMap => readCard(map) !== null);
	const supportersOf = (map: CardMap) => {
		const plusOnes = map.get('plusOnes');
		return plusOnes instanceof Y.Map ? (plusOnes as Y.Map<boolean>) : null;
	};
	const supports = maps.some((map) => supportersOf(map)?.get(participantId) === true);
	if (!supports) return togglePlusOne(doc, shownId, participantId);
	doc.transact(() => {
		for (const map of maps) {
			const supporters = supportersOf(map);
			if (supporters?.get(participantId) === true) supporters.delete(participantId);
		}
	});
	return { ok: true, plusOne: false };
}

// ---------------------------------------------------------------------------------------------
// Syntheses

function synthesisKey(questionNumber: QuestionNumber): string {
	return String(questionNumber);
}

export function getSynthesis(doc: Y.Doc, questionNumber: QuestionNumber): Y.Text | null {
	const text = synthesesMap(doc).get(synthesisKey(questionNumber));
	return text instanceof Y.Text ? text : null;
}

export function readSynthesis(doc: Y.Doc, questionNumber: QuestionNumber): string {
	return getSynthesis(doc, questionNumber)?.toString() ?? '';
}

/**
 * The Y.Text for a question, created when missing. Two clients that create the same key at the same
 * moment each make their own Y.Text and one wins, so staff pages call `ensureSyntheses` as soon as
 * they are synced: then the texts exist before anyone types.
 */
export function ensureSynthesis(doc: Y.Doc, questionNumber: QuestionNumber): Y.Text {
	const existing = getSynthesis(doc, questionNumber);
	if (existing) return existing;
	const text = new Y.Text();
	synthesesMap(doc).set(synthesisKey(questionNumber), text);
	return text;
}

export function ensureSyntheses(doc: Y.Doc, questionNumbers: readonly QuestionNumber[]): void {
	if (questionNumbers.every((n) => getSynthesis(doc, n))) return;
	doc.transact(() => {
		for (const n of questionNumbers) ensureSynthesis(doc, n);
	});
}
