/**
 * The two promises of every export, checked on the bytes of all five formats in both languages:
 * no participant names (nor the names staff or participants sign cards with), and no hidden cards.
 * DOCX is searched unzipped (every part, not only document.xml); PDF uncompressed, as raw bytes,
 * as UTF-16 strings and as shown text.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { writeDocx } from '../../../../src/lib/server/export/docx.ts';
import { writePdf } from '../../../../src/lib/server/export/pdf.ts';
import { writeMarkdown } from '../../../../src/lib/server/export/markdown.ts';
import { writeCsv } from '../../../../src/lib/server/export/csv.ts';
import { writeJson } from '../../../../src/lib/server/export/json.ts';
import type { Locale } from '../../../../src/lib/domain/i18n-text.ts';
import { HIDDEN_TEXT, MERGED_TEXT, SECRET_NAMES, VISIBLE_TEXT, buildExportFixture, type ExportFixture } from './fixture.ts';
import { pdfSearchable, readDocx } from './read-back.ts';

let fixture: ExportFixture;
let forbidden: string[];

beforeAll(() => {
	fixture = buildExportFixture();
	const participants = fixture.context.db.prepare('SELECT id, display_name AS name FROM participants').all() as { id: string; name: string }[];
	forbidden = [...SECRET_NAMES, ...participants.map((p) => p.name), ...participants.map((p) => p.id), HIDDEN_TEXT, fixture.cardIds.hidden, MERGED_TEXT, fixture.cardIds.merged];
});
afterAll(() => fixture.close());

async function searchableExports(locale: Locale): Promise<Record<string, string>> {
	const model = buildAgendaExport(fixture.context, fixture.agendaId, locale)!;
	return {
		docx: readDocx(await writeDocx(model)).allText,
		pdf: pdfSearchable(await writePdf(model, { compress: false })),
		md: writeMarkdown(model),
		'csv actions': writeCsv(model, 'actions'),
		'csv cards': writeCsv(model, 'cards'),
		json: writeJson(model)
	};
}

describe.each(['nl', 'en'] as const)('no names, no hidden cards and no merged-away cards in any format (%s)', (locale) => {
	let exports: Record<string, string>;
	beforeAll(async () => {
		exports = await searchableExports(locale);
	});

	test.each(['docx', 'pdf', 'md', 'csv actions', 'csv cards', 'json'])('%s', (format) => {
		const content = exports[format];
		for (const text of forbidden) expect(content, `${format} contains "${text}"`).not.toContain(text);
	});

	test('the search would find them: visible card text is there in every format that lists cards', () => {
		for (const format of ['docx', 'pdf', 'md', 'csv cards', 'json']) expect(exports[format], format).toContain(VISIBLE_TEXT);
	});
});
