/**
 * The council report as DOCX and PDF, from the same blocks (council-report.ts). Like the
 * stadsdeelprogramma export: Word's own Title and Heading styles and a repeating table header row in
 * the DOCX; a tagged PDF (H1/H2/P/L/Table) with the language set and Fira Sans embedded.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { councilReportBlocks, type CouncilReport } from './council-report.ts';
import { newReportPdf } from './fonts.ts';

const HEADING_COLOUR = '1F3B57';

export async function writeCouncilReportDocx(report: CouncilReport): Promise<Uint8Array> {
	const children: (Paragraph | Table)[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
		new Paragraph({ children: [new TextRun({ text: report.subtitle, size: 28, color: '4A5A6A' })] }),
		new Paragraph({ children: [new TextRun(`Datum: ${report.dateText}`)] })
	];
	for (const block of councilReportBlocks(report)) {
		switch (block.kind) {
			case 'heading':
				children.push(new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(block.text)] }));
				break;
			case 'paragraph':
				children.push(new Paragraph({ children: [new TextRun({ text: block.text, italics: block.emphasis })] }));
				break;
			case 'list':
				// Items of one list sit close together; the space comes after the list (Word and LibreOffice alike).
				block.items.forEach((item, index) =>
					children.push(new Paragraph({ bullet: { level: 0 }, spacing: { after: index === block.items.length - 1 ? 120 : 20 }, children: [new TextRun(item)] }))
				);
				break;
			case 'table': {
				const cell = (text: string, index: number, header: boolean) =>
					new TableCell({
						width: { size: block.widths[index], type: WidthType.PERCENTAGE },
						shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7ECF2' } : undefined,
						children: [new Paragraph({ alignment: block.rightAligned?.includes(index) ? AlignmentType.RIGHT : undefined, children: [new TextRun({ text, bold: header })] })]
					});
				children.push(
					new Table({
						width: { size: 100, type: WidthType.PERCENTAGE },
						rows: [
							new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((text, i) => cell(text, i, true)) }),
							...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false)) }))
						]
					})
				);
				children.push(new Paragraph(''));
				break;
			}
		}
	}
	const document = new Document({
		title: report.title,
		subject: report.subtitle,
		creator: 'Wijktafel',
		keywords: `raadsrapportage; sociale agenda; ${report.stadsdeel}; ${report.period}`,
		styles: {
			default: {
				document: { run: { language: { value: 'nl-NL' }, font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120 } } },
				title: { run: { size: 44, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { after: 120 } } },
				heading1: { run: { size: 32, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
				heading2: { run: { size: 26, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } }
			}
		},
		sections: [{ children }]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

/** Body text of the council PDF; nothing on it is smaller. */
export const COUNCIL_PDF_MIN_FONT_SIZE = 11;
const MARGIN = 56;

export async function writeCouncilReportPdf(report: CouncilReport, options: { compress?: boolean } = {}): Promise<Uint8Array> {
	const { doc, output } = newReportPdf({
		title: report.title,
		subject: report.subtitle,
		keywords: `raadsrapportage, sociale agenda, ${report.stadsdeel}, ${report.period}`,
		margin: MARGIN,
		compress: options.compress
	});
	const root = doc.struct('Document');
	doc.addStructure(root);
	const width = doc.page.width - 2 * MARGIN;
	const body = COUNCIL_PDF_MIN_FONT_SIZE;
	const write = (text: string, style: { font?: 'Body' | 'Bold'; size?: number; type?: 'H1' | 'H2' | 'P'; colour?: string }) => {
		doc.font(style.font ?? 'Body').fontSize(style.size ?? body).fillColor(style.colour ?? '#1a1a1a');
		if (doc.y + doc.heightOfString(text, { width }) > doc.page.height - MARGIN) doc.addPage();
		doc.text(text, MARGIN, doc.y, { width, structParent: root, structType: style.type ?? 'P' } as PDFKit.Mixins.TextOptions);
	};
	write(report.title, { font: 'Bold', size: 22, type: 'H1', colour: `#${HEADING_COLOUR}` });
	write(report.subtitle, { size: 14 });
	write(`Datum: ${report.dateText}`, {});
	doc.moveDown(0.6);
	for (const block of councilReportBlocks(report)) {
		switch (block.kind) {
			case 'heading':
				if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
				doc.moveDown(block.level === 1 ? 0.8 : 0.4);
				write(block.text, { font: 'Bold', size: block.level === 1 ? 16 : 13, type: block.level === 1 ? 'H1' : 'H2', colour: `#${HEADING_COLOUR}` });
				doc.moveDown(0.2);
				break;
			case 'paragraph':
				write(block.text, {});
				doc.moveDown(0.4);
				break;
			case 'list': {
				doc.font('Body').fontSize(body).fillColor('#1a1a1a');
				const list = doc.struct('L');
				root.add(list);
				doc.list(block.items, MARGIN, doc.y, { width, structParent: list, bulletRadius: 2, textIndent: 14, bulletIndent: 4 } as PDFKit.Mixins.TextOptions);
				list.end();
				doc.moveDown(0.4);
				break;
			}
			case 'table': {
				const total = block.widths.reduce((a, b) => a + b, 0);
				doc.font('Body').fontSize(body);
				doc.table({
					structParent: root,
					position: { x: MARGIN, y: doc.y },
					columnStyles: block.widths.map((w, i) => ({ width: (w / total) * width, align: { x: block.rightAligned?.includes(i) ? 'right' : 'left', y: 'top' } })),
					data: [
						block.header.map((text) => ({ text, type: 'TH', scope: 'column', backgroundColor: '#E7ECF2', font: { src: 'Bold' } })),
						...block.rows.map((row) => row.map((text) => ({ text })))
					]
				} as PDFKit.Mixins.TableOptions);
				doc.x = MARGIN;
				doc.moveDown(0.6);
				break;
			}
		}
	}
	root.end();
	doc.end();
	return output;
}
