/**
 * What the officials' agenda pages load on the server (the list of agendas, one agenda with its
 * workshops side by side, a named version read-only), and the key figures question 1 shows in a
 * workshop. Routes stay thin: they check access with `requireStaff` (auth/require-staff.ts) and call these.
 *
 * Privacy: a participant's own buurt and age band are only ever counted for reach elsewhere; nothing
 * here reads them. The buurt filter of the agenda page uses the workshops' focus buurten.
 */
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { getAgenda, getWorkshop, listAgendas, listWorkshops, type WorkshopRecord } from './repositories/workshops.ts';
import { getStadsdeel, listBuurten } from './repositories/areas.ts';
import { countParticipants } from './repositories/participants.ts';
import { listEntryChanges } from './repositories/entry-changes.ts';
import { findUserById } from './repositories/users.ts';
import { getVersion, getVersionState, listVersions, type VersionSummary } from './versions.ts';
import { QUESTIONS, type QuestionNumber } from '../domain/questions.ts';
import { THEMES, isThemeId, type ThemeId } from '../domain/themes.ts';
import { listActions } from '../sync/actions-schema.ts';
import { assignReferenceNumbers, formatReference } from './repositories/reference-numbers.ts';
import { docName } from '../sync/doc-names.ts';
import { cardsMap, listCards, readSynthesis } from '../sync/agenda-schema.ts';
import { hiddenCardIds, mergeEntries } from '../sync/workshop-schema.ts';
import { NO_MERGE_ENTRIES, showCardsByWorkshop, type ShownCard } from '../sync/card-merges.ts';
import { listKeywords, readCardKind, type CardKind, type Keyword } from '../sync/steps-schema.ts';
import type { AreaFigures } from '../components/steps/area-figures.ts';

const ID_PATTERN = /^[a-z0-9]{8,32}$/;
const NO_HIDDEN: ReadonlySet<string> = new Set();

// ---------------------------------------------------------------------------------------------
// The list of agendas

export interface AgendaListItem {
	id: string;
	title: string;
	period: string;
	stadsdeelName: string;
	workshops: number;
	openWorkshops: number;
	versions: number;
}

export function agendaList(db: Db): AgendaListItem[] {
	const names = new Map(db.prepare<[], { code: string; name: string }>('SELECT code, name FROM stadsdelen').all().map((s) => [s.code, s.name]));
	const versionCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM agenda_versions WHERE agenda_id = ?');
	return listAgendas(db).map((agenda) => {
		const workshops = listWorkshops(db, agenda.id);
		return {
			id: agenda.id,
			title: agenda.title,
			period: agenda.period,
			stadsdeelName: names.get(agenda.stadsdeelCode) ?? agenda.stadsdeelCode,
			workshops: workshops.length,
			openWorkshops: workshops.filter((w) => w.status === 'open').length,
			versions: versionCount.get(agenda.id)?.n ?? 0
		};
	});
}

// ---------------------------------------------------------------------------------------------
// One agenda

export interface AgendaBuurt {
	code: string;
	name: string;
}

export interface AgendaWorkshop {
	id: string;
	title: string;
	/** As entered: a date ("2026-03-12") or a date and time; null when not planned. */
	startsAt: string | null;
	place: string | null;
	open: boolean;
	participants: number;
	focusBuurten: AgendaBuurt[];
	workshopDoc: string;
}

export interface AgendaFilters {
	workshopId: string | null;
	/** A theme id, 'none' (cards without a theme) or null (all). */
	theme: ThemeId | 'none' | null;
	buurtCode: string | null;
	showHidden: boolean;
}

export interface AgendaPageData {
	agenda: { id: string; title: string; period: string; stadsdeelName: string };
	workshops: AgendaWorkshop[];
	/** The focus buurten of the agenda's workshops: what the buurt filter offers. */
	buurten: AgendaBuurt[];
	agendaDoc: string;
	/** Base64 Yjs states at load time, so the first paint shows content. */
	agendaState: string;
	workshopStates: Record<string, string>;
	versions: VersionSummary[];
	filters: AgendaFilters;
	/** Who last changed a card or an action ('cards/<id>', 'actions/<id>'): a staff e-mail, or null for a participant. */
	lastChangedBy: Record<string, { staff: string | null }>;
	/** Fixed reference numbers (K001, A01) by card and action id. */
	references: { cards: Record<string, string>; actions: Record<string, string> };
}

/** Workshops in the order they took place: planned dates first, by date; then by creation. */
function compareWorkshops(a: WorkshopRecord, b: WorkshopRecord): number {
	const dateA = a.startsAt ?? '';
	const dateB = b.startsAt ?? '';
	if (dateA !== dateB) return dateA === '' ? 1 : dateB === '' ? -1 : dateA < dateB ? -1 : 1;
	return a.createdAt - b.createdAt;
}

function agendaWorkshops(context: AppContext, agendaId: string, buurtNames: Map<string, string>): AgendaWorkshop[] {
	return listWorkshops(context.db, agendaId)
		.filter((w) => ID_PATTERN.test(w.id))
		.sort(compareWorkshops)
		.map((w) => ({
			id: w.id,
			title: w.title,
			startsAt: w.startsAt,
			place: w.place,
			open: w.status === 'open',
			participants: countParticipants(context.db, w.id),
			focusBuurten: w.focusBuurten.map((code) => ({ code, name: buurtNames.get(code) ?? code })),
			workshopDoc: docName('workshop', w.id)
		}));
}

/** Filters from the address bar; anything unknown is ignored rather than an error. */
export function parseAgendaFilters(params: URLSearchParams, workshops: readonly AgendaWorkshop[], buurten: readonly AgendaBuurt[]): AgendaFilters {
	const workshopId = params.get('bijeenkomst');
	const theme = params.get('thema');
	const buurtCode = params.get('buurt');
	return {
		workshopId: workshopId && workshops.some((w) => w.id === workshopId) ? workshopId : null,
		theme: theme === 'none' || isThemeId(theme) ? theme : null,
		buurtCode: buurtCode && buurten.some((b) => b.code === buurtCode) ? buurtCode : null,
		showHidden: params.get('verborgen') === '1'
	};
}

export function agendaPageData(context: AppContext, agendaId: string, params: URLSearchParams): AgendaPageData | null {
	if (!ID_PATTERN.test(agendaId)) return null;
	const agenda = getAgenda(context.db, agendaId);
	if (!agenda) return null;
	const stadsdeel = getStadsdeel(context.db, agenda.stadsdeelCode);
	const buurtNames = new Map(listBuurten(context.db, agenda.stadsdeelCode).map((b) => [b.code, b.name]));
	const workshops = agendaWorkshops(context, agenda.id, buurtNames);
	const focus = new Map<string, AgendaBuurt>();
	for (const workshop of workshops) for (const buurt of workshop.focusBuurten) focus.set(buurt.code, buurt);
	const buurten = [...focus.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
	const agendaDoc = docName('agenda', agenda.id);
	return {
		agenda: { id: agenda.id, title: agenda.title, period: agenda.period, stadsdeelName: stadsdeel?.name ?? agenda.stadsdeelCode },
		workshops,
		buurten,
		agendaDoc,
		agendaState: toBase64(context.liveDocs.encodeState(agendaDoc)),
		workshopStates: Object.fromEntries(workshops.map((w) => [w.id, toBase64(context.liveDocs.encodeState(w.workshopDoc))])),
		versions: listVersions(context.db, agenda.id),
		filters: parseAgendaFilters(params, workshops, buurten),
		lastChangedBy: lastChangedBy(context, agendaDoc),
		references: liveReferences(context, agenda.id, agendaDoc)
	};
}

/** Ids oldest first (ties by id): the order reference numbers are given in. */
function byCreation<T extends { id: string; createdAt: number }>(items: readonly T[]): string[] {
	return [...items].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map((item) => item.id);
}

/**
 * The fixed K and A numbers of the cards and actions as the page loads (the same ones every export
 * prints; new entries get theirs here or at the next export, in creation order).
 */
function liveReferences(context: AppContext, agendaId: string, agendaDoc: string): { cards: Record<string, string>; actions: Record<string, string> } {
	return context.liveDocs.read(agendaDoc, (doc) => {
		const cardNumbers = assignReferenceNumbers(context.db, agendaId, 'K', byCreation(listCards(doc)));
		const actionNumbers = assignReferenceNumbers(context.db, agendaId, 'A', byCreation(listActions(doc).filter((action) => action.list !== 'inwoners')));
		return {
			cards: Object.fromEntries([...cardNumbers].map(([id, number]) => [id, formatReference('K', number)])),
			actions: Object.fromEntries([...actionNumbers].map(([id, number]) => [id, formatReference('A', number)]))
		};
	});
}

/**
 * Who last changed each card and action ('cards/<id>' → a staff member's e-mail address, or null
 * for a participant), from the sync server's own record, so tampering by a staff account shows too.
 * Participants stay anonymous here: the page says "een deelnemer".
 */
function lastChangedBy(context: AppContext, agendaDoc: string): Record<string, { staff: string | null }> {
	const emails = new Map<string, string | null>();
	const result: Record<string, { staff: string | null }> = {};
	for (const change of listEntryChanges(context.db, agendaDoc)) {
		if (!change.entryKey.startsWith('cards/') && !change.entryKey.startsWith('actions/')) continue;
		let staff: string | null = null;
		if (change.changedBy.startsWith('staff:')) {
			const id = change.changedBy.slice('staff:'.length);
			if (!emails.has(id)) emails.set(id, findUserById(context.db, id)?.email ?? null);
			staff = emails.get(id) ?? UNKNOWN_STAFF;
		}
		result[change.entryKey] = { staff };
	}
	return result;
}
/** A staff account that no longer exists: still staff, address unknown. */
const UNKNOWN_STAFF = '?';

// ---------------------------------------------------------------------------------------------
// A named version, read-only

export interface VersionCard extends ShownCard {
	kind: CardKind | null;
	/** Hidden now by its workshop's facilitator. */
	hidden: boolean;
}

export interface VersionQuestion {
	number: QuestionNumber;
	synthesis: string;
	cards: VersionCard[];
}

export interface VersionPageData {
	agenda: { id: string; title: string; stadsdeelName: string };
	version: VersionSummary;
	workshops: { id: string; title: string }[];
	questions: VersionQuestion[];
	keywords: Keyword[];
	/** The version's actions (not the statements for residents), with their fixed A numbers. */
	actions: VersionAction[];
	/** How many cards are left out because they are hidden now. */
	hiddenCount: number;
	showHidden: boolean;
}

export interface VersionAction {
	id: string;
	ref: string;
	title: string;
	themeId: string;
	owner: string;
	quarter: string | null;
	amountEuros: number | null;
	/** Fixed K numbers of the cards it links (those still in this version). */
	cardRefs: string[];
}

/** The version's content as plain data: nothing of it goes near the live doc. */
export function versionPageData(context: AppContext, agendaId: string, versionId: string, showHidden: boolean): VersionPageData | null {
	if (!ID_PATTERN.test(agendaId) || !ID_PATTERN.test(versionId)) return null;
	const agenda = getAgenda(context.db, agendaId);
	const version = agenda ? getVersion(context.db, agenda.id, versionId) : null;
	const state = agenda ? getVersionState(context.db, agenda.id, versionId) : null;
	if (!agenda || !version || !state) return null;
	const stadsdeel = getStadsdeel(context.db, agenda.stadsdeelCode);
	const workshops = listWorkshops(context.db, agenda.id).sort(compareWorkshops);
	// Hidden and merged as the workshops' docs say now, like the live agenda page.
	const hidden = new Map<string, Set<string>>();
	const merges = new Map<string, Map<string, string>>();
	for (const workshop of workshops) {
		if (!ID_PATTERN.test(workshop.id)) continue;
		const now = context.liveDocs.read(docName('workshop', workshop.id), (workshopDoc) => ({ hidden: hiddenCardIds(workshopDoc), merges: mergeEntries(workshopDoc) }));
		hidden.set(workshop.id, now.hidden);
		merges.set(workshop.id, now.merges);
	}
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		const map = cardsMap(doc);
		// Merged-away cards are always left out (their target stands for them); hidden ones only unless asked.
		const merged = showCardsByWorkshop(listCards(doc), (workshopId) => ({ hidden: NO_HIDDEN, merges: merges.get(workshopId) ?? NO_MERGE_ENTRIES }));
		const all: VersionCard[] = merged.map((card) => ({
			...card,
			kind: readCardKind(map.get(card.id)),
			hidden: hidden.get(card.workshopId)?.has(card.id) ?? false
		}));
		const shown = all.filter((card) => showHidden || !card.hidden);
		return {
			agenda: { id: agenda.id, title: agenda.title, stadsdeelName: stadsdeel?.name ?? agenda.stadsdeelCode },
			version,
			workshops: workshops.map((w) => ({ id: w.id, title: w.title })),
			questions: QUESTIONS.map((question) => ({
				number: question.number,
				synthesis: readSynthesis(doc, question.number),
				cards: shown.filter((card) => card.questionNumber === question.number)
			})),
			keywords: listKeywords(doc),
			actions: versionActions(context, agenda.id, doc),
			hiddenCount: all.filter((card) => card.hidden).length,
			showHidden
		};
	} finally {
		doc.destroy();
	}
}

/** Actions of a version with fixed numbers, in the order of the action table (theme, then number). */
function versionActions(context: AppContext, agendaId: string, doc: Y.Doc): VersionAction[] {
	const cards = listCards(doc);
	const actions = listActions(doc).filter((action) => action.list !== 'inwoners');
	const cardNumbers = assignReferenceNumbers(context.db, agendaId, 'K', byCreation(cards));
	const actionNumbers = assignReferenceNumbers(context.db, agendaId, 'A', byCreation(actions));
	const themeOrder = new Map(THEMES.map((theme, index) => [theme.id, index]));
	return actions
		.map((action) => ({
			id: action.id,
			ref: formatReference('A', actionNumbers.get(action.id)!),
			number: actionNumbers.get(action.id)!,
			title: action.title,
			themeId: action.themeId,
			owner: action.owner,
			quarter: action.quarter,
			amountEuros: action.amountEuros,
			cardRefs: action.cardIds.filter((id) => cardNumbers.has(id)).map((id) => formatReference('K', cardNumbers.get(id)!))
		}))
		.sort((a, b) => themeOrder.get(a.themeId as never)! - themeOrder.get(b.themeId as never)! || a.number - b.number)
		.map(({ number: _number, ...action }) => action);
}

// ---------------------------------------------------------------------------------------------
// Question 1 in a workshop: the key figures of the buurten

/**
 * The key figures of every buurt in the workshop's stadsdeel, focus buurten marked; null when the
 * workshop (or its agenda) is unknown. For the workshop pages' loads, as `areaFigures`.
 */
export function areaFiguresForWorkshop(context: AppContext, workshopId: string): AreaFigures | null {
	const workshop = getWorkshop(context.db, workshopId);
	const agenda = workshop ? getAgenda(context.db, workshop.agendaId) : null;
	if (!workshop || !agenda) return null;
	const stadsdeel = getStadsdeel(context.db, agenda.stadsdeelCode);
	const focus = new Set(workshop.focusBuurten);
	return {
		stadsdeelName: stadsdeel?.name ?? agenda.stadsdeelCode,
		buurten: listBuurten(context.db, agenda.stadsdeelCode).map((buurt) => ({
			code: buurt.code,
			name: buurt.name,
			focus: focus.has(buurt.code),
			figures: buurt.figures
		}))
	};
}
