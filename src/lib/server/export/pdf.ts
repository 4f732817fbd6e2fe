/**
 * The PDF export, for reading and printing. A tagged PDF: the document language and title are set,
 * headings are H1/H2/H3 (and PDF bookmarks), tables are Table/TR/TH/TD, lists L/LI, the map a
 * Figure with alt text. Every character is kept: the fonts are embedded Noto subsets (fonts.ts) that
 * cover Latin with Turkish and Polish, Greek, Cyrillic, Arabic (shaped, right to left) and emoji.
 * Page 2 holds the table of contents with page numbers; every page has its number at the bottom.
 * Wide tables (the action table, a big area profile) get landscape pages.
 */
import PDFDocument from 'pdfkit';
import type { AgendaExport } from './agenda-export-model.ts';
import { exportTexts } from './texts.ts';
import { documentBlocks, isBoldRow, pageTables, type Block } from './document-blocks.ts';
import { layoutMap, symbolPoints, SYMBOL_RADIUS, type MapLayout } from './map-picture.ts';
import { fontBytes, primaryFont, textRuns, textWidth, wrapText, type FontStyle } from './fonts.ts';
import { fitColumns } from './table-layout.ts';
import { pauser } from './yield.ts';

const MARGIN = 56;
const BODY_SIZE = 10;
const TABLE_SIZE = 8.5;
const CELL_PAD = 4;
/** Above and below a cell's text: tight, as in the DOCX, so an action table fits its page more often. */
const CELL_PAD_Y = 2.5;
const HEADING_SIZES = { 1: 17, 2: 13.5, 3: 11.5 } as const;
const HEADING_COLOUR = '#1F3B57';
const HEADER_FILL = '#E7ECF2';
/** Space under each line of the table of contents: small enough that a whole agenda's fits on one page. */
const TOC_LINE_GAP = 0.8;

export interface PdfOptions {
	/** Deflate the page streams (default). Tests turn it off to read the text. */
	compress?: boolean;
}

type Struct = PDFKit.PDFStructureElement;

function drawMap(doc: PDFKit.PDFDocument, layout: MapLayout, x: number, y: number, scale: number, write: (text: string, x: number, y: number, size: number) => void): void {
	doc.save();
	doc.translate(x, y).scale(scale);
	for (const area of layout.areas) {
		doc.lineWidth(area.strokeWidth).lineJoin('round');
		doc.path(area.d);
		if (area.fill) doc.fillAndStroke(area.fill, area.stroke, 'even-odd');
		else doc.stroke(area.stroke);
	}
	doc.lineWidth(2);
	for (const symbol of layout.symbols) {
		if (symbol.shape === 'circle') doc.circle(symbol.x, symbol.y, SYMBOL_RADIUS);
		else if (symbol.shape === 'square') doc.rect(symbol.x - SYMBOL_RADIUS, symbol.y - SYMBOL_RADIUS, 2 * SYMBOL_RADIUS, 2 * SYMBOL_RADIUS);
		else doc.polygon(...symbolPoints(symbol));
		doc.fillAndStroke(symbol.colour, '#ffffff');
	}
	doc.restore();
	for (const label of layout.labels) write(label.text, x + label.x * scale, y + label.y * scale, label.size * scale);
}

export async function writePdf(model: AgendaExport, options: PdfOptions = {}): Promise<Uint8Array> {
	const t = exportTexts(model.locale);
	const blocks = documentBlocks(model);
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		tagged: true,
		lang: model.language,
		displayTitle: true,
		pdfVersion: '1.7',
		compress: options.compress ?? true,
		bufferPages: true,
		autoFirstPage: true,
		info: {
			Title: model.titlePage.title,
			Subject: model.titlePage.subtitle,
			Author: t.madeWith,
			Creator: 'Wijktafel',
			Keywords: `sociale agenda, stadsdeelprogramma, ${model.agenda.stadsdeel.name}, ${model.agenda.period}`,
			CreationDate: new Date(model.titlePage.generatedAt)
		}
	});
	const chunks: Uint8Array[] = [];
	doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
	const finished = new Promise<void>((resolve, reject) => {
		doc.on('end', () => resolve());
		doc.on('error', reject);
	});

	const registered = new Set<string>();
	const useFont = (name: string, file: string) => {
		if (!registered.has(name)) {
			doc.registerFont(name, fontBytes(file));
			registered.add(name);
		}
		doc.font(name);
	};
	const setStyle = (style: FontStyle, size: number) => {
		const primary = primaryFont(style);
		useFont(primary.name, primary.file);
		doc.fontSize(size);
	};
	const left = () => doc.page.margins.left;
	const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
	const bottom = () => doc.page.height - doc.page.margins.bottom;
	/** A new A4 page. (PDFKit's addPage with options of its own falls back to US Letter: every page after the first break was 612 × 792.) */
	const addA4Page = (layout: 'portrait' | 'landscape') => doc.addPage({ size: 'A4', layout, margin: MARGIN });
	/** A page break that stays in the current orientation. */
	const newPage = () => addA4Page(doc.page.layout === 'landscape' ? 'landscape' : 'portrait');

	/** Space between two lines of a paragraph. */
	const LINE_GAP = 1;
	const lineHeight = (style: FontStyle, size: number) => {
		setStyle(style, size);
		return doc.currentLineHeight(true) + LINE_GAP;
	};
	/**
	 * Text in as many fonts as it needs, wrapped within the width by wrapText (never mid-word), from
	 * (x, y) or the current position; each line's runs are set one after the other, in visual order.
	 * Text that flows (no y given) goes on to a new page when the page is full; text at a y (a table
	 * cell, the map) stays where it is put.
	 */
	const rich = (text: string, style: FontStyle, size: number, opts: { x?: number; y?: number; width?: number; align?: 'left' | 'right' | 'center' } = {}) => {
		const x0 = opts.x ?? doc.x;
		const w = opts.width ?? width();
		const flowing = opts.y === undefined;
		let y = opts.y ?? doc.y;
		const step = lineHeight(style, size);
		for (const line of wrapText(text, size, style, w)) {
			if (flowing && y + step > bottom() + LINE_GAP) {
				newPage();
				y = doc.page.margins.top;
			}
			const runs = textRuns(line === '' ? ' ' : line, style);
			const widths = runs.map((run) => {
				useFont(run.font, run.file);
				doc.fontSize(size);
				return doc.widthOfString(run.text);
			});
			const total = widths.reduce((a, b) => a + b, 0);
			let x = x0 + (opts.align === 'right' ? w - total : opts.align === 'center' ? (w - total) / 2 : 0);
			runs.forEach((run, i) => {
				useFont(run.font, run.file);
				doc.fontSize(size);
				doc.text(run.text, x, y, { lineBreak: false });
				x += widths[i];
			});
			y += step;
		}
		setStyle(style, size);
		doc.x = x0;
		doc.y = y;
	};
	const heightOf = (text: string, style: FontStyle, size: number, w: number) => wrapText(text, size, style, w).length * lineHeight(style, size);

	const root = doc.struct('Document');
	doc.addStructure(root);
	const tocEntries: { level: number; text: string; page: number }[] = [];
	const outlines: PDFKit.PDFOutline[] = [];
	let tocPages: { first: number; count: number } | null = null;

	/**
	 * Which page of the table of contents each entry goes on (0, 1, …), by the entries' measured
	 * heights: the same plan reserves the pages and fills them, so no entry runs off a page.
	 */
	const tocLine = (entry: { level: number }) => ({ indent: entry.level === 1 ? 0 : 14, size: entry.level === 1 ? BODY_SIZE : BODY_SIZE - 0.5, style: (entry.level === 1 ? 'bold' : 'regular') as FontStyle });
	const tocPlan = (entries: { level: number; text: string }[]): number[] => {
		const top = doc.page.margins.top;
		// The heading and the space under it, with room to spare.
		let y = top + heightOf(t.contentsHeading, 'bold', HEADING_SIZES[1], width()) + 20;
		let page = 0;
		return entries.map((entry) => {
			const line = tocLine(entry);
			const h = heightOf(entry.text, line.style, line.size, width() - line.indent - 40) + TOC_LINE_GAP;
			if (y + h > bottom()) {
				page++;
				y = top;
			}
			y += h;
			return page;
		});
	};

	const tagged = (type: string, parent: Struct, draw: () => void) => {
		const element = doc.struct(type as never, {}, draw);
		parent.add(element);
	};

	/** A heading's own height: its lines and the space under it. */
	const headingHeight = (level: 1 | 2 | 3, text: string) => {
		const lines = heightOf(text, 'bold', HEADING_SIZES[level], width());
		return lines + lineHeight('bold', HEADING_SIZES[level]) * 0.3;
	};
	/**
	 * The height of a block's start, the part it moves to a new page with rather than be split: a
	 * whole paragraph or list item, a table's header and first row, the whole map, a heading with
	 * the start of what follows it. A paragraph kept with the next block includes that block's start,
	 * up to `depth` blocks on (a chain of kept paragraphs would otherwise grow past a page).
	 */
	const startHeight = (index: number, depth = 3): number => {
		const block = blocks[index];
		if (!block) return 0;
		switch (block.type) {
			case 'paragraph': {
				const { fontStyle, size } = paragraphLook(block.style);
				const own = heightOf(block.text, fontStyle, size, width());
				return block.keepWithNext && depth > 0 ? own + doc.currentLineHeight() * 0.4 + startHeight(index + 1, depth - 1) : own;
			}
			case 'list':
				return block.items.length === 0 ? 0 : heightOf(block.items[0], 'regular', BODY_SIZE, width() - 14);
			case 'table':
				return tableStart(pageTables(block)[0], tableColumns(pageTables(block)[0]));
			case 'map':
				return mapSize().height;
			case 'heading':
				return headingHeight(block.level, block.text) + startHeight(index + 1, depth);
			default:
				return 0;
		}
	};
	/** Whether a block's start (of this height) goes to a new page: it does not fit, and the page is not new. */
	const startsNewPage = (height: number) => doc.y > doc.page.margins.top + 1 && doc.y + height > bottom();

	const heading = (level: 1 | 2 | 3, text: string, toc: boolean, index: number) => {
		if (level === 1 && doc.y > doc.page.margins.top + 1) doc.moveDown(0.8);
		// Keep a heading with what follows it: when the start of its content (see startHeight) does
		// not fit under it, it goes to the next page with it. (A fixed 110 pt left the theme rows and a
		// map's heading unguarded and moved headings that had room.)
		if (startsNewPage(headingHeight(level, text) + startHeight(index + 1))) newPage();
		doc.fillColor(HEADING_COLOUR);
		tagged(`H${level}`, root, () => rich(text, 'bold', HEADING_SIZES[level], { x: left() }));
		doc.fillColor('black');
		doc.moveDown(0.3);
		const page = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
		if (toc) tocEntries.push({ level, text, page });
		if (level === 1) outlines[0] = doc.outline.addItem(text);
		else if (level === 2 && outlines[0]) outlines[1] = outlines[0].addItem(text);
		else if (level === 2) doc.outline.addItem(text);
	};
	const paragraphLook = (style?: 'italic' | 'small' | 'lead') => ({
		fontStyle: (style === 'italic' ? 'italic' : style === 'lead' ? 'bold' : 'regular') as FontStyle,
		size: style === 'small' ? BODY_SIZE - 1.5 : BODY_SIZE
	});
	/** A paragraph, on the next page when `needed` (its start, see startHeight) does not fit on this one. */
	const paragraph = (text: string, style: 'italic' | 'small' | 'lead' | undefined, needed: number) => {
		const { fontStyle, size } = paragraphLook(style);
		if (startsNewPage(needed)) newPage();
		tagged('P', root, () => rich(text, fontStyle, size, { x: left() }));
		doc.moveDown(0.4);
	};
	const list = (items: string[]) => {
		const listElement = doc.struct('L');
		root.add(listElement);
		for (const item of items) {
			const h = heightOf(item, 'regular', BODY_SIZE, width() - 14);
			if (doc.y + h > bottom()) newPage();
			const y = doc.y;
			const li = doc.struct('LI');
			listElement.add(li);
			li.add(
				doc.struct('LBody', {}, () => {
					doc.circle(left() + 4, y + BODY_SIZE * 0.6, 1.6).fill('black');
					rich(item, 'regular', BODY_SIZE, { x: left() + 14, y, width: width() - 14 });
				})
			);
			li.end();
			doc.moveDown(0.15);
		}
		listElement.end();
		doc.x = left();
		doc.moveDown(0.3);
	};

	const pause = pauser();
	// PDFKit measures a word with the space after it when it decides to break it: measure that too,
	// or a bold word that just fits is broken in the middle ("sam-enlevingsinitiatieven").
	const tableColumns = (block: Extract<Block, { type: 'table' }>) =>
		fitColumns(block.header, block.rows, block.widths, width(), (text, bold) => textWidth(`${text} `, TABLE_SIZE, bold ? 'bold' : 'regular'), 2 * CELL_PAD + 1, (row, i) => isBoldRow(block, row, i));
	const rowHeight = (cells: readonly string[], bold: boolean, columns: readonly number[]) =>
		Math.max(...cells.map((cell, i) => heightOf(cell, bold ? 'bold' : 'regular', TABLE_SIZE, columns[i] - 2 * CELL_PAD) + 2 * CELL_PAD_Y));
	/**
	 * What a table never starts a page without: its header row and first row, and when that row
	 * names a group (a theme), the row after it too; all of a table kept together.
	 */
	const tableStart = (block: Extract<Block, { type: 'table' }>, columns: readonly number[]) => {
		const keptRows = block.keepTogether ? block.rows.length : block.groupRows?.includes(0) ? 2 : 1;
		return rowHeight(block.header, true, columns) + block.rows.slice(0, keptRows).reduce((sum, row, i) => sum + rowHeight(row, isBoldRow(block, row, i), columns), 0);
	};
	const table = async (block: Extract<Block, { type: 'table' }>) => {
		const isBold = (i: number, cells: string[]) => isBoldRow(block, cells, i);
		const columns = tableColumns(block);
		const tableElement = doc.struct('Table');
		root.add(tableElement);
		const heightOfRow = (cells: string[], bold: boolean) => rowHeight(cells, bold, columns);
		const drawRow = (cells: string[], header: boolean, bold: boolean) => {
			const style: FontStyle = header || bold ? 'bold' : 'regular';
			const rowHeight = heightOfRow(cells, header || bold);
			if (doc.y + rowHeight > bottom()) {
				newPage();
				if (!header) drawRow(block.header, true, true);
			}
			const y = doc.y;
			const row = doc.struct('TR');
			tableElement.add(row);
			let x = left();
			cells.forEach((cell, i) => {
				const w = columns[i];
				const cellX = x;
				row.add(
					doc.struct(header ? 'TH' : 'TD', {}, () => {
						if (header) doc.rect(cellX, y, w, rowHeight).fill(HEADER_FILL);
						doc.fillColor('black');
						rich(cell, style, TABLE_SIZE, { x: cellX + CELL_PAD, y: y + CELL_PAD_Y, width: w - 2 * CELL_PAD, align: block.rightAligned?.includes(i) ? 'right' : 'left' });
					})
				);
				x += w;
			});
			row.end();
			doc.save().lineWidth(0.5).strokeColor('#9AA5B1');
			doc.rect(left(), y, x - left(), rowHeight).stroke();
			let lineX = left();
			for (const w of columns.slice(0, -1)) {
				lineX += w;
				doc.moveTo(lineX, y).lineTo(lineX, y + rowHeight).stroke();
			}
			doc.restore();
			doc.y = y + rowHeight;
			doc.x = left();
		};
		// No header row alone at the bottom of a page: it goes with the first row (and a theme's row with its first action).
		if (block.rows.length > 0 && startsNewPage(tableStart(block, columns))) newPage();
		drawRow(block.header, true, true);
		for (const [i, cells] of block.rows.entries()) {
			// A group's row (a theme's name) does not end a page: it goes with the row after it.
			const next = block.rows[i + 1];
			if (block.groupRows?.includes(i) && next && i > 0) {
				const rowHeight = heightOfRow(cells, isBold(i, cells));
				if (doc.y + rowHeight + heightOfRow(next, isBold(i + 1, next)) > bottom()) {
					newPage();
					drawRow(block.header, true, true);
				}
			}
			// Nor the last row alone on a page of its own (the total): the row before it goes along.
			const last = block.rows.at(-1)!;
			if (i === block.rows.length - 2 && i > 0) {
				const both = heightOfRow(cells, isBold(i, cells)) + heightOfRow(last, isBold(i + 1, last));
				if (doc.y + heightOfRow(cells, isBold(i, cells)) <= bottom() && doc.y + both > bottom()) {
					newPage();
					drawRow(block.header, true, true);
				}
			}
			drawRow(cells, false, isBold(i, cells));
			await pause();
		}
		tableElement.end();
		doc.moveDown(0.8);
	};

	/** The map's picture as drawn on this page: as wide as the text, or as high as the page allows. */
	const mapSize = () => {
		const layout = layoutMap(model.areaProfile.map);
		const scale = Math.min(width() / layout.width, (bottom() - doc.page.margins.top - 40) / layout.height);
		return { layout, scale, height: layout.height * scale };
	};
	const map = () => {
		const area = model.areaProfile;
		const { layout, scale, height: pictureHeight } = mapSize();
		if (doc.y + pictureHeight > bottom()) newPage();
		const top = doc.y;
		root.add(
			doc.struct('Figure', { alt: area.map.alt }, () =>
				drawMap(doc, layout, left(), top, scale, (text, x, y, size) => {
					doc.fillColor('#1a1a1a');
					rich(text, 'bold', size, { x: x - 100, y: y - size / 2, width: 200, align: 'center' });
				})
			)
		);
		doc.fillColor('black');
		doc.y = top + pictureHeight + 8;
		doc.x = left();
	};

	for (const [index, block] of blocks.entries()) {
		await pause();
		switch (block.type) {
			case 'heading':
				heading(block.level, block.text, block.toc, index);
				break;
			case 'paragraph':
				paragraph(block.text, block.style, startHeight(index));
				break;
			case 'fields':
				doc.fillColor(HEADING_COLOUR);
				tagged('H1', root, () => rich(model.titlePage.title, 'bold', 24, { x: left() }));
				doc.fillColor('#4A5A6A').moveDown(0.3);
				tagged('P', root, () => rich(model.titlePage.subtitle, 'regular', 14, { x: left() }));
				doc.fillColor('black').moveDown(1);
				for (const [label, value] of block.items) paragraph(`${label}: ${value}`, undefined, heightOf(`${label}: ${value}`, 'regular', BODY_SIZE, width()));
				break;
			case 'list':
				list(block.items);
				break;
			case 'table':
				for (const part of pageTables(block)) await table(part);
				break;
			case 'map':
				map();
				break;
			case 'toc': {
				const entries = blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.toc);
				doc.addPage();
				const count = (tocPlan(entries).at(-1) ?? 0) + 1;
				tocPages = { first: doc.bufferedPageRange().count - 1, count };
				for (let i = 1; i < count; i++) doc.addPage();
				break;
			}
			case 'pageBreak':
				doc.addPage();
				break;
			case 'landscape':
				addA4Page('landscape');
				break;
			case 'portrait':
				addA4Page('portrait');
				break;
		}
	}
	root.end();

	// The table of contents, now that the pages are known.
	const range = doc.bufferedPageRange();
	if (tocPages) {
		const { first } = tocPages;
		doc.switchToPage(first);
		doc.x = left();
		doc.y = doc.page.margins.top;
		doc.fillColor(HEADING_COLOUR);
		rich(t.contentsHeading, 'bold', HEADING_SIZES[1], { x: left() });
		doc.fillColor('black').moveDown(0.5);
		const plan = tocPlan(tocEntries);
		tocEntries.forEach((entry, i) => {
			if (i > 0 && plan[i] !== plan[i - 1]) {
				doc.switchToPage(first + plan[i]);
				doc.y = doc.page.margins.top;
			}
			const { indent, size, style } = tocLine(entry);
			const y = doc.y;
			rich(entry.text, style, size, { x: left() + indent, y, width: width() - indent - 40 });
			const after = doc.y;
			rich(String(entry.page), 'regular', size, { x: left() + width() - 40, y, width: 40, align: 'right' });
			doc.y = Math.max(after, doc.y) + TOC_LINE_GAP;
		});
	}
	// Page numbers, as artifacts (not read out as text of the page).
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		const savedBottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.markContent('Artifact', { type: 'Pagination' });
		doc.fillColor('#4A5A6A');
		rich(`${t.pageLabel} ${i + 1} / ${range.count}`, 'regular', 8, { x: doc.page.margins.left, y: doc.page.height - 34, width: width(), align: 'center' });
		doc.endMarkedContent();
		doc.page.margins.bottom = savedBottom;
	}
	doc.flushPages();
	doc.end();
	await finished;
	return new Uint8Array(Buffer.concat(chunks));
}
