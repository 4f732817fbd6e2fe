/**
 * The DOCX as a word processor shows it: rendered by LibreOffice (Carlito has Calibri's metrics)
 * and read back with pdftotext. Where LibreOffice is not installed (it is not in CI's default
 * image), the test is skipped and says so; the DOCX's own checks in done-when.test.ts still run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportAgenda } from '../../../../src/lib/server/export/index.ts';
import { buildAgendaExport } from '../../../../src/lib/server/export/agenda-export-model.ts';
import { docName } from '../../../../src/lib/sync/doc-names.ts';
import { addAction } from '../../../../src/lib/sync/actions-schema.ts';
import { ACCEPTED_ELEMENT, RESULTS, buildExportFixture, type ExportFixture } from './fixture.ts';
import { cutWords, hasLibreOffice, knownWords, pdfText, renderDocxWithLibreOffice } from './read-back.ts';

const libreOffice = hasLibreOffice();
if (!libreOffice) console.warn('LibreOffice (soffice) is not installed: the DOCX render test is skipped');

describe.skipIf(!libreOffice)('the DOCX rendered by LibreOffice', () => {
	let fixture: ExportFixture;
	let text: string;
	beforeAll(async () => {
		// About the agenda: 50 cards and 11 actions, and a Turkish owner.
		fixture = buildExportFixture({ extraCards: 43, extraActions: 9 });
		fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
			addAction(doc, { title: 'Taalcafé in Heugemerveld', themeId: 'cultuur', list: 'extra', owner: 'Şükrü ve Ayşe çalışıyor', createdBy: 'staffuser0000001' });
		});
		const docx = (await exportAgenda(fixture.context, fixture.agendaId, { format: 'docx', locale: 'nl' }))!.bytes;
		text = pdfText(renderDocxWithLibreOffice(docx)!);
	}, 180_000);
	afterAll(() => fixture?.close());

	test('opens, and shows every question’s result and the actions', () => {
		for (const item of [RESULTS.keyword, ACCEPTED_ELEMENT, RESULTS.ratingReason, RESULTS.developmentCard, RESULTS.efficiencyCard, RESULTS.weighingBuurt, RESULTS.voteCard, RESULTS.statement, 'Jongerenplek in Heugemerveld openen', 'Totaal van alle acties']) {
			expect(text).toContain(item);
		}
		expect(text).toMatch(/Pagina 1 \/ \d+/);
	});

	test('no word of a card, an action or the area table is cut in the middle', () => {
		const model = buildAgendaExport(fixture.context, fixture.agendaId, 'nl')!;
		const texts = [
			...model.cards.flatMap((c) => [c.text, ...c.themes, c.workshop ?? '']),
			...model.actions.flatMap((a) => [a.title, a.owner, a.theme, a.budgetLine ?? '', a.quarter ?? '']),
			...model.areaProfile.figures.flatMap((f) => [f.label, f.source, ...f.values.map((v) => v.text), f.stadsdeel.text, f.city.text]),
			...model.areaProfile.buurten.map((b) => b.name)
		];
		const words = [...new Set(texts.flatMap((t) => t.split(/\s+/)).filter((word) => word.length >= 4 && !/[\u0600-\u06FF]/.test(word)))];
		expect(words).toContain('çalışıyor');
		expect(words).toContain('samenlevingsinitiatieven');
		const tokens = new Set(text.split(' '));
		expect(words.filter((word) => !tokens.has(word))).toEqual([]);
		expect(cutWords(text, words, knownWords(model))).toEqual([]);
	});
});
