/**
 * The action list in the agenda doc (`agenda-<agendaId>`): what the district agrees to do, in the
 * three-list shape of the policy agenda (al / extra / inwoners) per theme. It is what the export puts
 * into the stadsdeelprogramma.
 *
 *   actions: Y.Map<actionId, Y.Map>   one Y.Map per action, fields below
 *
 * Per action map:
 *   id, title, themeId, list ('al' | 'extra' | 'inwoners'), owner (text, may be ''),
 *   quarter ("Q2 2026" or null), amountEuros (whole euros or null), budgetLine (text or null),
 *   cardIds: Y.Map<cardId, linkedAt>   the cards it came from,
 *   createdBy (user or participant id), createdAt (ms).
 *
 * Every field is a plain value replaced as a whole, so two people editing different fields of one
 * action both keep their change. `cardIds` is a Y.Map rather than an array so that two people linking
 * cards at the same moment both keep theirs and a card is never linked twice; `readAction` turns it
 * into an array ordered by when each card was linked.
 *
 * Like the cards, an action carries the id of who made it (`createdBy`), so "vergeet mij" can find it.
 * Pure Yjs: no Svelte, no I/O. The checks here are what the forms do; the sync server enforces the same
 * rules on every update (server/sync/write-policy.ts: actions are staff's).
 */
import * as Y from 'yjs';
import { isThemeId, isActionListId, type ThemeId, type ActionListId } from '../domain/themes.ts';
import { cardsMap, countCharacters, readCard } from './agenda-schema.ts';
import { newId } from './ids.ts';
import { cleanText } from '../domain/text-rules.ts';

export const ACTIONS_KEY = 'actions';

export const ACTION_TITLE_MAX = 200;
export const ACTION_OWNER_MAX = 120;
export const ACTION_BUDGET_LINE_MAX = 120;
/** One district action above € 100 million is a typo, not a plan (the whole social basis is ~€ 22 million a year). */
export const ACTION_AMOUNT_MAX = 100_000_000;
/** Quarters before or after these years are typos. */
export const QUARTER_YEAR_MIN = 2020;
export const QUARTER_YEAR_MAX = 2099;

export interface AgendaAction {
	id: string;
	title: string;
	themeId: ThemeId;
	list: ActionListId;
	/** Who carries it out: an organisation, a team or a group of residents. '' while nobody is named. */
	owner: string;
	/** "Q2 2026"; null while not planned. */
	quarter: string | null;
	/** Whole euros; null when no money is attached. */
	amountEuros: number | null;
	/** Budget line or subsidy instrument, e.g. "Subsidieregeling vrijwillige inzet"; null when none. */
	budgetLine: string | null;
	/** The cards it came from, in the order they were linked. May name cards that were deleted since. */
	cardIds: string[];
	createdBy: string;
	createdAt: number;
}

export type ActionMap = Y.Map<unknown>;

export function actionsMap(doc: Y.Doc): Y.Map<ActionMap> {
	return doc.getMap<ActionMap>(ACTIONS_KEY);
}

// ---------------------------------------------------------------------------------------------
// Field checks (exported so forms can show the same message before they write)

export type ActionProblem =
	| 'empty-title'
	| 'title-too-long'
	| 'unknown-theme'
	| 'unknown-list'
	| 'owner-too-long'
	| 'bad-quarter'
	| 'bad-amount'
	| 'budget-line-too-long'
	| 'unknown-card'
	| 'not-found';

type Checked<T, P extends ActionProblem = ActionProblem> = { ok: true; value: T } | { ok: false; reason: P };

/** Titles, owners and budget lines are one line: whitespace runs become one space. */
function oneLine(text: string): string {
	return cleanText(text).replace(/\s+/g, ' ').trim();
}

export function checkActionTitle(text: string): Checked<string, 'empty-title' | 'title-too-long'> {
	const value = oneLine(text);
	if (value === '') return { ok: false, reason: 'empty-title' };
	if (countCharacters(value) > ACTION_TITLE_MAX) return { ok: false, reason: 'title-too-long' };
	return { ok: true, value };
}

export function checkOwner(text: string): Checked<string, 'owner-too-long'> {
	const value = oneLine(text);
	if (countCharacters(value) > ACTION_OWNER_MAX) return { ok: false, reason: 'owner-too-long' };
	return { ok: true, value };
}

/** Empty means "no budget line". */
export function checkBudgetLine(text: string | null): Checked<string | null, 'budget-line-too-long'> {
	if (text === null) return { ok: true, value: null };
	const value = oneLine(text);
	if (value === '') return { ok: true, value: null };
	if (countCharacters(value) > ACTION_BUDGET_LINE_MAX) return { ok: false, reason: 'budget-line-too-long' };
	return { ok: true, value };
}

const QUARTER_PATTERN = /^Q\s*([1-4])\s*[-/ ]?\s*(\d{4})$/i;
const CANONICAL_QUARTER = /^Q([1-4]) (\d{4})$/;

/**
 * A quarter as people type it ("Q2 2026", "q2-2026", "Q2/2026") → "Q2 2026". Empty means "not planned".
 */
export function parseQuarter(text: string | null): Checked<string | null, 'bad-quarter'> {
	if (text === null) return { ok: true, value: null };
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: null };
	const match = QUARTER_PATTERN.exec(trimmed);
	if (!match) return { ok: false, reason: 'bad-quarter' };
	const year = Number(match[2]);
	if (year < QUARTER_YEAR_MIN || year > QUARTER_YEAR_MAX) return { ok: false, reason: 'bad-quarter' };
	return { ok: true, value: `Q${match[1]} ${year}` };
}

/** Sort key for a canonical quarter; unplanned (null) sorts last. */
export function quarterSortKey(quarter: string | null): number {
	const match = quarter === null ? null : CANONICAL_QUARTER.exec(quarter);
	return match ? Number(match[2]) * 10 + Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

export function checkAmount(amount: number | null): Checked<number | null, 'bad-amount'> {
	if (amount === null) return { ok: true, value: null };
	if (!Number.isInteger(amount) || amount < 0 || amount > ACTION_AMOUNT_MAX) return { ok: false, reason: 'bad-amount' };
	return { ok: true, value: amount };
}

/**
 * Whole euros as a Dutch form field holds them: "€ 12.000", "12000", "12.000,00", "12 000" → 12000.
 * Cents other than ",00" / ",-" are refused: amounts in the programme are whole euros.
 */
export function parseEuros(text: string): Checked<number | null, 'bad-amount'> {
	let body = text.replace(/€|eur(o)?/gi, '').replace(/\s+/g, '');
	if (body === '') return { ok: true, value: null };
	body = body.replace(/,(00|-)$/, '');
	if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(body)) return { ok: false, reason: 'bad-amount' };
	return checkAmount(Number(body.replaceAll('.', '')));
}

// ---------------------------------------------------------------------------------------------
// Reading

function readLinkedCards(value: unknown): string[] {
	if (!(value instanceof Y.Map)) return [];
	const links: { id: string; at: number }[] = [];
	for (const [id, at] of value.entries()) links.push({ id, at: typeof at === 'number' ? at : 0 });
	return links.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((link) => link.id);
}

/** Reads one action; null when the map is not a well-formed action (an old or foreign writer). */
export function readAction(map: unknown): AgendaAction | null {
	if (!(map instanceof Y.Map)) return null;
	const id = map.get('id');
	const title = map.get('title');
	const themeId = map.get('themeId');
	const list = map.get('list');
	const createdBy = map.get('createdBy');
	const createdAt = map.get('createdAt');
	if (typeof id !== 'string' || typeof title !== 'string' || !isThemeId(themeId) || !isActionListId(list)) return null;
	if (typeof createdBy !== 'string' || typeof createdAt !== 'number') return null;
	const owner = map.get('owner');
	const quarter = map.get('quarter');
	const amount = map.get('amountEuros');
	const budgetLine = map.get('budgetLine');
	const parsedQuarter = typeof quarter === 'string' ? parseQuarter(quarter) : null;
	const checkedAmount = typeof amount === 'number' ? checkAmount(amount) : null;
	return {
		id,
		title,
		themeId,
		list,
		owner: typeof owner === 'string' ? owner : '',
		quarter: parsedQuarter?.ok ? parsedQuarter.value : null,
		amountEuros: checkedAmount?.ok ? checkedAmount.value : null,
		budgetLine: typeof budgetLine === 'string' && budgetLine !== '' ? budgetLine : null,
		cardIds: readLinkedCards(map.get('cardIds')),
		createdBy,
		createdAt
	};
}

export function getAction(doc: Y.Doc, actionId: string): AgendaAction | null {
	return readAction(actionsMap(doc).get(actionId));
}

/** Oldest first; ties broken by id so every client shows the same order. */
export function compareActions(a: AgendaAction, b: AgendaAction): number {
	return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function listActions(doc: Y.Doc, filter: { themeId?: string; list?: string; cardId?: string } = {}): AgendaAction[] {
	const actions: AgendaAction[] = [];
	for (const map of actionsMap(doc).values()) {
		const action = readAction(map);
		if (!action) continue;
		if (filter.themeId !== undefined && action.themeId !== filter.themeId) continue;
		if (filter.list !== undefined && action.list !== filter.list) continue;
		if (filter.cardId !== undefined && !action.cardIds.includes(filter.cardId)) continue;
		actions.push(action);
	}
	return actions.sort(compareActions);
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type ActionResult = { ok: true; id: string } | { ok: false; reason: ActionProblem };

export interface NewAction {
	title: string;
	themeId: string;
	list: string;
	owner?: string;
	quarter?: string | null;
	amountEuros?: number | null;
	budgetLine?: string | null;
	cardIds?: readonly string[];
	/** User or participant id of who adds it. */
	createdBy: string;
}

export interface ActionChange {
	title?: string;
	themeId?: string;
	list?: string;
	owner?: string;
	quarter?: string | null;
	amountEuros?: number | null;
	budgetLine?: string | null;
}

type CheckedFields = Partial<Pick<AgendaAction, 'title' | 'themeId' | 'list' | 'owner' | 'quarter' | 'amountEuros' | 'budgetLine'>>;

/** Checks every field that is present; the first problem wins, in form order. */
function checkFields(change: ActionChange): Checked<CheckedFields> {
	const fields: CheckedFields = {};
	if (change.title !== undefined) {
		const title = checkActionTitle(change.title);
		if (!title.ok) return title;
		fields.title = title.value;
	}
	if (change.themeId !== undefined) {
		if (!isThemeId(change.themeId)) return { ok: false, reason: 'unknown-theme' };
		fields.themeId = change.themeId;
	}
	if (change.list !== undefined) {
		if (!isActionListId(change.list)) return { ok: false, reason: 'unknown-list' };
		fields.list = change.list;
	}
	if (change.owner !== undefined) {
		const owner = checkOwner(change.owner);
		if (!owner.ok) return owner;
		fields.owner = owner.value;
	}
	if (change.quarter !== undefined) {
		const quarter = parseQuarter(change.quarter);
		if (!quarter.ok) return quarter;
		fields.quarter = quarter.value;
	}
	if (change.amountEuros !== undefined) {
		const amount = checkAmount(change.amountEuros);
		if (!amount.ok) return amount;
		fields.amountEuros = amount.value;
	}
	if (change.budgetLine !== undefined) {
		const budgetLine = checkBudgetLine(change.budgetLine);
		if (!budgetLine.ok) return budgetLine;
		fields.budgetLine = budgetLine.value;
	}
	return { ok: true, value: fields };
}

function cardExists(doc: Y.Doc, cardId: string): boolean {
	return readCard(cardsMap(doc).get(cardId)) !== null;
}

export function addAction(doc: Y.Doc, input: NewAction, now = Date.now(), id = newId()): ActionResult {
	const checked = checkFields({
		title: input.title,
		themeId: input.themeId,
		list: input.list,
		owner: input.owner ?? '',
		quarter: input.quarter ?? null,
		amountEuros: input.amountEuros ?? null,
		budgetLine: input.budgetLine ?? null
	});
	if (!checked.ok) return checked;
	const cardIds = [...new Set(input.cardIds ?? [])];
	if (!cardIds.every((cardId) => cardExists(doc, cardId))) return { ok: false, reason: 'unknown-card' };
	const fields = checked.value;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('title', fields.title);
		map.set('themeId', fields.themeId);
		map.set('list', fields.list);
		map.set('owner', fields.owner);
		map.set('quarter', fields.quarter);
		map.set('amountEuros', fields.amountEuros);
		map.set('budgetLine', fields.budgetLine);
		const links = new Y.Map<number>();
		// Linked in the order given: the offsets keep that order without inventing later times.
		cardIds.forEach((cardId, index) => links.set(cardId, now + index / 1000));
		map.set('cardIds', links);
		map.set('createdBy', input.createdBy);
		map.set('createdAt', now);
		actionsMap(doc).set(id, map);
	});
	return { ok: true, id };
}

function actionMap(doc: Y.Doc, actionId: string): ActionMap | null {
	const map = actionsMap(doc).get(actionId);
	return map && readAction(map) ? map : null;
}

/** Writes only the fields that change, so a concurrent edit of another field survives. */
export function editAction(doc: Y.Doc, actionId: string, change: ActionChange): ActionResult {
	const map = actionMap(doc, actionId);
	if (!map) return { ok: false, reason: 'not-found' };
	const checked = checkFields(change);
	if (!checked.ok) return checked;
	doc.transact(() => {
		for (const [key, value] of Object.entries(checked.value)) {
			if (map.get(key) !== value) map.set(key, value);
		}
	});
	return { ok: true, id: actionId };
}

export function removeAction(doc: Y.Doc, actionId: string): ActionResult {
	if (!actionMap(doc, actionId)) return { ok: false, reason: 'not-found' };
	actionsMap(doc).delete(actionId);
	return { ok: true, id: actionId };
}

/** Links a card the action came from. Linking twice keeps the first link. */
export function linkCard(doc: Y.Doc, actionId: string, cardId: string, now = Date.now()): ActionResult {
	const map = actionMap(doc, actionId);
	if (!map) return { ok: false, reason: 'not-found' };
	if (!cardExists(doc, cardId)) return { ok: false, reason: 'unknown-card' };
	doc.transact(() => {
		let links = map.get('cardIds');
		if (!(links instanceof Y.Map)) {
			links = new Y.Map<number>();
			map.set('cardIds', links);
		}
		const cardLinks = links as Y.Map<number>;
		if (!cardLinks.has(cardId)) cardLinks.set(cardId, now);
	});
	return { ok: true, id: actionId };
}

/** Unlinking a card that is not linked is fine: the result is the same. */
export function unlinkCard(doc: Y.Doc, actionId: string, cardId: string): ActionResult {
	const map = actionMap(doc, actionId);
	if (!map) return { ok: false, reason: 'not-found' };
	const links = map.get('cardIds');
	if (links instanceof Y.Map && links.has(cardId)) links.delete(cardId);
	return { ok: true, id: actionId };
}
