/**
 * "Publiceren": staff choose a named version of an agenda; the server turns it into a public
 * snapshot (domain/sociale-kaart.ts) and stores it in SQLite. The public pages render only from
 * that snapshot, so they never read a live document or open the sync server, and nothing is public
 * before a staff member published it.
 *
 * Read from the version: syntheses, actions (through the export model, so A-numbers match the
 * stadsdeelprogramma) and accepted elements. Read from SQLite: the stadsdeel's facilities and the
 * rating ballots of the agenda's workshops (counted; counts under 3 dropped; reasons never copied).
 */
import * as Y from 'yjs';
import type { AppContext } from './context.ts';
import { buildAgendaExport } from './export/agenda-export-model.ts';
import { getVersion, getVersionState } from './versions.ts';
import { getAgenda } from './repositories/workshops.ts';
import { listBuurten, listFacilities } from './repositories/areas.ts';
import { insertPublication, ratingBallotsOfAgenda } from './repositories/publications.ts';
import { docName } from '../sync/doc-names.ts';
import { listElements } from '../sync/elements-schema.ts';
import { checkRatingBallot, tallyRatings, type RatingBallot } from '../domain/ballots.ts';
import {
	CATEGORY_MEANING,
	NO_CONDITION,
	PUBLICATION_SCHEMA,
	publicCondition,
	type PublicPlace,
	type PublicSnapshot
} from '../domain/sociale-kaart.ts';

export type PublishResult = { ok: true; publicationId: string; snapshot: PublicSnapshot } | { ok: false; reason: 'not-found' | 'unknown-version' };

/** Condition per rating subject ("facility:<id>", "element:<id>"), summed over the agenda's workshops. */
function conditions(context: AppContext, agendaId: string): Map<string, RatingBallot[]> {
	const bySubject = new Map<string, RatingBallot[]>();
	for (const row of ratingBallotsOfAgenda(context.db, agendaId)) {
		let value: unknown;
		try {
			value = JSON.parse(row.value);
		} catch {
			continue;
		}
		const checked = checkRatingBallot(value);
		if (!checked.ok) continue;
		bySubject.set(row.subject, [...(bySubject.get(row.subject) ?? []), checked.value]);
	}
	return bySubject;
}

export function buildSnapshot(context: AppContext, agendaId: string, versionId: string, now = Date.now()): PublicSnapshot | null {
	const agenda = getAgenda(context.db, agendaId);
	const version = getVersion(context.db, agendaId, versionId);
	const state = getVersionState(context.db, agendaId, versionId);
	if (!agenda || !version || !state) return null;
	const agendaDocName = docName('agenda', agendaId);
	// The export model reads the agenda doc as it was in this version; workshop docs (hidden and merged cards) as they are now.
	const fromVersion = { encodeState: (name: string) => (name === agendaDocName ? state : context.liveDocs.encodeState(name)) };
	const model = buildAgendaExport({ db: context.db, liveDocs: fromVersion }, agendaId, 'nl', { now: new Date(now) });
	if (!model) return null;

	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const elements = listElements(doc, { status: 'accepted' });
	doc.destroy();

	const ballots = conditions(context, agendaId);
	const conditionOf = (subject: string) => {
		const cast = ballots.get(subject);
		return cast ? publicCondition(tallyRatings(cast)) : NO_CONDITION;
	};
	const facilities = listFacilities(context.db, agenda.stadsdeelCode);
	const facilityById = new Map(facilities.map((f) => [f.id, f]));
	const places: PublicPlace[] = facilities.map((f) => ({
		id: f.id,
		kind: 'facility',
		name: f.name,
		category: f.category,
		layer: CATEGORY_MEANING[f.category].layer,
		themeIds: CATEGORY_MEANING[f.category].themes,
		forWhom: [],
		address: f.address,
		lat: f.lat,
		lon: f.lon,
		buurtCode: f.buurtCode,
		source: f.source === 'osm' ? 'osm' : 'import',
		sourceRef: f.sourceRef,
		condition: conditionOf(`facility:${f.id}`)
	}));
	for (const element of elements) {
		// An element inside a shipped facility (a coffee morning in a community centre) is found there.
		const host = element.facilityId ? facilityById.get(element.facilityId) : undefined;
		// Only the element's own fields: never its author, nor the workshop it came from.
		places.push({
			id: element.id,
			kind: 'element',
			name: element.name,
			category: element.category,
			layer: element.layer,
			themeIds: CATEGORY_MEANING[element.category].themes,
			forWhom: element.targetGroups,
			address: host?.address ?? null,
			lat: host ? host.lat : element.lat,
			lon: host ? host.lon : element.lon,
			buurtCode: host ? host.buurtCode : element.buurtCode,
			source: 'workshop',
			sourceRef: null,
			condition: conditionOf(`element:${element.id}`)
		});
	}

	return {
		schema: PUBLICATION_SCHEMA,
		agendaId,
		title: agenda.title,
		period: agenda.period,
		stadsdeel: { code: agenda.stadsdeelCode, name: model.agenda.stadsdeel.name },
		buurten: listBuurten(context.db, agenda.stadsdeelCode).map((b) => ({ code: b.code, name: b.name })),
		versionId,
		versionName: version.name,
		publishedAt: now,
		syntheses: model.syntheses.filter((s) => s.text !== '').map((s) => ({ questionNumber: s.questionNumber, text: s.text })),
		actions: model.actions.map((a) => ({
			id: a.id,
			ref: a.ref,
			title: a.title,
			themeId: a.themeId,
			list: a.list,
			owner: a.owner,
			quarter: a.quarter,
			amountEuros: a.amountEuros,
			budgetLine: a.budgetLine
		})),
		places
	};
}

export function publishVersion(context: AppContext, input: { agendaId: string; versionId: string; userId: string }, now = Date.now()): PublishResult {
	if (!getAgenda(context.db, input.agendaId)) return { ok: false, reason: 'not-found' };
	const snapshot = buildSnapshot(context, input.agendaId, input.versionId, now);
	if (!snapshot) return { ok: false, reason: 'unknown-version' };
	const publicationId = insertPublication(context.db, snapshot, input.userId);
	context.log.info('agenda published', { agendaId: input.agendaId, versionId: input.versionId, publicationId });
	return { ok: true, publicationId, snapshot };
}
