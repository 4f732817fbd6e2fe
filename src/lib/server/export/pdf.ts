/**
 * The PDF export, for reading and printing. A tagged PDF: the document language and title are set
 * (and the viewer shows the title, not the file name), headings are H1/H2/H3 structure elements,
 * tables are Table/TR/TH/TD with column headers, lists are L/LI, and the map is a Figure with alt
 * text, drawn as vectors from the same layout as the DOCX picture (sharp, small, and no PNG to decode).
 * The standard font Helvetica keeps the file small; it covers the Western European letters (é, ë, €)
 * but not emoji or other scripts, which show as a space.
 */
import PDFDocument from 'pdfkit';
import type { AgendaExport } from './agenda-export-model.ts';
import { cardTextWithNote, exportTexts } from './texts.ts';
import { layoutMap, legendLines, symbolPoints, SYMBOL_RADIUS, type MapLayout } from './map-picture.ts';

const MARGIN = 56;
const BODY_SIZE = 10;
const HEADING_SIZES = { H1: 18, H2: 14, H3: 12 } as const;
const HEADING_COLOUR = '#1F3B57';
const HEADER_FILL = '#E7ECF2';

type Heading = keyof typeof HEADING_SIZES;

/** Helvetica is WinAnsi: characters outside it would print as garbage, so they become a space. */
function printable(text: string): string {
	// WinAnsi = Latin-1 plus the 0x80–0x9F extras (€, ‘ ’ “ ” – — … • and a few more).
	return text.replace(/[^\n\t\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, ' ');
}

function drawMap(doc: PDFKit.PDFDocument, layout: MapLayout, x: number, y: number, scale: number): void {
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
}

export interface PdfOptions {
	/** Deflate the page streams (default). Tests turn it off to read the text. */
	compress?: boolean;
}

export async function writePdf(model: AgendaExport, options: PdfOptions = {}): Promise<Uint8Array> {
	const t = exportTexts(model.locale);
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		tagged: true,
		lang: model.language,
		displayTitle: true,
		pdfVersion: '1.7',
		compress: options.compress ?? true,
		font: 'Helvetica',
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

	const root = doc.struct('Document');
	doc.addStructure(root);
	const width = doc.page.width - 2 * MARGIN;

	const heading = (level: Heading, text: string) => {
		if (level === 'H1' && doc.y > MARGIN + 1) doc.moveDown(0.8);
		// Keep a heading with what follows it.
		if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
		doc.font('Helvetica-Bold').fontSize(HEADING_SIZES[level]).fillColor(HEADING_COLOUR);
		doc.text(printable(text), { structParent: root, structType: level });
		doc.font('Helvetica').fontSize(BODY_SIZE).fillColor('black').moveDown(0.3);
	};
	const paragraph = (text: string, style: { italic?: boolean; size?: number } = {}) => {
		doc.font(style.italic ? 'Helvetica-Oblique' : 'Helvetica').fontSize(style.size ?? BODY_SIZE);
		doc.text(printable(text), { structParent: root, structType: 'P' });
		doc.font('Helvetica').fontSize(BODY_SIZE).moveDown(0.4);
	};
	const list = (items: string[]) => {
		if (items.length === 0) return;
		doc.font('Helvetica').fontSize(BODY_SIZE);
		// PDFKit adds LI elements to the parent it is given, so the L around them is ours.
		const listElement = doc.struct('L');
		root.add(listElement);
		doc.list(items.map(printable), { structParent: listElement, bulletRadius: 1.8, textIndent: 12, bulletIndent: 4 });
		listElement.end();
		doc.moveDown(0.4);
	};
	const table = (header: string[], rows: string[][], widths: number[], rightAligned: number[] = []) => {
		const total = widths.reduce((a, b) => a + b, 0);
		doc.font('Helvetica').fontSize(BODY_SIZE - 1);
		doc.table({
			structParent: root,
			position: { x: MARGIN, y: doc.y },
			columnStyles: widths.map((w, i) => ({ width: (w / total) * width, align: { x: rightAligned.includes(i) ? 'right' : 'left', y: 'top' } })),
			data: [
				header.map((text) => ({ text: printable(text), type: 'TH', scope: 'column', backgroundColor: HEADER_FILL, font: { src: 'Helvetica-Bold' } })),
				...rows.map((row) => row.map((text) => ({ text: printable(text) })))
			]
		} as PDFKit.Mixins.TableOptions);
		doc.x = MARGIN;
		doc.font('Helvetica').fontSize(BODY_SIZE).moveDown(0.6);
	};

	// --- title page
	doc.font('Helvetica-Bold').fontSize(26).fillColor(HEADING_COLOUR);
	doc.text(printable(model.titlePage.title), { structParent: root, structType: 'H1' });
	doc.font('Helvetica').fontSize(15).fillColor('#4A5A6A').moveDown(0.3);
	doc.text(printable(model.titlePage.subtitle), { structParent: root, structType: 'P' });
	doc.fillColor('black').fontSize(BODY_SIZE).moveDown(1);
	for (const [label, value] of [
		[t.stadsdeel, model.agenda.stadsdeel.name],
		[t.period, model.agenda.period],
		[t.date, model.titlePage.dateText],
		[t.version, String(model.titlePage.version)]
	]) {
		paragraph(`${label}: ${value}`);
	}
	paragraph(t.versionNote, { italic: true, size: BODY_SIZE - 1 });

	// --- how it was made
	doc.addPage();
	heading('H1', t.processHeading);
	paragraph(t.processIntro(model.process.workshops.length, model.process.cardCount));
	heading('H2', t.workshopsHeading);
	if (model.process.workshops.length === 0) paragraph(t.noWorkshops);
	else {
		table(
			[...t.workshopColumns],
			model.process.workshops.map((w) => [w.title, w.dateText ?? t.unknownDate, w.place ?? t.unknownPlace, String(w.participantCount)]),
			[40, 25, 22, 13],
			[3]
		);
	}
	const participation = model.process.participation;
	heading('H2', t.participationHeading);
	paragraph(t.participationIntro(participation.total));
	for (const [label, counts] of [
		[t.byRole, participation.byRole],
		[t.byBuurt, participation.byBuurt],
		[t.byAgeBand, participation.byAgeBand]
	] as const) {
		table([label, t.count], counts.map((c) => [c.label, String(c.count)]), [75, 25], [1]);
	}

	// --- area profile
	const area = model.areaProfile;
	heading('H1', t.areaHeading);
	paragraph(t.areaIntro(model.agenda.stadsdeel.name, area.buurten.length));
	if (area.buurten.length > 0) {
		table(
			[t.figure, ...area.buurten.map((b) => b.name), t.sourceYear],
			area.figures.map((f) => [f.label, ...f.values.map((v) => v.text), `${f.source}, ${f.year}`]),
			[24, ...area.buurten.map(() => 56 / area.buurten.length), 20],
			area.buurten.map((_, i) => i + 1)
		);
	}
	heading('H2', t.mapHeading);
	// Drawn as vectors from the same layout as the DOCX picture: sharp at any zoom and small.
	const layout = layoutMap(area.map);
	const scale = Math.min(width / layout.width, (doc.page.height - 2 * MARGIN - 60) / layout.height);
	const pictureHeight = layout.height * scale;
	if (doc.y + pictureHeight > doc.page.height - MARGIN) doc.addPage();
	const top = doc.y;
	root.add(doc.struct('Figure', { alt: area.map.alt }, () => drawMap(doc, layout, MARGIN, top, scale)));
	doc.y = top + pictureHeight + 8;
	doc.x = MARGIN;
	const legend = legendLines(area.map, model.locale);
	if (legend.length === 0) paragraph(t.noFacilities);
	else {
		paragraph(t.mapLegendIntro);
		list(legend.map((line) => line.text));
	}
	paragraph(`${t.attributionLabel}: ${area.attribution}`, { size: BODY_SIZE - 2 });
	heading('H2', t.sourcesHeading);
	list([...area.sources.map((s) => `${s.source} (${s.year})`), area.attribution]);

	// --- syntheses
	heading('H1', t.synthesesHeading);
	paragraph(t.synthesesIntro);
	for (const synthesis of model.syntheses) {
		heading('H2', `${synthesis.questionNumber}. ${synthesis.question}`);
		if (model.locale !== 'nl') paragraph(synthesis.questionNl, { italic: true });
		const blocks = synthesis.text.split(/\n\s*\n/).filter((b) => b.trim() !== '');
		if (blocks.length === 0) paragraph(t.noSynthesis, { italic: true });
		for (const block of blocks) paragraph(block.trim());
		paragraph(t.cardsForQuestion(synthesis.cardCount), { size: BODY_SIZE - 1 });
	}

	// --- per theme the three lists
	const actionsById = new Map(model.actions.map((a) => [a.id, a]));
	heading('H1', t.themesHeading);
	paragraph(model.actions.length > 0 ? t.themesIntro : t.noActions);
	for (const chapter of model.themes) {
		heading('H2', chapter.name);
		paragraph(chapter.outcome, { italic: true });
		for (const l of chapter.lists) {
			heading('H3', l.label);
			if (l.actionIds.length === 0) paragraph(t.noActionsInList, { italic: true });
			list(
				l.actionIds.map((id) => {
					const a = actionsById.get(id)!;
					const details = [a.owner || t.noOwner, a.quarter ?? t.notPlanned, a.amountText, a.budgetLine ?? ''].filter((d) => d !== '');
					const cards = a.cardRefs.length > 0 ? ` [${t.actionColumns.cards}: ${a.cardRefs.join(', ')}]` : '';
					return `${a.ref} ${a.title} (${details.join('; ')})${cards}`;
				})
			);
		}
	}
	if (model.themesWithoutActions.length > 0 && model.actions.length > 0) {
		paragraph(t.themesWithoutActions);
		list(model.themesWithoutActions);
	}

	// --- the action table
	heading('H1', t.actionTableHeading);
	if (model.actions.length === 0) paragraph(t.noActions);
	else {
		const c = t.actionColumns;
		table(
			[c.ref, c.theme, c.title, c.owner, c.quarter, c.amount, c.budgetLine, c.cards],
			model.actions.map((a) => [a.ref, a.theme, a.title, a.owner || t.noOwner, a.quarter ?? t.notPlanned, a.amountText || t.noAmount, a.budgetLine ?? t.noAmount, a.cardRefs.join(', ')]),
			[6, 14, 24, 13, 11, 11, 12, 9],
			[5]
		);
	}

	// --- appendix: cards without names
	heading('H1', t.cardsHeading);
	paragraph(t.cardsIntro);
	const cc = t.cardColumns;
	for (const synthesis of model.syntheses) {
		heading('H2', `${synthesis.questionNumber}. ${synthesis.question}`);
		const cards = model.cards.filter((card) => card.questionNumber === synthesis.questionNumber);
		if (cards.length === 0) paragraph(t.noCards, { italic: true });
		else {
			table(
				[cc.ref, cc.text, cc.themes, cc.plusOnes, cc.actions],
				cards.map((card) => [card.ref, cardTextWithNote(t, card), card.themes.join(', '), String(card.plusOnes), card.actionRefs.join(', ')]),
				[9, 51, 22, 6, 12],
				[3]
			);
		}
	}

	root.end();
	doc.end();
	await finished;
	return new Uint8Array(Buffer.concat(chunks));
}

