/**
 * Every point beside the export's map names the buurt it lies in. A place in none of the stadsdeel's
 * buurten is not drawn (the map is framed to them) and is not given a buurt: it is named under the
 * map with a count. Checked in the model, the picture, the DOCX and the PDF as printed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAgendaExport, type AgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { writeDocx } from '../../../../src/lib/server/export/docx.ts';
import { writePdf } from '../../../../src/lib/server/export/pdf.ts';
import { writeJson } from '../../../../src/lib/server/export/json.ts';
import { layoutMap } from '../../../../src/lib/server/export/map-picture.ts';
import { docName } from '../../../../src/lib/sync/doc-names.ts';
import { acceptElement, proposeElement } from '../../../../src/lib/sync/elements-schema.ts';
import { ACCEPTED_ELEMENT, buildExportFixture, type ExportFixture } from './fixture.ts';
import { pdfLayoutText, pdfText, readDocx } from './read-back.ts';

/** Pinned at the Markt, in Centrum: outside every buurt of Zuid, so the participant's map wrote no buurt. */
const OUTSIDE_ELEMENT = 'Inloop op de Markt';
const OUTSIDE_LABEL = 'buiten de buurten van Zuid';

let fixture: ExportFixture;
let model: AgendaExport;

beforeAll(() => {
	fixture = buildExportFixture();
	fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
		const element = proposeElement(doc, {
			name: OUTSIDE_ELEMENT,
			category: 'meeting_place',
			layer: 'fysiek',
			place: { point: { lat: 50.8514, lon: 5.6909 }, buurtCode: null },
			workshopId: fixture.workshopIds[0],
			author: { id: 'staffuser0000001', name: 'Staf', kind: 'staff' }
		});
		if (!element.ok) throw new Error(element.reason);
		acceptElement(doc, element.id, 'staffuser0000001');
	});
	model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl', { now: new Date('2026-04-01T10:00:00Z') })!;
});
afterAll(() => fixture?.close());

describe('the buurt of each point on the map', () => {
	test('the model: a point stored without a buurt gets the buurt it lies in, or none when it lies in none', () => {
		const byName = new Map(model.areaProfile.map.points.map((p) => [p.name, p]));
		// The fixture's element lies in De Heeg (its stored buurt is empty): the buurt its spot is in.
		expect(byName.get(ACCEPTED_ELEMENT)?.buurtName).toBe('De Heeg');
		// Outside Zuid: no buurt is made up for it, and it comes last.
		expect(byName.get(OUTSIDE_ELEMENT)?.buurtName).toBeNull();
		expect(byName.get(OUTSIDE_ELEMENT)?.number).toBe(model.areaProfile.map.points.length);
		const json = JSON.parse(writeJson(model));
		expect(json.areaProfile.map.points.find((p: { name: string }) => p.name === OUTSIDE_ELEMENT).buurtName).toBeNull();
		// The legend counts what the map shows: one meeting place (the fixture's), not the one at the Markt.
		expect(model.areaProfile.map.legend.find((entry) => entry.category === 'meeting_place')?.count).toBe(1);
	});

	test('the picture draws every point inside it, and not the one outside the buurten', () => {
		const layout = layoutMap(model.areaProfile.map);
		expect(layout.symbols.length).toBe(model.areaProfile.map.points.length - 1);
		const outsidePicture = layout.symbols.filter((s) => s.x < 0 || s.y < 0 || s.x > layout.width || s.y > layout.height);
		expect(outsidePicture).toEqual([]);
		const numbers = layout.labels.map((l) => l.text);
		expect(numbers).not.toContain(String(model.areaProfile.map.points.length));
	});

	test('DOCX: the map’s table of numbers names a buurt in every row; the place outside is named under it, without a buurt', async () => {
		const docx = readDocx(await writeDocx(model));
		const table = docx.tables.find((t) => t.rows[0]?.join('|') === 'Nr.|Plek|Soort|Buurt')!;
		expect(table.rows.length).toBe(model.areaProfile.map.points.length);
		const buurten = model.areaProfile.buurten.map((b) => b.name);
		expect(table.rows.slice(1).filter((row) => !buurten.includes(row[3]))).toEqual([]);
		expect(table.rows.find((row) => row[1] === ACCEPTED_ELEMENT)?.[3]).toBe('De Heeg');
		expect(table.rows.some((row) => row[1] === OUTSIDE_ELEMENT)).toBe(false);
		const texts = docx.paragraphs.map((p) => p.text);
		const said = texts.indexOf('1 plek ligt buiten de buurten van Zuid. Die staat daarom niet op de kaart:');
		expect(said).toBeGreaterThan(-1);
		expect(texts[said + 1]).toBe(`${OUTSIDE_ELEMENT} (Ontmoetingsplek)`);
		expect(texts).toContain('blauw vierkant: Ontmoetingsplek (1)');
		// The list of elements per layer (question 3) says where it lies, too.
		const elements = docx.tables.find((t) => t.rows.some((row) => row[0] === OUTSIDE_ELEMENT))!;
		expect(elements.rows.find((row) => row[0] === OUTSIDE_ELEMENT)?.at(-1)).toBe(OUTSIDE_LABEL);
		expect(elements.rows.find((row) => row[0] === ACCEPTED_ELEMENT)?.at(-1)).toBe('De Heeg');
	});

	test('PDF: each printed row of the map’s numbers ends with its buurt; the place outside is named under the table', async () => {
		const pdf = await writePdf(model, { compress: false });
		const lines = pdfLayoutText(pdf).split('\n');
		const drawn = model.areaProfile.map.points.filter((p) => p.buurtName !== null);
		const rows = lines.filter((line) => drawn.some((p) => new RegExp(`^\\s*${p.number} ${p.name ?? p.categoryLabel}\\s`).test(line)));
		expect(rows.length).toBe(drawn.length);
		const buurten = model.areaProfile.buurten.map((b) => b.name);
		expect(rows.filter((line) => !buurten.some((name) => line.trimEnd().endsWith(` ${name}`)))).toEqual([]);
		expect(rows.find((line) => line.includes(ACCEPTED_ELEMENT))!.trimEnd()).toMatch(/ De Heeg$/);
		const text = pdfText(pdf);
		expect(text).toContain(`1 plek ligt buiten de buurten van Zuid. Die staat daarom niet op de kaart: ${OUTSIDE_ELEMENT} (Ontmoetingsplek)`);
	});
});
