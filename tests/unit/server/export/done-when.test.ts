/**
 * Issue #14's "done when", line by line, on the fixture agenda (every kind of result: keywords,
 * needs, accepted elements — one linked to a facility —, ratings, kinds, a recorded weighing, a dot
 * vote, actions and a statement for residents), read back from the written bytes as a person's
 * tools would: DOCX tables and XML parts, pdftotext, Markdown tables, parsed CSV, ExcelJS, JSON.
 *
 *  - each format holds each question's result and the actions;
 *  - fixed numbers: an added action, an added card and a merge leave every earlier number with its
 *    entry, in every format, and a merged-away number is not given again;
 *  - the PDF keeps Turkish, Polish, Greek, Cyrillic and Arabic exactly;
 *  - DOCX and XLSX are well-formed (every XML part through a real XML parser) and read back, also
 *    with text that holds characters XML forbids;
 *  - counts of 1 or 2 people are in no format;
 *  - a version export names the version, in every format that has a place for it;
 *  - no DOCX table column is narrower than its longest word (grid and font metrics, measured here).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import * as fontkit from 'fontkit';
import { exportAgenda, type ExportFormat } from '../../../../src/lib/server/export/index.ts';
import { buildAgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import type { CsvKind } from '../../../../src/lib/server/export/csv.ts';
import { layoutMap, MAP_MAX_WIDTH, SYMBOL_RADIUS } from '../../../../src/lib/server/export/map-picture.ts';
import { woffToSfnt } from '../../../../src/lib/server/export/fonts.ts';
import { takeVersion } from '../../../../src/lib/server/versions.ts';
import { docName } from '../../../../src/lib/sync/doc-names.ts';
import { addCard, listCards } from '../../../../src/lib/sync/agenda-schema.ts';
import { addAction } from '../../../../src/lib/sync/actions-schema.ts';
import { mergeCard } from '../../../../src/lib/sync/workshop-schema.ts';
import { parseCsv } from '../../../../src/lib/domain/csv.ts';
import { ACCEPTED_ELEMENT, LINKED_ELEMENT, RESULTS, VISIBLE_TEXT, buildExportFixture, type ExportFixture } from './fixture.ts';
import { checkXmlParts, cutWords, knownWords, markdownTables, pdfLayoutText, pdfText, readDocx, xlsxSheets, xmlText } from './read-back.ts';

let fixture: ExportFixture;
beforeAll(() => {
	fixture = buildExportFixture();
});
afterAll(() => fixture.close());

const SCRIPTS = ['Şükrü ve Ayşe çalışıyor', 'Zażółć gęślą jaźń', 'Καλημέρα κόσμε', 'Привет, соседи', 'مرحبا بالجيران'];
const ACTION_TITLE = 'Jongerenplek in Heugemerveld openen';

async function bytesOf(format: ExportFormat, options: { csvKind?: CsvKind; versionId?: string } = {}): Promise<Uint8Array> {
	return (await exportAgenda(fixture.context, fixture.agendaId, { format, locale: 'nl', ...options }))!.bytes;
}
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A CSV as rows of cells (header first), with the ' that guards a formula taken off again. */
function csvRows(text: string): string[][] {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(parsed.reason);
	return [parsed.header.cells, ...parsed.rows.map((row) => row.cells)].map((cells) => cells.map((cell) => cell.replace(/^'(?=[=+\-@])/, '')));
}

describe('every question’s result', () => {
	test('DOCX, PDF, Markdown and JSON each hold the result of questions 1–8, the statements, the actions and the totals', { timeout: 180_000 }, async () => {
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		expect(model.results.q1.keywords[0]).toEqual({ text: RESULTS.keyword, people: { count: 3, text: '3' } });
		expect(model.results.q4.ratings[0]).toMatchObject({ name: ACCEPTED_ELEMENT, verdict: 'Onder druk', reasons: [RESULTS.ratingReason] });
		expect(model.results.q8.ranking[0]).toMatchObject({ rank: 1, text: RESULTS.voteCard, dots: 7 });
		const action = model.actions.find((a) => a.title === ACTION_TITLE)!;
		const weighing = model.results.q7.weighing!;
		const expected = [
			'Zuid is groen en divers.', // Q1: the character, as the group wrote it
			RESULTS.keyword,
			model.results.q2.themes[0].theme, // Q2
			ACCEPTED_ELEMENT, // Q3, and one linked to a facility
			LINKED_ELEMENT,
			fixture.linkedFacilityName,
			'Fysieke infrastructuur',
			RESULTS.ratingReason, // Q4
			'Onder druk',
			RESULTS.developmentCard, // Q5
			'Nodig',
			RESULTS.efficiencyCard, // Q6
			'Combineren',
			RESULTS.weighingBuurt, // Q7: buurt, weight, need index, euros, total
			weighing.weights[0].label,
			'€ 60.000',
			RESULTS.weighingTotalText,
			RESULTS.voteCard, // Q8
			RESULTS.statement, // what it means for residents
			ACTION_TITLE, // the actions, their owner and the total
			'Trajekt jongerenwerk',
			'€ 20.000'
		];
		const textual = [
			['docx', readDocx(await bytesOf('docx')).allText],
			['pdf', pdfText(await bytesOf('pdf'))],
			// Markdown as it reads: without its backslash escapes.
			['md', decode(await bytesOf('md')).replace(/\\(.)/g, '$1')],
			['json', decode(await bytesOf('json'))]
		] as const;
		for (const [format, body] of textual) {
			for (const item of expected) expect(body, `${format}: ${item}`).toContain(item);
			// The need index as a number people read (JSON has it as text too) and the action's number.
			expect(body, `${format}: need index`).toContain('0,80');
			expect(body, `${format}: ${action.ref}`).toContain(action.ref);
		}
		// The statement for residents is not an action: not in the action table.
		expect(model.actions.map((a) => a.title)).not.toContain(RESULTS.statement);
		expect(model.themes[0].residentStatements).toEqual([RESULTS.statement]);
		// Q7's method in two sentences and the formula as an appendix, in the documents.
		expect(weighing.method).toHaveLength(2);
		const docxParagraphs = readDocx(await bytesOf('docx')).paragraphs;
		const appendix = docxParagraphs.findIndex((p) => p.style === 'Heading1' && p.text === 'Bijlage: de rekenregels van de afweging');
		expect(appendix).toBeGreaterThan(0);
		expect(docxParagraphs.slice(appendix + 1).map((p) => p.text)).toEqual(expect.arrayContaining(weighing.formula.filter((line) => line !== '')));
	});

	test('the CSV of each result and the XLSX sheet of each result hold that result as typed rows', { timeout: 180_000 }, async () => {
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const development = model.cards.find((c) => c.text === RESULTS.developmentCard)!;
		const efficiency = model.cards.find((c) => c.text === RESULTS.efficiencyCard)!;
		const vote = model.cards.find((c) => c.text === RESULTS.voteCard)!;
		const action = model.actions.find((a) => a.title === ACTION_TITLE)!;
		// What each result's table must hold, row by row, as text (CSV) and as typed values (XLSX).
		const wanted: [CsvKind, string, (string | number | null)[]][] = [
			['keywords', 'V1 Trefwoorden', [RESULTS.keyword, 3]],
			['needs', 'V2 Behoeften', [model.results.q2.themes[2].theme, 1, 0, model.results.q2.themes[2].cardRefs.join(', ')]],
			['elements', 'V3 Elementen', ['Fysieke infrastructuur', LINKED_ELEMENT, 'Ontmoetingsplek', 'ouderen', fixture.linkedFacilityName, model.results.q3.layers[2].elements[1].buurtName]],
			// 3 × onder druk and 1 × ontbreekt of 4 raters: the 1 is suppressed, and so is the 3 (4 − 0 − 1).
			['ratings', 'V4 Beoordelingen', [ACCEPTED_ELEMENT, 4, 0, null, null, 'Onder druk', RESULTS.ratingReason]],
			['developments', 'V5 Ontwikkelingen', [development.ref, RESULTS.developmentCard, 'Nodig']],
			['efficiency', 'V6 Efficiëntie', [efficiency.ref, RESULTS.efficiencyCard, 'Combineren']],
			['weighing', 'V7 Afweging', [RESULTS.weighingBuurt, 1000, 0.8, 100, 60_000]],
			['weighing', 'V7 Afweging', ['Totaal', null, null, null, 100_000]],
			['weighing', 'V7 Afweging', [weighing(model).weights[0].label, weighing(model).weights[0].weight]],
			['vote', 'V8 Stemming', [1, vote.ref, RESULTS.voteCard, 7]],
			['actions', 'Acties', [action.ref, 'Ontmoeten & eenzaamheid', 'Waar zetten we extra op in', ACTION_TITLE, 'Trajekt jongerenwerk', 'Q3 2026', 20_000]]
		];
		const sheets = await xlsxSheets(await bytesOf('xlsx'));
		for (const [kind, sheetName, row] of wanted) {
			const csv = csvRows(decode(await bytesOf('csv', { csvKind: kind })));
			const asText = row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? String(cell).replace('.', ',') : cell));
			expect(
				csv.some((cells) => asText.every((cell, i) => cells[i] === cell)),
				`${kind} CSV has ${asText.join(';')}`
			).toBe(true);
			const rows = sheets.get(sheetName)!;
			expect(
				rows.some((cells) => row.every((cell, i) => (cells[i] ?? null) === cell)),
				`${sheetName} has ${JSON.stringify(row)} as typed cells`
			).toBe(true);
		}
	});
});

function weighing(model: ReturnType<typeof buildAgendaExport>) {
	return model!.results.q7.weighing!;
}

/** Every K and A number a format shows, with the text it shows beside it. */
async function numbersIn(format: 'docx' | 'md' | 'json' | 'csv' | 'xlsx'): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	const add = (ref: unknown, text: unknown) => {
		if (typeof ref === 'string' && /^[KA]\d{2,}$/.test(ref) && typeof text === 'string' && !found.has(ref)) found.set(ref, text);
	};
	// A table row that starts with a number: a card's text is the next cell, and so is an action's title
	// in the documents' action table (the CSV and the sheet have the theme before it).
	const fromRows = (rows: unknown[][], actionTitleAt: number) => {
		for (const row of rows) add(row[0], String(row[0]).startsWith('A') ? row[actionTitleAt] : row[1]);
	};
	switch (format) {
		case 'docx':
			for (const table of readDocx(await bytesOf('docx')).tables) fromRows(table.rows, 1);
			break;
		case 'md':
			for (const table of markdownTables(decode(await bytesOf('md')))) fromRows(table, 1);
			break;
		case 'json': {
			const document = JSON.parse(decode(await bytesOf('json')));
			for (const card of document.cards) add(card.ref, card.text);
			for (const action of document.actions) add(action.ref, action.title);
			break;
		}
		case 'csv':
			fromRows(csvRows(decode(await bytesOf('csv', { csvKind: 'cards' }))).map((row) => [row[0], row[2]]), 1);
			fromRows(csvRows(decode(await bytesOf('csv', { csvKind: 'actions' }))), 3);
			break;
		case 'xlsx': {
			const sheets = await xlsxSheets(await bytesOf('xlsx'));
			fromRows(sheets.get('Kaartjes')!.map((row) => [row[0], row[2]]), 1);
			fromRows(sheets.get('Acties')!, 3);
			break;
		}
	}
	return found;
}

describe('fixed reference numbers', () => {
	test('an added action, an added card and a merge leave every earlier number with its entry, in every format', { timeout: 300_000 }, async () => {
		const formats = ['docx', 'md', 'json', 'csv', 'xlsx'] as const;
		const before = new Map(await Promise.all(formats.map(async (format) => [format, await numbersIn(format)] as const)));
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const pdfBefore = pdfText(await bytesOf('pdf'));
		// Every card and action is numbered in every table format (the JSON is the model as it is).
		for (const format of formats) {
			for (const entry of [...model.cards, ...model.actions]) expect(before.get(format)!.has(entry.ref), `${format} before: ${entry.ref}`).toBe(true);
		}

		const agendaDoc = docName('agenda', fixture.agendaId);
		// An action in the first theme sorts before the others; a card on question 1 comes first in the appendix.
		fixture.context.liveDocs.change(agendaDoc, (doc) => {
			addAction(doc, { title: 'Nieuwe actie vooraan', themeId: 'ontmoeten-eenzaamheid', list: 'al', owner: 'Buurtteam', createdBy: 'staffuser0000001' }, Date.UTC(2026, 0, 1));
			addCard(doc, { questionNumber: 1, text: 'Een later kaartje bij vraag 1', themes: [], workshopId: fixture.workshopIds[0], author: { id: 'late', name: 'Laat', kind: 'participant' } }, Date.UTC(2026, 0, 1));
		});
		const cards = fixture.context.liveDocs.read(agendaDoc, (doc) => listCards(doc));
		// Two earlier cards of the same question and workshop: the second goes into the first.
		const kept = model.cards.find((c) => c.text === VISIBLE_TEXT)!;
		const mergedAway = model.cards.find((c) => c.text.startsWith('Hulp bij formulieren'))!;
		let merged: ReturnType<typeof mergeCard> | null = null;
		fixture.context.liveDocs.change(docName('workshop', fixture.workshopIds[0]), (doc) => {
			merged = mergeCard(doc, cards, mergedAway.id, kept.id);
		});
		expect(merged).toMatchObject({ ok: true });

		const after = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		expect(after.cards.find((c) => c.id === kept.id)!.mergedCount).toBe(kept.mergedCount + 1);
		expect(after.cards.map((c) => c.id)).not.toContain(mergedAway.id);
		const added = after.actions.find((a) => a.title === 'Nieuwe actie vooraan')!;
		const late = after.cards.find((c) => c.text === 'Een later kaartje bij vraag 1')!;
		// New entries get new numbers, after every number given before.
		expect(Number(added.ref.slice(1))).toBe(model.actions.length + 1);
		expect(Number(late.ref.slice(1))).toBeGreaterThan(Math.max(...model.cards.map((c) => Number(c.ref.slice(1)))));

		for (const format of formats) {
			const now = await numbersIn(format);
			for (const [ref, text] of before.get(format)!) {
				if (ref === mergedAway.ref) {
					// The merged-away card is gone, and its number is not given to anything else.
					expect(now.has(ref), `${format}: ${ref} after the merge`).toBe(false);
					continue;
				}
				// The card it went into says how many cards are in it: one more now.
				const withoutNote = (value: string) => value.replace(/ \(\d+ kaartjes? samengevoegd\)$/, '');
				expect(now.get(ref), `${format}: ${ref}`).toBeDefined();
				expect(withoutNote(now.get(ref)!), `${format}: ${ref}`).toBe(withoutNote(text));
			}
			expect(now.get(added.ref), format).toBe('Nieuwe actie vooraan');
			expect(now.get(late.ref), format).toBe('Een later kaartje bij vraag 1');
		}
		// The PDF: each action's number still stands before its title, as before, and the new one has its own.
		const pdfAfter = pdfText(await bytesOf('pdf'));
		for (const action of model.actions) {
			expect(pdfBefore).toContain(`${action.ref} ${action.title}`);
			expect(pdfAfter).toContain(`${action.ref} ${action.title}`);
		}
		expect(pdfAfter).toContain(`${added.ref} Nieuwe actie vooraan`);
		expect(pdfAfter).toContain(late.ref);
		expect(pdfAfter).toContain(kept.ref);
	});
});

describe('formats', () => {
	test('the PDF keeps Turkish, Polish, Greek, Cyrillic and Arabic exactly (pdftotext), in a card and in an action', { timeout: 180_000 }, async () => {
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			for (const [i, line] of SCRIPTS.entries()) {
				addCard(doc, { questionNumber: 2, text: line, themes: [], workshopId: fixture.workshopIds[0], author: { id: `script${i}`, name: 'x', kind: 'participant' } });
			}
			// An Arabic action title vanished from the old PDF.
			addAction(doc, { title: SCRIPTS[4], themeId: 'cultuur', list: 'extra', owner: SCRIPTS[0], createdBy: 'staffuser0000001' });
		});
		const pdf = pdfText(await bytesOf('pdf'));
		for (const line of SCRIPTS) expect(pdf).toContain(line);
		const action = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!.actions.find((a) => a.title === SCRIPTS[4])!;
		expect(pdf).toContain(action.ref);
	});

	test('no word of the PDF is cut in the middle: every word of every card, action and area figure is whole in pdftotext', { timeout: 180_000 }, async () => {
		// Since the test above, an action whose owner is Turkish: PDFKit's own wrapping cut "çalış|ıyor"
		// where the font changes (ş and ı are in Noto's latin-ext subset).
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const text = ` ${pdfText(await bytesOf('pdf'))} `;
		const tokens = new Set(text.split(' '));
		const texts = [
			...model.cards.flatMap((c) => [c.text, ...c.themes, c.workshop ?? '']),
			...model.actions.flatMap((a) => [a.title, a.owner, a.theme, a.budgetLine ?? '', a.quarter ?? '']),
			...model.areaProfile.figures.flatMap((f) => [f.label, f.source, ...f.values.map((v) => v.text)]),
			...model.process.workshops.flatMap((w) => [w.title, w.place ?? ''])
		];
		// Arabic comes out of pdftotext in its own order; Latin, Greek and Cyrillic words as they are.
		const words = [...new Set(texts.flatMap((text) => text.split(/\s+/)).filter((word) => word.length >= 4 && !/[\u0600-\u06FF]/.test(word)))];
		expect(words.length).toBeGreaterThan(100);
		expect(words).toContain('çalışıyor');
		expect(words.filter((word) => !tokens.has(word))).toEqual([]);
		// And nowhere in two pieces, as a cell's two lines read ("çalış ıyor").
		const cut = cutWords(text, words, knownWords(model));
		expect(cut).toEqual([]);
	});

	test('DOCX and XLSX are well-formed in every XML part and read back, also with characters XML forbids in the text', { timeout: 180_000 }, async () => {
		const forbidden = 'Bel\u0001 ons\u000B op\uFFFE 043\uFFFF 350\uD800 0000';
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			addCard(doc, { questionNumber: 3, text: forbidden, themes: [], workshopId: fixture.workshopIds[0], author: { id: 'ctrl', name: 'x', kind: 'participant' } });
			addAction(doc, { title: `Actie ${forbidden}`, themeId: 'cultuur', list: 'al', owner: 'Bibliotheek\u0007', createdBy: 'staffuser0000001' });
		});
		const clean = 'Bel ons op 043 350 0000';
		const docx = await bytesOf('docx');
		const xlsx = await bytesOf('xlsx');
		for (const [format, bytes] of [['docx', docx], ['xlsx', xlsx]] as const) {
			const { checked, malformed } = checkXmlParts(bytes);
			expect(checked, format).toBeGreaterThanOrEqual(format === 'docx' ? 8 : 12);
			expect(malformed, format).toEqual([]);
		}
		// Read back: the DOCX's tables, and the XLSX with ExcelJS, hold the text without the forbidden characters.
		const cardRow = readDocx(docx).tables.flatMap((t) => t.rows).find((row) => row[1] === clean);
		expect(cardRow).toBeDefined();
		expect(readDocx(docx).tables.flatMap((t) => t.rows).some((row) => row[1] === `Actie ${clean}` && row[2] === 'Bibliotheek')).toBe(true);
		const sheets = await xlsxSheets(xlsx);
		expect(sheets.get('Kaartjes')!.some((row) => row[2] === clean)).toBe(true);
		expect(sheets.get('Acties')!.some((row) => row[3] === `Actie ${clean}` && row[4] === 'Bibliotheek')).toBe(true);
		// A lone surrogate would come out of the UTF-8 as U+FFFD.
		const forbiddenIn = (text: string) =>
			Array.from(text).filter((char) => {
				const code = char.codePointAt(0)!;
				return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffd || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff);
			});
		for (const format of ['md', 'json', 'csv'] as const) expect(forbiddenIn(decode(await bytesOf(format, format === 'csv' ? { csvKind: 'cards' } : {}))), format).toEqual([]);
	});

	test('the XLSX reads back with ExcelJS: a sheet per result, numbers as numbers, no formulas', { timeout: 180_000 }, async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(await bytesOf('xlsx')) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual([
			'Acties',
			'Kaartjes',
			'V1 Trefwoorden',
			'V2 Behoeften',
			'V3 Elementen',
			'V4 Beoordelingen',
			'V5 Ontwikkelingen',
			'V6 Efficiëntie',
			'V7 Afweging',
			'V8 Stemming',
			'Over dit bestand'
		]);
		const actions = workbook.getWorksheet('Acties')!;
		const cells: ExcelJS.Cell[] = [];
		workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
		expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
		const formulaTitle = cells.find((cell) => cell.value === '=SUM(A1)')!;
		expect(formulaTitle.type).toBe(ExcelJS.ValueType.String);
		const rows: ExcelJS.Row[] = [];
		actions.eachRow((row) => rows.push(row));
		expect(rows.find((row) => row.getCell(4).value === ACTION_TITLE)!.getCell(7).value).toBe(20_000);
		expect(workbook.getWorksheet('V3 Elementen')!.getRow(2).getCell(2).value).toBe('Jeu-de-boulesbaan Heugem');
	});

	test('no DOCX table column is narrower than its longest word at the table’s font size (grid, cell margins and Noto Sans metrics)', { timeout: 180_000 }, async () => {
		const xml = readDocx(await bytesOf('docx')).documentXml;
		// Measured here with fontkit on the shipped Noto Sans, which is wider than the document's Calibri
		// (and LibreOffice's Carlito): a word that fits in Noto Sans fits in them. Character by character,
		// each in the first subset that has it, without kerning (which only makes a word narrower).
		const require = createRequire(import.meta.url);
		const subsets = ['latin', 'latin-ext', 'greek', 'cyrillic'];
		const open = (file: string) => fontkit.create(woffToSfnt(fs.readFileSync(require.resolve(file))));
		const fonts = Object.fromEntries(
			([400, 700] as const).map((weight) => [
				weight,
				[...subsets.map((subset) => open(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`)), open(`@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-${weight}-normal.woff`)]
			])
		) as Record<400 | 700, fontkit.Font[]>;
		const widthTwips = (word: string, bold: boolean, halfPoints: number) => {
			let units = 0;
			for (const char of Array.from(word)) {
				const font = fonts[bold ? 700 : 400].find((f) => f.hasGlyphForCodePoint(char.codePointAt(0)!)) ?? fonts[bold ? 700 : 400][0];
				units += (font.layout(char).advanceWidth / font.unitsPerEm) * 1000;
			}
			return (units / 1000) * (halfPoints / 2) * 20;
		};
		const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
		expect(tables.length).toBeGreaterThan(10);
		let cellsChecked = 0;
		for (const table of tables) {
			const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
			// Word's default cell margins are 108 twips left and right, unless the table sets its own.
			const margin = (side: 'left' | 'right') => Number(new RegExp(`<w:tblCellMar>(?:(?!</w:tblCellMar>)[\\s\\S])*?<w:${side}\\b[^>]*\\bw:w="(\\d+)"`).exec(table)?.[1] ?? 108);
			const margins = margin('left') + margin('right');
			expect(margins).toBeGreaterThan(0);
			for (const row of table.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)) {
				[...row[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].forEach((cell, i) => {
					expect(/<w:gridSpan/.test(cell[1]), 'no merged cells').toBe(false);
					for (const run of cell[1].matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)) {
						const bold = /<w:b\/>|<w:b w:val="(true|1)"\/>/.test(run[1]);
						const halfPoints = Number(/<w:sz w:val="(\d+)"\/>/.exec(run[1])?.[1] ?? 22);
						for (const word of xmlText(run[1]).split(/\s+/).filter((w) => w !== '')) {
							expect(widthTwips(word, bold, halfPoints) + margins, `"${word}" in a column of ${grid[i]} twips`).toBeLessThanOrEqual(grid[i]);
						}
					}
					cellsChecked++;
				});
			}
		}
		expect(cellsChecked).toBeGreaterThan(200);
	});

	test('a named version is exported by name, with the workshops that fed it, in every format; what came after it is not in it', { timeout: 180_000 }, async () => {
		const taken = takeVersion(fixture.context, fixture.agendaId, 'Na bewonersavond Heugem', null);
		if (!taken.ok) throw new Error(taken.reason);
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			addAction(doc, { title: 'Actie na de versie', themeId: 'cultuur', list: 'al', owner: 'Later', createdBy: 'staffuser0000001' });
		});
		const versionId = taken.version.id;
		const name = 'Na bewonersavond Heugem';
		const fedBy = 'Bewonersavond Heugem, 12 maart 2026, Gemeenschapshuis Heugem';
		const file = (await exportAgenda(fixture.context, fixture.agendaId, { format: 'docx', locale: 'nl', versionId }))!;
		expect(file.model.titlePage.version?.name).toBe(name);
		expect(file.fileName).toBe('sociale-agenda-zuid-2026-na-bewonersavond-heugem.docx');
		const docx = readDocx(file.bytes);
		expect(docx.paragraphs.map((p) => p.text)).toContain(`Versie: ${name}`);
		expect(docx.allText).toContain(fedBy);
		expect(docx.allText).not.toContain('Actie na de versie');
		const pdf = pdfText(await bytesOf('pdf', { versionId }));
		expect(pdf).toContain(`Versie: ${name}`);
		expect(pdf).toContain(fedBy);
		expect(pdf).not.toContain('Actie na de versie');
		const md = decode(await bytesOf('md', { versionId }));
		expect(md).toContain(`version: "${name}"`);
		expect(md.replace(/\\(.)/g, '$1')).toContain(fedBy);
		const json = JSON.parse(decode(await bytesOf('json', { versionId })));
		expect(json.titlePage.version).toMatchObject({ id: versionId, name });
		expect(json.actions.map((a: { title: string }) => a.title)).not.toContain('Actie na de versie');
		const about = (await xlsxSheets(await bytesOf('xlsx', { versionId }))).get('Over dit bestand')!;
		expect(about).toContainEqual(['Versie', name]);
		expect(about.map((row) => row[1])).toContain(fedBy);
		// The CSV is one table: the version is in its file name.
		expect((await exportAgenda(fixture.context, fixture.agendaId, { format: 'csv', locale: 'nl', versionId }))!.fileName).toBe('sociale-agenda-zuid-2026-na-bewonersavond-heugem.csv');
		// The current state has it; a version that does not exist is no export at all.
		expect(decode(await bytesOf('md'))).toContain('Actie na de versie');
		expect(await exportAgenda(fixture.context, fixture.agendaId, { format: 'md', locale: 'nl', versionId: 'nosuchversion' })).toBeNull();
	});

	test('counts of 1 or 2 people are in no format', { timeout: 180_000 }, async () => {
		// The fixture has them: 1 person at the partner table, 1 partner, 2 supporters of a card, 1 rating "ontbreekt".
		const peopleColumns = new Set(['Deelnemers', 'Aantal', 'Genoemd door', 'Aantal +1', '+1', 'Beoordeeld door', 'Goed', 'Onder druk', 'Ontbreekt']);
		const smallIn = (tables: unknown[][][]) => {
			const small: string[] = [];
			let cells = 0;
			for (const [header, ...rows] of tables) {
				header.forEach((title, column) => {
					if (!peopleColumns.has(String(title))) return;
					for (const row of rows) {
						cells++;
						if (row[column] === 1 || row[column] === 2 || row[column] === '1' || row[column] === '2') small.push(`${title}: ${JSON.stringify(row)}`);
					}
				});
			}
			return { small, cells };
		};
		const docxTables = readDocx(await bytesOf('docx')).tables.map((t) => t.rows);
		const mdTables = markdownTables(decode(await bytesOf('md')));
		const sheets = [...(await xlsxSheets(await bytesOf('xlsx'))).values()];
		const csvTables = await Promise.all((['cards', 'keywords', 'needs', 'ratings'] as const).map(async (kind) => csvRows(decode(await bytesOf('csv', { csvKind: kind })))));
		for (const [format, tables] of [['docx', docxTables], ['md', mdTables], ['xlsx', sheets], ['csv', csvTables]] as const) {
			const { small, cells } = smallIn(tables as unknown[][][]);
			expect(cells, `${format}: count cells seen`).toBeGreaterThan(10);
			expect(small, format).toEqual([]);
		}
		// Where they are, the documents say so instead.
		expect(docxTables.flat()).toContainEqual(['Partnertafel', '19 maart 2026, 19:30', 'plaats onbekend', 'minder dan 3']);
		expect(mdTables.flat()).toContainEqual(['Partnertafel', '19 maart 2026, 19:30', 'plaats onbekend', 'minder dan 3']);
		const pdf = pdfLayoutText(await bytesOf('pdf'));
		expect(pdf).toMatch(/Partnertafel\s+19 maart 2026, 19:30\s+plaats onbekend\s+minder dan 3/);
		expect(pdf).toMatch(/\n\s*Partner\s+minder dan 3/);
		expect(pdf).not.toMatch(/Partnertafel\s+19 maart 2026, 19:30\s+plaats onbekend\s+[12]\s/);

		const json = JSON.parse(decode(await bytesOf('json')));
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
	});

	test('the map picture names every buurt, numbers every point as the table does, keeps symbols and numbers apart, and puts detached Boschpoort in an inset', () => {
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const layout = layoutMap(model.areaProfile.map);
		const labels = layout.labels.map((label) => label.text);
		for (const buurt of model.areaProfile.buurten) expect(labels).toContain(buurt.name);
		const numbers = model.areaProfile.map.points.map((point) => String(point.number));
		expect(labels).toEqual(expect.arrayContaining(numbers));
		expect(layout.width).toBeLessThanOrEqual(MAP_MAX_WIDTH);
		// Framed to the buurten around each other: the inset's frame is the first area, and no place falls outside the picture.
		expect(layout.areas[0].fill).toBe('#ffffff');
		for (const symbol of layout.symbols) {
			expect(symbol.x).toBeGreaterThanOrEqual(0);
			expect(symbol.x).toBeLessThanOrEqual(layout.width);
			expect(symbol.y).toBeLessThanOrEqual(layout.height);
		}
		// The shipped facilities of Zuid include places a few metres apart: no two symbols touch.
		for (const [i, a] of layout.symbols.entries()) {
			for (const b of layout.symbols.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * SYMBOL_RADIUS + 2);
		}
		// No number covers a symbol or another number.
		const numberLabels = layout.labels.filter((label) => numbers.includes(label.text) && !model.areaProfile.buurten.some((b) => b.name === label.text));
		const box = (x: number, y: number, w: number, h: number) => [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
		const overlap = (a: number[], b: number[]) => Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 0.5 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0.5;
		const numberBoxes = numberLabels.map((label) => box(label.x, label.y, label.text.length * label.size * 0.6, label.size));
		for (const [i, a] of numberBoxes.entries()) {
			for (const symbol of layout.symbols) expect(overlap(a, box(symbol.x, symbol.y, 2 * SYMBOL_RADIUS, 2 * SYMBOL_RADIUS)), `number ${numberLabels[i].text}`).toBe(false);
			for (const b of numberBoxes.slice(i + 1)) expect(overlap(a, b), `number ${numberLabels[i].text}`).toBe(false);
		}
	});
});
