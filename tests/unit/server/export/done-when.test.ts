/**
 * Issue #14's "done when", on the fixture agenda: fixed numbers survive an added action, an added
 * card and a merge in every format; the PDF keeps Turkish, Polish, Greek, Cyrillic and Arabic; the
 * XLSX reads back with ExcelJS, one typed sheet per result and no formulas; a version export names
 * the version; no DOCX table column is narrower than its longest word at the table's font size.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { exportAgenda } from '../../../../src/lib/server/export/index.ts';
import { buildAgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { CELL_MARGIN_TWIPS, tableTextTwips } from '../../../../src/lib/server/export/docx.ts';
import { longestWord } from '../../../../src/lib/server/export/table-layout.ts';
import { layoutMap, MAP_MAX_WIDTH } from '../../../../src/lib/server/export/map-picture.ts';
import { takeVersion } from '../../../../src/lib/server/versions.ts';
import { docName } from '../../../../src/lib/sync/doc-names.ts';
import { addCard, listCards } from '../../../../src/lib/sync/agenda-schema.ts';
import { addAction } from '../../../../src/lib/sync/actions-schema.ts';
import { mergeCard } from '../../../../src/lib/sync/workshop-schema.ts';
import { ACCEPTED_ELEMENT, RESULTS, buildExportFixture, type ExportFixture } from './fixture.ts';
import { pdfText, readDocx, xmlText } from './read-back.ts';

let fixture: ExportFixture;
beforeAll(() => {
	fixture = buildExportFixture();
});
afterAll(() => fixture.close());

const SCRIPTS = ['Şükrü ve Ayşe çalışıyor', 'Zażółć gęślą jaźń', 'Καλημέρα κόσμε', 'Привет, соседи', 'مرحبا بالجيران'];

async function text(format: 'docx' | 'md' | 'json' | 'csv', what?: 'cards' | 'actions'): Promise<string> {
	const file = (await exportAgenda(fixture.context, fixture.agendaId, { format, locale: 'nl', csvKind: what }))!;
	return format === 'docx' ? readDocx(file.bytes).allText : new TextDecoder().decode(file.bytes);
}

describe('every question’s result', () => {
	test('DOCX, PDF, Markdown, JSON, XLSX and CSV each hold the result of questions 1–8, the statements and the totals', { timeout: 180_000 }, async () => {
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		expect(model.results.q1.keywords[0]).toEqual({ text: RESULTS.keyword, people: { count: 3, text: '3' } });
		expect(model.results.q4.ratings[0]).toMatchObject({ name: ACCEPTED_ELEMENT, verdict: 'Onder druk', reasons: [RESULTS.ratingReason] });
		expect(model.results.q8.ranking[0]).toMatchObject({ rank: 1, text: RESULTS.voteCard, dots: 7 });
		const expected = [
			RESULTS.keyword, // Q1
			model.results.q2.themes[0].theme, // Q2
			ACCEPTED_ELEMENT, // Q3
			RESULTS.ratingReason, // Q4
			RESULTS.developmentCard, // Q5
			'Nodig',
			RESULTS.efficiencyCard, // Q6
			'Combineren',
			RESULTS.weighingBuurt, // Q7
			RESULTS.voteCard, // Q8
			RESULTS.statement
		];
		const textual = [
			['docx', readDocx((await exportAgenda(fixture.context, fixture.agendaId, { format: 'docx', locale: 'nl' }))!.bytes).allText],
			['pdf', pdfText((await exportAgenda(fixture.context, fixture.agendaId, { format: 'pdf', locale: 'nl' }))!.bytes)],
			// Markdown as it reads: without its backslash escapes.
			['md', (await text('md')).replace(/\\(.)/g, '$1')],
			['json', await text('json')]
		] as const;
		for (const [format, body] of textual) {
			for (const item of expected) expect(body, `${format}: ${item}`).toContain(item);
			// Q7's amounts and the weighing total, and the total of the actions.
			for (const item of ['€ 60.000', RESULTS.weighingTotalText, '€ 20.000']) expect(body, `${format}: ${item}`).toContain(item);
		}
		// The statement for residents is not an action: not in the action table.
		expect(model.actions.map((a) => a.title)).not.toContain(RESULTS.statement);
		expect(model.themes[0].residentStatements).toEqual([RESULTS.statement]);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from((await exportAgenda(fixture.context, fixture.agendaId, { format: 'xlsx', locale: 'nl' }))!.bytes) as unknown as ArrayBuffer);
		const values = (name: string) => {
			const found: unknown[] = [];
			workbook.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => found.push(cell.value)));
			return found;
		};
		expect(values('V1 Trefwoorden')).toContain(RESULTS.keyword);
		expect(values('V1 Trefwoorden')).toContain(3);
		expect(values('V2 Behoeften')).toContain(model.results.q2.themes[0].theme);
		expect(values('V3 Elementen')).toContain(ACCEPTED_ELEMENT);
		// 3 × onder druk and 1 × ontbreekt: the 1 is suppressed and so is the 3 (4 − 3 = 1); the 4 raters are shown.
		expect(values('V4 Beoordelingen')).toContain(4);
		expect(values('V5 Ontwikkelingen')).toContain(RESULTS.developmentCard);
		expect(values('V6 Efficiëntie')).toContain(RESULTS.efficiencyCard);
		expect(values('V7 Afweging')).toContain(60_000);
		expect(values('V7 Afweging')).toContain(100_000);
		expect(values('V8 Stemming')).toContain(RESULTS.voteCard);
		for (const kind of ['keywords', 'needs', 'elements', 'ratings', 'developments', 'efficiency', 'weighing', 'vote'] as const) {
			const file = (await exportAgenda(fixture.context, fixture.agendaId, { format: 'csv', locale: 'nl', csvKind: kind }))!;
			expect(new TextDecoder().decode(file.bytes).split('\r\n').filter((line) => line !== '').length, kind).toBeGreaterThan(1);
		}
	});
});

describe('fixed reference numbers', () => {
	test('an added action, an added card and a merge leave every earlier number as it was, in every format', { timeout: 180_000 }, async () => {
		const before = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const refsBefore = new Map([...before.cards.map((c) => [c.id, c.ref] as const), ...before.actions.map((a) => [a.id, a.ref] as const)]);
		const agendaDoc = docName('agenda', fixture.agendaId);
		// An action in the first theme sorts before the others; a card on question 1 comes first in the appendix.
		fixture.context.liveDocs.change(agendaDoc, (doc) => {
			addAction(doc, { title: 'Nieuwe actie vooraan', themeId: 'ontmoeten-eenzaamheid', list: 'al', owner: 'Buurtteam', createdBy: 'staffuser0000001' }, Date.UTC(2026, 0, 1));
			addCard(doc, { questionNumber: 1, text: 'Een later kaartje bij vraag 1', themes: [], workshopId: fixture.workshopIds[0], author: { id: 'late', name: 'Laat', kind: 'participant' } }, Date.UTC(2026, 0, 1));
		});
		const cards = fixture.context.liveDocs.read(agendaDoc, (doc) => listCards(doc));
		const q1 = before.cards.filter((c) => c.questionNumber === 1);
		const other = before.cards.find((c) => c.questionNumber === 2 && c.mergedCount === 0)!;
		fixture.context.liveDocs.change(docName('workshop', fixture.workshopIds[0]), (doc) => mergeCard(doc, cards, q1[0].id, other.id));

		const after = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		for (const item of [...after.cards, ...after.actions]) if (refsBefore.has(item.id)) expect(item.ref).toBe(refsBefore.get(item.id));
		const added = after.actions.find((a) => a.title === 'Nieuwe actie vooraan')!;
		expect(Number(added.ref.slice(1))).toBe(before.actions.length + 1);
		const lateNumber = Number(after.cards.find((c) => c.text === 'Een later kaartje bij vraag 1')!.ref.slice(1));
		expect(Math.max(...before.cards.map((c) => Number(c.ref.slice(1))))).toBeLessThan(lateNumber);

		// The same numbers with the same texts in every format.
		const kept = after.cards.find((c) => c.id === other.id)!;
		for (const body of [await text('docx'), await text('md'), await text('json'), await text('csv', 'cards')]) expect(body).toContain(kept.ref);
		for (const body of [await text('docx'), await text('md'), await text('json'), await text('csv', 'actions')]) expect(body).toContain(added.ref);
		const pdf = pdfText((await exportAgenda(fixture.context, fixture.agendaId, { format: 'pdf', locale: 'nl' }))!.bytes);
		expect(pdf).toContain(kept.ref);
		expect(pdf).toContain(`${added.ref} Nieuwe actie vooraan`);
	});
});

describe('formats', () => {
	test('the PDF keeps Turkish, Polish, Greek, Cyrillic and Arabic exactly (pdftotext)', { timeout: 180_000 }, async () => {
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			for (const [i, line] of SCRIPTS.entries()) {
				addCard(doc, { questionNumber: 2, text: line, themes: [], workshopId: fixture.workshopIds[0], author: { id: `script${i}`, name: 'x', kind: 'participant' } });
			}
		});
		const pdf = pdfText((await exportAgenda(fixture.context, fixture.agendaId, { format: 'pdf', locale: 'nl' }))!.bytes);
		for (const line of SCRIPTS) expect(pdf).toContain(line);
	});

	test('the XLSX reads back with ExcelJS: a sheet per result, numbers as numbers, no formulas', { timeout: 180_000 }, async () => {
		const file = (await exportAgenda(fixture.context, fixture.agendaId, { format: 'xlsx', locale: 'nl' }))!;
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Acties', 'Kaartjes', 'V1 Trefwoorden', 'V2 Behoeften', 'V3 Elementen', 'V4 Beoordelingen', 'V5 Ontwikkelingen', 'V6 Efficiëntie', 'V7 Afweging', 'V8 Stemming']);
		const actions = workbook.getWorksheet('Acties')!;
		const cells: ExcelJS.Cell[] = [];
		workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
		expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
		const formulaTitle = cells.find((cell) => cell.value === '=SUM(A1)')!;
		expect(formulaTitle.type).toBe(ExcelJS.ValueType.String);
		const rows: ExcelJS.Row[] = [];
		actions.eachRow((row) => rows.push(row));
		expect(rows.find((row) => row.getCell(4).value === 'Jongerenplek in Heugemerveld openen')!.getCell(7).value).toBe(20_000);
		expect(workbook.getWorksheet('V3 Elementen')!.getRow(2).getCell(2).value).toBe('Jeu-de-boulesbaan Heugem');
	});

	test('no DOCX table column is narrower than its longest word at the table font size', { timeout: 180_000 }, async () => {
		const file = (await exportAgenda(fixture.context, fixture.agendaId, { format: 'docx', locale: 'nl' }))!;
		const xml = readDocx(file.bytes).documentXml;
		const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
		expect(tables.length).toBeGreaterThan(10);
		for (const table of tables) {
			const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
			for (const row of table.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)) {
				[...row[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].forEach((cell, i) => {
					const bold = /<w:b\/>/.test(cell[1]);
					const word = longestWord(xmlText(cell[1]));
					expect(tableTextTwips(word, bold) + 2 * CELL_MARGIN_TWIPS, `"${word}"`).toBeLessThanOrEqual(grid[i]);
				});
			}
		}
	});

	test('a named version is exported by name, with the workshops that fed it', { timeout: 180_000 }, async () => {
		const taken = takeVersion(fixture.context, fixture.agendaId, 'Na bewonersavond Heugem', null);
		if (!taken.ok) throw new Error(taken.reason);
		const file = (await exportAgenda(fixture.context, fixture.agendaId, { format: 'docx', locale: 'nl', versionId: taken.version.id }))!;
		expect(file.model.titlePage.version?.name).toBe('Na bewonersavond Heugem');
		const docx = readDocx(file.bytes);
		expect(docx.paragraphs.map((p) => p.text)).toContain('Versie: Na bewonersavond Heugem');
		expect(docx.allText).toContain('Bewonersavond Heugem, 12 maart 2026, Gemeenschapshuis Heugem');
		expect(await exportAgenda(fixture.context, fixture.agendaId, { format: 'md', locale: 'nl', versionId: 'nosuchversion' })).toBeNull();
	});

	test('counts of 1 or 2 people are in no format', { timeout: 180_000 }, async () => {
		const json = JSON.parse(await text('json'));
		const counts: number[] = [];
		const walk = (value: unknown, key = '') => {
			if (Array.isArray(value)) value.forEach((v) => walk(v, key));
			// The map legend counts places, not people.
			else if (value && typeof value === 'object') {
				for (const [k, v] of Object.entries(value)) if (k !== 'legend') walk(v, k);
			} else if (typeof value === 'number' && ['count', 'participantCount', 'plusOnes', 'voters'].includes(key)) counts.push(value);
		};
		walk(json);
		expect(counts.length).toBeGreaterThan(0);
		expect(counts.filter((n) => n === 1 || n === 2)).toEqual([]);
		expect(await text('md')).toContain('minder dan 3');
	});

	test('the map picture names every buurt, numbers every point as the table does, and puts detached Boschpoort in an inset', () => {
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const layout = layoutMap(model.areaProfile.map);
		const labels = layout.labels.map((label) => label.text);
		for (const buurt of model.areaProfile.buurten) expect(labels).toContain(buurt.name);
		expect(labels).toEqual(expect.arrayContaining(model.areaProfile.map.points.map((point) => String(point.number))));
		expect(layout.width).toBeLessThanOrEqual(MAP_MAX_WIDTH);
		// Framed to the buurten around each other: the inset's frame is the first area, and no place falls outside the picture.
		expect(layout.areas[0].fill).toBe('#ffffff');
		for (const symbol of layout.symbols) {
			expect(symbol.x).toBeGreaterThanOrEqual(0);
			expect(symbol.x).toBeLessThanOrEqual(layout.width);
			expect(symbol.y).toBeLessThanOrEqual(layout.height);
		}
	});
});
