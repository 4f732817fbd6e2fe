/**
 * One agenda, read once into one plain object: the single source of every export format (DOCX, PDF,
 * Markdown, CSV, JSON). Writers never read the database or a Y.Doc themselves, so what one format
 * shows, the others show too — and the privacy rules below are kept in one place:
 *
 *  - no participant names: participants are read only as counts (role, buurt, age band), and a
 *    card's `authorName`/`authorId` is never copied;
 *  - no hidden cards: a card hidden in its workshop's doc is left out, and so is its id wherever an
 *    action links it.
 *
 * A card merged into another (a duplicate) is not repeated either: the card it was merged into says
 * how many cards were merged into it and counts their supporters once each, and an action that links
 * the duplicate links that card instead. Cards go through `showCards`, like every screen.
 *
 * The `AgendaExport` shape is published as JSON Schema in static/schemas/agenda-export.v2.json;
 * change both together and bump `schemaVersion` when a change is not backwards compatible.
 */
import * as Y from 'yjs';
import type { Db } from '../db.ts';
import type { LiveDocs } from '../live-docs.ts';
import { getAgenda, listWorkshops, type WorkshopRecord } from '../repositories/workshops.ts';
import { getStadsdeel, listBuurten, listFacilities } from '../repositories/areas.ts';
import { docName } from '../../sync/doc-names.ts';
import { listCards, readSynthesis } from '../../sync/agenda-schema.ts';
import { hiddenCardIds, mergeEntries } from '../../sync/workshop-schema.ts';
import { NO_MERGE_ENTRIES, showCardsByWorkshop, type ShownCard, type WorkshopCardState } from '../../sync/card-merges.ts';
import { listActions, quarterSortKey, type AgendaAction } from '../../sync/actions-schema.ts';
import { listElements } from '../../sync/elements-schema.ts';
import { cardsMap } from '../../sync/agenda-schema.ts';
import { listKeywords, readCardKind, type CardKind } from '../../sync/steps-schema.ts';
import { TALLY_KEYS, readDotsTally } from '../../sync/tally-schema.ts';
import { readVote } from '../../sync/vote-schema.ts';
import { readWeighing } from '../../sync/weighing-schema.ts';
import type { RatingTally } from '../../domain/ballots.ts';
import { getVersion, getVersionState } from '../versions.ts';
import { averageOverBuurten, FIGURE_AVERAGE_METHOD } from '../area-profile.ts';
import { assignReferenceNumbers, formatReference } from '../repositories/reference-numbers.ts';
import { buildQuestionResults, peopleCount, suppressParts, type QuestionResults } from './question-results.ts';
import { QUESTIONS } from '../../domain/questions.ts';
import { ACTION_LISTS, THEMES, type ActionListId, type ThemeId } from '../../domain/themes.ts';
import { AGE_BANDS, PARTICIPANT_ROLES, PARTICIPANT_ROLE_LABELS } from '../../domain/participants.ts';
import {
	BUURT_FIGURE_DEFINITIONS,
	DATA_ATTRIBUTION,
	DATA_ATTRIBUTION_EN,
	FACILITY_CATEGORIES,
	type Buurt,
	type FacilityCategory,
	type FigureUnit
} from '../../domain/areas.ts';
import { bbox, pointInPolygon, type AreaGeometry, type Position } from '../../domain/geo.ts';
import type { Locale } from '../../domain/i18n-text.ts';
import { exportTexts } from './texts.ts';

/**
 * 2: cards carry `mergedCount`, and `plusOnes` counts the people behind merged cards once.
 * 3: `results` of every question; fixed K/A numbers; counts of 1–2 people are null with a text;
 *    "what this means for residents" are statements per theme, not actions; the title page names
 *    the version and the workshops that fed it; totals of amounts.
 */
export const EXPORT_SCHEMA_VERSION = 3;
/** Where the JSON Schema is served (from static/; v1 and v2 stay there for documents made before). */
export const EXPORT_SCHEMA_PATH = '/schemas/agenda-export.v3.json';

export interface ExportCount {
	/** Stable key: a role id, buurt code, age band, or "unknown". */
	key: string;
	label: string;
	/** null for 1 or 2 people (or hidden so such a group cannot be worked out). */
	count: number | null;
	countText: string;
}

export interface ExportWorkshop {
	id: string;
	title: string;
	/** As stored: "2026-03-12" or an ISO date-time; null when not set. */
	date: string | null;
	/** The date written out for people, e.g. "12 maart 2026". */
	dateText: string | null;
	place: string | null;
	status: 'open' | 'closed';
	/** null for 1 or 2 people. */
	participantCount: number | null;
	participantText: string;
}

export interface ExportFigureValue {
	buurtCode: string;
	/** null when the source left it out: never replaced by 0. */
	value: number | null;
	/** Formatted for the locale; "onbekend" / "not available" when value is null. */
	text: string;
}

export interface ExportFigureRow {
	id: string;
	label: string;
	unit: FigureUnit;
	source: string;
	year: number;
	values: ExportFigureValue[];
	/**
	 * The stadsdeel and the city beside the buurten, as /afweging shows them (area-profile.ts): an
	 * average weighted by inhabitants or dwellings, or for a count the stadsdeel's total and no city
	 * value. `value` null when no honest figure can be made.
	 */
	stadsdeel: { value: number | null; text: string; kind: 'average' | 'total' };
	city: { value: number | null; text: string; kind: 'average' | 'none' };
}

export interface ExportMapPoint {
	id: string;
	/** The number drawn on the map and in the table under it (1, 2, …). */
	number: number;
	buurtName: string | null;
	/** A shipped facility, or an element of the sociale basis that staff accepted (question 3). */
	kind: 'facility' | 'element';
	category: FacilityCategory;
	categoryLabel: string;
	name: string | null;
	lon: number;
	lat: number;
}

export interface ExportMap {
	/** Alt text for the picture made from this map. */
	alt: string;
	/** [minLon, minLat, maxLon, maxLat] of the stadsdeel. */
	bbox: [number, number, number, number];
	/** Outline of the whole stadsdeel: polygons → rings → [lon, lat]. */
	outline: number[][][][];
	buurten: { code: string; name: string; polygons: number[][][][] }[];
	points: ExportMapPoint[];
	legend: { category: FacilityCategory; label: string; count: number }[];
}

export interface ExportSynthesis {
	questionNumber: number;
	/** The question in the export's language. */
	question: string;
	/** The question exactly as the municipality wrote it (seed 000 §8). */
	questionNl: string;
	/** The co-written summary; '' when nobody wrote one yet. */
	text: string;
	cardCount: number;
}

export interface ExportAction {
	id: string;
	/** Fixed reference, "A01": given once when the action was first seen, never changed. */
	ref: string;
	title: string;
	themeId: ThemeId;
	theme: string;
	list: ActionListId;
	listLabel: string;
	owner: string;
	quarter: string | null;
	amountEuros: number | null;
	/** Formatted amount, e.g. "€ 12.000"; '' when there is none. */
	amountText: string;
	budgetLine: string | null;
	/** Only visible cards that still exist; each is in `cards`. */
	cardIds: string[];
	cardRefs: string[];
}

export interface ExportThemeChapter {
	themeId: ThemeId;
	name: string;
	outcome: string;
	/** The two lists of actions: 'al' and 'extra'. */
	lists: { list: ActionListId; label: string; actionIds: string[] }[];
	/** "Wat betekent dit voor de inwoners": statements, not actions (no owner, date or amount). */
	residentStatements: string[];
	totalEuros: number;
	totalText: string;
}

export interface ExportCard {
	id: string;
	/** Fixed reference, "K001": given once when the card was first seen, never changed. */
	ref: string;
	questionNumber: number;
	themeIds: ThemeId[];
	themes: string[];
	text: string;
	/** The workshop it was written in (its title); null when unknown. */
	workshop: string | null;
	/** Questions 5 and 6: nodig/wenselijk, overlap/combineren/anders; null when none was chosen. */
	kind: CardKind | null;
	/** Distinct people who gave a +1 to this card or to a card merged into it; null for 1 or 2. */
	plusOnes: number | null;
	plusOnesText: string;
	/** How many cards (duplicates) were merged into this one; their texts are not repeated. */
	mergedCount: number;
	actionRefs: string[];
}

export interface AgendaExport {
	schemaVersion: typeof EXPORT_SCHEMA_VERSION;
	locale: Locale;
	/** BCP 47 language of the document: "nl-NL" or "en-GB". */
	language: 'nl-NL' | 'en-GB';
	agenda: { id: string; stadsdeel: { code: string; name: string }; period: string };
	titlePage: {
		title: string;
		subtitle: string;
		/** Local date of the export in Maastricht, YYYY-MM-DD. */
		date: string;
		dateText: string;
		/** Number of changes in the agenda's documents: grows with every edit, never goes back. */
		changes: number;
		/** The named version exported; null for the current (working) state. */
		version: { id: string; name: string; createdAt: string; dateText: string } | null;
		/** The workshops whose cards are in this state of the agenda. */
		fedBy: { title: string; dateText: string | null; place: string | null }[];
		generatedAt: string;
	};
	process: {
		workshops: ExportWorkshop[];
		cardCount: number;
		participation: { total: number; byRole: ExportCount[]; byBuurt: ExportCount[]; byAgeBand: ExportCount[] };
	};
	areaProfile: {
		buurten: { code: string; name: string; wijkName: string }[];
		figures: ExportFigureRow[];
		sources: { source: string; year: number }[];
		attribution: string;
		map: ExportMap;
	};
	syntheses: ExportSynthesis[];
	results: QuestionResults;
	themes: ExportThemeChapter[];
	themesWithoutActions: string[];
	actions: ExportAction[];
	actionsTotal: { euros: number; text: string };
	cards: ExportCard[];
}

/** What the builder reads: the database and the current state of the docs. */
export interface ExportSources {
	db: Db;
	/** `read` where the caller has it: the live doc is then read in place, not copied (a 1,000-card copy held the event loop). */
	liveDocs: Pick<LiveDocs, 'encodeState'> & Partial<Pick<LiveDocs, 'read'>>;
}

export const LANGUAGE_TAGS: Record<Locale, AgendaExport['language']> = { nl: 'nl-NL', en: 'en-GB' };
const TIME_ZONE = 'Europe/Amsterdam';

// ---------------------------------------------------------------------------------------------
// Formatting

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

function formatNumber(value: number, locale: Locale, digits = 0): string {
	const key = `${locale}|${digits}`;
	let format = NUMBER_FORMATS.get(key);
	if (!format) NUMBER_FORMATS.set(key, (format = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: digits })));
	return format.format(value);
}

export function formatEuros(amount: number, locale: Locale): string {
	// "€ 12.000" in both languages: the amounts are Dutch budget amounts.
	return `€ ${formatNumber(amount, locale)}`;
}

function formatFigure(value: number | null, unit: FigureUnit, locale: Locale): string {
	if (value === null) return exportTexts(locale).unknownValue;
	switch (unit) {
		case 'count':
			return formatNumber(value, locale);
		case 'percent':
			return `${formatNumber(value, locale, 1)}%`;
		case 'eur_thousand':
			return formatEuros(value * 1000, locale);
		case 'km':
			return `${formatNumber(value, locale, 1)} km`;
	}
}

/** The stadsdeel and Maastricht columns of one figure (see ExportFigureRow). */
function areaComparison(
	id: string,
	unit: FigureUnit,
	areaBuurten: readonly Pick<Buurt, 'figures'>[],
	allBuurten: readonly Pick<Buurt, 'figures'>[],
	locale: Locale
): Pick<ExportFigureRow, 'stadsdeel' | 'city'> {
	if ((FIGURE_AVERAGE_METHOD[id] ?? 'count') === 'count') {
		const values = areaBuurten.map((b) => b.figures.find((f) => f.id === id)?.value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
		const total = values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
		return { stadsdeel: { value: total, text: formatFigure(total, unit, locale), kind: 'total' }, city: { value: null, text: '', kind: 'none' } };
	}
	// Rounded as the buurten's own figures are: whole thousands of euros, else one decimal.
	const rounded = (value: number | null) => (value === null ? null : unit === 'eur_thousand' ? Math.round(value) : Math.round(value * 10) / 10);
	const stadsdeel = rounded(averageOverBuurten(areaBuurten, id).value);
	const city = rounded(averageOverBuurten(allBuurten, id).value);
	return {
		stadsdeel: { value: stadsdeel, text: formatFigure(stadsdeel, unit, locale), kind: 'average' },
		city: { value: city, text: formatFigure(city, unit, locale), kind: 'average' }
	};
}

function localDate(date: Date): string {
	// en-CA writes YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function formatDate(date: Date, locale: Locale, withTime = false): string {
	return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
		timeZone: TIME_ZONE,
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		...(withTime ? { hour: '2-digit', minute: '2-digit' } : {})
	}).format(date);
}

/**
 * A workshop's stored date for people. "2026-03-12" and "2026-03-19T19:30" are Maastricht's own
 * calendar and clock, written out as they are; a time with an offset or Z is converted to Maastricht
 * time; anything else is shown as typed.
 */
function workshopDateText(startsAt: string | null, locale: Locale): string | null {
	if (startsAt === null || startsAt.trim() === '') return null;
	const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(startsAt.trim());
	if (local) {
		const [, year, month, day, hour, minute] = local;
		// Noon UTC is the same calendar day in every European zone, so formatting it in UTC shows the typed date.
		const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
		if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)) return startsAt;
		const dayText = new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
		return hour === undefined ? dayText : `${dayText}, ${hour}:${minute}`;
	}
	const instant = new Date(startsAt);
	if (/^\d{4}-\d{2}-\d{2}T/.test(startsAt) && !Number.isNaN(instant.getTime())) return formatDate(instant, locale, true);
	return startsAt;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads a doc in place when the source can (the sync server's loaded room), else from a copy of its state. */
function readDoc<T>(liveDocs: ExportSources['liveDocs'], name: string, inspect: (doc: Y.Doc) => T): T {
	if (liveDocs.read) return liveDocs.read(name, inspect);
	return readState(liveDocs.encodeState(name), inspect);
}

function readState<T>(state: Uint8Array, inspect: (doc: Y.Doc) => T): T {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return inspect(doc);
	} finally {
		doc.destroy();
	}
}

/** Sum of the clocks in a doc's state vector: every insert ever made, so it only grows. */
function changeCount(doc: Y.Doc): number {
	let total = 0;
	for (const clock of Y.decodeStateVector(Y.encodeStateVector(doc)).values()) total += clock;
	return total;
}

const VALID_DOC_ID = /^[a-z0-9]{8,32}$/;
const NO_CARD_STATE: WorkshopCardState = { hidden: new Set(), merges: NO_MERGE_ENTRIES };

interface CountRow {
	key: string | null;
	n: number;
}

/**
 * Counts only: the queries never select `display_name`. A person who joined two workshops is two
 * participations — the participants table cannot tell them apart, on purpose.
 */
function participationCounts(db: Db, agendaId: string): { perWorkshop: Map<string, number>; byRole: CountRow[]; byBuurt: CountRow[]; byAgeBand: CountRow[] } {
	const grouped = (column: 'role' | 'buurt_code' | 'age_band' | 'workshop_id') =>
		db
			.prepare<[string], CountRow>(
				`SELECT p.${column} AS key, count(*) AS n FROM participants p JOIN workshops w ON w.id = p.workshop_id
				 WHERE w.agenda_id = ? GROUP BY p.${column}`
			)
			.all(agendaId);
	const perWorkshop = new Map(grouped('workshop_id').map((row) => [row.key ?? '', row.n]));
	return { perWorkshop, byRole: grouped('role'), byBuurt: grouped('buurt_code'), byAgeBand: grouped('age_band') };
}

function roundPosition([lon, lat]: Position): number[] {
	return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
}

function polygonsOf(geometry: AreaGeometry): number[][][][] {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	return polygons.map((rings) => rings.map((ring) => ring.map(roundPosition)));
}

function compareWorkshops(a: WorkshopRecord, b: WorkshopRecord): number {
	const dateA = a.startsAt ?? '';
	const dateB = b.startsAt ?? '';
	if (dateA !== dateB) return dateA === '' ? 1 : dateB === '' ? -1 : dateA < dateB ? -1 : 1;
	return a.createdAt - b.createdAt;
}

export interface BuildOptions {
	now?: Date;
	/** Export this named version of the agenda instead of its current state. */
	versionId?: string;
}

export type BuildProblem = 'no-agenda' | 'no-version';

/** The agenda as one plain object; null when there is no agenda with this id (or no such version of it). */
export function buildAgendaExport(input: ExportSources, agendaId: string, locale: Locale, options: BuildOptions = {}): AgendaExport | null {
	const { db, liveDocs } = input;
	const agenda = getAgenda(db, agendaId);
	if (!agenda || !VALID_DOC_ID.test(agenda.id)) return null;
	const now = options.now ?? new Date();
	const t = exportTexts(locale);
	const stadsdeel = getStadsdeel(db, agenda.stadsdeelCode);
	const stadsdeelName = stadsdeel?.name ?? agenda.stadsdeelCode;

	// --- docs: cards, hidden and merged cards, actions, syntheses. A named version holds the agenda
	// doc; the workshop, tally and record docs are read as they are now.
	const namedVersion = options.versionId !== undefined ? getVersion(db, agenda.id, options.versionId) : null;
	if (options.versionId !== undefined && !namedVersion) return null;
	// Everything the export needs from the agenda doc, read in one go (plain data, nothing kept of the doc).
	const fromAgendaDoc = (agendaDoc: Y.Doc) => {
		const allCards = listCards(agendaDoc);
		return {
			allCards,
			cardKinds: new Map(allCards.map((card) => [card.id, readCardKind(cardsMap(agendaDoc).get(card.id))])),
			changes: changeCount(agendaDoc),
			syntheses: QUESTIONS.map((question) => ({ question, text: readSynthesis(agendaDoc, question.number).trim() })),
			rawActions: listActions(agendaDoc),
			keywords: listKeywords(agendaDoc),
			acceptedElements: listElements(agendaDoc, { status: 'accepted' })
		};
	};
	const fromAgenda = namedVersion ? readState(getVersionState(db, agenda.id, namedVersion.id)!, fromAgendaDoc) : readDoc(liveDocs, docName('agenda', agenda.id), fromAgendaDoc);
	const { allCards, cardKinds, syntheses, rawActions, keywords, acceptedElements } = fromAgenda;
	const workshops = listWorkshops(db, agenda.id).sort(compareWorkshops);
	const workshopIds = new Set([...workshops.map((w) => w.id), ...allCards.map((c) => c.workshopId)].filter((id) => VALID_DOC_ID.test(id)));
	const cardState = new Map<string, WorkshopCardState>();
	const ratingTallies: { subject: string; tally: RatingTally }[] = [];
	const votes: Parameters<typeof buildQuestionResults>[0]['votes'][number][] = [];
	let changes = fromAgenda.changes;
	for (const workshopId of workshopIds) {
		const vote = readDoc(liveDocs, docName('workshop', workshopId), (workshopDoc) => {
			cardState.set(workshopId, { hidden: hiddenCardIds(workshopDoc), merges: mergeEntries(workshopDoc) });
			changes += changeCount(workshopDoc);
			return readVote(workshopDoc);
		});
		readDoc(liveDocs, docName('tally', workshopId), (tallyDoc) => {
			for (const [subject, tally] of tallyDoc.getMap<RatingTally>(TALLY_KEYS.rating).entries()) {
				if (typeof tally === 'object' && tally !== null) ratingTallies.push({ subject, tally });
			}
			if (vote) votes.push({ vote, tally: readDotsTally(tallyDoc, vote.id) });
		});
	}
	const weighing = readDoc(liveDocs, docName('record', agenda.id), (recordDoc) => readWeighing(recordDoc));
	// Hidden and merged are per workshop: a workshop's doc only speaks about its own cards.
	const visibleCards = showCardsByWorkshop(allCards, (workshopId) => cardState.get(workshopId) ?? NO_CARD_STATE).sort(
		(a, b) => a.questionNumber - b.questionNumber || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)
	);
	/** A merged-away card → the card that stands for it now. */
	const shownAs = new Map(visibleCards.flatMap((card) => card.mergedIds.map((id) => [id, card.id] as const)));

	// --- fixed references: every card and action of the agenda gets its number once, in creation
	// order (hidden and merged ones too, so hiding or merging never moves a later number).
	const byCreation = <T extends { id: string; createdAt: number }>(items: readonly T[]) =>
		[...items].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map((item) => item.id);
	const cardNumbers = assignReferenceNumbers(db, agenda.id, 'K', byCreation(allCards));
	const plannedActions = rawActions.filter((action) => action.list !== 'inwoners');
	const actionNumbers = assignReferenceNumbers(db, agenda.id, 'A', byCreation(plannedActions));
	const cardRef = new Map(visibleCards.map((card) => [card.id, formatReference('K', cardNumbers.get(card.id)!)]));
	const themeOrder = new Map(THEMES.map((theme, index) => [theme.id, index]));
	const listOrder = new Map(ACTION_LISTS.map((list, index) => [list.id, index]));
	const orderedActions = [...plannedActions].sort(
		(a, b) =>
			themeOrder.get(a.themeId)! - themeOrder.get(b.themeId)! ||
			listOrder.get(a.list)! - listOrder.get(b.list)! ||
			quarterSortKey(a.quarter) - quarterSortKey(b.quarter) ||
			a.createdAt - b.createdAt ||
			(a.id < b.id ? -1 : 1)
	);
	const actions = orderedActions.map((action) => toExportAction(action, formatReference('A', actionNumbers.get(action.id)!), cardRef, shownAs, locale));
	const actionRefsByCard = new Map<string, string[]>();
	for (const action of actions) for (const cardId of action.cardIds) actionRefsByCard.set(cardId, [...(actionRefsByCard.get(cardId) ?? []), action.ref]);

	// --- participation: counts only, groups of 1–2 suppressed
	const counts = participationCounts(db, agenda.id);
	const allBuurten = listBuurten(db);
	const buurtName = new Map(allBuurten.map((b) => [b.code, b.name]));
	const areaBuurten = allBuurten.filter((b) => b.stadsdeelCode === agenda.stadsdeelCode);
	const countOf = (rows: CountRow[], key: string | null) => rows.find((row) => row.key === key)?.n ?? 0;
	const total = counts.byRole.reduce((sum, row) => sum + row.n, 0);
	const suppressed = (rows: { key: string; label: string; n: number }[]): ExportCount[] => {
		const parts = suppressParts(rows.map((row) => row.n), locale);
		return rows.map((row, i) => ({ key: row.key, label: row.label, count: parts[i].count, countText: parts[i].text }));
	};
	const byRole = suppressed(PARTICIPANT_ROLES.map((role) => ({ key: role, label: PARTICIPANT_ROLE_LABELS[role][locale], n: countOf(counts.byRole, role) })));
	const byAgeBand = suppressed([
		...AGE_BANDS.map((band) => ({ key: band, label: t.ageBand(band), n: countOf(counts.byAgeBand, band) })),
		{ key: 'unknown', label: t.notGiven, n: counts.byAgeBand.filter((row) => !(AGE_BANDS as readonly (string | null)[]).includes(row.key)).reduce((s, r) => s + r.n, 0) }
	]);
	// Every buurt of the stadsdeel, also with 0: that shows who is still missing. Others only when present.
	const areaCodes = new Set(areaBuurten.map((b) => b.code));
	const byBuurt = suppressed([
		...areaBuurten.map((b) => ({ key: b.code, label: b.name, n: countOf(counts.byBuurt, b.code) })),
		...counts.byBuurt
			.filter((row) => row.key !== null && !areaCodes.has(row.key))
			.map((row) => ({ key: row.key!, label: buurtName.get(row.key!) ?? row.key!, n: row.n }))
			.sort((a, b) => a.label.localeCompare(b.label, 'nl')),
		{ key: 'unknown', label: t.notGiven, n: countOf(counts.byBuurt, null) }
	]);

	// --- area profile
	const figures: ExportFigureRow[] = BUURT_FIGURE_DEFINITIONS.map((definition) => ({
		id: definition.id,
		label: definition.label[locale],
		unit: definition.unit,
		source: definition.source[locale],
		year: definition.year,
		values: areaBuurten.map((buurt) => {
			const figure = buurt.figures.find((f) => f.id === definition.id);
			const value = figure && typeof figure.value === 'number' && Number.isFinite(figure.value) ? figure.value : null;
			return { buurtCode: buurt.code, value, text: formatFigure(value, definition.unit, locale) };
		}),
		...areaComparison(definition.id, definition.unit, areaBuurten, allBuurten, locale)
	}));
	const sources = [...new Map(figures.map((f) => [`${f.source}|${f.year}`, { source: f.source, year: f.year }])).values()];
	const attribution = locale === 'nl' ? DATA_ATTRIBUTION : DATA_ATTRIBUTION_EN;

	const facilities = listFacilities(db, agenda.stadsdeelCode);
	// An element pinned on the map carries the buurt its spot lies in, as the participant's map worked
	// it out (null when outside the stadsdeel's buurten). One stored without it (written another way)
	// gets it here by the same rule: the buurt its spot lies in, never a guess. Outside them it stays null.
	const buurtAt = (lon: number, lat: number) => areaBuurten.find((b) => pointInPolygon([lon, lat], b.geometry))?.code ?? null;
	const locatedElements = acceptedElements.map((e) => (e.buurtCode === null && e.lat !== null && e.lon !== null ? { ...e, buurtCode: buurtAt(e.lon, e.lat) } : e));
	// Accepted elements with a spot of their own; one tied to a facility is already on the map as that facility.
	const placedElements = locatedElements.filter((e) => e.lat !== null && e.lon !== null && e.facilityId === null);
	const point = (id: string, kind: ExportMapPoint['kind'], category: FacilityCategory, name: string | null, lon: number, lat: number, buurtCode: string | null) => ({
		id,
		kind,
		category,
		categoryLabel: FACILITY_CATEGORIES[category][locale],
		name,
		buurtName: buurtCode ? (buurtName.get(buurtCode) ?? null) : null,
		lon: Math.round(lon * 1e5) / 1e5,
		lat: Math.round(lat * 1e5) / 1e5
	});
	const unnumbered = [
		...facilities.map((f) => point(f.id, 'facility', f.category, f.name, f.lon, f.lat, f.buurtCode)),
		// Only the element's own fields: never its author.
		...placedElements.map((e) => point(e.id, 'element', e.category, e.name, e.lon!, e.lat!, e.buurtCode))
	];
	// Numbered north to south, then west to east: nearby numbers are nearby on the map. A place in none
	// of the stadsdeel's buurten is not drawn (the map shows those buurten; such a place lay beyond its
	// frame, over the heading): it comes last, and the legend counts only what the map shows.
	const areaNames = new Set(areaBuurten.map((b) => b.name));
	const outside = (p: { buurtName: string | null }) => (p.buurtName !== null && areaNames.has(p.buurtName) ? 0 : 1);
	const points: ExportMapPoint[] = [...unnumbered]
		.sort((a, b) => outside(a) - outside(b) || b.lat - a.lat || a.lon - b.lon || (a.id < b.id ? -1 : 1))
		.map((p, index) => ({ ...p, number: index + 1 }));
	const legend = (Object.keys(FACILITY_CATEGORIES) as FacilityCategory[])
		.map((category) => ({ category, label: FACILITY_CATEGORIES[category][locale], count: points.filter((p) => p.category === category && !outside(p)).length }))
		.filter((entry) => entry.count > 0);
	const outlineGeometry: AreaGeometry | null = stadsdeel?.geometry ?? null;
	const outlinePolygons = outlineGeometry ? polygonsOf(outlineGeometry) : [];
	const buurtPolygons = areaBuurten.map((b) => ({ code: b.code, name: b.name, polygons: polygonsOf(b.geometry) }));
	const extentPositions: Position[] = [outlinePolygons, ...buurtPolygons.map((b) => b.polygons)].flatMap((polygons) =>
		polygons.flat(2).map((p) => [p[0], p[1]] as const)
	);
	const mapBbox = extentPositions.length > 0 ? ([...bbox(extentPositions)] as [number, number, number, number]) : ([0, 0, 0, 0] as [number, number, number, number]);

	const map: ExportMap = {
		alt: mapAltText(locale, stadsdeelName, areaBuurten.map((b) => b.name), legend),
		bbox: mapBbox,
		outline: outlinePolygons,
		buurten: buurtPolygons,
		points,
		legend
	};

	// --- themes: the two lists of actions and the statements for residents, with totals
	const themeIdsInUse = new Set([...actions.map((a) => a.themeId), ...rawActions.filter((a) => a.list === 'inwoners').map((a) => a.themeId)]);
	const themes: ExportThemeChapter[] = THEMES.filter((theme) => themeIdsInUse.has(theme.id)).map((theme) => {
		const themeActions = actions.filter((a) => a.themeId === theme.id);
		const totalEuros = themeActions.reduce((sum, a) => sum + (a.amountEuros ?? 0), 0);
		return {
			themeId: theme.id,
			name: theme.name[locale],
			outcome: theme.outcome[locale],
			lists: ACTION_LISTS.filter((list) => list.id !== 'inwoners').map((list) => ({
				list: list.id,
				label: list.label[locale],
				actionIds: themeActions.filter((a) => a.list === list.id).map((a) => a.id)
			})),
			residentStatements: rawActions
				.filter((a) => a.list === 'inwoners' && a.themeId === theme.id)
				.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
				.map((a) => a.title),
			totalEuros,
			totalText: formatEuros(totalEuros, locale)
		};
	});
	const themesWithoutActions = THEMES.filter((theme) => !themeIdsInUse.has(theme.id)).map((theme) => theme.name[locale]);
	const actionsTotalEuros = actions.reduce((sum, a) => sum + (a.amountEuros ?? 0), 0);

	// --- the results of the questions
	const workshopTitle = new Map(workshops.map((w) => [w.id, w.title]));
	const exportCards = visibleCards.map((card) =>
		toExportCard(card, cardRef.get(card.id)!, actionRefsByCard.get(card.id) ?? [], cardKinds.get(card.id) ?? null, workshopTitle.get(card.workshopId) ?? null, locale)
	);
	const results = buildQuestionResults({
		locale,
		cards: visibleCards.map((card, i) => ({
			id: card.id,
			ref: exportCards[i].ref,
			questionNumber: card.questionNumber,
			text: card.text,
			themes: card.themes,
			plusOnes: card.plusOnes.length,
			kind: exportCards[i].kind,
			memberIds: [card.id, ...card.mergedIds]
		})),
		keywords,
		acceptedElements: locatedElements,
		facilities,
		buurtNames: buurtName,
		ratingTallies,
		votes,
		weighing,
		formatDateTime: (ms) => formatDate(new Date(ms), locale, true)
	});

	// The workshops whose cards are in this state: for a named version, those it holds.
	const feedingIds = new Set(allCards.map((card) => card.workshopId));
	const fedBy = workshops
		.filter((w) => feedingIds.has(w.id))
		.map((w) => ({ title: w.title, dateText: workshopDateText(w.startsAt, locale), place: w.place }));

	const title = locale === 'nl' ? agenda.title : `Social agenda ${stadsdeelName} ${agenda.period}`;
	return {
		schemaVersion: EXPORT_SCHEMA_VERSION,
		locale,
		language: LANGUAGE_TAGS[locale],
		agenda: { id: agenda.id, stadsdeel: { code: agenda.stadsdeelCode, name: stadsdeelName }, period: agenda.period },
		titlePage: {
			title,
			subtitle: t.subtitle(stadsdeelName),
			date: localDate(now),
			dateText: formatDate(now, locale),
			changes,
			version: namedVersion
				? {
						id: namedVersion.id,
						name: namedVersion.name,
						createdAt: new Date(namedVersion.createdAt).toISOString(),
						dateText: formatDate(new Date(namedVersion.createdAt), locale, true)
					}
				: null,
			fedBy,
			generatedAt: now.toISOString()
		},
		process: {
			workshops: workshops.map((w) => {
				const people = peopleCount(counts.perWorkshop.get(w.id) ?? 0, locale);
				return {
					id: w.id,
					title: w.title,
					date: w.startsAt,
					dateText: workshopDateText(w.startsAt, locale),
					place: w.place,
					status: w.status,
					participantCount: people.count,
					participantText: people.text
				};
			}),
			cardCount: visibleCards.length,
			participation: { total, byRole, byBuurt, byAgeBand }
		},
		areaProfile: {
			buurten: areaBuurten.map((b) => ({ code: b.code, name: b.name, wijkName: b.wijkName })),
			figures,
			sources,
			attribution,
			map
		},
		syntheses: syntheses.map(({ question, text }) => ({
			questionNumber: question.number,
			question: question.text[locale],
			questionNl: question.text.nl,
			text,
			cardCount: visibleCards.filter((c) => c.questionNumber === question.number).length
		})),
		results,
		themes,
		themesWithoutActions,
		actions,
		actionsTotal: { euros: actionsTotalEuros, text: formatEuros(actionsTotalEuros, locale) },
		cards: exportCards
	};
}

function toExportAction(action: AgendaAction, ref: string, cardRef: Map<string, string>, shownAs: ReadonlyMap<string, string>, locale: Locale): ExportAction {
	const theme = THEMES.find((th) => th.id === action.themeId)!;
	const list = ACTION_LISTS.find((l) => l.id === action.list)!;
	// A link to a merged-away card follows it to the card it was merged into (once); a link to a
	// hidden or deleted card is left out: the card is not in the export to trace to.
	const cardIds = [...new Set(action.cardIds.map((id) => shownAs.get(id) ?? id))].filter((id) => cardRef.has(id));
	return {
		id: action.id,
		ref,
		title: action.title,
		themeId: action.themeId,
		theme: theme.name[locale],
		list: action.list,
		listLabel: list.label[locale],
		owner: action.owner,
		quarter: action.quarter,
		amountEuros: action.amountEuros,
		amountText: action.amountEuros === null ? '' : formatEuros(action.amountEuros, locale),
		budgetLine: action.budgetLine,
		cardIds,
		cardRefs: cardIds.map((id) => cardRef.get(id)!).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
	};
}

function toExportCard(card: ShownCard, ref: string, actionRefs: string[], kind: CardKind | null, workshop: string | null, locale: Locale): ExportCard {
	// Deliberately not copied: authorId, authorName, authorKind, workshopId, plusOnes' participant ids,
	// the merged-away cards' ids and texts.
	const plusOnes = peopleCount(card.plusOnes.length, locale);
	return {
		id: card.id,
		ref,
		questionNumber: card.questionNumber,
		themeIds: card.themes,
		themes: card.themes.map((id) => THEMES.find((theme) => theme.id === id)!.name[locale]),
		text: card.text,
		workshop,
		kind,
		plusOnes: plusOnes.count,
		plusOnesText: plusOnes.text,
		mergedCount: card.mergedIds.length,
		actionRefs: [...actionRefs].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
	};
}

function mapAltText(locale: Locale, stadsdeel: string, buurten: string[], legend: ExportMap['legend']): string {
	const join = (items: string[], and: string) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`);
	const total = legend.reduce((sum, entry) => sum + entry.count, 0);
	const kinds = legend.map((entry) => `${entry.count} × ${entry.label.toLowerCase()}`);
	if (locale === 'nl') {
		const points = total === 0 ? 'Er staan geen plekken op.' : `De ${total} plekken zijn punten: ${join(kinds, 'en')}.`;
		return `Kaart van stadsdeel ${stadsdeel} met de buurten ${join(buurten, 'en')}. ${points}`;
	}
	const points = total === 0 ? 'No places are shown.' : `The ${total} places are dots: ${join(kinds, 'and')}.`;
	return `Map of district ${stadsdeel} with the neighbourhoods ${join(buurten, 'and')}. ${points}`;
}
