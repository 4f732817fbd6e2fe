/**
 * A real agenda for export tests and the benchmark: a temp data directory with the shipped area data,
 * an agenda for Zuid, workshops and participants in SQLite, and cards, a hidden card, a duplicate
 * merged into another card, syntheses and actions in the Y.Docs (stored through StoredDocs, as the CLI would find them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../../src/lib/server/config.ts';
import { createAppContext, type AppContext } from '../../../../src/lib/server/context.ts';
import { insertAgenda, insertWorkshop } from '../../../../src/lib/server/repositories/workshops.ts';
import { insertParticipant } from '../../../../src/lib/server/repositories/participants.ts';
import { docName } from '../../../../src/lib/sync/doc-names.ts';
import { addCard, ensureSynthesis, listCards, togglePlusOne, type CardAuthor } from '../../../../src/lib/sync/agenda-schema.ts';
import { hideCard, mergeCard } from '../../../../src/lib/sync/workshop-schema.ts';
import { addAction } from '../../../../src/lib/sync/actions-schema.ts';
import { acceptElement, proposeElement } from '../../../../src/lib/sync/elements-schema.ts';
import { THEMES, ACTION_LISTS } from '../../../../src/lib/domain/themes.ts';
import { addKeyword, setCardKind } from '../../../../src/lib/sync/steps-schema.ts';
import { openVote } from '../../../../src/lib/sync/vote-schema.ts';
import { writeTally } from '../../../../src/lib/sync/tally-schema.ts';
import { writeWeighing } from '../../../../src/lib/sync/weighing-schema.ts';
import { INDICATOR_IDS } from '../../../../src/lib/domain/budget/indicators.ts';
import { listFacilities } from '../../../../src/lib/server/repositories/areas.ts';

export const SECRET_NAMES = ['Marijke Verborgenaam', 'Pjotr Xylofoonstraat', 'Ingrid Zwijgzaam'];
export const HIDDEN_TEXT = 'Dit kaartje is VERBORGEN door de begeleider';
export const VISIBLE_TEXT = 'Een vaste ontmoetingsplek voor jongeren in Heugemerveld';
export const MERGED_TEXT = 'DUBBEL: jongeren willen ook een ontmoetingsplek in Heugemerveld';
export const FORMULA_TITLE = '=SUM(A1)';
export const ACCEPTED_ELEMENT = 'Jeu-de-boulesbaan Heugem';
export const PROPOSED_ELEMENT = 'Voorstel dat nog niet is aangenomen';
/** An accepted element that belongs to a shipped facility (question 3: "linked to facilities"). */
export const LINKED_ELEMENT = 'Koffieochtend voor ouderen';
/** One of every kind of result, for "each format contains each question's result". */
export const RESULTS = {
	keyword: 'oud dorp',
	developmentCard: 'Een huiskamer voor ouderen in De Heeg',
	efficiencyCard: 'Twee inloopochtenden samenvoegen in één gebouw',
	ratingReason: 'Te weinig vrijwilligers voor de koffieochtend',
	statement: 'Inwoners weten waar ze terecht kunnen met hun vragen',
	weighingBuurt: 'Heugemerveld',
	weighingTotalText: '€ 100.000',
	voteCard: 'Een speelplek bij de Maas'
};
const LAYER = 'fysiek';

export interface ExportFixture {
	context: AppContext;
	dataDir: string;
	agendaId: string;
	workshopIds: string[];
	cardIds: { visible: string; hidden: string; hiddenElsewhere: string; merged: string };
	/** The shipped facility LINKED_ELEMENT belongs to. */
	linkedFacilityName: string;
	actionIds: { linked: string; formula: string };
	close(): void;
}

export function makeContext(): { context: AppContext; dataDir: string } {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-export-'));
	const context = createAppContext({ ...loadConfig({}), dataDir, logLevel: 'silent' });
	return { context, dataDir };
}

export function buildExportFixture(options: { extraCards?: number; extraActions?: number } = {}): ExportFixture {
	const { context, dataDir } = makeContext();
	const { db, liveDocs } = context;
	const agenda = insertAgenda(db, { stadsdeelCode: 'zuid', title: 'Sociale agenda Zuid 2026', period: '2026' }, Date.UTC(2026, 0, 5));
	const heugem = insertWorkshop(db, { agendaId: agenda.id, title: 'Bewonersavond Heugem', startsAt: '2026-03-12', place: 'Gemeenschapshuis Heugem' }).workshop;
	const partners = insertWorkshop(db, { agendaId: agenda.id, title: 'Partnertafel', startsAt: '2026-03-19T19:30', place: null }).workshop;

	const people = [
		insertParticipant(db, { workshopId: heugem.id, displayName: SECRET_NAMES[0], role: 'resident', buurtCode: 'BU09350602', ageBand: '65+' }),
		insertParticipant(db, { workshopId: heugem.id, displayName: SECRET_NAMES[1], role: 'resident', buurtCode: 'BU09350100', ageBand: '15-24' }),
		insertParticipant(db, { workshopId: heugem.id, displayName: 'Linde 12', role: 'resident' }),
		insertParticipant(db, { workshopId: partners.id, displayName: 'Trajekt Jan', role: 'partner', ageBand: '45-64' })
	];
	const author = (i: number): CardAuthor => ({ id: people[i].id, name: people[i].displayName, kind: 'participant' });
	const staff: CardAuthor = { id: 'staffuser0000001', name: SECRET_NAMES[2], kind: 'staff' };

	const agendaDoc = docName('agenda', agenda.id);
	let linkedFacilityName = '';
	const ids = { visible: 'cardvisible00001', hidden: 'cardhidden000001', hiddenElsewhere: 'cardelsewhere001', merged: 'cardmerged000001' };
	const actionIds = { linked: 'actionlinked0001', formula: 'actionformula001' };
	liveDocs.change(agendaDoc, (doc) => {
		let at = Date.UTC(2026, 2, 12, 19);
		const card = (questionNumber: number, text: string, themes: string[], who: CardAuthor, workshopId: string, id?: string) =>
			addCard(doc, { questionNumber, text, themes, author: who, workshopId }, at++, id);
		card(1, 'Heugem is een oud dorp aan de Maas; veel mensen kennen elkaar.', [], author(0), heugem.id);
		card(2, VISIBLE_TEXT, ['ontmoeten-eenzaamheid', 'pedagogische-basis'], author(1), heugem.id, ids.visible);
		card(2, HIDDEN_TEXT, ['ontmoeten-eenzaamheid'], author(0), heugem.id, ids.hidden);
		// The duplicate: two people support it, one of whom also supports the card it is merged into.
		card(2, MERGED_TEXT, ['ontmoeten-eenzaamheid'], author(2), heugem.id, ids.merged);
		togglePlusOne(doc, ids.visible, people[0].id);
		togglePlusOne(doc, ids.merged, people[0].id);
		togglePlusOne(doc, ids.merged, people[2].id);
		card(2, 'Hulp bij formulieren | *snel* & dichtbij <b>graag</b> 😀 – café “de Brug” € 5', ['informatie-advies'], author(2), heugem.id);
		card(5, 'Zichtbaar kaartje van de partnertafel', ['sport-bewegen'], author(3), partners.id, ids.hiddenElsewhere);
		card(8, '=HYPERLINK("http://x")', ['cultuur'], staff, partners.id);
		const development = card(5, RESULTS.developmentCard, ['ontmoeten-eenzaamheid'], author(0), heugem.id, 'carddevelop00001');
		const efficiency = card(6, RESULTS.efficiencyCard, ['informatie-advies'], author(1), heugem.id, 'cardefficient001');
		card(8, RESULTS.voteCard, ['sport-bewegen'], author(2), heugem.id, 'cardvote00000001');
		if (development.ok) setCardKind(doc, development.id, 'nodig', { id: staff.id, kind: 'staff' });
		if (efficiency.ok) setCardKind(doc, efficiency.id, 'combineren', { id: staff.id, kind: 'staff' });
		// Three people name the same keyword: a count that may be shown.
		for (let i = 0; i < 3; i++) addKeyword(doc, { text: i === 0 ? 'Oud dorp' : RESULTS.keyword, workshopId: heugem.id, author: author(i) }, at++);
		for (let i = 0; i < (options.extraCards ?? 0); i++) {
			const theme = THEMES[i % THEMES.length].id;
			card((i % 8) + 1, `Kaartje ${i + 1}: ${'we willen meer ontmoeting in de buurt en een plek om samen te koken '.slice(0, 40 + (i % 60))}`, [theme], author(i % 4), i % 2 ? heugem.id : partners.id);
		}
		const element = proposeElement(doc, {
			name: ACCEPTED_ELEMENT,
			category: 'meeting_place',
			layer: LAYER,
			place: { point: { lat: 50.8295, lon: 5.7185 }, buurtCode: null },
			workshopId: heugem.id,
			author: author(0)
		});
		if (element.ok) acceptElement(doc, element.id, staff.id);
		const facility = listFacilities(db, 'zuid').find((f) => f.name !== null)!;
		linkedFacilityName = facility.name!;
		const linked = proposeElement(doc, {
			name: LINKED_ELEMENT,
			category: 'meeting_place',
			layer: LAYER,
			targetGroups: ['ouderen'],
			place: { point: { lat: facility.lat, lon: facility.lon }, buurtCode: facility.buurtCode },
			facilityId: facility.id,
			workshopId: heugem.id,
			author: author(2)
		}, Date.now() + 1000);
		if (linked.ok) acceptElement(doc, linked.id, staff.id);
		proposeElement(doc, { name: PROPOSED_ELEMENT, category: 'sport', layer: LAYER, place: { point: { lat: 50.83, lon: 5.72 }, buurtCode: null }, workshopId: heugem.id, author: author(1) });
		ensureSynthesis(doc, 1).insert(0, 'Zuid is groen en divers.\nHeugem voelt als een dorp.\n\nRandwyck is vooral werk en studie.');
		ensureSynthesis(doc, 2).insert(0, 'Jongeren missen een plek om samen te zijn.');
		addAction(
			doc,
			{
				title: 'Jongerenplek in Heugemerveld openen',
				themeId: 'ontmoeten-eenzaamheid',
				list: 'extra',
				owner: 'Trajekt jongerenwerk',
				quarter: 'Q3 2026',
				amountEuros: 20_000,
				budgetLine: 'Subsidieregeling vrijwillige inzet',
				cardIds: [ids.merged, ids.visible, ids.hidden],
				createdBy: staff.id
			},
			Date.UTC(2026, 2, 20),
			actionIds.linked
		);
		addAction(doc, { title: FORMULA_TITLE, themeId: 'cultuur', list: 'al', owner: '+31 43 350 0000', createdBy: staff.id }, Date.UTC(2026, 2, 21), actionIds.formula);
		addAction(doc, { title: RESULTS.statement, themeId: 'ontmoeten-eenzaamheid', list: 'inwoners', owner: '', createdBy: staff.id }, Date.UTC(2026, 2, 22), 'actionstatement1');
		for (let i = 0; i < (options.extraActions ?? 0); i++) {
			addAction(doc, {
				title: `Actie ${i + 1}: samen verder met de buurt`,
				themeId: THEMES[i % THEMES.length].id,
				list: ACTION_LISTS[i % 3].id,
				owner: `Partner ${i % 7}`,
				quarter: `Q${(i % 4) + 1} 2026`,
				amountEuros: i % 3 === 0 ? null : 500 * (i + 1),
				budgetLine: i % 2 ? 'Sociale basis, taakveld 6.1' : null,
				createdBy: staff.id
			});
		}
	});
	// Q4: four people rated the accepted element; Q8: a dot vote with its tally (server-written docs).
	const acceptedId = liveDocs.read(agendaDoc, (doc) => [...doc.getMap('elements').keys()].find((id) => (doc.getMap('elements').get(id) as { get(k: string): unknown }).get('name') === ACCEPTED_ELEMENT)!);
	liveDocs.change(docName('tally', heugem.id), (doc) => {
		writeTally(doc, 'rating', `element:${acceptedId}`, { voters: 4, goed: 0, 'onder-druk': 3, ontbreekt: 1, reasons: [RESULTS.ratingReason] });
		writeTally(doc, 'dots', 'vote00000000001', { voters: 3, dots: { cardvote00000001: 7, [ids.visible]: 2 } });
	});
	liveDocs.change(docName('workshop', heugem.id), (doc) => {
		openVote(doc, { id: 'vote00000000001', dotsPerParticipant: 3, candidateIds: ['cardvote00000001', ids.visible] });
	});
	// Q7: a recorded weighing that adds up.
	liveDocs.change(docName('record', agenda.id), (doc) => {
		const weights = Object.fromEntries(INDICATOR_IDS.map((id, i) => [id, i % 3 === 0 ? 2 : 1])) as Record<(typeof INDICATOR_IDS)[number], number>;
		const row = (code: string, name: string, needIndex: number, euros: number) => ({
			code, name, stadsdeelCode: 'zuid', population: 1000, needIndex, coverage: 1, missing: [], needReason: null, euros, floorEuros: 0, proportionalEuros: euros, allocationReason: null
		});
		writeWeighing(doc, {
			weights,
			scope: 'buurten',
			stadsdeelCode: 'zuid',
			budget: { totalEuros: 100_000, floorEuros: 0, source: { kind: 'typed' } },
			result: { buurten: [row('BU09350602', RESULTS.weighingBuurt, 0.8, 60_000), row('BU09350100', 'Heugem', 0.53, 40_000)], stadsdelen: null, allocatedEuros: 100_000, indicatorYears: {} },
			setBy: staff.id,
			setAt: Date.UTC(2026, 2, 25, 10)
		});
	});
	// Hidden in its own workshop; and the partner card's id marked in the *other* workshop's doc,
	// which must not hide it (hidden is per workshop).
	const cards = liveDocs.read(agendaDoc, (doc) => listCards(doc));
	liveDocs.change(docName('workshop', heugem.id), (doc) => {
		hideCard(doc, ids.hidden);
		hideCard(doc, ids.hiddenElsewhere);
		mergeCard(doc, cards, ids.merged, ids.visible);
	});

	return {
		context,
		dataDir,
		agendaId: agenda.id,
		workshopIds: [heugem.id, partners.id],
		cardIds: ids,
		linkedFacilityName,
		actionIds,
		close() {
			context.db.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
