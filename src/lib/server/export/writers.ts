/**
 * The file of one format from an export model: the part of an export that takes long (DOCX, PDF,
 * XLSX). Pure of the database and the docs, so it can run on a worker thread (write-worker.js):
 * the model is plain data and crosses over as it is.
 */
import type { AgendaExport } from './agenda-export-model.ts';
import { writeDocx } from './docx.ts';
import { writePdf } from './pdf.ts';
import { writeMarkdown } from './markdown.ts';
import { writeCsv, type CsvKind } from './csv.ts';
import { writeJson } from './json.ts';
import { writeXlsx } from './xlsx.ts';

export type WriteFormat = 'docx' | 'pdf' | 'md' | 'csv' | 'json' | 'xlsx';

export interface WriteOptions {
	csvKind?: CsvKind;
	origin?: string | null;
}

export async function writeFormat(model: AgendaExport, format: WriteFormat, options: WriteOptions = {}): Promise<Uint8Array> {
	const encode = (text: string) => new TextEncoder().encode(text);
	switch (format) {
		case 'docx':
			return writeDocx(model);
		case 'pdf':
			return writePdf(model);
		case 'md':
			return encode(writeMarkdown(model));
		case 'csv':
			return encode(writeCsv(model, options.csvKind ?? 'actions'));
		case 'json':
			return encode(writeJson(model, { origin: options.origin ?? null }));
		case 'xlsx':
			return writeXlsx(model);
	}
}
