/**
 * How the pages of the generated DOCX and PDF fall, read back from the real files: a theme's name
 * (its heading, or its row in the action table) never ends a page with its content on the next one;
 * the area figures fill a portrait A4 page instead of a third of a landscape one.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAgendaExport, type AgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { documentBlocks } from '../../../../src/lib/server/export/document-blocks.ts';
import { writeDocx } from '../../../../src/lib/server/export/docx.ts';
import { writePdf } from '../../../../src/lib/server/export/pdf.ts';
import { buildExportFixture, type ExportFixture } from './fixture.ts';
import { hasLibreOffice, pdfLayoutText, readDocx, renderDocxWithLibreOffice } from './read-back.ts';

let fixture: ExportFixture;
let model: AgendaExport;

beforeAll(() => {
	// About the agenda: 50 cards and 11 actions.
	fixture = buildExportFixture({ extraCards: 43, extraActions: 9 });
	model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl', { now: new Date('2026-04-01T10:00:00Z') })!;
});
afterAll(() => fixture?.close());

/** Each page's lines as pdftotext -layout reads them, without blank lines and the page number. */
function pageLines(pdf: Uint8Array): string[][] {
	return pdfLayoutText(pdf)
		.split('\f')
		.map((page) =>
			page
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => line !== '' && !/^Pagina \d+ \/ \d+$/.test(line))
		)
		.filter((lines) => lines.length > 0);
}

/**
 * What ends the page on its own, if anything: a heading (its last line), or a theme's row of the
 * action table (its name, however many lines it wraps to, after the table's last header, action or
 * total line).
 */
function aloneAtFoot(lines: string[], headings: ReadonlySet<string>, themeNames: ReadonlySet<string>): string | null {
	const last = lines.at(-1)!;
	if (headings.has(last)) return last;
	if (!lines.some((line) => line.startsWith('Nr.') && line.includes('Begrotingspost'))) return null;
	const lastRowStart = lines.findLastIndex((line) => /^(Nr\.|A\d+|Totaal)\s/.test(line));
	const rest = lines.slice(lastRowStart + 1).join(' ');
	return themeNames.has(rest) ? rest : null;
}

/**
 * The same agenda with `extra` more statements for residents in the first theme: each one moves
 * everything after it (the other themes, the action table) down by a line, so some of these land a
 * theme's heading or its table row at the foot of a page.
 */
function shifted(extra: number): AgendaExport {
	const [first, ...rest] = model.themes;
	const statements = Array.from({ length: extra }, (_, i) => `Inwoners merken verschil in hun buurt (${i + 1})`);
	return { ...model, themes: [{ ...first, residentStatements: [...first.residentStatements, ...statements] }, ...rest] };
}

describe('a theme’s name stays with what follows it', () => {
	test('DOCX: every heading, and each theme’s row in the action table, keeps with the next paragraph or row', async () => {
		const docx = readDocx(await writeDocx(model));
		const xml = docx.documentXml;
		const styles = docx.files.get('word/styles.xml')!.toString();
		for (const level of [1, 2, 3]) {
			const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)![0];
			expect(style).toContain('<w:keepNext/>');
			expect(style).toContain('<w:keepLines/>');
		}
		const actionTable = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).find((table) => table.includes('Begrotingspost'))!;
		const rows = [...actionTable.matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
		const themeNames = model.themes.filter((theme) => model.actions.some((a) => a.themeId === theme.themeId)).map((theme) => theme.name);
		expect(themeNames.length).toBeGreaterThan(3);
		for (const name of themeNames) {
			const escaped = name.replace(/&/g, '&amp;');
			const row = rows.find((r) => r.includes(`>${escaped}</w:t>`))!;
			expect(row, name).toBeDefined();
			// Word keeps a table row with the next one when its paragraphs have "keep with next".
			const paragraphs = [...row.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]);
			expect(paragraphs.length).toBe(7);
			for (const paragraph of paragraphs) {
				expect(paragraph, name).toContain('<w:keepNext/>');
				expect(paragraph, name).toContain('<w:keepLines/>');
			}
		}
		// An action's own row does not: a long table still breaks between its rows.
		const actionRow = rows.find((r) => r.includes(`>${model.actions[0].ref}</w:t>`))!;
		expect(actionRow).not.toContain('<w:keepNext/>');
	});

	test('PDF: no page ends with a heading or a theme’s row of the action table', async () => {
		const headings = new Set(documentBlocks(model).flatMap((b) => (b.type === 'heading' ? [b.text] : [])));
		const themeNames = new Set(model.themes.map((theme) => theme.name));
		const alone: string[] = [];
		let actionTablePages = 0;
		for (let extra = 0; extra <= 24; extra++) {
			const pages = pageLines(await writePdf(shifted(extra), { compress: false }));
			pages.forEach((lines, i) => {
				const found = i < pages.length - 1 ? aloneAtFoot(lines, headings, themeNames) : null;
				if (found) alone.push(`${extra} extra, page ${i + 1}: "${found}"`);
				if (lines.some((line) => line.startsWith('Nr.') && line.includes('Begrotingspost'))) actionTablePages++;
			});
		}
		// The table's own pages were found, so its rows were looked at.
		expect(actionTablePages).toBeGreaterThan(25);
		expect(alone).toEqual([]);
	}, 120_000);

	// As a word processor lays it out. With 16 more statements LibreOffice ended page 12 with the
	// table's heading, its header and the first theme's name, all its actions on page 13.
	test.skipIf(!hasLibreOffice())('DOCX rendered by LibreOffice: no page ends with a heading or a theme’s row of the action table', async () => {
		const headings = new Set(documentBlocks(model).flatMap((b) => (b.type === 'heading' ? [b.text] : [])));
		const themeNames = new Set(model.themes.map((theme) => theme.name));
		const alone: string[] = [];
		for (const extra of [12, 16, 20]) {
			const pages = pageLines(renderDocxWithLibreOffice(await writeDocx(shifted(extra)))!);
			pages.forEach((lines, i) => {
				const found = i < pages.length - 1 ? aloneAtFoot(lines, headings, themeNames) : null;
				if (found) alone.push(`${extra} extra, page ${i + 1}: "${found}"`);
			});
		}
		expect(alone).toEqual([]);
	}, 180_000);
});

interface PageBox {
	width: number;
	height: number;
	/** Where the page's lowest word ends (the page number left out), from the top. */
	lowestText: number;
	text: string;
}

/** Each page's size and how far down its words go, from pdftotext -bbox. */
function pageBoxes(pdf: Uint8Array): PageBox[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-bbox-'));
	try {
		const file = path.join(dir, 'export.pdf');
		fs.writeFileSync(file, pdf);
		const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => {
			const words = [...page[3].matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({ yMax: Number(w[2]), text: w[3] }));
			const height = Number(page[2]);
			// The page number sits in the bottom margin.
			const body = words.filter((w) => w.yMax < height - 50);
			return { width: Number(page[1]), height, lowestText: Math.max(0, ...body.map((w) => w.yMax)), text: words.map((w) => w.text).join(' ') };
		});
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe('the area figures', () => {
	const A4 = [595.3, 841.9];
	const isA4Portrait = (page: PageBox) => Math.abs(page.width - A4[0]) < 1 && Math.abs(page.height - A4[1]) < 1;
	const isA4 = (page: PageBox) => isA4Portrait(page) || (Math.abs(page.width - A4[1]) < 1 && Math.abs(page.height - A4[0]) < 1);
	const checkAreaPage = (pages: PageBox[], minimumFill: number) => {
		const index = pages.findIndex((page) => page.text.includes('Het gebied in cijfers') && page.text.includes('Kerncijfer'));
		expect(index).toBeGreaterThan(1);
		const page = pages[index];
		expect(isA4Portrait(page)).toBe(true);
		for (const name of [...model.areaProfile.buurten.map((b) => b.name), 'Zuid', 'Maastricht', 'Bronnen']) expect(page.text).toContain(name);
		// Filled down to at least this share of the page (it was a third of a landscape page in the DOCX).
		expect(page.lowestText / page.height).toBeGreaterThan(minimumFill);
	};

	test('DOCX: no landscape section; the table in portrait parts that together hold every buurt, Zuid, Maastricht and the source', async () => {
		const docx = readDocx(await writeDocx(model));
		expect(docx.documentXml.match(/w:orient="landscape"/g) ?? []).toEqual([]);
		const parts = docx.tables.filter((t) => t.rows[0]?.[0] === 'Kerncijfer');
		expect(parts.length).toBe(2);
		const labels = model.areaProfile.figures.map((f) => f.label);
		for (const part of parts) expect(part.rows.slice(1).map((row) => row[0])).toEqual(labels);
		expect(parts.flatMap((part) => part.rows[0].slice(1))).toEqual([...model.areaProfile.buurten.map((b) => b.name), 'Zuid', 'Maastricht', 'Bron en jaar']);
		// Markdown has no page: one whole table.
		const { writeMarkdown } = await import('../../../../src/lib/server/export/markdown.ts');
		expect(writeMarkdown(model).split('\n').filter((line) => line.startsWith('| Kerncijfer |'))).toHaveLength(1);
	});

	test('PDF: every page is A4, and the figures fill a portrait one down to the sources', async () => {
		const pages = pageBoxes(await writePdf(model, { compress: false }));
		expect(pages.filter((page) => !isA4(page)).map((page) => `${page.width} x ${page.height}`)).toEqual([]);
		checkAreaPage(pages, 0.75);
	});

	test.skipIf(!hasLibreOffice())('DOCX rendered by LibreOffice: the figures fill a portrait page down to the sources', async () => {
		const pages = pageBoxes(renderDocxWithLibreOffice(await writeDocx(model))!);
		checkAreaPage(pages, 0.6);
	}, 180_000);
});
