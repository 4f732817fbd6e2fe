import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAgendaExport, type AgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { writeDocx } from '../../../../src/lib/server/export/docx.ts';
import { writePdf } from '../../../../src/lib/server/export/pdf.ts';
import { escapeMarkdown, writeMarkdown } from '../../../../src/lib/server/export/markdown.ts';
import { writeCsv } from '../../../../src/lib/server/export/csv.ts';
import { writeJson } from '../../../../src/lib/server/export/json.ts';
import { exportAgenda, exportFileName, parseExportRequest } from '../../../../src/lib/server/export/index.ts';
import { parseCsv } from '../../../../src/lib/domain/csv.ts';
import { QUESTIONS } from '../../../../src/lib/domain/questions.ts';
import { FORMULA_TITLE, VISIBLE_TEXT, buildExportFixture, type ExportFixture } from './fixture.ts';
import { pdfText, readDocx, type DocxContent } from './read-back.ts';
import { validate } from './json-schema-subset.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../../../static/schemas/agenda-export.v3.json', import.meta.url));

let fixture: ExportFixture;
let nl: AgendaExport;
let en: AgendaExport;

beforeAll(() => {
	fixture = buildExportFixture();
	const now = new Date('2026-04-01T10:00:00Z');
	nl = buildAgendaExport(fixture.context, fixture.agendaId, 'nl', { now })!;
	en = buildAgendaExport(fixture.context, fixture.agendaId, 'en', { now })!;
});
afterAll(() => fixture.close());

describe('DOCX', () => {
	let docx: DocxContent;
	beforeAll(async () => {
		docx = readDocx(await writeDocx(nl));
	});

	test('Dutch document language, title in the properties', () => {
		expect(docx.files.get('word/styles.xml')!.toString()).toMatch(/<w:rPrDefault><w:rPr>.*<w:lang w:val="nl-NL"\/>/);
		expect(docx.files.get('docProps/core.xml')!.toString()).toContain('<dc:title>Sociale agenda Zuid 2026</dc:title>');
	});

	test('structure in real Title / Heading 1 / Heading 2 / Heading 3 styles', () => {
		const styled = (style: string) => docx.paragraphs.filter((p) => p.style === style).map((p) => p.text);
		expect(styled('Title')).toEqual(['Sociale agenda Zuid 2026']);
		// The contents' own heading is Word's "TOC Heading": not an outline level, so the contents do not list themselves.
		expect(styled('TOCHeading')).toEqual(['Inhoud']);
		expect(styled('Heading1')).toEqual([
			'Hoe is deze agenda gemaakt?',
			'Het gebied in cijfers',
			'Samenvatting per vraag',
			'Uitkomsten per vraag',
			'Wat gaan we doen? Acties per thema',
			'Overzicht van de acties',
			'Bijlage: alle kaartjes',
			'Bijlage: de rekenregels van de afweging'
		]);
		const h2 = styled('Heading2');
		for (const question of QUESTIONS) expect(h2).toContain(`${question.number}. ${question.text.nl}`);
		expect(h2).toContain('Ontmoeten & eenzaamheid');
		expect(styled('Heading3')).toContain('Waar zetten we extra op in');
		// Headings come in order: no Heading 2 before the first Heading 1.
		const levels = docx.paragraphs.map((p) => p.style).filter((s) => s?.startsWith('Heading'));
		expect(levels[0]).toBe('Heading1');
	});

	test('the action table is a real table with a marked header row, by theme: its name, its actions, its total', () => {
		const table = docx.tables.find((t) => t.rows[0]?.includes('Begrotingspost'))!;
		expect(table.headerRowMarked).toBe(true);
		expect(table.rows[0]).toEqual(['Nr.', 'Actie', 'Wie doet het', 'Wanneer', 'Bedrag', 'Begrotingspost', 'Kaartjes']);
		const card = nl.cards.find((c) => c.text === VISIBLE_TEXT)!;
		expect(table.rows.slice(1)).toEqual([
			['', 'Ontmoeten & eenzaamheid', '', '', '', '', ''],
			['A01', 'Jongerenplek in Heugemerveld openen', 'Trajekt jongerenwerk', 'Q3 2026', '€ 20.000', 'Subsidieregeling vrijwillige inzet', card.ref],
			['', 'Totaal Ontmoeten & eenzaamheid', '', '', '€ 20.000', '', ''],
			['', 'Cultuur', '', '', '', '', ''],
			['A02', FORMULA_TITLE, '+31 43 350 0000', 'nog niet gepland', '-', '-', ''],
			['', 'Totaal Cultuur', '', '', '€ 0', '', ''],
			['', 'Totaal van alle acties', '', '', '€ 20.000', '', '']
		]);
		// Seven columns, each at least its longest word, fit a portrait page: no landscape section for it
		// (nor for the area table, which is printed in two portrait parts: page-layout.test.ts).
		expect(docx.documentXml.match(/w:orient="landscape"/g) ?? []).toHaveLength(0);
	});

	test('an action table whose long words do not fit a portrait page gets a landscape section of its own', async () => {
		const wide = {
			...nl,
			actions: nl.actions.map((a, i) => (i === 0 ? { ...a, owner: 'Wijkontwikkelingsmaatschappijvertegenwoordiging', budgetLine: 'Programmabegrotingstaakveldonderverdeling' } : a))
		};
		const xml = readDocx(await writeDocx(wide)).documentXml;
		expect(xml.match(/w:orient="landscape"/g)).toHaveLength(1);
		expect(xml).toContain('Wijkontwikkelingsmaatschappijvertegenwoordiging');
	});

	test('the cards appendix holds a card’s text, traceable by its number', () => {
		const card = nl.cards.find((c) => c.text === VISIBLE_TEXT)!;
		const row = docx.tables.flatMap((t) => t.rows).find((r) => r[0] === card.ref)!;
		// A duplicate was merged into this card: the note, and its two distinct supporters.
		// Two supporters are fewer than 3: not shown as a number.
		expect(row).toEqual([card.ref, `${VISIBLE_TEXT} (1 kaartje samengevoegd)`, 'Ontmoeten & eenzaamheid, Pedagogische basis', 'Bewonersavond Heugem', 'minder dan 3', nl.actions[0].ref]);
	});

	test('the map is a PNG picture with alt text, and its legend is text', () => {
		const media = [...docx.files.keys()].filter((name) => name.startsWith('word/media/'));
		expect(media).toHaveLength(1);
		expect(docx.files.get(media[0])!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		const docPr = /<wp:docPr [^>]*>/.exec(docx.documentXml)![0];
		expect(docPr).toContain(`descr="${nl.areaProfile.map.alt}"`);
		// The accepted element is a meeting place: a blue square, named in words in the legend.
		expect(docx.paragraphs.map((p) => p.text)).toContain('blauw vierkant: Ontmoetingsplek (1)');
	});

	test('English: en-GB document language, English headings, the Dutch question kept beside it', async () => {
		const english = readDocx(await writeDocx(en));
		expect(english.files.get('word/styles.xml')!.toString()).toContain('<w:lang w:val="en-GB"/>');
		expect(english.paragraphs.filter((p) => p.style === 'TOCHeading').map((p) => p.text)).toEqual(['Contents']);
		expect(english.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text).slice(0, 2)).toEqual(['How was this agenda made?', 'The area in figures']);
		expect(english.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain(`1. ${QUESTIONS[0].text.en}`);
		expect(english.documentXml).toContain('<w:lang w:val="nl-NL"/>');
		expect(english.paragraphs.map((p) => p.text)).toContain(QUESTIONS[0].text.nl);
	});
});

describe('PDF', () => {
	let raw: string;
	let text: string;
	beforeAll(async () => {
		const bytes = await writePdf(nl, { compress: false });
		raw = Buffer.from(bytes).toString('latin1');
		text = pdfText(bytes);
	});

	test('tagged, with language, title shown by the viewer, and a title in the info dictionary', () => {
		expect(raw.startsWith('%PDF-1.7')).toBe(true);
		expect(raw).toContain('/Lang (nl-NL)');
		expect(raw).toMatch(/\/MarkInfo \d+ 0 R|\/MarkInfo <<\s*\/Marked true/);
		expect(raw).toContain('/StructTreeRoot');
		expect(raw).toMatch(/\/DisplayDocTitle true/);
		expect(raw).toMatch(/\/Title \d+ 0 R/);
		expect(raw).toContain('(Sociale agenda Zuid 2026)');
	});

	test('headings, table cells and the figure are structure elements', () => {
		for (const tag of ['H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Figure']) expect(raw).toContain(`/S /${tag}\n`);
		expect(raw).toMatch(/\/S \/Figure\n\/Alt \(/);
	});

	test('the text is there: headings, question texts, the action table rows, a card', () => {
		expect(text).toContain('Hoe is deze agenda gemaakt?');
		for (const question of QUESTIONS) expect(text).toContain(question.text.nl);
		expect(text).toContain('Jongerenplek in Heugemerveld openen');
		expect(text).toContain('€ 20.000');
		expect(text).toContain(VISIBLE_TEXT);
	});

	test('no character is dropped: emoji are drawn, a script without a shipped font is written as its code', async () => {
		const bytes = await writePdf({ ...nl, cards: [{ ...nl.cards[0], text: 'Emoji 😀 en 中文 en Ω' }] }, { compress: false });
		const text = pdfText(bytes);
		for (const piece of ['Emoji', '😀', '[U+4E2D][U+6587]', 'Ω']) expect(text).toContain(piece);
	});
});

describe('Markdown', () => {
	test('headings in order, tables with a header, typed text escaped', () => {
		const md = writeMarkdown(nl);
		const lines = md.split('\n');
		expect(lines.slice(0, 6)).toEqual(['---', 'title: "Sociale agenda Zuid 2026"', 'lang: nl-NL', 'date: 2026-04-01', 'version: "Werkversie (geen benoemde versie)"', '---']);
		expect(lines).toContain('# Sociale agenda Zuid 2026');
		expect(lines).toContain('## Overzicht van de acties');
		expect(lines).toContain(`### 7\\. ${QUESTIONS[6].text.nl}`);
		expect(lines).toContain('| Nr. | Actie | Wie doet het | Wanneer | Bedrag | Begrotingspost | Kaartjes |');
		const tricky = lines.find((l) => l.includes('Hulp bij formulieren'))!;
		// Backslash escapes, never HTML entities.
		expect(tricky).toContain('Hulp bij formulieren \\| \\*snel\\* \\& dichtbij \\<b\\>graag\\</b\\>');
		expect(md).not.toMatch(/&(amp|lt|gt|quot);/);
		// The escaped | does not add a column: 6 columns = 7 unescaped bars.
		expect(tricky.replace(/\\\|/g, '').split('|')).toHaveLength(8);
		expect(lines).toContain(`| A02 | =SUM(A1) | +31 43 350 0000 | nog niet gepland | \\- | \\- |   |`);
		// The buurten, then Zuid (for a count its total) and Maastricht (no value for a count), as /afweging shows them.
		expect(lines).toContain('| Inwoners (1 januari 2025) | 1.590 | 5.860 | 4.300 | 2.840 | 3.220 | 1.045 | 18.855 | \\- | CBS Kerncijfers wijken en buurten 2025, 2025 |');
	});

	test('escapeMarkdown neutralises block markers at the start', () => {
		expect(escapeMarkdown('# kop')).toBe('\\# kop');
		expect(escapeMarkdown('1. lijst')).toBe('1\\. lijst');
		expect(escapeMarkdown('> quote')).toBe('\\> quote');
		expect(escapeMarkdown('[link](javascript:x)')).toBe('\\[link\\](javascript:x)');
		expect(escapeMarkdown('- item')).toBe('\\- item');
		expect(escapeMarkdown('---')).toBe('\\---');
		expect(escapeMarkdown('===')).toBe('\\===');
		// Not markers: no space after them.
		expect(escapeMarkdown('1.590 inwoners')).toBe('1.590 inwoners');
		expect(escapeMarkdown('-3 graden')).toBe('-3 graden');
		expect(escapeMarkdown('#hashtag')).toBe('#hashtag');
	});
});

describe('CSV', () => {
	test('the action table: ; separated, BOM, CRLF, formula cells escaped', () => {
		const csv = writeCsv(nl);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('\r\n');
		const parsed = parseCsv(csv);
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(parsed.delimiter).toBe(';');
		expect(parsed.header.cells).toEqual(['Nr.', 'Thema', 'Lijst', 'Actie', 'Wie doet het', 'Wanneer', 'Bedrag (€)', 'Begrotingspost', 'Kaartjes', 'Actie-ID']);
		expect(parsed.rows.map((r) => r.cells)).toEqual([
			['A01', 'Ontmoeten & eenzaamheid', 'Waar zetten we extra op in', 'Jongerenplek in Heugemerveld openen', 'Trajekt jongerenwerk', 'Q3 2026', '20000', 'Subsidieregeling vrijwillige inzet', nl.actions[0].cardRefs[0], fixture.actionIds.linked],
			['A02', 'Cultuur', 'Wat doen we al en blijven we doorontwikkelen', "'=SUM(A1)", "'+31 43 350 0000", '', '', '', '', fixture.actionIds.formula]
		]);
	});

	test('the cards kind: one row per visible card, no names, formulas escaped', () => {
		const parsed = parseCsv(writeCsv(nl, 'cards'));
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(parsed.header.cells).toEqual(['Nr.', 'Vraag', 'Tekst', 'Thema’s', 'Bijeenkomst', 'Soort', 'Aantal +1', 'Samengevoegde kaartjes', 'Acties', 'Kaart-ID']);
		expect(parsed.rows).toHaveLength(nl.cards.length);
		expect(parsed.rows.map((r) => r.cells[2])).toContain(`'=HYPERLINK("http://x")`);
		const visible = parsed.rows.find((r) => r.cells[2] === VISIBLE_TEXT)!;
		expect(visible.cells[1]).toBe(`2. ${QUESTIONS[1].text.nl}`);
		// 2 supporters: fewer than 3, an empty cell.
		expect(visible.cells.slice(4, 8)).toEqual(['Bewonersavond Heugem', '', '', '1']);
		expect(visible.cells[8]).toBe('A01');
	});

	test('English headers', () => {
		const parsed = parseCsv(writeCsv(en));
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(parsed.header.cells.slice(0, 4)).toEqual(['No.', 'Theme', 'List', 'Action']);
	});
});

describe('JSON', () => {
	const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));

	test('the schema file is draft 2020-12 and published under /schemas', () => {
		expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(schema.$id).toBe('/schemas/agenda-export.v3.json');
		expect(path.basename(SCHEMA_FILE)).toBe('agenda-export.v3.json');
	});

	test('both languages validate against the published schema, and carry $schema and schemaVersion 3', () => {
		for (const model of [nl, en]) {
			const document = JSON.parse(writeJson(model, { origin: 'https://wijktafel.example' }));
			expect(Object.keys(document).slice(0, 2)).toEqual(['$schema', 'schemaVersion']);
			expect(document.$schema).toBe('https://wijktafel.example/schemas/agenda-export.v3.json');
			expect(document.schemaVersion).toBe(3);
			expect(validate(schema, document)).toEqual([]);
		}
		expect(JSON.parse(writeJson(nl)).$schema).toBe('/schemas/agenda-export.v3.json');
	});

	test('the validator does reject what the schema forbids', () => {
		const document = JSON.parse(writeJson(nl));
		expect(validate(schema, { ...document, schemaVersion: 2 })).toEqual(['$.schemaVersion: must be 3']);
		expect(validate(schema, { ...document, extra: true })).toEqual(['$: unexpected property extra']);
		const { cards: _cards, ...withoutCards } = document;
		expect(validate(schema, withoutCards)).toEqual(['$: missing cards']);
		const badCard = { ...document, cards: [{ ...document.cards[0], authorName: 'X' }] };
		expect(validate(schema, badCard)).toEqual(['$.cards[0]: unexpected property authorName']);
		const badAction = { ...document, actions: [{ ...document.actions[0], quarter: 'Q5 2026', list: 'later' }] };
		expect(validate(schema, badAction)).toHaveLength(2);
	});
});

describe('exportAgenda and its options', () => {
	test('file names, content types and bytes per format', { timeout: 180_000 }, async () => {
		const cases: [Parameters<typeof parseExportRequest>[0], string, string][] = [
			[{ format: 'docx' }, 'sociale-agenda-zuid-2026.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
			[{ format: 'pdf', lang: 'en' }, 'sociale-agenda-zuid-2026-en.pdf', 'application/pdf'],
			[{ format: 'md' }, 'sociale-agenda-zuid-2026.md', 'text/markdown; charset=utf-8'],
			[{ format: 'csv', what: 'cards' }, 'sociale-agenda-zuid-2026-kaartjes.csv', 'text/csv; charset=utf-8'],
			[{ format: 'json' }, 'sociale-agenda-zuid-2026.json', 'application/json; charset=utf-8']
		];
		for (const [input, fileName, contentType] of cases) {
			const request = parseExportRequest(input);
			if (!request.ok) throw new Error(request.message);
			const file = (await exportAgenda(fixture.context, fixture.agendaId, request.value))!;
			expect([file.fileName, file.contentType]).toEqual([fileName, contentType]);
			expect(file.bytes.byteLength).toBeGreaterThan(100);
		}
		expect(await exportAgenda(fixture.context, 'nosuchagenda0000', { format: 'md', locale: 'nl' })).toBeNull();
		expect(exportFileName({ ...nl, agenda: { ...nl.agenda, period: '2026 – 2027' } }, { format: 'docx', locale: 'nl' })).toBe('sociale-agenda-zuid-2026-2027.docx');
	});

	test('bad options are refused with a reason', () => {
		expect(parseExportRequest({ format: 'odt' })).toMatchObject({ ok: false, reason: 'bad-format' });
		expect(parseExportRequest({ format: 'docx', version: '../x' })).toMatchObject({ ok: false, reason: 'bad-version' });
		expect(parseExportRequest({ format: null })).toMatchObject({ ok: false, reason: 'bad-format' });
		expect(parseExportRequest({ format: 'pdf', lang: 'de' })).toMatchObject({ ok: false, reason: 'bad-lang' });
		expect(parseExportRequest({ format: 'pdf', what: 'cards' })).toMatchObject({ ok: false, reason: 'bad-what' });
		expect(parseExportRequest({ format: 'csv', what: 'names' })).toMatchObject({ ok: false, reason: 'bad-what' });
		expect(parseExportRequest({ format: 'csv', lang: '' })).toEqual({ ok: true, value: { format: 'csv', locale: 'nl', csvKind: undefined, versionId: undefined } });
	});
});

describe('merged cards in the documents', () => {
	test('the card the duplicate went into says how many cards were merged into it', async () => {
		const nlNote = `${VISIBLE_TEXT} (1 kaartje samengevoegd)`;
		expect(writeMarkdown(nl)).toContain(nlNote);
		expect(readDocx(await writeDocx(nl)).allText).toContain(nlNote);
		expect(pdfText(await writePdf(nl, { compress: false }))).toContain('(1 kaartje samengevoegd)');
		expect(writeMarkdown(en)).toContain(`${VISIBLE_TEXT} (1 card merged)`);
		// Only that card: no other card carries a note.
		expect(writeMarkdown(nl).match(/samengevoegd\)/g)).toHaveLength(1);
	});
});
