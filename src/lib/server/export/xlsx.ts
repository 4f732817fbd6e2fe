/**
 * The Excel export (ExcelJS): one sheet per result — actions, cards, and questions 1–8 — with typed
 * cells: numbers are numbers, text is text. Nothing people typed becomes a formula: ExcelJS writes a
 * string as a string cell (`t="s"`/inline), never as `<f>`, and we only ever pass strings and
 * numbers. The header row is bold and frozen, columns are as wide as their content (up to a limit).
 */
import ExcelJS from 'exceljs';
import type { AgendaExport } from './agenda-export-model.ts';
import { resultSheets } from './csv.ts';
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
	const buffer = await workbook.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
