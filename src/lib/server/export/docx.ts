/**
 * The Word export, what officials paste into the stadsdeelprogramma. Built for screen readers as
 * much as for print: the document language is set, the structure uses Word's own Title / Heading 1–3
 * styles (navigation pane, table of contents), tables have a repeating header row and a fixed grid,
 * lists are real lists and the map has alt text. Wide tables get a landscape section of their own;
 * every column is at least as wide as its longest word at the table's font size (table-layout.ts),
 * so no word breaks in the middle. Page numbers in the footer.
 */
import {
	AlignmentType,
	Document,
	Footer,
	HeadingLevel,
	ImageRun,
	PageNumber,
	PageOrientation,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableOfContents,
	TableRow,
	TextRun,
	WidthType,
	type ISectionOptions
} from 'docx';
import type { AgendaExport } from './agenda-export-model.ts';
import { exportTexts } from './texts.ts';
import { documentBlocks, isBoldRow, pageTables, type Block } from './document-blocks.ts';
import { renderMapPng } from './map-picture.ts';
import { textWidth } from './fonts.ts';
import { fitColumns } from './table-layout.ts';
import { pauser } from './yield.ts';

/** A4 in twips (1/20 pt) and Word's default margins of 2.54 cm. */
const PAGE = { width: 11906, height: 16838, margin: 1440 };
const TEXT_WIDTH_TWIPS = { portrait: PAGE.width - 2 * PAGE.margin, landscape: PAGE.height - 2 * PAGE.margin };
/** Left and right cell margins, 0.13 cm each (Word's default is 0.19 cm): the action table fits a portrait page. */
export const CELL_MARGIN_TWIPS = 72;
/** Table text in half-points: 9 pt. Body text 11 pt. */
export const TABLE_FONT_HALF_POINTS = 18;
const PICTURE_MAX = { width: 600, height: 640 };

/** Dark blue: contrast 10:1 on white. */
const HEADING_COLOUR = '1F3B57';
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E7ECF2' } as const;
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Width of a word in twips at the table's font size; measured with Noto Sans, which is wider than Calibri and Carlito. */
export function tableTextTwips(text: string, bold: boolean): number {
	return textWidth(text, TABLE_FONT_HALF_POINTS / 2, bold ? 'bold' : 'regular') * 20;
}

function table(block: Extract<Block, { type: 'table' }>, textWidthTwips: number): Table {
	const bold = (row: readonly string[], index: number) => isBoldRow(block, row, index);
	const columns = fitColumns(block.header, block.rows, block.widths, textWidthTwips, tableTextTwips, 2 * CELL_MARGIN_TWIPS + 20, bold);
	// A group's row (a theme's name) keeps with the next row, as a heading does: Word moves it to the
	// next page rather than end a page with it.
	const cell = (text: string, column: number, bold: boolean, header: boolean, keepWithNext = false) =>
		new TableCell({
			width: { size: columns[column], type: WidthType.DXA },
			shading: header ? HEADER_SHADING : undefined,
			children: [
				new Paragraph({
					alignment: block.rightAligned?.includes(column) ? AlignmentType.RIGHT : undefined,
					spacing: { after: 0 },
					keepNext: keepWithNext || undefined,
					keepLines: keepWithNext || undefined,
					children: [new TextRun({ text, bold, size: TABLE_FONT_HALF_POINTS })]
				})
			]
		});
	return new Table({
		layout: TableLayoutType.FIXED,
		margins: { left: CELL_MARGIN_TWIPS, right: CELL_MARGIN_TWIPS },
		columnWidths: columns,
		width: { size: columns.reduce((a, b) => a + b, 0), type: WidthType.DXA },
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((text, i) => cell(text, i, true, true, block.keepTogether)) }),
			...block.rows.map(
				(row, r) =>
					new TableRow({
						cantSplit: true,
						children: row.map((text, i) => cell(text, i, bold(row, r), false, (block.keepTogether || block.groupRows?.includes(r)) && r < block.rows.length - 1))
					})
			)
		]
	});
}

function fitPicture(width: number, height: number): { width: number; height: number } {
	const scale = Math.min(PICTURE_MAX.width / width, PICTURE_MAX.height / height);
	return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

export async function writeDocx(model: AgendaExport): Promise<Uint8Array> {
	const t = exportTexts(model.locale);
	const sections: { landscape: boolean; children: (Paragraph | Table | TableOfContents)[] }[] = [{ landscape: false, children: [] }];
	const current = () => sections.at(-1)!;
	const push = (...children: (Paragraph | Table | TableOfContents)[]) => current().children.push(...children);

	const pause = pauser();
	for (const block of documentBlocks(model)) {
		await pause();
		switch (block.type) {
			case 'heading':
				push(new Paragraph({ heading: HEADINGS[block.level], children: [new TextRun(block.text)] }));
				break;
			case 'paragraph':
				push(
					new Paragraph({
						keepNext: block.keepWithNext,
						children: [
							new TextRun({
								text: block.text,
								italics: block.style === 'italic',
								bold: block.style === 'lead',
								size: block.style === 'small' ? 18 : undefined,
								language: block.lang ? { value: block.lang } : undefined
							})
						]
					})
				);
				break;
			case 'fields':
				push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.titlePage.title)] }));
				push(new Paragraph({ style: 'Subtitle', children: [new TextRun(model.titlePage.subtitle)] }));
				for (const [label, value] of block.items) push(new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }));
				break;
			case 'list':
				for (const item of block.items) push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
				break;
			case 'table':
				for (const part of pageTables(block)) push(table(part, current().landscape ? TEXT_WIDTH_TWIPS.landscape : TEXT_WIDTH_TWIPS.portrait), new Paragraph(''));
				break;
			case 'landscape':
			case 'portrait':
				sections.push({ landscape: block.type === 'landscape', children: [] });
				break;
			case 'map': {
				const picture = renderMapPng(model.areaProfile.map);
				push(
					new Paragraph({
						keepNext: true,
						children: [
							new ImageRun({
								type: 'png',
								data: picture.png,
								transformation: fitPicture(picture.width, picture.height),
								altText: { name: t.mapHeading, title: t.mapHeading, description: model.areaProfile.map.alt }
							})
						]
					})
				);
				break;
			}
			case 'toc':
				// Word's "TOC Heading": looks like Heading 1, but is not an outline level, so the contents do not list themselves.
				push(new Paragraph({ style: 'TOCHeading', pageBreakBefore: true, children: [new TextRun(t.contentsHeading)] }));
				push(new TableOfContents(t.contentsHeading, { hyperlink: true, headingStyleRange: '1-2' }));
				break;
			case 'pageBreak':
				push(new Paragraph({ pageBreakBefore: true, children: [] }));
				break;
		}
	}

	const footer = new Footer({
		children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${t.pageLabel} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 })] })]
	});
	const documentSections: ISectionOptions[] = sections
		.filter((section) => section.children.length > 0)
		.map((section) => ({
			properties: {
				page: {
					size: { width: PAGE.width, height: PAGE.height, orientation: section.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
					margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin }
				}
			},
			footers: { default: footer },
			children: section.children
		}));

	const document = new Document({
		title: model.titlePage.title,
		subject: model.titlePage.subtitle,
		description: model.titlePage.subtitle,
		creator: t.madeWith,
		lastModifiedBy: t.madeWith,
		keywords: `sociale agenda; stadsdeelprogramma; ${model.agenda.stadsdeel.name}; ${model.agenda.period}`,
		revision: Math.max(1, Math.min(model.titlePage.changes, 2_147_483_647)),
		features: { updateFields: true },
		styles: {
			default: {
				document: { run: { language: { value: model.language }, font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120 } } },
				title: { run: { size: 48, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { after: 120 } } },
				heading1: { run: { size: 34, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true } },
				heading2: { run: { size: 28, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true } },
				heading3: { run: { size: 24, bold: true, color: '333333' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true, keepLines: true } }
			},
			// Word knows "Subtitle" as a built-in style by name; docx does not define it.
			paragraphStyles: [
				{ id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 30, color: '4A5A6A' }, paragraph: { spacing: { after: 240 } } },
				{ id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { size: 34, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
				// The contents' lines close together: the whole agenda's contents fit on one page, not a second one that stays nearly empty.
				{ id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { size: 21 }, paragraph: { spacing: { before: 0, after: 20 } } },
				{ id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', run: { size: 20 }, paragraph: { spacing: { before: 0, after: 20 }, indent: { left: 220 } } }
			]
		},
		sections: documentSections
	});
	return new Uint8Array(await Packer.toBuffer(document));
}
