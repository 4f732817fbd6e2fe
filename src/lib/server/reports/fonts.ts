/**
 * The font files the report PDFs embed: Fira Sans, the web pages' own font (@fontsource/fira-sans,
 * OFL). Embedded, so every printer and viewer shows the same letters (ë, é, €, ’).
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

export const FONT_REGULAR = require.resolve('@fontsource/fira-sans/files/fira-sans-latin-400-normal.woff');
export const FONT_BOLD = require.resolve('@fontsource/fira-sans/files/fira-sans-latin-700-normal.woff');

/** Registers the two faces as 'Body' and 'Bold' on a PDFKit document. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
	doc.registerFont('Body', FONT_REGULAR);
	doc.registerFont('Bold', FONT_BOLD);
}

/** Collects a PDFKit document's output. Call before writing, await after `doc.end()`. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
	return new Promise((resolve, reject) => {
		doc.on('end', () => {
			const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
			let offset = 0;
			for (const chunk of chunks) {
				out.set(chunk, offset);
				offset += chunk.length;
			}
			resolve(out);
		});
		doc.on('error', reject);
	});
}

export interface ReportPdfOptions {
	title: string;
	subject: string;
	keywords: string;
	margin: number;
	/** Deflate page streams (default); tests may turn it off to read them. */
	compress?: boolean;
	createdAt?: Date;
}

/**
 * A4, tagged, Dutch, the title shown by viewers, Fira Sans registered as 'Body' and 'Bold'; with
 * the promise of its bytes, to await after `doc.end()`.
 */
export function newReportPdf(options: ReportPdfOptions): { doc: PDFKit.PDFDocument; output: Promise<Uint8Array> } {
	const doc = new PDFDocument({
		size: 'A4',
		margin: options.margin,
		tagged: true,
		lang: 'nl-NL',
		displayTitle: true,
		pdfVersion: '1.7',
		compress: options.compress ?? true,
		info: {
			Title: options.title,
			Subject: options.subject,
			Author: 'Gemeente Maastricht (Wijktafel)',
			Creator: 'Wijktafel',
			Keywords: options.keywords,
			CreationDate: options.createdAt ?? new Date()
		}
	});
	registerReportFonts(doc);
	return { doc, output: collectPdf(doc) };
}
