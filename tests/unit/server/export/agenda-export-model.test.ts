import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAgendaExport, type AgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { loadAreaProfile } from '../../../../src/lib/server/area-profile.ts';
import { QUESTIONS } from '../../../../src/lib/domain/questions.ts';
import { ACTION_LISTS } from '../../../../src/lib/domain/themes.ts';
import { docName } from '../../../../src/lib/sync/doc-names.ts';
import { editAction } from '../../../../src/lib/sync/actions-schema.ts';
import { ACCEPTED_ELEMENT, HIDDEN_TEXT, MERGED_TEXT, PROPOSED_ELEMENT, SECRET_NAMES, VISIBLE_TEXT, buildExportFixture, type ExportFixture } from './fixture.ts';

let fixture: ExportFixture;
let nl: AgendaExport;
let en: AgendaExport;
const now = new Date('2026-04-01T22:30:00Z');

beforeAll(() => {
	fixture = buildExportFixture();
	nl = buildAgendaExport(fixture.context, fixture.agendaId, 'nl', { now })!;
	en = buildAgendaExport(fixture.context, fixture.agendaId, 'en', { now })!;
});
afterAll(() => fixture.close());

describe('buildAgendaExport', () => {
	test('an unknown agenda gives null', () => {
		expect(buildAgendaExport(fixture.context, 'nosuchagenda0000', 'nl')).toBeNull();
	});

	test('title page: stadsdeel, period, local date in Maastricht, the working state and the workshops that fed it', () => {
		expect(nl.titlePage).toMatchObject({ title: 'Sociale agenda Zuid 2026', subtitle: 'Voor het stadsdeelprogramma Zuid', date: '2026-04-02', dateText: '2 april 2026' });
		expect(nl.titlePage.changes).toBeGreaterThan(0);
		expect(nl.titlePage.version).toBeNull();
		expect(nl.titlePage.fedBy).toEqual([
			{ title: 'Bewonersavond Heugem', dateText: '12 maart 2026', place: 'Gemeenschapshuis Heugem' },
			{ title: 'Partnertafel', dateText: '19 maart 2026, 19:30', place: null }
		]);
		expect(nl.agenda).toEqual({ id: fixture.agendaId, stadsdeel: { code: 'zuid', name: 'Zuid' }, period: '2026' });
		expect(en.titlePage).toMatchObject({ title: 'Social agenda Zuid 2026', dateText: '2 April 2026' });
		expect([nl.language, en.language]).toEqual(['nl-NL', 'en-GB']);
	});

	test('the change count grows with every change to the agenda or a workshop doc', () => {
		const before = nl.titlePage.changes;
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			editAction(doc, fixture.actionIds.formula, { owner: 'Centre Céramique' });
		});
		const after = buildAgendaExport(fixture.context, fixture.agendaId, 'nl', { now })!.titlePage.changes;
		expect(after).toBeGreaterThan(before);
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			editAction(doc, fixture.actionIds.formula, { owner: '+31 43 350 0000' });
		});
	});

	test('how it was made: workshops with date and place, participation as counts only', () => {
		// 1 person is never shown as a number.
		expect(nl.process.workshops.map((w) => [w.title, w.dateText, w.place, w.participantCount, w.participantText])).toEqual([
			['Bewonersavond Heugem', '12 maart 2026', 'Gemeenschapshuis Heugem', 3, '3'],
			['Partnertafel', '19 maart 2026, 19:30', null, null, 'minder dan 3']
		]);
		const { participation } = nl.process;
		expect(participation.total).toBe(4);
		// The 1 partner is suppressed, and so is the 3 residents: with the total of 4 they would give it back.
		expect(participation.byRole).toEqual([
			{ key: 'resident', label: 'Inwoner', count: null, countText: 'niet getoond' },
			{ key: 'partner', label: 'Partner', count: null, countText: 'minder dan 3' },
			{ key: 'official', label: 'Gemeente', count: 0, countText: '0' }
		]);
		expect(participation.byAgeBand.map((c) => [c.key, c.count])).toEqual([
			['0-14', 0],
			['15-24', null],
			['25-44', 0],
			['45-64', null],
			['65+', null],
			['unknown', null]
		]);
		// Every buurt of Zuid, also with 0 (who is missing?), then buurten from elsewhere, then not given.
		const buurten = participation.byBuurt.map((c) => c.label);
		expect(buurten.slice(0, 6)).toEqual(['Boschpoort', 'De Heeg', 'Heugem', 'Heugemerveld', 'Randwyck', 'Vroendaal']);
		expect(participation.byBuurt.at(-1)).toEqual({ key: 'unknown', label: 'Niet ingevuld', count: null, countText: 'minder dan 3' });
		expect(participation.byBuurt.every((c) => c.count === null || c.count === 0 || c.count >= 3)).toBe(true);
		expect(en.process.participation.byRole[0].label).toBe('Resident');
	});

	test('area profile: key figures per buurt with source and year; a missing figure is "onbekend", never 0', () => {
		const { db } = fixture.context;
		const row = db.prepare("SELECT code, figures FROM buurten WHERE stadsdeel_code = 'zuid' ORDER BY name LIMIT 1").get() as { code: string; figures: string };
		const figures = JSON.parse(row.figures) as { id: string; value: number | null }[];
		db.prepare('UPDATE buurten SET figures = ? WHERE code = ?').run(JSON.stringify(figures.map((f) => (f.id === 'population' ? { ...f, value: null } : f))), row.code);
		try {
			const withGap = buildAgendaExport(fixture.context, fixture.agendaId, 'nl', { now })!;
			const withGapEn = buildAgendaExport(fixture.context, fixture.agendaId, 'en', { now })!;
			const population = withGap.areaProfile.figures.find((f) => f.id === 'population')!;
			expect(population).toMatchObject({ label: 'Inwoners (1 januari 2025)', source: 'CBS Kerncijfers wijken en buurten 2025', year: 2025 });
			expect(population.values[0]).toEqual({ buurtCode: row.code, value: null, text: 'onbekend' });
			expect(population.values[1].text).toMatch(/^\d{1,3}(\.\d{3})*$/);
			expect(withGapEn.areaProfile.figures.find((f) => f.id === 'population')!.values[0].text).toBe('not available');
		} finally {
			db.prepare('UPDATE buurten SET figures = ? WHERE code = ?').run(row.figures, row.code);
		}
		expect(nl.areaProfile.buurten).toHaveLength(6);
		expect(nl.areaProfile.sources.length).toBeGreaterThan(0);
		expect(nl.areaProfile.attribution).toContain('CBS');
	});

	test('beside the buurten, the stadsdeel and Maastricht: the same figures /afweging shows', () => {
		const profile = loadAreaProfile(fixture.context.db, 'zuid')!;
		for (const figure of nl.areaProfile.figures) {
			const shown = profile.figures.find((f) => f.id === figure.id)!;
			if (shown.stadsdeelTotal) {
				// A count: the stadsdeel's total, and no city value (as the screen shows it).
				expect(figure.stadsdeel).toMatchObject({ kind: 'total', value: shown.stadsdeelTotal.value });
				expect(figure.city).toEqual({ kind: 'none', value: null, text: '' });
			} else {
				for (const [exported, onScreen] of [[figure.stadsdeel, shown.stadsdeel], [figure.city, shown.city]] as const) {
					expect(exported.kind).toBe('average');
					if (onScreen.value === null) expect(exported).toMatchObject({ value: null, text: 'onbekend' });
					else expect(Math.abs(exported.value! - onScreen.value)).toBeLessThanOrEqual(figure.unit === 'eur_thousand' ? 0.5 : 0.05);
				}
			}
		}
		const population = nl.areaProfile.figures.find((f) => f.id === 'population')!;
		expect(population.stadsdeel.text).toBe('18.855');
		const rental = nl.areaProfile.figures.find((f) => f.id === 'pct_rental_dwellings')!;
		expect([rental.stadsdeel.text, rental.city.text]).toEqual(['60,7%', '60,9%']);
		// One-person households have no household counts to weigh by: unknown, never a made-up average.
		expect(nl.areaProfile.figures.find((f) => f.id === 'pct_one_person_households')!.city).toMatchObject({ value: null, text: 'onbekend' });
	});

	test('the map holds the buurten, the facilities and accepted elements (not proposals), and alt text', () => {
		const { map } = nl.areaProfile;
		expect(map.buurten).toHaveLength(6);
		expect(map.points.filter((p) => p.kind === 'facility').length).toBeGreaterThan(0);
		expect(map.points.filter((p) => p.kind === 'element').map((p) => p.name)).toEqual([ACCEPTED_ELEMENT]);
		expect(JSON.stringify(map)).not.toContain(PROPOSED_ELEMENT);
		expect(map.alt).toMatch(/^Kaart van stadsdeel Zuid met de buurten Boschpoort, .* en Vroendaal\. De \d+ plekken zijn punten: /);
		expect(map.legend.reduce((sum, entry) => sum + entry.count, 0)).toBe(map.points.length);
	});

	test('syntheses: all eight questions, headed by the exact Dutch text', () => {
		expect(nl.syntheses.map((s) => s.question)).toEqual(QUESTIONS.map((q) => q.text.nl));
		expect(en.syntheses.map((s) => s.question)).toEqual(QUESTIONS.map((q) => q.text.en));
		expect(en.syntheses.map((s) => s.questionNl)).toEqual(QUESTIONS.map((q) => q.text.nl));
		expect(nl.syntheses[0].text).toContain('Heugem voelt als een dorp.');
		expect(nl.syntheses[2].text).toBe('');
		expect(nl.syntheses[1].cardCount).toBe(2);
	});

	test('hidden cards are left out, also as links from actions; hiding is per workshop', () => {
		const ids = nl.cards.map((c) => c.id);
		expect(ids).not.toContain(fixture.cardIds.hidden);
		expect(ids).toContain(fixture.cardIds.visible);
		expect(ids).toContain(fixture.cardIds.hiddenElsewhere);
		expect(JSON.stringify(nl)).not.toContain(HIDDEN_TEXT);
		const linked = nl.actions.find((a) => a.id === fixture.actionIds.linked)!;
		expect(linked.cardIds).toEqual([fixture.cardIds.visible]);
		const card = nl.cards.find((c) => c.id === fixture.cardIds.visible)!;
		expect(linked.cardRefs).toEqual([card.ref]);
		expect(card.actionRefs).toEqual([linked.ref]);
		expect(card.text).toBe(VISIBLE_TEXT);
	});

	test('a merged-away card is left out; the card it went into says so, counts each supporter once and takes its links', () => {
		expect(nl.cards.map((c) => c.id)).not.toContain(fixture.cardIds.merged);
		expect(JSON.stringify(nl)).not.toContain(MERGED_TEXT);
		const target = nl.cards.find((c) => c.id === fixture.cardIds.visible)!;
		// One person supported both cards, another only the duplicate: two people.
		// Two supporters: fewer than 3 people, so the number is not shown.
		expect(target).toMatchObject({ mergedCount: 1, plusOnes: null, plusOnesText: 'minder dan 3' });
		expect(nl.cards.filter((c) => c.id !== target.id).every((c) => c.mergedCount === 0)).toBe(true);
		// The action linked the duplicate and the target: one link to the target remains.
		expect(nl.actions.find((a) => a.id === fixture.actionIds.linked)!.cardIds).toEqual([target.id]);
		expect(nl.syntheses[1].cardCount).toBe(2);
	});

	test('cards are pseudonymised: no author, no names, numbered K001… by question', () => {
		// Fixed numbers in creation order (hidden and merged cards keep theirs too, so the shown ones have gaps).
		expect(nl.cards.every((c) => /^K\d{3,}$/.test(c.ref))).toBe(true);
		expect(new Set(nl.cards.map((c) => c.ref)).size).toBe(nl.cards.length);
		expect(nl.cards.map((c) => c.questionNumber)).toEqual([...nl.cards.map((c) => c.questionNumber)].sort());
		for (const card of nl.cards) expect(Object.keys(card).sort()).toEqual(['actionRefs', 'id', 'kind', 'mergedCount', 'plusOnes', 'plusOnesText', 'questionNumber', 'ref', 'text', 'themeIds', 'themes', 'workshop']);
		const everything = JSON.stringify([nl, en]);
		for (const name of [...SECRET_NAMES, 'Linde 12', 'Trajekt Jan']) expect(everything).not.toContain(name);
		const participantIds = fixture.context.db.prepare('SELECT id FROM participants').all() as { id: string }[];
		for (const { id } of participantIds) expect(everything).not.toContain(id);
	});

	test('themes: only themes with actions, each with the two action lists and the statements for residents, with totals', () => {
		expect(nl.themes.map((t) => t.themeId)).toEqual(['ontmoeten-eenzaamheid', 'cultuur']);
		for (const chapter of nl.themes) expect(chapter.lists.map((l) => l.label)).toEqual(ACTION_LISTS.filter((l) => l.id !== 'inwoners').map((l) => l.label.nl));
		expect(nl.themes.map((t) => t.totalText)).toEqual(['€ 20.000', '€ 0']);
		expect(nl.actionsTotal).toEqual({ euros: 20_000, text: '€ 20.000' });
		expect(nl.themes[0].lists[1].actionIds).toEqual([fixture.actionIds.linked]);
		expect(nl.themesWithoutActions).toHaveLength(8);
		expect(en.themes[0].lists.map((l) => l.label)).toEqual(ACTION_LISTS.filter((l) => l.id !== 'inwoners').map((l) => l.label.en));
	});

	test('the action table: theme order, refs A01…, formatted amounts', () => {
		expect(nl.actions.map((a) => [a.ref, a.theme, a.title, a.owner, a.quarter, a.amountEuros, a.amountText, a.budgetLine])).toEqual([
			['A01', 'Ontmoeten & eenzaamheid', 'Jongerenplek in Heugemerveld openen', 'Trajekt jongerenwerk', 'Q3 2026', 20_000, '€ 20.000', 'Subsidieregeling vrijwillige inzet'],
			['A02', 'Cultuur', '=SUM(A1)', '+31 43 350 0000', null, null, '', null]
		]);
		expect(en.actions[0].amountText).toBe('€ 20,000');
	});
});
