/**
 * How the pages of the generated DOCX and PDF fall, read back from the real files: a theme's name
 * (its heading, or its row in the action table) never ends a page with its content on the next one.
 */
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
