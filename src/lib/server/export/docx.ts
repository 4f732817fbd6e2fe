/**
 * The Word export, what officials paste into the stadsdeelprogramma. Built for screen readers as
 * much as for print: the document language is set, the structure uses Word's own Title / Heading 1–3
 * styles (so the navigation pane and a table of contents work), tables have a repeating header row,
 * lists are real lists and the map has alt text.
 */
import {
	AlignmentType,
	Document,
	HeadingLevel,
	ImageRun,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { AgendaExport, ExportAction, ExportCount } from './agenda-export-model.ts';
import { cardTextWithNote, exportTexts } from './texts.ts';
import { legendLines, renderMapPng } from './map-picture.ts';

/** Text width of an A4 page with Word's default 2.54 cm margins, in pixels at 96 dpi; and a height that leaves room for a heading. */
const TEXT_WIDTH_PX = 600;
const PICTURE_MAX_HEIGHT_PX = 700;

function fitPicture(width: number, height: number): { width: number; height: number } {
	const scale = Math.min(TEXT_WIDTH_PX / width, PICTURE_MAX_HEIGHT_PX / height);
	return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
/** Dark blue: contrast 10:1 on white. */
const HEADING_COLOUR = '1F3B57';
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E7ECF2' } as const;

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
	return new Paragraph({ heading: level, children: [new TextRun(text)] });
}

/** Paragraphs from text with line breaks; blank lines separate paragraphs. */
function paragraphs(text: string): Paragraph[] {
	return text
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter((block) => block !== '')
		.map((block) => {
			const lines = block.split('\n');
			return new Paragraph({ children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })) });
		});
}

function cell(text: string, options: { header?: boolean; width?: number; align?: 'right' } = {}): TableCell {
	return new TableCell({
		children: [
			new Paragraph({
				alignment: options.align === 'right' ? AlignmentType.RIGHT : undefined,
				children: [new TextRun({ text, bold: options.header })]
			})
		],
		shading: options.header ? HEADER_SHADING : undefined,
		width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined
	});
}

/** A table whose first row is a real header row: marked, bold and repeated on every page. */
function table(header: string[], rows: string[][], options: { widths?: number[]; rightAligned?: number[] } = {}): Table {
	const widthOf = (i: number) => options.widths?.[i];
	const alignOf = (i: number) => (options.rightAligned?.includes(i) ? ('right' as const) : undefined);
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: header.map((text, i) => cell(text, { header: true, width: widthOf(i), align: alignOf(i) })) }),
			...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, { width: widthOf(i), align: alignOf(i) })) }))
		]
	});
}

function countTable(label: string, countLabel: string, counts: ExportCount[]): Table {
	return table([label, countLabel], counts.map((c) => [c.label, String(c.count)]), { widths: [75, 25], rightAligned: [1] });
}

function bullet(children: TextRun[]): Paragraph {
	return new Paragraph({ bullet: { level: 0 }, children });
}

export async function writeDocx(model: AgendaExport): Promise<Uint8Array> {
	const t = exportTexts(model.locale);
	const lang = model.language;
	const body: (Paragraph | Table)[] = [];
	const actionsById = new Map(model.actions.map((a) => [a.id, a]));

	// --- title page
	body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.titlePage.title)] }));
	body.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(model.titlePage.subtitle)] }));
	const meta: [string, string][] = [
		[t.stadsdeel, model.agenda.stadsdeel.name],
		[t.period, model.agenda.period],
		[t.date, model.titlePage.dateText],
		[t.version, String(model.titlePage.version)]
	];
	for (const [label, value] of meta) body.push(new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }));
	body.push(new Paragraph({ children: [new TextRun({ text: t.versionNote, italics: true })] }));

	// --- how it was made
	body.push(heading(t.processHeading, HeadingLevel.HEADING_1));
	body.push(...paragraphs(t.processIntro(model.process.workshops.length, model.process.cardCount)));
	body.push(heading(t.workshopsHeading, HeadingLevel.HEADING_2));
	if (model.process.workshops.length === 0) body.push(new Paragraph(t.noWorkshops));
	else {
		body.push(
			table(
				[...t.workshopColumns],
				model.process.workshops.map((w) => [w.title, w.dateText ?? t.unknownDate, w.place ?? t.unknownPlace, String(w.participantCount)]),
				{ widths: [40, 25, 22, 13], rightAligned: [3] }
			)
		);
	}
	const participation = model.process.participation;
	body.push(heading(t.participationHeading, HeadingLevel.HEADING_2));
	body.push(new Paragraph(t.participationIntro(participation.total)));
	body.push(countTable(t.byRole, t.count, participation.byRole), new Paragraph(''));
	body.push(countTable(t.byBuurt, t.count, participation.byBuurt), new Paragraph(''));
	body.push(countTable(t.byAgeBand, t.count, participation.byAgeBand));

	// --- area profile
	const area = model.areaProfile;
	body.push(heading(t.areaHeading, HeadingLevel.HEADING_1));
	body.push(new Paragraph(t.areaIntro(model.agenda.stadsdeel.name, area.buurten.length)));
	if (area.buurten.length > 0) {
		const figureWidth = 26;
		const sourceWidth = 18;
		const buurtWidth = Math.floor((100 - figureWidth - sourceWidth) / area.buurten.length);
		body.push(
			table(
				[t.figure, ...area.buurten.map((b) => b.name), t.sourceYear],
				area.figures.map((f) => [f.label, ...f.values.map((v) => v.text), `${f.source}, ${f.year}`]),
				{ widths: [figureWidth, ...area.buurten.map(() => buurtWidth), sourceWidth], rightAligned: area.buurten.map((_, i) => i + 1) }
			)
		);
	}
	body.push(heading(t.mapHeading, HeadingLevel.HEADING_2));
	const picture = renderMapPng(area.map);
	body.push(
		new Paragraph({
			children: [
				new ImageRun({
					type: 'png',
					data: picture.png,
					transformation: fitPicture(picture.width, picture.height),
					altText: { name: t.mapHeading, title: t.mapHeading, description: area.map.alt }
				})
			]
		})
	);
	const legend = legendLines(area.map, model.locale);
	if (legend.length === 0) body.push(new Paragraph(t.noFacilities));
	else {
		body.push(new Paragraph(t.mapLegendIntro));
		for (const line of legend) body.push(bullet([new TextRun(line.text)]));
	}
	body.push(new Paragraph({ children: [new TextRun({ text: `${t.attributionLabel}: ${area.attribution}`, size: 18 })] }));
	body.push(heading(t.sourcesHeading, HeadingLevel.HEADING_2));
	for (const source of area.sources) body.push(bullet([new TextRun(`${source.source} (${source.year})`)]));
	body.push(bullet([new TextRun(area.attribution)]));

	// --- syntheses: the question's own words as the heading
	body.push(heading(t.synthesesHeading, HeadingLevel.HEADING_1));
	body.push(new Paragraph(t.synthesesIntro));
	for (const synthesis of model.syntheses) {
		body.push(heading(`${synthesis.questionNumber}. ${synthesis.question}`, HeadingLevel.HEADING_2));
		if (model.locale !== 'nl') body.push(new Paragraph({ children: [new TextRun({ text: synthesis.questionNl, italics: true, language: { value: 'nl-NL' } })] }));
		const text = paragraphs(synthesis.text);
		body.push(...(text.length > 0 ? text : [new Paragraph({ children: [new TextRun({ text: t.noSynthesis, italics: true })] })]));
		body.push(new Paragraph({ children: [new TextRun({ text: t.cardsForQuestion(synthesis.cardCount), size: 18 })] }));
	}

	// --- per theme the three lists
	body.push(heading(t.themesHeading, HeadingLevel.HEADING_1));
	body.push(new Paragraph(model.actions.length > 0 ? t.themesIntro : t.noActions));
	for (const chapter of model.themes) {
		body.push(heading(chapter.name, HeadingLevel.HEADING_2));
		body.push(new Paragraph({ children: [new TextRun({ text: chapter.outcome, italics: true })] }));
		for (const list of chapter.lists) {
			body.push(heading(list.label, HeadingLevel.HEADING_3));
			if (list.actionIds.length === 0) body.push(new Paragraph({ children: [new TextRun({ text: t.noActionsInList, italics: true })] }));
			for (const id of list.actionIds) body.push(bullet(actionLine(actionsById.get(id)!, t)));
		}
	}
	if (model.themesWithoutActions.length > 0 && model.actions.length > 0) {
		body.push(new Paragraph(t.themesWithoutActions));
		for (const name of model.themesWithoutActions) body.push(bullet([new TextRun(name)]));
	}

	// --- the action table
	body.push(heading(t.actionTableHeading, HeadingLevel.HEADING_1));
	if (model.actions.length === 0) body.push(new Paragraph(t.noActions));
	else {
		const c = t.actionColumns;
		body.push(
			table(
				[c.ref, c.theme, c.title, c.owner, c.quarter, c.amount, c.budgetLine, c.cards],
				model.actions.map((a) => [
					a.ref,
					a.theme,
					a.title,
					a.owner || t.noOwner,
					a.quarter ?? t.notPlanned,
					a.amountText || t.noAmount,
					a.budgetLine ?? t.noAmount,
					a.cardRefs.join(', ')
				]),
				{ widths: [6, 14, 26, 13, 10, 10, 12, 9], rightAligned: [5] }
			)
		);
	}

	// --- appendix: every visible card, without names
	body.push(heading(t.cardsHeading, HeadingLevel.HEADING_1));
	body.push(new Paragraph(t.cardsIntro));
	const cc = t.cardColumns;
	for (const synthesis of model.syntheses) {
		body.push(heading(`${synthesis.questionNumber}. ${synthesis.question}`, HeadingLevel.HEADING_2));
		const cards = model.cards.filter((card) => card.questionNumber === synthesis.questionNumber);
		if (cards.length === 0) {
			body.push(new Paragraph({ children: [new TextRun({ text: t.noCards, italics: true })] }));
			continue;
		}
		body.push(
			table(
				[cc.ref, cc.text, cc.themes, cc.plusOnes, cc.actions],
				cards.map((card) => [card.ref, cardTextWithNote(t, card), card.themes.join(', '), String(card.plusOnes), card.actionRefs.join(', ')]),
				{ widths: [9, 51, 22, 6, 12], rightAligned: [3] }
			)
		);
	}

	const document = new Document({
		title: model.titlePage.title,
		subject: model.titlePage.subtitle,
		description: model.titlePage.subtitle,
		creator: t.madeWith,
		lastModifiedBy: t.madeWith,
		keywords: `sociale agenda; stadsdeelprogramma; ${model.agenda.stadsdeel.name}; ${model.agenda.period}`,
		revision: Math.max(1, Math.min(model.titlePage.version, 2_147_483_647)),
		styles: {
			default: {
				document: { run: { language: { value: lang }, font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120 } } },
				title: { run: { size: 48, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { after: 120 } } },
				heading1: { run: { size: 34, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
				heading2: { run: { size: 28, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
				heading3: { run: { size: 24, bold: true, color: '333333' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } }
			},
			// Word knows "Subtitle" as a built-in style by name; docx does not define it.
			paragraphStyles: [{ id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 30, color: '4A5A6A' }, paragraph: { spacing: { after: 240 } } }]
		},
		sections: [{ children: body }]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

function actionLine(action: ExportAction, t: ReturnType<typeof exportTexts>): TextRun[] {
	const details = [action.owner || t.noOwner, action.quarter ?? t.notPlanned, action.amountText, action.budgetLine ?? ''].filter((d) => d !== '');
	const runs = [new TextRun({ text: `${action.ref} `, bold: true }), new TextRun(action.title), new TextRun(` (${details.join('; ')})`)];
	if (action.cardRefs.length > 0) runs.push(new TextRun({ text: ` [${t.actionColumns.cards}: ${action.cardRefs.join(', ')}]`, size: 18 }));
	return runs;
}
