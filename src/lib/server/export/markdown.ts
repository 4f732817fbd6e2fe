/**
 * The Markdown export: plain text with headings and tables, for a wiki, an intranet page or a diff
 * between two versions. Everything people typed is escaped, so a card cannot add a heading, a link
 * or HTML to the document.
 */
import type { AgendaExport } from './agenda-export-model.ts';
import { cardTextWithNote, exportTexts } from './texts.ts';
import { legendLines } from './map-picture.ts';

/**
 * Escapes Markdown and HTML in running text, so typed text stays text: inline markup characters get
 * a backslash, `<` and `&` become entities, and a line that would start a heading, quote or list
 * has its first character escaped. Newlines become spaces (one line per paragraph or cell).
 */
export function escapeMarkdown(text: string): string {
	const inline = text
		.replace(/\r?\n/g, ' ')
		.replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;');
	// A line of only - = _ * could be read as a rule or as a heading underline.
	if (/^\s*[-=_\\*\s]+$/.test(inline) && inline.trim() !== '') return inline.trimStart().startsWith('\\') ? inline : `\\${inline}`;
	return inline.replace(/^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))/, (_, space: string, marker: string) =>
		/^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`
	);
}

/** Paragraphs of co-written text: blank lines separate paragraphs, single newlines become hard breaks. */
function escapeBlock(text: string): string {
	return text
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter((block) => block !== '')
		.map((block) => block.split('\n').map(escapeMarkdown).join('  \n'))
		.join('\n\n');
}

function table(header: string[], rows: string[][], rightAligned: number[] = []): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [
		line(header.map(escapeMarkdown)),
		line(header.map((_, i) => (rightAligned.includes(i) ? '---:' : '---'))),
		...rows.map((row) => line(row.map((cell) => (cell === '' ? ' ' : escapeMarkdown(cell)))))
	].join('\n');
}

export function writeMarkdown(model: AgendaExport): string {
	const t = exportTexts(model.locale);
	const out: string[] = [];
	const push = (...blocks: string[]) => out.push(...blocks);
	const actionsById = new Map(model.actions.map((a) => [a.id, a]));

	// Front matter: the language and title for tools that read it (static site generators, pandoc).
	push(
		['---', `title: ${JSON.stringify(model.titlePage.title)}`, `lang: ${model.language}`, `date: ${model.titlePage.date}`, `version: ${model.titlePage.version}`, '---'].join('\n')
	);
	push(`# ${escapeMarkdown(model.titlePage.title)}`, escapeMarkdown(model.titlePage.subtitle));
	push(
		[
			`- **${t.stadsdeel}:** ${escapeMarkdown(model.agenda.stadsdeel.name)}`,
			`- **${t.period}:** ${escapeMarkdown(model.agenda.period)}`,
			`- **${t.date}:** ${escapeMarkdown(model.titlePage.dateText)}`,
			`- **${t.version}:** ${model.titlePage.version}`
		].join('\n'),
		`*${escapeMarkdown(t.versionNote)}*`
	);

	// --- how it was made
	push(`## ${escapeMarkdown(t.processHeading)}`, escapeMarkdown(t.processIntro(model.process.workshops.length, model.process.cardCount)));
	push(`### ${escapeMarkdown(t.workshopsHeading)}`);
	push(
		model.process.workshops.length === 0
			? escapeMarkdown(t.noWorkshops)
			: table(
					[...t.workshopColumns],
					model.process.workshops.map((w) => [w.title, w.dateText ?? t.unknownDate, w.place ?? t.unknownPlace, String(w.participantCount)]),
					[3]
				)
	);
	const participation = model.process.participation;
	push(`### ${escapeMarkdown(t.participationHeading)}`, escapeMarkdown(t.participationIntro(participation.total)));
	for (const [label, counts] of [
		[t.byRole, participation.byRole],
		[t.byBuurt, participation.byBuurt],
		[t.byAgeBand, participation.byAgeBand]
	] as const) {
		push(table([label, t.count], counts.map((c) => [c.label, String(c.count)]), [1]));
	}

	// --- area profile
	const area = model.areaProfile;
	push(`## ${escapeMarkdown(t.areaHeading)}`, escapeMarkdown(t.areaIntro(model.agenda.stadsdeel.name, area.buurten.length)));
	if (area.buurten.length > 0) {
		push(
			table(
				[t.figure, ...area.buurten.map((b) => b.name), t.sourceYear],
				area.figures.map((f) => [f.label, ...f.values.map((v) => v.text), `${f.source}, ${f.year}`]),
				area.buurten.map((_, i) => i + 1)
			)
		);
	}
	// Markdown carries no picture: the map's alt text and legend say what it shows.
	push(`### ${escapeMarkdown(t.mapHeading)}`, escapeMarkdown(area.map.alt));
	const legend = legendLines(area.map, model.locale);
	if (legend.length > 0) push(legend.map((line) => `- ${escapeMarkdown(line.text)}`).join('\n'));
	push(`*${escapeMarkdown(t.attributionLabel)}: ${escapeMarkdown(area.attribution)}*`);
	push(`### ${escapeMarkdown(t.sourcesHeading)}`, [...area.sources.map((s) => `- ${escapeMarkdown(`${s.source} (${s.year})`)}`), `- ${escapeMarkdown(area.attribution)}`].join('\n'));

	// --- syntheses
	push(`## ${escapeMarkdown(t.synthesesHeading)}`, escapeMarkdown(t.synthesesIntro));
	for (const synthesis of model.syntheses) {
		push(`### ${synthesis.questionNumber}. ${escapeMarkdown(synthesis.question)}`);
		if (model.locale !== 'nl') push(`*${escapeMarkdown(synthesis.questionNl)}*`);
		push(synthesis.text.trim() === '' ? `*${escapeMarkdown(t.noSynthesis)}*` : escapeBlock(synthesis.text));
		push(escapeMarkdown(t.cardsForQuestion(synthesis.cardCount)));
	}

	// --- per theme the three lists
	push(`## ${escapeMarkdown(t.themesHeading)}`, escapeMarkdown(model.actions.length > 0 ? t.themesIntro : t.noActions));
	for (const chapter of model.themes) {
		push(`### ${escapeMarkdown(chapter.name)}`, `*${escapeMarkdown(chapter.outcome)}*`);
		for (const list of chapter.lists) {
			push(`#### ${escapeMarkdown(list.label)}`);
			if (list.actionIds.length === 0) {
				push(`*${escapeMarkdown(t.noActionsInList)}*`);
				continue;
			}
			push(
				list.actionIds
					.map((id) => {
						const a = actionsById.get(id)!;
						const details = [a.owner || t.noOwner, a.quarter ?? t.notPlanned, a.amountText, a.budgetLine ?? ''].filter((d) => d !== '');
						const cards = a.cardRefs.length > 0 ? ` \\[${escapeMarkdown(t.actionColumns.cards)}: ${escapeMarkdown(a.cardRefs.join(', '))}\\]` : '';
						return `- **${a.ref}** ${escapeMarkdown(a.title)} (${escapeMarkdown(details.join('; '))})${cards}`;
					})
					.join('\n')
			);
		}
	}
	if (model.themesWithoutActions.length > 0 && model.actions.length > 0) {
		push(escapeMarkdown(t.themesWithoutActions), model.themesWithoutActions.map((name) => `- ${escapeMarkdown(name)}`).join('\n'));
	}

	// --- the action table
	push(`## ${escapeMarkdown(t.actionTableHeading)}`);
	const c = t.actionColumns;
	push(
		model.actions.length === 0
			? escapeMarkdown(t.noActions)
			: table(
					[c.ref, c.theme, c.title, c.owner, c.quarter, c.amount, c.budgetLine, c.cards],
					model.actions.map((a) => [a.ref, a.theme, a.title, a.owner || t.noOwner, a.quarter ?? t.notPlanned, a.amountText || t.noAmount, a.budgetLine ?? t.noAmount, a.cardRefs.join(', ')]),
					[5]
				)
	);

	// --- appendix
	push(`## ${escapeMarkdown(t.cardsHeading)}`, escapeMarkdown(t.cardsIntro));
	const cc = t.cardColumns;
	for (const synthesis of model.syntheses) {
		push(`### ${synthesis.questionNumber}. ${escapeMarkdown(synthesis.question)}`);
		const cards = model.cards.filter((card) => card.questionNumber === synthesis.questionNumber);
		push(
			cards.length === 0
				? `*${escapeMarkdown(t.noCards)}*`
				: table(
						[cc.ref, cc.text, cc.themes, cc.plusOnes, cc.actions],
						cards.map((card) => [card.ref, cardTextWithNote(t, card), card.themes.join(', '), String(card.plusOnes), card.actionRefs.join(', ')]),
						[3]
					)
		);
	}
	return out.join('\n\n') + '\n';
}
