/**
 * The Markdown export: plain text with headings and tables, for a wiki, an intranet page or a diff
 * between two versions. Everything people typed is escaped, so a card cannot add a heading, a link
 * or HTML to the document.
 */
import type { AgendaExport } from './agenda-export-model.ts';
import { exportTexts } from './texts.ts';
import { documentBlocks } from './document-blocks.ts';

/**
 * Escapes Markdown and HTML in running text, so typed text stays text: inline markup characters get
 * a backslash (also `<`, `>` and `&`, so no HTML and no entity), and a line that would start a heading, quote or list
 * has its first character escaped. Newlines become spaces (one line per paragraph or cell).
 */
export function escapeMarkdown(text: string): string {
	const inline = text
		.replace(/\r?\n/g, ' ')
		// Backslash escapes, not HTML entities: the text stays readable as plain text ("A & B").
		.replace(/[\\`*_[\]|~<>&]/g, (char) => `\\${char}`);
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
	// Front matter: the language and title for tools that read it (static site generators, pandoc).
	const version = model.titlePage.version;
	out.push(
		[
			'---',
			`title: ${JSON.stringify(model.titlePage.title)}`,
			`lang: ${model.language}`,
			`date: ${model.titlePage.date}`,
			`version: ${JSON.stringify(version ? version.name : t.versionLive)}`,
			'---'
		].join('\n')
	);
	for (const block of documentBlocks(model)) {
		switch (block.type) {
			case 'heading':
				out.push(`${'#'.repeat(block.level + 1)} ${escapeMarkdown(block.text)}`);
				break;
			case 'paragraph': {
				const text = escapeBlock(block.text);
				out.push(block.style === 'italic' ? `*${text}*` : block.style === 'lead' ? `**${text}**` : text);
				break;
			}
			case 'fields':
				out.push(`# ${escapeMarkdown(model.titlePage.title)}`, escapeMarkdown(model.titlePage.subtitle));
				out.push(block.items.map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`).join('\n'));
				break;
			case 'list':
				out.push(block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n'));
				break;
			case 'table':
				out.push(table(block.header, block.rows, block.rightAligned));
				break;
			case 'map':
				// Markdown carries no picture: the alt text says what it shows; the legend and the numbered table follow.
				out.push(escapeMarkdown(model.areaProfile.map.alt));
				break;
			case 'toc':
			case 'pageBreak':
			case 'landscape':
			case 'portrait':
				break;
		}
	}
	return out.join('\n\n') + '\n';
}
