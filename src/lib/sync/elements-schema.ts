/**
 * The inventory of the sociale basis in the agenda doc (`agenda-<agendaId>`): the elements a workshop
 * lists for question 3 ("Welke elementen van de sociale basis zijn er al?") and the corrections people
 * suggest to the shipped facility data.
 *
 *   elements:    Y.Map<elementId, Y.Map>     one Y.Map per element, fields in `SocialBasisElement`
 *   corrections: Y.Map<correctionId, Y.Map>  one Y.Map per suggested correction
 *
 * The server checks a rating ballot `element:<id>` against the keys of the top-level `elements` map,
 * so elements live exactly there.
 *
 * Where an element is — never a silent 0,0:
 *  - a point: `lat` and `lon` are finite numbers inside MAASTRICHT_BOUNDS (`buurtCode` is the buurt it
 *    falls in, or null outside the stadsdeel's buurten);
 *  - a buurt only: `lat` and `lon` are both null and `buurtCode` names the buurt. That is what someone
 *    chooses in the list view when they know the buurt but not the spot. Maps draw such an element at
 *    the buurt's centre and say so.
 * Anything else is not a well-formed element and `readElement` returns null.
 *
 * Every map a participant writes carries `authorId`, so "vergeet mij" can remove it.
 * Pure Yjs: no Svelte, no I/O. The rules here (only the author removes a proposal, only staff accept)
 * are what the forms do; the sync server enforces them on every update (server/sync/write-policy.ts).
 */
import * as Y from 'yjs';
import { BUURT_CODE_PATTERN, MAASTRICHT_BOUNDS, isFacilityCategory, type FacilityCategory } from '../domain/areas.ts';
import { isLayerId, type LayerId } from '../domain/sociale-basis.ts';
import type { ReachabilityFacility } from '../domain/geo.ts';
import { countCharacters, type AuthorKind } from './agenda-schema.ts';
import { newId } from './ids.ts';
import { cleanText, isBlank } from '../domain/text-rules.ts';

export const ELEMENTS_KEY = 'elements';
export const CORRECTIONS_KEY = 'corrections';

export const ELEMENT_NAME_MAX = 120;
export const CORRECTION_TEXT_MAX = 280;

/** Who an element is for (seed 002 groups the Amby meeting places this way). */
export const TARGET_GROUPS = ['kinderen-jongeren', 'volwassenen', 'ouderen'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export function isTargetGroup(value: unknown): value is TargetGroup {
	return typeof value === 'string' && (TARGET_GROUPS as readonly string[]).includes(value);
}

export const ELEMENT_STATUSES = ['proposed', 'accepted'] as const;
export type ElementStatus = (typeof ELEMENT_STATUSES)[number];

/** The same id shapes the ballot endpoint accepts in `facility:<id>` and `element:<id>`. */
export const SUBJECT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface ElementAuthor {
	id: string;
	name: string;
	kind: AuthorKind;
}

export interface SocialBasisElement {
	id: string;
	name: string;
	category: FacilityCategory;
	layer: LayerId;
	targetGroups: TargetGroup[];
	/** Both numbers (a point) or both null (only the buurt is known, see the file comment). */
	lat: number | null;
	lon: number | null;
	buurtCode: string | null;
	/** A shipped facility this element belongs to, e.g. the coffee morning in a community centre. */
	facilityId: string | null;
	status: ElementStatus;
	authorId: string;
	authorName: string;
	authorKind: AuthorKind;
	workshopId: string;
	createdAt: number;
	/** Staff user id and time of acceptance; null while proposed. */
	acceptedBy: string | null;
	acceptedAt: number | null;
}

export type CorrectionTarget = { kind: 'facility'; id: string } | { kind: 'element'; id: string };

export interface Correction {
	id: string;
	/** Exactly one of the two is set. */
	facilityId: string | null;
	elementId: string | null;
	text: string;
	authorId: string;
	authorName: string;
	authorKind: AuthorKind;
	workshopId: string;
	createdAt: number;
	/** Set by staff once the correction is taken over (or set aside); null while open. */
	handledBy: string | null;
	handledAt: number | null;
}

export type ElementMap = Y.Map<unknown>;

export function elementsMap(doc: Y.Doc): Y.Map<ElementMap> {
	return doc.getMap<ElementMap>(ELEMENTS_KEY);
}

export function correctionsMap(doc: Y.Doc): Y.Map<ElementMap> {
	return doc.getMap<ElementMap>(CORRECTIONS_KEY);
}

/** The ballot subject for rating an element or a facility (see POST /api/ballots). */
export function ratingSubject(target: CorrectionTarget): string {
	return `${target.kind}:${target.id}`;
}

// ---------------------------------------------------------------------------------------------
// Field checks (exported so forms show the same message before they write)

export type ElementProblem =
	| 'empty-name'
	| 'name-too-long'
	| 'unknown-category'
	| 'unknown-layer'
	| 'unknown-target-group'
	| 'no-place'
	| 'outside-maastricht'
	| 'bad-buurt'
	| 'bad-facility'
	| 'not-found'
	| 'not-author'
	| 'already-accepted';

export type CorrectionProblem = 'empty-text' | 'text-too-long' | 'unknown-target' | 'not-found' | 'not-author';

type Checked<T, P extends string> = { ok: true; value: T } | { ok: false; reason: P };

export function checkElementName(text: string): Checked<string, 'empty-name' | 'name-too-long'> {
	const value = cleanText(text).replace(/\s+/g, ' ').trim();
	if (value === '') return { ok: false, reason: 'empty-name' };
	if (countCharacters(value) > ELEMENT_NAME_MAX) return { ok: false, reason: 'name-too-long' };
	return { ok: true, value };
}

export function checkCorrectionText(text: string): Checked<string, 'empty-text' | 'text-too-long'> {
	const value = cleanText(text);
	if (isBlank(value)) return { ok: false, reason: 'empty-text' };
	if (countCharacters(value) > CORRECTION_TEXT_MAX) return { ok: false, reason: 'text-too-long' };
	return { ok: true, value };
}

export function checkTargetGroups(groups: readonly string[]): Checked<TargetGroup[], 'unknown-target-group'> {
	if (!groups.every(isTargetGroup)) return { ok: false, reason: 'unknown-target-group' };
	// Stored in the fixed order, so two clients choosing the same groups write the same value.
	return { ok: true, value: TARGET_GROUPS.filter((group) => groups.includes(group)) };
}

export function isInMaastricht(lat: number, lon: number): boolean {
	const [minLon, minLat, maxLon, maxLat] = MAASTRICHT_BOUNDS;
	return Number.isFinite(lat) && Number.isFinite(lon) && lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

export interface ElementPlaceInput {
	/** A point, or null when only the buurt is known. */
	point: { lat: number; lon: number } | null;
	buurtCode: string | null;
}

export interface ElementPlace {
	lat: number | null;
	lon: number | null;
	buurtCode: string | null;
}

export function checkPlace(place: ElementPlaceInput): Checked<ElementPlace, 'no-place' | 'outside-maastricht' | 'bad-buurt'> {
	const buurtCode = place.buurtCode === null || place.buurtCode === '' ? null : place.buurtCode;
	if (buurtCode !== null && !BUURT_CODE_PATTERN.test(buurtCode)) return { ok: false, reason: 'bad-buurt' };
	if (place.point === null) {
		if (buurtCode === null) return { ok: false, reason: 'no-place' };
		return { ok: true, value: { lat: null, lon: null, buurtCode } };
	}
	const { lat, lon } = place.point;
	if (typeof lat !== 'number' || typeof lon !== 'number' || !isInMaastricht(lat, lon)) return { ok: false, reason: 'outside-maastricht' };
	return { ok: true, value: { lat, lon, buurtCode } };
}

function checkSubjectId(id: string | null): Checked<string | null, 'bad-facility'> {
	if (id === null || id === '') return { ok: true, value: null };
	return SUBJECT_ID_PATTERN.test(id) ? { ok: true, value: id } : { ok: false, reason: 'bad-facility' };
}

// ---------------------------------------------------------------------------------------------
// Reading

const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** Reads one element; null when the map is not a well-formed element (an old or foreign writer). */
export function readElement(map: unknown): SocialBasisElement | null {
	if (!(map instanceof Y.Map)) return null;
	const id = map.get('id');
	const name = map.get('name');
	const category = map.get('category');
	const layer = map.get('layer');
	const status = map.get('status');
	const authorId = map.get('authorId');
	const authorName = map.get('authorName');
	const authorKind = map.get('authorKind');
	const workshopId = map.get('workshopId');
	const createdAt = map.get('createdAt');
	if (typeof id !== 'string' || typeof name !== 'string' || !isFacilityCategory(category) || !isLayerId(layer)) return null;
	if (status !== 'proposed' && status !== 'accepted') return null;
	if (typeof authorId !== 'string' || typeof authorName !== 'string') return null;
	if (authorKind !== 'participant' && authorKind !== 'staff') return null;
	if (typeof workshopId !== 'string' || typeof createdAt !== 'number') return null;

	const lat = map.get('lat') ?? null;
	const lon = map.get('lon') ?? null;
	const buurtCode = map.get('buurtCode') ?? null;
	if (!isNullableString(buurtCode)) return null;
	const place = checkPlace({
		point: lat === null && lon === null ? null : { lat: lat as number, lon: lon as number },
		buurtCode
	});
	// A half-set or out-of-town position is a broken writer: leave the element out rather than guess.
	if (!place.ok) return null;

	const facilityId = map.get('facilityId') ?? null;
	const acceptedBy = map.get('acceptedBy') ?? null;
	const acceptedAt = map.get('acceptedAt') ?? null;
	const targetGroups = map.get('targetGroups');
	return {
		id,
		name,
		category,
		layer,
		targetGroups: Array.isArray(targetGroups) ? TARGET_GROUPS.filter((group) => targetGroups.includes(group)) : [],
		lat: place.value.lat,
		lon: place.value.lon,
		buurtCode: place.value.buurtCode,
		facilityId: typeof facilityId === 'string' ? facilityId : null,
		status,
		authorId,
		authorName,
		authorKind,
		workshopId,
		createdAt,
		acceptedBy: status === 'accepted' && typeof acceptedBy === 'string' ? acceptedBy : null,
		acceptedAt: status === 'accepted' && typeof acceptedAt === 'number' ? acceptedAt : null
	};
}

export function getElement(doc: Y.Doc, elementId: string): SocialBasisElement | null {
	return readElement(elementsMap(doc).get(elementId));
}

function compareByCreation(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): number {
	return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface ElementFilter {
	status?: ElementStatus;
	workshopId?: string;
	buurtCode?: string;
	category?: string;
	layer?: string;
	facilityId?: string;
}

/** Oldest first; ties broken by id so every client shows the same order. */
export function listElements(doc: Y.Doc, filter: ElementFilter = {}): SocialBasisElement[] {
	const elements: SocialBasisElement[] = [];
	for (const map of elementsMap(doc).values()) {
		const element = readElement(map);
		if (!element) continue;
		if (filter.status !== undefined && element.status !== filter.status) continue;
		if (filter.workshopId !== undefined && element.workshopId !== filter.workshopId) continue;
		if (filter.buurtCode !== undefined && element.buurtCode !== filter.buurtCode) continue;
		if (filter.category !== undefined && element.category !== filter.category) continue;
		if (filter.layer !== undefined && element.layer !== filter.layer) continue;
		if (filter.facilityId !== undefined && element.facilityId !== filter.facilityId) continue;
		elements.push(element);
	}
	return elements.sort(compareByCreation);
}

/** Reads one correction; null when malformed or when it names neither or both targets. */
export function readCorrection(map: unknown): Correction | null {
	if (!(map instanceof Y.Map)) return null;
	const id = map.get('id');
	const text = map.get('text');
	const facilityId = map.get('facilityId') ?? null;
	const elementId = map.get('elementId') ?? null;
	const authorId = map.get('authorId');
	const authorName = map.get('authorName');
	const authorKind = map.get('authorKind');
	const workshopId = map.get('workshopId');
	const createdAt = map.get('createdAt');
	if (typeof id !== 'string' || typeof text !== 'string') return null;
	if (!isNullableString(facilityId) || !isNullableString(elementId) || (facilityId === null) === (elementId === null)) return null;
	if (typeof authorId !== 'string' || typeof authorName !== 'string') return null;
	if (authorKind !== 'participant' && authorKind !== 'staff') return null;
	if (typeof workshopId !== 'string' || typeof createdAt !== 'number') return null;
	const handledBy = map.get('handledBy') ?? null;
	const handledAt = map.get('handledAt') ?? null;
	return {
		id,
		facilityId,
		elementId,
		text,
		authorId,
		authorName,
		authorKind,
		workshopId,
		createdAt,
		handledBy: typeof handledBy === 'string' ? handledBy : null,
		handledAt: typeof handledAt === 'number' ? handledAt : null
	};
}

export interface CorrectionFilter {
	facilityId?: string;
	elementId?: string;
	workshopId?: string;
	/** true: only handled ones; false: only open ones. */
	handled?: boolean;
}

export function listCorrections(doc: Y.Doc, filter: CorrectionFilter = {}): Correction[] {
	const corrections: Correction[] = [];
	for (const map of correctionsMap(doc).values()) {
		const correction = readCorrection(map);
		if (!correction) continue;
		if (filter.facilityId !== undefined && correction.facilityId !== filter.facilityId) continue;
		if (filter.elementId !== undefined && correction.elementId !== filter.elementId) continue;
		if (filter.workshopId !== undefined && correction.workshopId !== filter.workshopId) continue;
		if (filter.handled !== undefined && (correction.handledBy !== null) !== filter.handled) continue;
		corrections.push(correction);
	}
	return corrections.sort(compareByCreation);
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type ElementResult = { ok: true; id: string } | { ok: false; reason: ElementProblem };
export type CorrectionResult = { ok: true; id: string } | { ok: false; reason: CorrectionProblem };

export interface NewElement {
	name: string;
	category: string;
	layer: string;
	targetGroups?: readonly string[];
	place: ElementPlaceInput;
	facilityId?: string | null;
	workshopId: string;
	author: ElementAuthor;
}

/** Anyone in the workshop proposes; the element waits as 'proposed' until staff accept it. */
export function proposeElement(doc: Y.Doc, input: NewElement, now = Date.now(), id = newId()): ElementResult {
	const name = checkElementName(input.name);
	if (!name.ok) return name;
	if (!isFacilityCategory(input.category)) return { ok: false, reason: 'unknown-category' };
	if (!isLayerId(input.layer)) return { ok: false, reason: 'unknown-layer' };
	const groups = checkTargetGroups(input.targetGroups ?? []);
	if (!groups.ok) return groups;
	const place = checkPlace(input.place);
	if (!place.ok) return place;
	const facilityId = checkSubjectId(input.facilityId ?? null);
	if (!facilityId.ok) return facilityId;
	const { category, layer } = input;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('name', name.value);
		map.set('category', category);
		map.set('layer', layer);
		map.set('targetGroups', groups.value);
		map.set('lat', place.value.lat);
		map.set('lon', place.value.lon);
		map.set('buurtCode', place.value.buurtCode);
		map.set('facilityId', facilityId.value);
		map.set('status', 'proposed');
		map.set('authorId', input.author.id);
		map.set('authorName', input.author.name);
		map.set('authorKind', input.author.kind);
		map.set('workshopId', input.workshopId);
		map.set('createdAt', now);
		map.set('acceptedBy', null);
		map.set('acceptedAt', null);
		elementsMap(doc).set(id, map);
	});
	return { ok: true, id };
}

function elementMap(doc: Y.Doc, elementId: string): ElementMap | null {
	const map = elementsMap(doc).get(elementId);
	return map && readElement(map) ? map : null;
}

/** Staff take a proposal into the inventory. Accepting twice keeps the first acceptance. */
export function acceptElement(doc: Y.Doc, elementId: string, staffId: string, now = Date.now()): ElementResult {
	const map = elementMap(doc, elementId);
	if (!map) return { ok: false, reason: 'not-found' };
	if (map.get('status') === 'accepted') return { ok: true, id: elementId };
	doc.transact(() => {
		map.set('status', 'accepted');
		map.set('acceptedBy', staffId);
		map.set('acceptedAt', now);
	});
	return { ok: true, id: elementId };
}

/** Staff put an accepted element back among the proposals (a mistake in the heat of the evening). */
export function returnToProposed(doc: Y.Doc, elementId: string): ElementResult {
	const map = elementMap(doc, elementId);
	if (!map) return { ok: false, reason: 'not-found' };
	if (map.get('status') === 'proposed') return { ok: true, id: elementId };
	doc.transact(() => {
		map.set('status', 'proposed');
		map.set('acceptedBy', null);
		map.set('acceptedAt', null);
	});
	return { ok: true, id: elementId };
}

/** Staff turn a proposal down: it leaves the doc, together with the corrections about it. */
export function rejectElement(doc: Y.Doc, elementId: string): ElementResult {
	if (!elementMap(doc, elementId)) return { ok: false, reason: 'not-found' };
	removeWithCorrections(doc, elementId);
	return { ok: true, id: elementId };
}

/** The author takes back their own proposal. Once accepted it belongs to the inventory: staff decide then. */
export function removeOwnElement(doc: Y.Doc, elementId: string, authorId: string): ElementResult {
	const element = getElement(doc, elementId);
	if (!element) return { ok: false, reason: 'not-found' };
	if (element.authorId !== authorId) return { ok: false, reason: 'not-author' };
	if (element.status === 'accepted') return { ok: false, reason: 'already-accepted' };
	removeWithCorrections(doc, elementId);
	return { ok: true, id: elementId };
}

function removeWithCorrections(doc: Y.Doc, elementId: string): void {
	doc.transact(() => {
		elementsMap(doc).delete(elementId);
		const corrections = correctionsMap(doc);
		for (const [key, map] of [...corrections.entries()]) {
			if (readCorrection(map)?.elementId === elementId) corrections.delete(key);
		}
	});
}

export interface NewCorrection {
	target: CorrectionTarget;
	text: string;
	workshopId: string;
	author: ElementAuthor;
}

/**
 * A note that something on the map is wrong or missing ("heet nu De Hoeskamer", "is dicht sinds
 * 2024"). Facilities live in the database, not in this doc, so a facility id is only checked for its
 * shape; an element must exist.
 */
export function suggestCorrection(doc: Y.Doc, input: NewCorrection, now = Date.now(), id = newId()): CorrectionResult {
	const text = checkCorrectionText(input.text);
	if (!text.ok) return text;
	const { target } = input;
	if (!SUBJECT_ID_PATTERN.test(target.id)) return { ok: false, reason: 'unknown-target' };
	if (target.kind === 'element' && !elementMap(doc, target.id)) return { ok: false, reason: 'unknown-target' };
	if (target.kind !== 'element' && target.kind !== 'facility') return { ok: false, reason: 'unknown-target' };
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('facilityId', target.kind === 'facility' ? target.id : null);
		map.set('elementId', target.kind === 'element' ? target.id : null);
		map.set('text', text.value);
		map.set('authorId', input.author.id);
		map.set('authorName', input.author.name);
		map.set('authorKind', input.author.kind);
		map.set('workshopId', input.workshopId);
		map.set('createdAt', now);
		map.set('handledBy', null);
		map.set('handledAt', null);
		correctionsMap(doc).set(id, map);
	});
	return { ok: true, id };
}

/** Staff mark a correction as dealt with (taken over in the data, or set aside). */
export function markCorrectionHandled(doc: Y.Doc, correctionId: string, staffId: string, now = Date.now()): CorrectionResult {
	const map = correctionsMap(doc).get(correctionId);
	if (!map || !readCorrection(map)) return { ok: false, reason: 'not-found' };
	if (typeof map.get('handledBy') === 'string') return { ok: true, id: correctionId };
	doc.transact(() => {
		map.set('handledBy', staffId);
		map.set('handledAt', now);
	});
	return { ok: true, id: correctionId };
}

export function removeOwnCorrection(doc: Y.Doc, correctionId: string, authorId: string): CorrectionResult {
	const correction = readCorrection(correctionsMap(doc).get(correctionId));
	if (!correction) return { ok: false, reason: 'not-found' };
	if (correction.authorId !== authorId) return { ok: false, reason: 'not-author' };
	correctionsMap(doc).delete(correctionId);
	return { ok: true, id: correctionId };
}

// ---------------------------------------------------------------------------------------------
// The inventory for reachability (pure; used by the facilitator page and the server loader)

/**
 * The facilities from the data plus the elements staff accepted that have a point. An element known
 * only by its buurt has no place to measure from, so it does not count (pages say how many are left
 * out); proposals do not count until they are accepted.
 */
export function reachabilityInventory(facilities: readonly ReachabilityFacility[], elements: readonly SocialBasisElement[]): ReachabilityFacility[] {
	const placed: ReachabilityFacility[] = [];
	for (const element of elements) {
		if (element.status !== 'accepted' || element.lat === null || element.lon === null) continue;
		placed.push({ id: element.id, name: element.name, category: element.category, lat: element.lat, lon: element.lon });
	}
	return [...facilities, ...placed];
}
