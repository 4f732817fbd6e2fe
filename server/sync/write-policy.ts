/**
 * The write policy: who may change what in each shared doc. The sync server asks it about every
 * update before the update is applied, stored or broadcast; a refused update goes nowhere.
 *
 * Why validate updates instead of turning every write into a server command: phones keep writing
 * offline and their updates arrive later in one piece, stock y-websocket clients keep working, and a
 * card still reaches the wall in one hop. The check reads the decoded update against the room's doc
 * (update-changes.ts) and costs microseconds (see tests/bench/write-policy.ts).
 *
 * The rules, per doc (the doc's schema modules in src/lib/sync/ describe the shapes):
 *  agenda doc
 *   - cards, keywords, elements, corrections: an entry is created whole, in one update, and only as
 *     the writer: authorId, authorName, authorKind and workshopId must be the connection's own (a
 *     participant's name is the one they joined with). Only the author changes or deletes it, and
 *     only the fields an author may change (a card's text, themes and kind). Never its id, author,
 *     workshop, question or time.
 *   - a card's `plusOnes`: each writer adds or removes only the key that is their own id.
 *   - a card's kind (questions 5 and 6): its author or staff.
 *   - elements: participants propose (status 'proposed'); acceptance, and everything else on an
 *     element, is staff's. Corrections are marked handled by staff.
 *   - actions: staff only.
 *   - syntheses: staff, and participants while the facilitator has opened them (workshop doc
 *     `state.participantsMaySynthesise`); plain text only.
 *   - any other root key: refused.
 *  workshop doc: staff only (the upgrade already makes it read-only for everyone else); only its
 *   known root keys.
 *  tally and record docs: only the server writes them (read-only at the upgrade).
 *
 * Every string is checked with the same rules as the forms (src/lib/domain/text-rules.ts): the value
 * stored must be exactly what the form's check would have produced from it, so a form and the server
 * can never disagree about what is allowed.
 */
import type { StaffRole } from '../../src/lib/domain/permissions.ts';
import { isQuestionNumber } from '../../src/lib/domain/questions.ts';
import { isActionListId, isThemeId } from '../../src/lib/domain/themes.ts';
import { isLayerId } from '../../src/lib/domain/sociale-basis.ts';
import { isFacilityCategory } from '../../src/lib/domain/areas.ts';
import { checkStoredText } from '../../src/lib/domain/text-rules.ts';
import { parseDocName, type DocKind } from '../../src/lib/sync/doc-names.ts';
import { CARD_TEXT_MAX, CARDS_KEY, SYNTHESES_KEY, checkCardText, checkThemes } from '../../src/lib/sync/agenda-schema.ts';
import { KEYWORDS_KEY, checkKeyword, isKindFor } from '../../src/lib/sync/steps-schema.ts';
import {
	CORRECTIONS_KEY,
	ELEMENTS_KEY,
	SUBJECT_ID_PATTERN,
	checkCorrectionText,
	checkElementName,
	checkPlace,
	checkTargetGroups
} from '../../src/lib/sync/elements-schema.ts';
import { ACTIONS_KEY, checkActionTitle, checkAmount, checkBudgetLine, checkOwner, parseQuarter } from '../../src/lib/sync/actions-schema.ts';
import { HIDDEN_CARDS_KEY, MERGED_CARDS_KEY, STATE_KEY } from '../../src/lib/sync/workshop-schema.ts';
import { VOTE_KEY } from '../../src/lib/sync/vote-schema.ts';
import * as Y from 'yjs';
import { inspectUpdate, type Change, type Insert, type Inserted } from './update-changes.ts';

/** Who writes, as the upgrade established it: never taken from the update. */
export type Writer =
	| { kind: 'participant'; id: string; name: string; workshopId: string; agendaId: string }
	| { kind: 'staff'; id: string; role: StaffRole };

/** What the policy needs to know beyond the doc itself. */
export interface PolicyContext {
	/** Whether the facilitator of this workshop has opened the syntheses to participants. */
	participantsMaySynthesise(workshopId: string): boolean;
	/** Whether this workshop feeds this agenda (a staff member's entry must name one of them). */
	workshopFeedsAgenda(workshopId: string, agendaId: string): boolean;
}

/** Why an update was refused; sent to the client in the close reason, logged and counted. */
export type RefusalReason =
	| 'gap'
	| 'malformed'
	| 'unknown-root'
	| 'unsupported-content'
	| 'not-author'
	| 'forged-author'
	| 'staff-only'
	| 'immutable-field'
	| 'unknown-field'
	| 'bad-value'
	| 'text-rules'
	| 'incomplete-entry';

/** An entry the update creates or changes, for the record of who changed what. */
export interface TouchedEntry {
	root: string;
	key: string;
	created: boolean;
}

export type Verdict =
	| { ok: true; empty: boolean; touched: TouchedEntry[] }
	| { ok: false; reason: RefusalReason; detail: string };

export interface WritePolicy {
	check(docName: string, doc: Y.Doc, update: Uint8Array, writer: Writer): Verdict;
}

class Refusal extends Error {
	constructor(
		readonly reason: RefusalReason,
		detail: string
	) {
		super(detail);
	}
}

function refuse(reason: RefusalReason, detail: string): never {
	throw new Refusal(reason, detail);
}

/** The longest synthesis: a few pages of text. Longer is not a summary any more. */
export const SYNTHESIS_MAX = 20_000;
/** An entry key: the ids our clients make (ids.ts) and the facility ids of the seed data. */
const ENTRY_KEY = SUBJECT_ID_PATTERN;
const NAME_MAX = 40;

// ---------------------------------------------------------------------------------------------
// Values

function singleJson(value: Inserted, field: string): unknown {
	if (value.kind !== 'json' || value.values.length !== 1) refuse('bad-value', `${field}: not a plain value`);
	return value.values[0];
}

/** The stored value must be exactly what the form's check makes of it. */
function fixedPoint<T>(value: unknown, check: (input: T) => { ok: true; value: unknown } | { ok: false }, field: string): void {
	const checked = check(value as T);
	if (!checked.ok || JSON.stringify(checked.value) !== JSON.stringify(value)) refuse('text-rules', `${field} breaks its rules`);
}

function storedText(value: unknown, max: number, field: string, mayBeEmpty = false): string {
	if (typeof value !== 'string') refuse('bad-value', `${field}: not text`);
	if (checkStoredText(value, max, { mayBeEmpty })) refuse('text-rules', `${field} breaks the text rules`);
	return value;
}

/**
 * A time a client wrote: any finite, non-negative number. Not checked against our clock: an old phone
 * whose clock was reset to 1970 must still be able to take part, and a wrong time only moves a card
 * in the order of the wall.
 */
function time(value: unknown, field: string): void {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) refuse('bad-value', `${field}: not a time`);
}

function nullOr(value: unknown, check: (value: unknown) => void): void {
	if (value !== null) check(value);
}

// ---------------------------------------------------------------------------------------------
// Entries: one Y.Map per entry under a root map, with these fields

type FieldValues = Map<string, unknown>;
/** Where a write lands: the agenda, and what the policy may ask about it. */
interface Scope {
	context: PolicyContext;
	agendaId: string;
}
type FieldCheck = (value: unknown, fields: FieldValues, writer: Writer, scope: Scope) => void;

interface EntrySpec {
	/** Every field and how to check it. A new entry must carry all of `required`. */
	fields: Record<string, FieldCheck | 'map'>;
	required: readonly string[];
	/** Fields the author may change later. */
	authorMayChange: readonly string[];
	/** Fields staff may change later, on anyone's entry. */
	staffMayChange: readonly string[];
	/** Fields that may be removed (absent means "none chosen"). */
	removable: readonly string[];
	/**
	 * Who may delete the entry, given its current fields; `deletedToo(root, key)` says whether the same
	 * update deletes another entry (a proposal's corrections go with it).
	 */
	mayDelete(entry: Y.Map<unknown>, writer: Writer, deletedToo: (root: string, key: string) => boolean): boolean;
}

const isStaff = (writer: Writer) => writer.kind === 'staff';
const isAuthor = (entry: Y.Map<unknown>, writer: Writer) =>
	entry.get('authorId') === writer.id && entry.get('authorKind') === (writer.kind === 'staff' ? 'staff' : 'participant');

/** authorId, authorName and authorKind of a new entry are the writer's own. */
const authorFields: Record<string, FieldCheck> = {
	authorId: (value, _fields, writer) => {
		if (value !== writer.id) refuse('forged-author', 'authorId is not the writer');
	},
	authorKind: (value, _fields, writer) => {
		if (value !== (writer.kind === 'staff' ? 'staff' : 'participant')) refuse('forged-author', 'authorKind is not the writer');
	},
	authorName: (value, _fields, writer) => {
		storedText(value, NAME_MAX, 'authorName');
		if (writer.kind === 'participant' && value !== writer.name) refuse('forged-author', 'authorName is not the name they joined with');
	}
};

function checkWorkshop(value: unknown, writer: Writer, context: PolicyContext, agendaId: string): void {
	if (typeof value !== 'string') refuse('bad-value', 'workshopId: not text');
	if (writer.kind === 'participant' ? value !== writer.workshopId : !context.workshopFeedsAgenda(value, agendaId)) {
		refuse('forged-author', 'workshopId is not the writer’s workshop');
	}
}

/** The agenda doc's entries. Built once: the checks get the agenda they judge as `scope`. */
function agendaSpecs(): Record<string, EntrySpec> {
	const workshopId: FieldCheck = (value, _fields, writer, scope) => checkWorkshop(value, writer, scope.context, scope.agendaId);
	const id: FieldCheck = (value, _fields) => {
		if (typeof value !== 'string' || !ENTRY_KEY.test(value)) refuse('bad-value', 'id');
	};
	const createdAt: FieldCheck = (value) => time(value, 'createdAt');
	const staffOnly: FieldCheck = (_value, _fields, writer) => {
		if (!isStaff(writer)) refuse('staff-only', 'a field only staff set');
	};

	return {
		[CARDS_KEY]: {
			fields: {
				id,
				questionNumber: (value) => {
					if (!isQuestionNumber(value)) refuse('bad-value', 'questionNumber');
				},
				text: (value) => {
					storedText(value, CARD_TEXT_MAX, 'text');
					fixedPoint(value, checkCardText, 'text');
				},
				themes: (value) => {
					if (!Array.isArray(value)) refuse('bad-value', 'themes');
					fixedPoint(value, checkThemes, 'themes');
				},
				...authorFields,
				workshopId,
				createdAt,
				plusOnes: 'map',
				kind: (value, fields) => {
					if (value !== null && !isKindFor(Number(fields.get('questionNumber')), value)) refuse('bad-value', 'kind');
				}
			},
			required: ['id', 'questionNumber', 'text', 'themes', 'authorId', 'authorName', 'authorKind', 'workshopId', 'createdAt', 'plusOnes'],
			authorMayChange: ['text', 'themes', 'kind'],
			staffMayChange: ['kind'],
			removable: ['kind'],
			mayDelete: isAuthor
		},
		[KEYWORDS_KEY]: {
			fields: {
				id,
				text: (value) => {
					storedText(value, 40, 'text');
					fixedPoint(value, checkKeyword, 'text');
				},
				...authorFields,
				workshopId,
				createdAt
			},
			required: ['id', 'text', 'workshopId', 'authorId', 'authorName', 'authorKind', 'createdAt'],
			authorMayChange: [],
			staffMayChange: [],
			removable: [],
			mayDelete: (entry, writer) => isStaff(writer) || isAuthor(entry, writer)
		},
		[ELEMENTS_KEY]: {
			fields: {
				id,
				name: (value) => {
					storedText(value, 120, 'name');
					fixedPoint(value, checkElementName, 'name');
				},
				category: (value) => {
					if (!isFacilityCategory(value)) refuse('bad-value', 'category');
				},
				layer: (value) => {
					if (!isLayerId(value)) refuse('bad-value', 'layer');
				},
				targetGroups: (value) => {
					if (!Array.isArray(value)) refuse('bad-value', 'targetGroups');
					fixedPoint(value, checkTargetGroups, 'targetGroups');
				},
				lat: (_value, fields) => checkElementPlace(fields),
				lon: (_value, fields) => checkElementPlace(fields),
				buurtCode: (_value, fields) => checkElementPlace(fields),
				facilityId: (value) => nullOr(value, (v) => (typeof v === 'string' && ENTRY_KEY.test(v)) || refuse('bad-value', 'facilityId')),
				status: (value, _fields, writer) => {
					if (value !== 'proposed' && value !== 'accepted') refuse('bad-value', 'status');
					if (value === 'accepted' && !isStaff(writer)) refuse('staff-only', 'only staff accept an element');
				},
				...authorFields,
				workshopId,
				createdAt,
				acceptedBy: (value, _fields, writer) => nullOr(value, (v) => (isStaff(writer) && v === writer.id) || refuse('staff-only', 'acceptedBy')),
				acceptedAt: (value, _fields, writer) => nullOr(value, (v) => (isStaff(writer) ? time(v, 'acceptedAt') : refuse('staff-only', 'acceptedAt')))
			},
			required: ['id', 'name', 'category', 'layer', 'targetGroups', 'lat', 'lon', 'buurtCode', 'facilityId', 'status', 'authorId', 'authorName', 'authorKind', 'workshopId', 'createdAt', 'acceptedBy', 'acceptedAt'],
			authorMayChange: [],
			staffMayChange: ['status', 'acceptedBy', 'acceptedAt', 'name', 'category', 'layer', 'targetGroups', 'facilityId'],
			removable: [],
			mayDelete: (entry, writer) => isStaff(writer) || (isAuthor(entry, writer) && entry.get('status') === 'proposed')
		},
		[CORRECTIONS_KEY]: {
			fields: {
				id,
				facilityId: (value, fields) => {
					nullOr(value, (v) => (typeof v === 'string' && ENTRY_KEY.test(v)) || refuse('bad-value', 'facilityId'));
					if ((value === null) === (fields.get('elementId') === null)) refuse('bad-value', 'a correction is about one facility or one element');
				},
				elementId: (value) => nullOr(value, (v) => (typeof v === 'string' && ENTRY_KEY.test(v)) || refuse('bad-value', 'elementId')),
				text: (value) => {
					storedText(value, 280, 'text');
					fixedPoint(value, checkCorrectionText, 'text');
				},
				...authorFields,
				workshopId,
				createdAt,
				handledBy: (value, _fields, writer) => nullOr(value, (v) => (isStaff(writer) && v === writer.id) || refuse('staff-only', 'handledBy')),
				handledAt: (value, _fields, writer) => nullOr(value, (v) => (isStaff(writer) ? time(v, 'handledAt') : refuse('staff-only', 'handledAt')))
			},
			required: ['id', 'facilityId', 'elementId', 'text', 'authorId', 'authorName', 'authorKind', 'workshopId', 'createdAt', 'handledBy', 'handledAt'],
			authorMayChange: [],
			staffMayChange: ['handledBy', 'handledAt'],
			removable: [],
			// Whoever removes their own proposal removes the corrections about it too (removeOwnElement).
			mayDelete: (entry, writer, deletedToo) =>
				isStaff(writer) || isAuthor(entry, writer) || (typeof entry.get('elementId') === 'string' && deletedToo(ELEMENTS_KEY, entry.get('elementId') as string))
		},
		[ACTIONS_KEY]: {
			fields: {
				id: (value, fields, writer, scope) => {
					staffOnly(value, fields, writer, scope);
					id(value, fields, writer, scope);
				},
				title: (value) => {
					storedText(value, 200, 'title');
					fixedPoint(value, checkActionTitle, 'title');
				},
				themeId: (value) => {
					if (!isThemeId(value)) refuse('bad-value', 'themeId');
				},
				list: (value) => {
					if (!isActionListId(value)) refuse('bad-value', 'list');
				},
				owner: (value) => {
					storedText(value, 120, 'owner', true);
					fixedPoint(value, checkOwner, 'owner');
				},
				quarter: (value) => nullOr(value, (v) => fixedPoint(v, parseQuarter, 'quarter')),
				amountEuros: (value) => fixedPoint(value, checkAmount, 'amountEuros'),
				budgetLine: (value) => nullOr(value, (v) => (storedText(v, 120, 'budgetLine'), fixedPoint(v, checkBudgetLine, 'budgetLine'))),
				cardIds: 'map',
				createdBy: (value, _fields, writer) => {
					if (value !== writer.id) refuse('forged-author', 'createdBy is not the writer');
				},
				createdAt
			},
			required: ['id', 'title', 'themeId', 'list', 'owner', 'quarter', 'amountEuros', 'budgetLine', 'cardIds', 'createdBy', 'createdAt'],
			authorMayChange: [],
			staffMayChange: ['title', 'themeId', 'list', 'owner', 'quarter', 'amountEuros', 'budgetLine', 'cardIds'],
			removable: [],
			mayDelete: (_entry, writer) => isStaff(writer)
		}
	};
}

function checkElementPlace(fields: FieldValues): void {
	const lat = fields.get('lat');
	const lon = fields.get('lon');
	const buurtCode = fields.get('buurtCode');
	if (buurtCode !== null && typeof buurtCode !== 'string') refuse('bad-value', 'buurtCode');
	const point = lat === null && lon === null ? null : { lat: lat as number, lon: lon as number };
	const checked = checkPlace({ point, buurtCode: buurtCode as string | null });
	if (!checked.ok || checked.value.buurtCode !== buurtCode) refuse('bad-value', 'place');
}

/** Values inside an entry's nested maps: a card's +1s and an action's linked cards. */
function checkNestedKey(root: string, field: string, key: string, value: Inserted | null, writer: Writer): void {
	if (root === CARDS_KEY && field === 'plusOnes') {
		if (key !== writer.id) refuse('not-author', 'a +1 that is not the writer’s own');
		if (value && (value.kind !== 'json' || value.values.length !== 1 || value.values[0] !== true)) refuse('bad-value', '+1');
		return;
	}
	if (root === ACTIONS_KEY && field === 'cardIds') {
		if (!isStaff(writer)) refuse('staff-only', 'linking cards to an action');
		if (!ENTRY_KEY.test(key)) refuse('bad-value', 'card id');
		if (value && (value.kind !== 'json' || value.values.length !== 1 || typeof value.values[0] !== 'number')) refuse('bad-value', 'link time');
		return;
	}
	refuse('unknown-field', `${root}.${field} holds no keys`);
}

// ---------------------------------------------------------------------------------------------
// The agenda doc

function entryMapAt(doc: Y.Doc, root: string, key: string): Y.Map<unknown> | null {
	const value = doc.getMap(root).get(key);
	return value instanceof Y.Map ? value : null;
}

/** The entry map an existing item belongs to (the child of the root map at `key`, as the doc holds it now). */
function existingEntry(doc: Y.Doc, root: string, key: string, parentId: string | null, depth: number): Y.Map<unknown> | null {
	const entry = entryMapAt(doc, root, key);
	if (!entry) return null;
	// The item must really sit in this entry, not in an older value of the same key that was replaced.
	if (depth === 2 && parentId !== null && entry._item && `${entry._item.id.client}:${entry._item.id.clock}` !== parentId) return null;
	return entry;
}

const AGENDA_SPECS = agendaSpecs();

function checkAgendaUpdate(doc: Y.Doc, scope: Scope, changes: Change[], writer: Writer): TouchedEntry[] {
	const specs = AGENDA_SPECS;
	const { context } = scope;
	const touched = new Map<string, TouchedEntry>();
	const touch = (root: string, key: string, created: boolean) => {
		const id = `${root}/${key}`;
		const before = touched.get(id);
		touched.set(id, { root, key, created: created || (before?.created ?? false) });
	};
	// Fields of maps created in this update, by the new map's item id.
	const newFields = new Map<string, Insert[]>();
	for (const change of changes) {
		if (change.op === 'insert' && change.parentIsNew && change.parentId) {
			const list = newFields.get(change.parentId) ?? [];
			list.push(change);
			newFields.set(change.parentId, list);
		}
	}
	const deletedEntries = new Set(changes.filter((c) => c.op === 'delete' && c.path.length === 1).map((c) => `${c.root}/${c.path[0]}`));
	const deletedToo = (root: string, key: string) => deletedEntries.has(`${root}/${key}`);
	// Characters each synthesis gains and loses in this update: a paste over the whole text is fine.
	const synthesisGrowth = new Map<string, number>();
	const insertedAt = new Set(changes.filter((c): c is Insert => c.op === 'insert' && !c.deletedToo).map((c) => `${c.root}/${c.path.join('/')}`));

	for (const change of changes) {
		const { root, path } = change;
		if (change.op === 'insert' && (change.value.kind === 'deleted' || change.deletedToo)) continue; // never visible
		if (change.op === 'insert' && change.value.kind === 'unsupported') refuse('unsupported-content', change.value.name);

		if (root === SYNTHESES_KEY) {
			checkSynthesisChange(doc, change, writer, context, synthesisGrowth);
			continue;
		}
		const spec = specs[root];
		if (!spec) refuse('unknown-root', root);
		const [key, field, nestedKey, ...deeper] = path;
		if (key === '#' || (field !== undefined && field === '#') || (nestedKey !== undefined && nestedKey === '#') || deeper.length > 0) {
			refuse('malformed', `${root}: not the shape of an entry`);
		}

		if (field === undefined) {
			// The entry itself: created or deleted.
			if (change.op === 'insert') {
				if (!ENTRY_KEY.test(key)) refuse('bad-value', 'entry key');
				if (change.value.kind !== 'map') refuse('bad-value', `${root} entries are maps`);
				// A new value at a key that holds an entry replaces it, whether or not the update says it deletes it.
				const current = entryMapAt(doc, root, key);
				if (current && !spec.mayDelete(current, writer, deletedToo)) refuse('not-author', `replacing another's ${root} entry`);
				checkNewEntry(spec, key, newFields.get(change.id) ?? [], writer, scope);
				touch(root, key, true);
			} else {
				const entry = change.item.content instanceof Y.ContentType ? change.item.content.type : null;
				if (!(entry instanceof Y.Map) || !spec.mayDelete(entry, writer, deletedToo)) refuse('not-author', `deleting another's ${root} entry`);
				touch(root, key, false);
			}
			continue;
		}
		if (change.op === 'insert' && change.parentIsNew) {
			// A field of an entry this update creates (checked with it), or a key inside such a field's new map.
			if (nestedKey !== undefined) checkNestedKey(root, field, nestedKey, change.value, writer);
			continue;
		}
		const depth = nestedKey === undefined ? 2 : 3;
		const entry = existingEntry(doc, root, key, depth === 2 ? change.parentId : null, depth);
		if (!entry) {
			// A write into an entry that is gone (deleted meanwhile): Yjs keeps it deleted, nobody sees it.
			continue;
		}
		if (depth === 3) {
			checkNestedKey(root, field, nestedKey, change.op === 'insert' ? change.value : null, writer);
			// A +1 is support, not a change to someone's card; linking a card to an action is.
			if (field !== 'plusOnes') touch(root, key, false);
			continue;
		}
		const may =
			(isAuthor(entry, writer) && spec.authorMayChange.includes(field)) ||
			(isStaff(writer) && spec.staffMayChange.includes(field)) ||
			// A missing +1 map may be added (empty) by anyone who gives the first +1.
			(root === CARDS_KEY && field === 'plusOnes' && change.op === 'insert' && !(entry.get('plusOnes') instanceof Y.Map));
		if (!may) {
			const reason: RefusalReason = !spec.fields[field]
				? 'unknown-field'
				: spec.staffMayChange.includes(field) && !spec.authorMayChange.includes(field) && !isStaff(writer)
					? 'staff-only'
					: isAuthor(entry, writer) || isStaff(writer)
						? 'immutable-field'
						: 'not-author';
			refuse(reason, `${root}.${field}`);
		}
		if (change.op === 'insert') {
			const check = spec.fields[field];
			if (check === 'map') {
				if (change.value.kind !== 'map') refuse('bad-value', `${field} is a map`);
			} else {
				const fields: FieldValues = new Map(entry.entries());
				const value = singleJson(change.value, field);
				fields.set(field, value);
				check(value, fields, writer, scope);
			}
		} else if (!spec.removable.includes(field) && !insertedAt.has(`${root}/${path.join('/')}`)) {
			refuse('incomplete-entry', `${root}.${field} removed`);
		}
		touch(root, key, false);
	}
	for (const [question, growth] of synthesisGrowth) {
		const current = doc.getMap(SYNTHESES_KEY).get(question);
		if ((current instanceof Y.Text ? current.length : 0) + growth > SYNTHESIS_MAX) refuse('text-rules', 'synthesis too long');
	}
	return [...touched.values()];
}

function checkNewEntry(spec: EntrySpec, key: string, inserts: Insert[], writer: Writer, scope: Scope): void {
	const fields: FieldValues = new Map();
	const maps = new Map<string, Insert>();
	for (const insert of inserts) {
		if (insert.deletedToo) continue;
		// Paths leave out the root: [entryKey, field] for a field, deeper ones are keys inside a field's map.
		const field = insert.path[1];
		if (field === undefined || insert.path.length !== 2) continue;
		const check = spec.fields[field];
		if (!check) refuse('unknown-field', field);
		if (fields.has(field) || maps.has(field)) refuse('malformed', `${field} set twice`);
		if (check === 'map') {
			if (insert.value.kind !== 'map') refuse('bad-value', `${field} is a map`);
			maps.set(field, insert);
		} else {
			fields.set(field, singleJson(insert.value, field));
		}
	}
	for (const field of spec.required) if (!fields.has(field) && !maps.has(field)) refuse('incomplete-entry', `missing ${field}`);
	if (fields.get('id') !== undefined && fields.get('id') !== key) refuse('bad-value', 'id is not its key');
	for (const [field, value] of fields) (spec.fields[field] as FieldCheck)(value, fields, writer, scope);
	// Keys inside the new entry's maps (+1s, linked cards) are checked one by one in checkAgendaUpdate.
}

function checkSynthesisChange(doc: Y.Doc, change: Change, writer: Writer, context: PolicyContext, growth: Map<string, number>): void {
	const [question, inside, ...deeper] = change.path;
	const opened = writer.kind === 'participant' && context.participantsMaySynthesise(writer.workshopId);
	if (!isStaff(writer) && !opened) refuse('staff-only', 'the synthesis is not open to participants');
	if (!isQuestionNumber(Number(question)) || String(Number(question)) !== question) refuse('bad-value', 'synthesis key');
	if (deeper.length > 0) refuse('malformed', 'synthesis shape');
	if (inside === undefined) {
		// The Y.Text itself. Replacing one that exists would wipe what others wrote.
		if (change.op === 'delete') refuse('staff-only', 'removing a synthesis');
		if (change.value.kind !== 'text') refuse('bad-value', 'a synthesis is a text');
		if (!isStaff(writer) && doc.getMap(SYNTHESES_KEY).get(question) instanceof Y.Text) refuse('staff-only', 'replacing a synthesis');
		return;
	}
	if (inside !== '#') refuse('malformed', 'synthesis shape');
	if (change.op === 'insert') {
		if (change.value.kind !== 'string') refuse('unsupported-content', 'a synthesis holds plain text');
		if (checkStoredText(change.value.text, SYNTHESIS_MAX, { mayBeEmpty: true })) refuse('text-rules', 'synthesis text');
		growth.set(question, (growth.get(question) ?? 0) + change.value.text.length);
	} else {
		growth.set(question, (growth.get(question) ?? 0) - change.item.length);
	}
}

// ---------------------------------------------------------------------------------------------
// The workshop doc (staff only)

/** The workshop doc's root keys (workshop-schema.ts, vote-schema.ts). */
export const WORKSHOP_ROOTS: ReadonlySet<string> = new Set([STATE_KEY, HIDDEN_CARDS_KEY, MERGED_CARDS_KEY, VOTE_KEY]);

function checkWorkshopUpdate(changes: Change[], writer: Writer): void {
	if (!isStaff(writer)) refuse('staff-only', 'the workshop doc');
	for (const change of changes) {
		if (!WORKSHOP_ROOTS.has(change.root)) refuse('unknown-root', change.root);
		if (change.path[0] === '#') refuse('malformed', `${change.root} is a map`);
		if (change.op === 'insert' && change.value.kind === 'unsupported') refuse('unsupported-content', change.value.name);
		if (change.op === 'insert' && change.value.kind === 'json' && change.value.values.some((v) => jsonDepth(v) > WORKSHOP_JSON_DEPTH)) {
			refuse('bad-value', 'nested too deep');
		}
	}
}

/** The workshop doc's values are flat records (a timer, a vote); deeper nesting is not ours. */
const WORKSHOP_JSON_DEPTH = 4;

function jsonDepth(value: unknown, depth = 0): number {
	if (depth > WORKSHOP_JSON_DEPTH || value === null || typeof value !== 'object') return depth;
	let deepest = depth + 1;
	for (const inner of Object.values(value as object)) deepest = Math.max(deepest, jsonDepth(inner, depth + 1));
	return deepest;
}

// ---------------------------------------------------------------------------------------------

export function createWritePolicy(context: PolicyContext): WritePolicy {
	return {
		check(docName, doc, update, writer) {
			const inspection = inspectUpdate(doc, update);
			if (!inspection.ok) return { ok: false, reason: inspection.reason, detail: inspection.detail };
			if (inspection.empty) return { ok: true, empty: true, touched: [] };
			const ref = parseDocName(docName);
			try {
				const kind: DocKind | undefined = ref?.kind;
				if (kind === 'agenda' && ref) {
					if (writer.kind === 'participant' && writer.agendaId !== ref.id) refuse('staff-only', 'another agenda');
					return { ok: true, empty: false, touched: checkAgendaUpdate(doc, { context, agendaId: ref.id }, inspection.changes, writer) };
				}
				if (kind === 'workshop') {
					checkWorkshopUpdate(inspection.changes, writer);
					return { ok: true, empty: false, touched: [] };
				}
				refuse('staff-only', 'only the server writes this doc');
			} catch (error) {
				if (error instanceof Refusal) return { ok: false, reason: error.reason, detail: error.message };
				throw error;
			}
		}
	};
}
