/**
 * The Excel export (ExcelJS): one sheet per result — actions, cards, and questions 1–8 — with typed
 * cells: numbers are numbers, text is text. Nothing people typed becomes a formula: ExcelJS writes a
 * string as a string cell (`t="s"`/inline), never as `<f>`, and we only ever pass strings and
 * numbers. The header row is bold and frozen, columns are as wide as their content (up to a limit).
 * A last sheet says what the file is: the agenda, the version exported and the workshops that fed it.
 */
import ExcelJS from 'exceljs';
import type { AgendaExport } from './agenda-export-model.ts';
import { resultSheets } from './csv.ts';
import { exportTexts } from './texts.ts';
import { pauser } from './yield.ts';

const MAX_COLUMN_CHARACTERS = 60;

export async function writeXlsx(model: AgendaExport): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Wijktafel';
	workbook.title = model.titlePage.title;
	workbook.subject = model.titlePage.subtitle;
	workbook.created = new Date(model.titlePage.generatedAt);
	const pause = pauser();
	for (const sheet of resultSheets(model)) {
		const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
		for (const row of sheet.rows) {
			// A cell object with a string value stays a string, whatever its first character.
			worksheet.addRow(row.map((cell) => (cell === undefined ? null : cell)));
			await pause();
		}
		worksheet.getRow(1).font = { bold: true };
		const columns = Math.max(0, ...sheet.rows.map((row) => row.length));
		for (let i = 1; i <= columns; i++) {
			const longest = Math.max(8, ...sheet.rows.map((row) => String(row[i - 1] ?? '').length));
			worksheet.getColumn(i).width = Math.min(MAX_COLUMN_CHARACTERS, longest + 2);
			worksheet.getColumn(i).alignment = { wrapText: true, vertical: 'top' };
		}
	}
	const t = exportTexts(model.locale);
	const version = model.titlePage.version;
	const versionText = version ? `${version.name} (${version.dateText})` : t.versionLive;
	workbook.description = `${t.versionName}: ${versionText}`;
	const about = workbook.addWorksheet(t.sheetNames.about.slice(0, 31));
	const aboutRows: string[][] = [
		[t.titleLabel, model.titlePage.title],
		[t.stadsdeel, model.agenda.stadsdeel.name],
		[t.period, model.agenda.period],
		[t.versionName, version ? version.name : t.versionLive],
		[t.versionDate, version ? version.dateText : model.titlePage.dateText],
		[t.date, model.titlePage.dateText],
		...model.titlePage.fedBy.map((w, i) => [i === 0 ? t.fedBy : '', [w.title, w.dateText ?? t.unknownDate, w.place ?? t.unknownPlace].join(', ')])
	];
	for (const row of aboutRows) about.addRow(row);
	about.getColumn(1).font = { bold: true };
	about.getColumn(1).width = 32;
	about.getColumn(2).width = MAX_COLUMN_CHARACTERS;
	const buffer = await workbook.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
