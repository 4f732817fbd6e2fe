/**
 * Reading the written files back the way a person's tools would: paragraphs with their style and the
 * tables of a DOCX's word/document.xml, and the text of an uncompressed PDF's content streams.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzip } from '../../../helpers/zip.ts';

function decodeXml(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
		.replace(/&amp;/g, '&');
}

/** The text of a piece of WordprocessingML: every <w:t>, in order. */
export function xmlText(xml: string): string {
	return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
}

export interface DocxParagraph {
	style: string | null;
	text: string;
}

export interface DocxTable {
	/** Rows of cell texts; the first is the header row when `headerRowMarked`. */
	rows: string[][];
	headerRowMarked: boolean;
}

export interface DocxContent {
	files: Map<string, Buffer>;
	documentXml: string;
	/** Body paragraphs outside tables. */
	paragraphs: DocxParagraph[];
	tables: DocxTable[];
	/** Every entry as UTF-8 text, joined: to search for what must not be there. */
	allText: string;
}

export function readDocx(bytes: Uint8Array): DocxContent {
	const files = unzip(bytes);
	const documentXml = files.get('word/document.xml')!.toString('utf8');
	const tables: DocxTable[] = [];
	// Tables are not nested in this export, so a lazy match finds each whole table.
	const withoutTables = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tableXml) => {
		const rows = [...tableXml.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)];
		tables.push({
			rows: rows.map((row) => [...row[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => xmlText(cell[1]))),
			headerRowMarked: rows.length > 0 && /<w:tblHeader\/>/.test(rows[0][1])
		});
		return '';
	});
	const paragraphs = [...withoutTables.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({
		style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1])?.[1] ?? null,
		text: xmlText(m[1])
	}));
	const allText = [...files.values()].map((content) => decodeXml(content.toString('utf8'))).join('\n');
	return { files, documentXml, paragraphs, tables, allText };
}

/**
 * The text of a PDF as poppler's pdftotext reads it (the PDF embeds Noto subsets with ToUnicode
 * maps, so this is what a reader copies out). Runs of whitespace become one space.
 */
export function pdfText(bytes: Uint8Array): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-pdf-'));
	try {
		const file = path.join(dir, 'export.pdf');
		fs.writeFileSync(file, bytes);
		return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' ');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The text of a PDF laid out as on the page (pdftotext -layout): a table row stays one line. */
export function pdfLayoutText(bytes: Uint8Array): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-pdf-'));
	try {
		const file = path.join(dir, 'export.pdf');
		fs.writeFileSync(file, bytes);
		return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Everything in a PDF that could carry words: raw bytes (Latin-1), the same read as UTF-16BE strings, and the shown text. */
export function pdfSearchable(bytes: Uint8Array): string {
	const raw = Buffer.from(bytes).toString('latin1');
	const utf16 = [...raw.matchAll(/\(\xfe\xff((?:[^)\\]|\\.)*)\)/g)]
		.map((m) => {
			const body = m[1].replace(/\\(.)/g, '$1');
			let text = '';
			for (let i = 0; i + 1 < body.length; i += 2) text += String.fromCharCode((body.charCodeAt(i) << 8) | body.charCodeAt(i + 1));
			return text;
		})
		.join('\n');
	return `${raw}\n${utf16}\n${pdfText(bytes)}`;
}

/** The tables of a Markdown file: rows of cells, with the backslash escapes undone. */
export function markdownTables(md: string): string[][][] {
	const tables: string[][][] = [];
	let current: string[][] | null = null;
	for (const line of md.split('\n')) {
		if (!line.startsWith('|')) {
			current = null;
			continue;
		}
		const cells = line
			.slice(1, -1)
			.split(/(?<!\\)\|/)
			.map((cell) => cell.trim().replace(/\\(.)/g, '$1'));
		// The |---|---| line under the header.
		if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
		if (!current) tables.push((current = []));
		current.push(cells);
	}
	return tables;
}

/** Every sheet of an XLSX as rows of cell values, read by ExcelJS. */
export async function xlsxSheets(bytes: Uint8Array): Promise<Map<string, unknown[][]>> {
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	const sheets = new Map<string, unknown[][]>();
	workbook.eachSheet((sheet) => {
		const rows: unknown[][] = [];
		sheet.eachRow({ includeEmpty: true }, (row) => {
			const values: unknown[] = [];
			for (let i = 1; i <= sheet.columnCount; i++) values.push(row.getCell(i).value);
			rows.push(values);
		});
		sheets.set(sheet.name, rows);
	});
	return sheets;
}

/**
 * Checks every XML part of an Office file with a real XML parser (Python's expat, as pdftotext is
 * poppler's): how many parts it parsed, and those that are not well-formed, with the parser's message.
 */
export function checkXmlParts(bytes: Uint8Array): { checked: number; malformed: string[] } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-xml-'));
	try {
		const file = path.join(dir, 'file.zip');
		fs.writeFileSync(file, bytes);
		const script = [
			'import sys, zipfile, xml.parsers.expat',
			'import json',
			'bad = []',
			'checked = 0',
			'z = zipfile.ZipFile(sys.argv[1])',
			'for name in z.namelist():',
			"    if not (name.endswith('.xml') or name.endswith('.rels')): continue",
			'    checked += 1',
			'    p = xml.parsers.expat.ParserCreate()',
			'    try: p.Parse(z.read(name), True)',
			"    except xml.parsers.expat.ExpatError as e: bad.append(name + ': ' + str(e))",
			"print(json.dumps({'checked': checked, 'malformed': bad}))"
		].join('\n');
		return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Words that a rendered text shows cut in two ("çalış ıyor": a cell's two lines read one after the
 * other), unless both pieces are words of their own in `known` ("buurt en" is not a cut "buurten").
 * `text` is whitespace-normalised, as pdfText gives it.
 */
export function cutWords(text: string, words: readonly string[], known: ReadonlySet<string>): string[] {
	const padded = ` ${text} `;
	return words.flatMap((word) => {
		const chars = Array.from(word);
		return chars
			.slice(2, -1)
			.map((_, i) => [chars.slice(0, i + 2).join(''), chars.slice(i + 2).join('')])
			.filter(([head, tail]) => padded.includes(` ${head} ${tail} `) && !(known.has(head) && known.has(tail)))
			.map((pieces) => pieces.join(' '));
	});
}

/** The words of an export model's strings, to tell words from pieces of words. */
export function knownWords(model: unknown): Set<string> {
	return new Set(JSON.stringify(model).split(/[\s"\\,.:;()[\]{}]+/));
}

/**
 * The DOCX rendered by LibreOffice (as an official's word processor would show it; Carlito stands in
 * for Calibri with the same metrics), as PDF bytes; null when LibreOffice is not installed.
 */
export function renderDocxWithLibreOffice(docx: Uint8Array): Uint8Array | null {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-lo-'));
	try {
		const file = path.join(dir, 'agenda.docx');
		fs.writeFileSync(file, docx);
		try {
			// A profile of its own: another soffice on the machine would otherwise hold the lock.
			execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw error;
		}
		return new Uint8Array(fs.readFileSync(path.join(dir, 'agenda.pdf')));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

export function hasLibreOffice(): boolean {
	try {
		execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
		return true;
	} catch {
		return false;
	}
}
