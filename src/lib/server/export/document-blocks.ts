/**
 * The document as a list of blocks (headings, paragraphs, lists, tables, the map), built once from
 * the export model. DOCX, PDF and Markdown render the same blocks, so each has every question's
 * result in the same order and with the same words; only the look differs.
 */
import type { AgendaExport, ExportAction } from './agenda-export-model.ts';
import { cardTextWithNote, exportTexts, type ExportTexts } from './texts.ts';
import { isOnMap, legendLines } from './map-picture.ts';
import { textWidth } from './fonts.ts';
import { columnMinimums } from './table-layout.ts';

export type Block =
	| { type: 'heading'; level: 1 | 2 | 3; text: string; /** In the table of contents and PDF bookmarks. */ toc: boolean }
	| {
			type: 'paragraph';
			text: string;
			style?: 'italic' | 'small' | 'lead';
			lang?: string;
			/** On the same page as the start of the block after it: a paragraph, a list's first item, a table's first rows (a theme's statements and its total; a name and its reasons; the area's intro and its table). */
			keepWithNext?: boolean;
	  }
	| { type: 'fields'; items: [string, string][] }
	| { type: 'list'; items: string[] }
	| {
			type: 'table';
			header: string[];
			rows: string[][];
			/** Relative column widths. */
			widths: number[];
			rightAligned?: number[];
			/** Last row is a total: bold. */
			totalRow?: boolean;
			/** Rows that name a group (a theme in the action table): on the same page as the row after them. */
			groupRows?: number[];
			/**
			 * On a page (DOCX, PDF) the table is printed as these parts one below the other, each with
			 * these columns (the first is always column 0), because its columns do not fit side by side.
			 * Markdown has no page and keeps the whole table.
			 */
			pageParts?: number[][];
			/** A short table (or each of its parts) on one page, not split over two. */
			keepTogether?: boolean;
	  }
	| { type: 'map' }
	/** From here on landscape pages (wide tables with their heading), until `portrait`. */
	| { type: 'landscape' }
	| { type: 'portrait' }
	| { type: 'toc' }
	| { type: 'pageBreak' };

function actionLine(action: ExportAction, t: ExportTexts): string {
	const details = [action.owner || t.noOwner, action.quarter ?? t.notPlanned, action.amountText, action.budgetLine ?? ''].filter((d) => d !== '');
	const cards = action.cardRefs.length > 0 ? ` [${t.actionColumns.cards}: ${action.cardRefs.join(', ')}]` : '';
	return `${action.ref} ${action.title} (${details.join('; ')})${cards}`;
}

/** A table's bold rows: with `totalRow`, the last row and every row without a first cell (a group's name or total). */
export function isBoldRow(block: Extract<Block, { type: 'table' }>, row: readonly string[], index: number): boolean {
	return block.totalRow === true && (index === block.rows.length - 1 || row[0] === '');
}

/** Text width of the pages: the DOCX's (A4 less 2.54 cm margins) is the narrower of the two writers'. */
const PORTRAIT_TEXT_WIDTH_PT = 451;
/** Table text size and a cell's left and right padding (the DOCX's, the larger), in points. */
const TABLE_TEXT_PT = 9;
const TABLE_CELL_PADDING_PT = 8.2;

/** Whether a table's columns, each at least as wide as its longest word, fit a portrait page. */
function fitsPortrait(header: string[], rows: string[][]): boolean {
	const block = { type: 'table' as const, header, rows, widths: [], totalRow: true };
	const minimum = columnMinimums(header, rows, (text, bold) => textWidth(`${text} `, TABLE_TEXT_PT, bold ? 'bold' : 'regular'), TABLE_CELL_PADDING_PT, (row, i) =>
		isBoldRow(block, row, i)
	);
	return minimum.reduce((a, b) => a + b, 0) <= PORTRAIT_TEXT_WIDTH_PT;
}

type TableBlock = Extract<Block, { type: 'table' }>;

/** The table as it is printed on a page: its parts (see `pageParts`), or itself. */
export function pageTables(block: TableBlock): TableBlock[] {
	if (!block.pageParts) return [block];
	return block.pageParts.map((columns) => ({
		type: 'table',
		header: columns.map((c) => block.header[c]),
		rows: block.rows.map((row) => columns.map((c) => row[c])),
		widths: columns.map((c) => block.widths[c]),
		rightAligned: columns.flatMap((c, i) => (block.rightAligned?.includes(c) ? [i] : [])),
		totalRow: block.totalRow,
		keepTogether: block.keepTogether
	}));
}

/**
 * The columns of each part of a table printed in parts that fit a portrait page: column 0 in every
 * part, the last `tail` columns (the comparison and the source) in the last part with as many of the
 * columns before them as fit, the others filled in order. Null when the whole table fits, and when
 * even one column beside the tail does not (then it goes landscape).
 */
function portraitParts(block: TableBlock, tail: number): number[][] | null | 'landscape' {
	const fits = (columns: number[]) => {
		const part = pageTables({ ...block, pageParts: [columns] })[0];
		return fitsPortrait(part.header, part.rows);
	};
	const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
	const count = block.header.length;
	if (fits(range(0, count))) return null;
	let lastFrom = count - tail;
	while (lastFrom > 1 && fits([0, ...range(lastFrom - 1, count)])) lastFrom--;
	if (lastFrom === count - tail) return 'landscape';
	const parts: number[][] = [];
	let from = 1;
	while (from < lastFrom) {
		let to = from + 1;
		while (to < lastFrom && fits([0, ...range(from, to + 1)])) to++;
		if (!fits([0, ...range(from, to)])) return 'landscape';
		parts.push([0, ...range(from, to)]);
		from = to;
	}
	return [...parts, [0, ...range(lastFrom, count)]];
}

export function documentBlocks(model: AgendaExport): Block[] {
	const t = exportTexts(model.locale);
	const out: Block[] = [];
	const h = (level: 1 | 2 | 3, text: string) => out.push({ type: 'heading', level, text, toc: level <= 2 });
	const p = (text: string, style?: 'italic' | 'small' | 'lead') => out.push({ type: 'paragraph', text, style });
	const table = (block: Omit<Extract<Block, { type: 'table' }>, 'type'>) => out.push({ type: 'table', ...block });
	const results = model.results;

	// --- title page: the version by name, the workshops that fed it
	const version = model.titlePage.version;
	const fields: [string, string][] = [
		[t.stadsdeel, model.agenda.stadsdeel.name],
		[t.period, model.agenda.period],
		[t.versionName, version ? version.name : t.versionLive],
		[t.versionDate, version ? version.dateText : model.titlePage.dateText],
		[t.date, model.titlePage.dateText]
	];
	out.push({ type: 'fields', items: fields });
	if (model.titlePage.fedBy.length > 0) {
		p(t.fedBy + ':');
		out.push({
			type: 'list',
			items: model.titlePage.fedBy.map((w) => [w.title, w.dateText ?? t.unknownDate, w.place ?? t.unknownPlace].join(', '))
		});
	}
	p(t.versionNote, 'italic');
	out.push({ type: 'toc' }, { type: 'pageBreak' });

	// --- how it was made
	h(1, t.processHeading);
	p(t.processIntro(model.process.workshops.length, model.process.cardCount));
	h(2, t.workshopsHeading);
	if (model.process.workshops.length === 0) p(t.noWorkshops);
	else {
		table({
			header: [...t.workshopColumns],
			rows: model.process.workshops.map((w) => [w.title, w.dateText ?? t.unknownDate, w.place ?? t.unknownPlace, w.participantText]),
			widths: [36, 24, 24, 16],
			rightAligned: [3]
		});
	}
	const participation = model.process.participation;
	h(2, t.participationHeading);
	p(t.participationIntro(participation.total));
	p(t.smallCountsNote, 'small');
	for (const [label, counts] of [
		[t.byRole, participation.byRole],
		[t.byBuurt, participation.byBuurt],
		[t.byAgeBand, participation.byAgeBand]
	] as const) {
		table({ header: [label, t.count], rows: counts.map((c) => [c.label, c.countText]), widths: [70, 30], rightAligned: [1] });
	}

	// --- area profile: one row per figure (buurten as rows would need a column per figure, wider
	// still): the buurten's columns, then the stadsdeel and the city (as /afweging shows them) and the
	// source. On a page in parts one below the other when the columns do not fit side by side (each
	// part names the figures again, the last has the comparison and the source): Zuid's eight figures
	// on a landscape page of their own left most of it empty. Landscape only when the parts cannot fit.
	const area = model.areaProfile;
	const stadsdeelName = model.agenda.stadsdeel.name;
	const areaTable: TableBlock | null =
		area.buurten.length === 0
			? null
			: {
					type: 'table',
					header: [t.figure, ...area.buurten.map((b) => b.name), stadsdeelName, t.cityName, t.sourceYear],
					rows: area.figures.map((f) => [f.label, ...f.values.map((v) => v.text), f.stadsdeel.text, f.city.kind === 'none' ? '-' : f.city.text, `${f.source}, ${f.year}`]),
					widths: [20, ...area.buurten.map(() => 10), 10, 10, 16],
					rightAligned: [...area.buurten.map((_, i) => i + 1), area.buurten.length + 1, area.buurten.length + 2],
					// Eight figures: each part whole on one page (the first part was cut after three rows).
					keepTogether: true
				};
	const parts = areaTable ? portraitParts(areaTable, 3) : null;
	const wideArea = parts === 'landscape';
	if (areaTable && Array.isArray(parts)) areaTable.pageParts = parts;
	if (wideArea) out.push({ type: 'landscape' });
	h(1, t.areaHeading);
	// The words above the table stay with its first rows: on a portrait page the chapter no longer
	// starts a page of its own, and its heading and intro ended page 3 alone.
	out.push({ type: 'paragraph', text: t.areaIntro(stadsdeelName, area.buurten.length), keepWithNext: areaTable !== null });
	if (areaTable) {
		out.push(areaTable);
		p(t.areaComparisonNote(stadsdeelName), 'small');
	}
	// The sources right under the figures they are for (after the map they came a page later).
	h(2, t.sourcesHeading);
	out.push({ type: 'list', items: [...area.sources.map((s) => `${s.source} (${s.year})`), area.attribution] });
	if (wideArea) out.push({ type: 'portrait' });
	h(2, t.mapHeading);
	out.push({ type: 'map' });
	const legend = legendLines(area.map, model.locale);
	if (legend.length === 0) p(t.noFacilities);
	else {
		p(t.mapLegendIntro);
		out.push({ type: 'list', items: legend.map((line) => line.text) });
		p(t.mapNumbersIntro);
		table({
			header: [...t.mapPointColumns],
			rows: area.map.points.filter((point) => isOnMap(area.map, point)).map((point) => [String(point.number), point.name ?? point.categoryLabel, point.categoryLabel, point.buurtName!]),
			widths: [8, 42, 28, 22],
			rightAligned: [0]
		});
	}
	// Places in none of the buurten are not on the map: named here with their count, never given a buurt
	// (in the table their buurt cell was empty, and one was drawn over the heading).
	const offMap = area.map.points.filter((point) => !isOnMap(area.map, point));
	if (offMap.length > 0) {
		out.push({ type: 'paragraph', text: t.pointsOutside(offMap.length, model.agenda.stadsdeel.name), keepWithNext: true });
		out.push({ type: 'list', items: offMap.map((point) => `${point.name ?? point.categoryLabel} (${point.categoryLabel})`) });
	}
	p(`${t.attributionLabel}: ${area.attribution}`, 'small');

	// --- syntheses
	h(1, t.synthesesHeading);
	p(t.synthesesIntro);
	for (const synthesis of model.syntheses) {
		h(2, `${synthesis.questionNumber}. ${synthesis.question}`);
		if (model.locale !== 'nl') out.push({ type: 'paragraph', text: synthesis.questionNl, style: 'italic', lang: 'nl-NL' });
		const blocks = synthesis.text.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b !== '');
		if (blocks.length === 0) p(t.noSynthesis, 'italic');
		for (const block of blocks) p(block);
		p(t.cardsForQuestion(synthesis.cardCount), 'small');
	}

	// --- the results of every question
	h(1, t.resultsHeading);
	p(t.resultsIntro);
	h(2, t.keywordsHeading);
	if (results.q1.keywords.length === 0) p(t.noKeywords, 'italic');
	else table({ header: [...t.keywordColumns], rows: results.q1.keywords.map((k) => [k.text, k.people.text]), widths: [70, 30], rightAligned: [1] });

	h(2, t.needsHeading);
	if (results.q2.themes.length === 0) p(t.noNeeds, 'italic');
	else {
		table({
			header: [...t.needColumns],
			rows: results.q2.themes.map((n) => [n.theme, String(n.cards), n.plusOnes.text, n.cardRefs.join(', ')]),
			widths: [34, 12, 16, 38],
			rightAligned: [1, 2]
		});
	}

	h(2, t.elementsHeading);
	for (const layer of results.q3.layers) {
		h(3, layer.layer);
		if (layer.elements.length === 0) p(t.noElements, 'italic');
		else {
			table({
				header: [...t.elementColumns],
				rows: layer.elements.map((e) => [e.name, e.categoryLabel, e.targetGroups.join(', '), e.facilityName ?? '', e.buurtName ?? t.outsideBuurten(model.agenda.stadsdeel.name)]),
				widths: [28, 20, 18, 20, 14]
			});
		}
	}

	h(2, t.ratingsHeading);
	if (results.q4.ratings.length === 0) p(t.noRatings, 'italic');
	else {
		table({
			header: [...t.ratingColumns],
			rows: results.q4.ratings.map((r) => [r.name, r.voters.text, ...r.counts.map((c) => c.people.text), r.verdict ?? t.noVerdict]),
			widths: [30, 13, 11, 13, 13, 20],
			rightAligned: [1, 2, 3, 4]
		});
		const withReasons = results.q4.ratings.filter((r) => r.reasons.length > 0);
		if (withReasons.length > 0) {
			h(3, t.reasonsHeading);
			for (const r of withReasons) {
				out.push({ type: 'paragraph', text: r.name, style: 'lead', keepWithNext: true });
				out.push({ type: 'list', items: r.reasons });
			}
		}
	}

	for (const [heading, result] of [
		[t.developmentsHeading, results.q5],
		[t.efficiencyHeading, results.q6]
	] as const) {
		h(2, heading);
		if (result.cards.length === 0) {
			p(t.noKindCards, 'italic');
			continue;
		}
		table({ header: [...t.kindCountColumns], rows: result.counts.map((c) => [c.label, String(c.cards)]), widths: [70, 30], rightAligned: [1] });
		table({ header: [...t.kindColumns], rows: result.cards.map((c) => [c.ref, c.text, c.kindLabel]), widths: [10, 65, 25] });
	}

	h(2, t.weighingHeading);
	const weighing = results.q7.weighing;
	if (!weighing) p(t.noWeighing, 'italic');
	else {
		for (const sentence of weighing.method) p(sentence);
		p(t.weighingSetAt(weighing.setAtText, weighing.scopeText));
		if (weighing.budget) p(t.budgetLine(weighing.budget.totalText, weighing.budget.floorText, weighing.budget.sourceText));
		table({ header: [...t.weightColumns], rows: weighing.weights.map((w) => [w.label, String(w.weight)]), widths: [75, 25], rightAligned: [1] });
		table({
			header: [...t.weighingColumns],
			rows: [
				...weighing.buurten.map((b) => [b.name, b.populationText, b.needIndexText, `${b.coveragePercent}%`, b.eurosText]),
				[t.total, '', '', '', weighing.totalText]
			],
			widths: [32, 16, 18, 14, 20],
			rightAligned: [1, 2, 3, 4],
			totalRow: true
		});
	}

	h(2, t.voteHeading);
	if (results.q8.ranking.length === 0) p(t.noVote, 'italic');
	else {
		p(t.voteIntro(results.q8.votes, results.q8.voters.text));
		table({
			header: [...t.voteColumns],
			rows: results.q8.ranking.map((r) => [String(r.rank), r.ref, r.text, String(r.dots)]),
			widths: [10, 10, 65, 15],
			rightAligned: [0, 3]
		});
	}

	// --- per theme: two lists of actions, then the statements for residents, and the theme's total
	const actionsById = new Map(model.actions.map((a) => [a.id, a]));
	h(1, t.themesHeading);
	p(model.themes.length > 0 ? t.themesIntro : t.noActions);
	// Said up front: at the end of the chapter this short list was left alone on the page before the
	// landscape action table.
	if (model.themesWithoutActions.length > 0 && model.themes.length > 0) {
		p(t.themesWithoutActions);
		out.push({ type: 'list', items: model.themesWithoutActions });
	}
	for (const chapter of model.themes) {
		h(2, chapter.name);
		p(chapter.outcome, 'italic');
		for (const list of chapter.lists) {
			h(3, list.label);
			if (list.actionIds.length === 0) p(t.noActionsInList, 'italic');
			else out.push({ type: 'list', items: list.actionIds.map((id) => actionLine(actionsById.get(id)!, t)) });
		}
		h(3, t.statementsHeading);
		// The statements stay with the theme's total: no total alone at the top of a page.
		if (chapter.residentStatements.length === 0) out.push({ type: 'paragraph', text: t.noStatements, style: 'italic', keepWithNext: true });
		for (const statement of chapter.residentStatements) out.push({ type: 'paragraph', text: statement, keepWithNext: true });
		p(t.themeTotal(chapter.totalText), 'small');
	}

	// --- the action table, by theme: a bold row names the theme, its actions follow, then its total.
	// Portrait when its columns fit the page (each at least its longest word), so the themes chapter
	// runs on into it; landscape only when they do not (a landscape section starts a new page, and
	// the end of the chapter was left alone on a mostly empty one).
	if (model.actions.length === 0) {
		h(1, t.actionTableHeading);
		p(t.noActions);
	} else {
		const c = t.actionColumns;
		const header = [c.ref, c.title, c.owner, c.quarter, c.amount, c.budgetLine, c.cards];
		const rows: string[][] = [];
		const groupRows: number[] = [];
		for (const chapter of model.themes) {
			const themeActions = model.actions.filter((a) => a.themeId === chapter.themeId);
			if (themeActions.length === 0) continue;
			groupRows.push(rows.length);
			rows.push(['', chapter.name, '', '', '', '', '']);
			for (const a of themeActions) rows.push([a.ref, a.title, a.owner || t.noOwner, a.quarter ?? t.notPlanned, a.amountText || t.noAmount, a.budgetLine ?? t.noAmount, a.cardRefs.join(', ')]);
			rows.push(['', `${t.total} ${chapter.name}`, '', '', chapter.totalText, '', '']);
		}
		rows.push(['', t.overallTotal, '', '', model.actionsTotal.text, '', '']);
		const landscape = !fitsPortrait(header, rows);
		if (landscape) out.push({ type: 'landscape' });
		h(1, t.actionTableHeading);
		table({ header, rows, widths: [7, 31, 16, 12, 12, 14, 8], rightAligned: [4], totalRow: true, groupRows });
		if (landscape) out.push({ type: 'portrait' });
	}

	// --- appendix: every visible card, without names
	h(1, t.cardsHeading);
	p(t.cardsIntro);
	const cc = t.cardColumns;
	for (const synthesis of model.syntheses) {
		h(2, `${synthesis.questionNumber}. ${synthesis.question}`);
		const cards = model.cards.filter((card) => card.questionNumber === synthesis.questionNumber);
		if (cards.length === 0) {
			p(t.noCards, 'italic');
			continue;
		}
		table({
			header: [cc.ref, cc.text, cc.themes, cc.workshop, cc.plusOnes, cc.actions],
			rows: cards.map((card) => [card.ref, cardTextWithNote(t, card), card.themes.join(', '), card.workshop ?? '', card.plusOnesText, card.actionRefs.join(', ')]),
			widths: [8, 40, 18, 16, 8, 10],
			rightAligned: [4]
		});
	}

	// --- appendix: the rules of the weighing
	if (weighing) {
		h(1, t.formulaHeading);
		for (const line of weighing.formula) if (line !== '') p(line);
	}
	return out;
}
