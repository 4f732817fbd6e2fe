/**
 * Named versions: making a doc equal to a version as ordinary changes (pure Yjs), and taking,
 * listing and restoring versions against a real SQLite database with StoredDocs (as the CLI has it).
 * Also the loaders of the agenda pages (agenda-view.ts) that show versions and the live agenda.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config.ts';
import { createAppContext, type AppContext } from '../../../src/lib/server/context.ts';
import { insertAgenda, insertWorkshop } from '../../../src/lib/server/repositories/workshops.ts';
import { insertParticipant } from '../../../src/lib/server/repositories/participants.ts';
import { agendaPageData, areaFiguresForWorkshop, versionPageData } from '../../../src/lib/server/agenda-view.ts';
import { formatFigure, isAreaFigures } from '../../../src/lib/components/steps/area-figures.ts';
import {
	VERSION_NAME_MAX,
	checkVersionName,
	getVersionState,
	listVersions,
	makeDocEqual,
	restoreUpdate,
	restoreVersion,
	takeVersion,
	takeVersionOnClose,
	topLevelKind
} from '../../../src/lib/server/versions.ts';
import { docName } from '../../../src/lib/sync/doc-names.ts';
import { addCard, deleteCard, editCard, ensureSynthesis, getSynthesis, togglePlusOne } from '../../../src/lib/sync/agenda-schema.ts';
import { addKeyword, setCardKind } from '../../../src/lib/sync/steps-schema.ts';

const ana = { id: 'participantana01', name: 'Linde 12', kind: 'participant' as const };

function sync(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** The doc as plain JSON, typing every top-level name as a map except the texts we know of. */
function contentOf(doc: Y.Doc, texts: string[] = []): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const name of [...doc.share.keys()].sort()) {
		result[name] = texts.includes(name) ? doc.getText(name).toJSON() : doc.getMap(name).toJSON();
	}
	return result;
}

function seed(doc: Y.Doc): void {
	addCard(doc, { questionNumber: 2, text: 'Een plek voor jongeren', themes: ['ontmoeten-eenzaamheid'], workshopId: 'workshop00000001', author: ana }, 1000, 'card000000000001');
	addCard(doc, { questionNumber: 5, text: 'Huiskamer vaker open', workshopId: 'workshop00000001', author: ana }, 1001, 'card000000000002');
	setCardKind(doc, 'card000000000002', 'nodig', ana);
	addKeyword(doc, { text: 'oud dorp', workshopId: 'workshop00000001', author: ana }, 1002, 'keyword000000001');
	ensureSynthesis(doc, 2).insert(0, 'Jongeren missen een plek.');
}

describe('makeDocEqual / restoreUpdate', () => {
	test('brings back deleted, edited and added content, keeping edited maps and texts in place', () => {
		const live = new Y.Doc();
		seed(live);
		const version = Y.encodeStateAsUpdate(live);
		const atVersion = contentOf(live);

		// Changes after the version.
		const synthesis = getSynthesis(live, 2)!;
		editCard(live, 'card000000000001', ana.id, { text: 'Een plek voor jongeren in Heugem', themes: ['cultuur'] });
		togglePlusOne(live, 'card000000000001', 'participantbo001');
		deleteCard(live, 'card000000000002', ana.id);
		addCard(live, { questionNumber: 1, text: 'Nieuw', workshopId: 'workshop00000001', author: ana }, 2000, 'card000000000003');
		synthesis.delete(0, 8);
		synthesis.insert(synthesis.length, ' En ouderen ook.');
		live.getMap('extra').set('x', 1);
		expect(contentOf(live)).not.toEqual(atVersion);

		const other = new Y.Doc();
		sync(live, other);
		const update = restoreUpdate(Y.encodeStateAsUpdate(live), version);
		expect(update).not.toBeNull();
		Y.applyUpdate(live, update!);
		Y.applyUpdate(other, update!);
		expect(contentOf(live)).toEqual({ ...atVersion, extra: {} });
		expect(contentOf(other)).toEqual({ ...atVersion, extra: {} });
		// The synthesis is the same Y.Text an open editor observes.
		expect(getSynthesis(live, 2)).toBe(synthesis);
		expect(synthesis.toString()).toBe('Jongeren missen een plek.');
	});

	test('nothing to do is no update', () => {
		const live = new Y.Doc();
		seed(live);
		const state = Y.encodeStateAsUpdate(live);
		expect(restoreUpdate(state, state)).toBeNull();
	});

	test('an offline edit made before the restore merges in afterwards like any other change', () => {
		const live = new Y.Doc();
		seed(live);
		const version = Y.encodeStateAsUpdate(live);
		const phone = new Y.Doc();
		sync(live, phone);
		addCard(phone, { questionNumber: 2, text: 'Offline geschreven', workshopId: 'workshop00000001', author: ana }, 3000, 'card000000000009');
		deleteCard(live, 'card000000000001', ana.id);
		Y.applyUpdate(live, restoreUpdate(Y.encodeStateAsUpdate(live), version)!);
		sync(phone, live);
		sync(live, phone);
		expect(Object.keys(live.getMap('cards').toJSON()).sort()).toEqual(['card000000000001', 'card000000000002', 'card000000000009']);
		expect(contentOf(phone)).toEqual(contentOf(live));
	});

	test('top-level arrays and texts are replaced; formatted text keeps its formatting', () => {
		const live = new Y.Doc();
		live.getArray('list').insert(0, [1, 2, 3]);
		live.getText('notes').insert(0, 'vet', { bold: true });
		const version = Y.encodeStateAsUpdate(live);
		live.getArray('list').delete(0, 2);
		live.getText('notes').insert(3, ' en meer');
		const restored = new Y.Doc();
		Y.applyUpdate(restored, Y.encodeStateAsUpdate(live));
		Y.applyUpdate(restored, restoreUpdate(Y.encodeStateAsUpdate(live), version)!);
		expect(restored.getArray('list').toJSON()).toEqual([1, 2, 3]);
		expect(restored.getText('notes').toDelta()).toEqual([{ insert: 'vet', attributes: { bold: true } }]);
	});

	test('a top-level type that is new since the version is emptied', () => {
		const live = new Y.Doc();
		seed(live);
		const version = Y.encodeStateAsUpdate(live);
		addKeyword(live, { text: 'veel groen', workshopId: 'workshop00000001', author: ana }, 4000);
		live.getMap('budget').set('total', 1000);
		const restored = new Y.Doc();
		Y.applyUpdate(restored, Y.encodeStateAsUpdate(live));
		makeDocEqual(restored, (() => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, version);
			return doc;
		})());
		expect(restored.getMap('budget').toJSON()).toEqual({});
		expect(Object.keys(restored.getMap('keywords').toJSON())).toEqual(['keyword000000001']);
	});

	test('judges untyped top-level types by their content', () => {
		const source = new Y.Doc();
		source.getMap('m').set('a', 1);
		source.getArray('a').insert(0, [1]);
		source.getText('t').insert(0, 'x');
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, Y.encodeStateAsUpdate(source));
		expect(topLevelKind(loaded.share.get('m')!)).toBe('map');
		expect(topLevelKind(loaded.share.get('a')!)).toBe('array');
		expect(topLevelKind(loaded.share.get('t')!)).toBe('text');
	});
});

describe('versions in the database', () => {
	let context: AppContext;
	let dataDir: string;
	let agendaId: string;
	let workshopId: string;

	beforeEach(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-versions-'));
		context = createAppContext({ ...loadConfig({}), dataDir, logLevel: 'silent' });
		agendaId = insertAgenda(context.db, { stadsdeelCode: 'zuid', title: 'Sociale agenda Zuid 2026', period: '2026' }).id;
		workshopId = insertWorkshop(context.db, { agendaId, title: 'Bewonersavond Heugem' }).workshop.id;
	});

	afterEach(() => {
		context.db.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	test('names are one line of 1 to 120 characters', () => {
		expect(checkVersionName('  Na de   avond ')).toEqual({ ok: true, value: 'Na de avond' });
		expect(checkVersionName('   ')).toEqual({ ok: false, reason: 'empty-name' });
		expect(checkVersionName('x'.repeat(VERSION_NAME_MAX + 1))).toEqual({ ok: false, reason: 'name-too-long' });
		expect(takeVersion(context, agendaId, '', 'user')).toEqual({ ok: false, reason: 'empty-name' });
		expect(takeVersion(context, 'unknownagenda001', 'Naam', 'user')).toEqual({ ok: false, reason: 'not-found' });
	});

	test('take, list (newest first) and restore; the restore keeps the state before it as a version', () => {
		const name = docName('agenda', agendaId);
		context.liveDocs.change(name, seed);
		const first = takeVersion(context, agendaId, 'Na de avond in Heugem', null, 1000);
		expect(first.ok).toBe(true);
		if (!first.ok) return;
		const atVersion = context.liveDocs.read(name, (doc) => contentOf(doc));

		context.liveDocs.change(name, (doc) => {
			deleteCard(doc, 'card000000000001', ana.id);
			getSynthesis(doc, 2)!.insert(0, 'Nieuw: ');
		});
		const beforeRestore = context.liveDocs.read(name, (doc) => contentOf(doc));
		const restored = restoreVersion(context, agendaId, first.version.id, null, 2000);
		expect(restored).toMatchObject({ ok: true, changed: true });
		expect(context.liveDocs.read(name, (doc) => contentOf(doc))).toEqual(atVersion);

		const versions = listVersions(context.db, agendaId);
		expect(versions.map((v) => v.name)).toEqual(['Voor herstel van ‘Na de avond in Heugem’', 'Na de avond in Heugem']);
		// The backup holds the state just before the restore: restoring it undoes the restore.
		const backup = versions[0];
		const backupDoc = new Y.Doc();
		Y.applyUpdate(backupDoc, getVersionState(context.db, agendaId, backup.id)!);
		expect(contentOf(backupDoc)).toEqual(beforeRestore);
		expect(restoreVersion(context, agendaId, backup.id, null)).toMatchObject({ ok: true, changed: true });
		expect(context.liveDocs.read(name, (doc) => contentOf(doc))).toEqual(beforeRestore);
	});

	test('an unknown version, or one of another agenda, is not found', () => {
		const other = insertAgenda(context.db, { stadsdeelCode: 'noord', title: 'Noord', period: '2026' }).id;
		const version = takeVersion(context, other, 'Elders', null);
		expect(version.ok).toBe(true);
		if (!version.ok) return;
		expect(restoreVersion(context, agendaId, version.version.id, null)).toEqual({ ok: false, reason: 'not-found' });
		expect(getVersionState(context.db, agendaId, version.version.id)).toBeNull();
		expect(restoreVersion(context, agendaId, 'nosuchversion001', null)).toEqual({ ok: false, reason: 'not-found' });
	});

	test('closing a workshop takes a version once per state', () => {
		context.liveDocs.change(docName('agenda', agendaId), seed);
		const first = takeVersionOnClose(context, workshopId, 1000);
		expect(first?.name).toBe('Na afsluiten: Bewonersavond Heugem');
		expect(takeVersionOnClose(context, workshopId, 2000)?.id).toBe(first?.id);
		context.liveDocs.change(docName('agenda', agendaId), (doc) => deleteCard(doc, 'card000000000001', ana.id));
		expect(takeVersionOnClose(context, workshopId, 3000)?.id).not.toBe(first?.id);
		expect(listVersions(context.db, agendaId)).toHaveLength(2);
		expect(takeVersionOnClose(context, 'unknownworkshop1')).toBeNull();
	});
});

describe('agenda view loaders', () => {
	let context: AppContext;
	let dataDir: string;

	beforeEach(() => {
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-agenda-view-'));
		context = createAppContext({ ...loadConfig({}), dataDir, logLevel: 'silent' });
	});

	afterEach(() => {
		context.db.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	test('the agenda page never carries a participant\'s own buurt or age band; the buurt filter offers focus buurten', () => {
		const [focus, own] = context.db.prepare<[], { code: string; name: string }>("SELECT code, name FROM buurten WHERE stadsdeel_code = 'zuid' ORDER BY code LIMIT 2").all();
		const agenda = insertAgenda(context.db, { stadsdeelCode: 'zuid', title: 'Sociale agenda Zuid 2026', period: '2026' });
		const workshop = insertWorkshop(context.db, { agendaId: agenda.id, title: 'Avond', startsAt: '2026-03-12', place: 'Buurthuis', focusBuurten: [focus.code] }).workshop;
		insertParticipant(context.db, { workshopId: workshop.id, displayName: 'Linde 12', role: 'resident', buurtCode: own.code, ageBand: '65+' });
		const page = agendaPageData(context, agenda.id, new URLSearchParams({ buurt: focus.code, bijeenkomst: 'onbekend00000001', thema: 'cultuur' }))!;
		expect(page.workshops).toEqual([
			expect.objectContaining({ id: workshop.id, title: 'Avond', startsAt: '2026-03-12', place: 'Buurthuis', open: true, participants: 1, focusBuurten: [focus] })
		]);
		expect(page.buurten).toEqual([focus]);
		expect(page.filters).toEqual({ workshopId: null, theme: 'cultuur', buurtCode: focus.code, showHidden: false });
		const text = JSON.stringify(page);
		expect(text).not.toContain(own.code);
		expect(text).not.toContain('65+');
		expect(agendaPageData(context, 'onbekend00000001', new URLSearchParams())).toBeNull();
		expect(agendaPageData(context, '../etc', new URLSearchParams())).toBeNull();
	});

	test('a version page shows the version, not the live doc, and leaves hidden cards out unless asked', () => {
		const agenda = insertAgenda(context.db, { stadsdeelCode: 'zuid', title: 'Zuid', period: '2026' });
		const workshop = insertWorkshop(context.db, { agendaId: agenda.id, title: 'Avond' }).workshop;
		context.liveDocs.change(docName('agenda', agenda.id), (doc) => {
			addCard(doc, { questionNumber: 2, text: 'In de versie', workshopId: workshop.id, author: ana }, 1, 'cardinversion001');
			addCard(doc, { questionNumber: 2, text: 'Verborgen', workshopId: workshop.id, author: ana }, 2, 'cardhidden000001');
		});
		context.liveDocs.change(docName('workshop', workshop.id), (doc) => doc.getMap('hiddenCards').set('cardhidden000001', true));
		const taken = takeVersion(context, agenda.id, 'Versie', null);
		if (!taken.ok) throw new Error('no version');
		context.liveDocs.change(docName('agenda', agenda.id), (doc) => deleteCard(doc, 'cardinversion001', ana.id));
		const page = versionPageData(context, agenda.id, taken.version.id, false)!;
		expect(page.questions[1].cards.map((c) => c.text)).toEqual(['In de versie']);
		expect(page.hiddenCount).toBe(1);
		const all = versionPageData(context, agenda.id, taken.version.id, true)!;
		expect(all.questions[1].cards.map((c) => [c.text, c.hidden])).toEqual([
			['In de versie', false],
			['Verborgen', true]
		]);
		expect(versionPageData(context, agenda.id, 'onbekend00000001', false)).toBeNull();
	});

	test('a version page leaves merged-away cards out (also when hidden cards are shown); the target says how many', () => {
		const agenda = insertAgenda(context.db, { stadsdeelCode: 'zuid', title: 'Zuid', period: '2026' });
		const workshop = insertWorkshop(context.db, { agendaId: agenda.id, title: 'Avond' }).workshop;
		context.liveDocs.change(docName('agenda', agenda.id), (doc) => {
			addCard(doc, { questionNumber: 2, text: 'Origineel', workshopId: workshop.id, author: ana }, 1, 'cardoriginal0001');
			addCard(doc, { questionNumber: 2, text: 'Dubbel', workshopId: workshop.id, author: ana }, 2, 'cardduplicate001');
		});
		context.liveDocs.change(docName('workshop', workshop.id), (doc) => doc.getMap('mergedCards').set('cardduplicate001', 'cardoriginal0001'));
		const taken = takeVersion(context, agenda.id, 'Versie', null);
		if (!taken.ok) throw new Error('no version');
		for (const showHidden of [false, true]) {
			const page = versionPageData(context, agenda.id, taken.version.id, showHidden)!;
			expect(page.questions[1].cards.map((c) => [c.text, c.mergedIds])).toEqual([['Origineel', ['cardduplicate001']]]);
		}
	});

	test('key figures for question 1: every buurt of the stadsdeel, focus buurten marked, missing values stay null', () => {
		const agenda = insertAgenda(context.db, { stadsdeelCode: 'zuid', title: 'Zuid', period: '2026' });
		const [focus] = context.db.prepare<[], { code: string }>("SELECT code FROM buurten WHERE stadsdeel_code = 'zuid' ORDER BY code LIMIT 1").all();
		const workshop = insertWorkshop(context.db, { agendaId: agenda.id, title: 'Avond', focusBuurten: [focus.code] }).workshop;
		const figures = areaFiguresForWorkshop(context, workshop.id)!;
		expect(figures.stadsdeelName).toBe('Zuid');
		expect(figures.buurten.length).toBe(context.db.prepare("SELECT count(*) AS n FROM buurten WHERE stadsdeel_code = 'zuid'").pluck().get());
		expect(figures.buurten.filter((b) => b.focus).map((b) => b.code)).toEqual([focus.code]);
		expect(isAreaFigures(figures)).toBe(true);
		for (const figure of figures.buurten.flatMap((b) => b.figures)) expect(figure.value === null || typeof figure.value === 'number').toBe(true);
		expect(areaFiguresForWorkshop(context, 'onbekend00000001')).toBeNull();
	});

	test('figures read as people read them; a missing figure is "onbekend", never 0', () => {
		expect(formatFigure(null, 'count', 'nl', 'onbekend')).toBe('onbekend');
		expect(formatFigure(2410, 'count', 'nl', 'onbekend')).toBe('2.410');
		expect(formatFigure(12.5, 'percent', 'nl', 'onbekend')).toBe('12,5%');
		expect(formatFigure(277, 'eur_thousand', 'nl', 'onbekend')).toMatch(/^€\s277\.000$/);
		expect(formatFigure(1.4, 'km', 'en', 'unknown')).toBe('1.4 km');
		expect(isAreaFigures({ stadsdeelName: 'Zuid', buurten: [{ code: 'x', name: 'y', figures: [{ id: 'a', value: '3' }] }] })).toBe(false);
	});
});
