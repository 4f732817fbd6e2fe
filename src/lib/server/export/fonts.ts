/**
 * The fonts of the PDF export and the metrics of the DOCX's table layout: Noto Sans (Latin with
 * Turkish and Polish letters, Greek, Cyrillic), Noto Sans Arabic and Noto Emoji (black and white),
 * shipped with the project as npm packages (@fontsource/noto-sans, -noto-sans-arabic, -noto-emoji;
 * SIL Open Font License 1.1, the licence files are in those packages). fontsource splits each font
 * into subsets by script, so a text is cut into runs, each in the first font that has its letters.
 * A letter no font has is written visibly as [U+XXXX], never dropped.
 *
 * Arabic is shaped by fontkit (the run is laid out right-to-left); a stretch of Arabic words with
 * the spaces between them is put in visual order here, since PDFKit draws runs left to right.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic';

const require = createRequire(import.meta.url);
function packageDir(name: string): string {
	return path.dirname(require.resolve(`${name}/package.json`));
}

interface FontFile {
	/** Name it is registered under in a PDF. */
	name: string;
	file: string;
	/** Opened on first use: the emoji subsets are 6 MB together. */
	font?: fontkit.Font;
	/** Only tried for characters that may be emoji. */
	emoji?: boolean;
}

const NOTO_SANS_SUBSETS = ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'] as const;
const EMOJI_SUBSETS = ['emoji', ...Array.from({ length: 11 }, (_, i) => String(i))];

function fontFiles(style: FontStyle): FontFile[] {
	const sans = path.join(packageDir('@fontsource/noto-sans'), 'files');
	const arabic = path.join(packageDir('@fontsource/noto-sans-arabic'), 'files');
	const emoji = path.join(packageDir('@fontsource/noto-emoji'), 'files');
	const [weight, slant] = style === 'bold' ? ['700', 'normal'] : style === 'italic' ? ['400', 'italic'] : ['400', 'normal'];
	return [
		...NOTO_SANS_SUBSETS.map((subset) => ({ name: `sans-${subset}-${style}`, file: path.join(sans, `noto-sans-${subset}-${weight}-${slant}.woff`) })),
		// Arabic has no italic; upright is right for it.
		{ name: `arabic-${weight}`, file: path.join(arabic, `noto-sans-arabic-arabic-${weight}-normal.woff`) },
		...EMOJI_SUBSETS.map((subset) => ({ name: `emoji-${subset}`, file: path.join(emoji, `noto-emoji-${subset}-400-normal.woff`), emoji: true }))
	];
}

const FONTS: Record<FontStyle, FontFile[]> = { regular: fontFiles('regular'), bold: fontFiles('bold'), italic: fontFiles('italic') };

/**
 * WOFF 1.0 → plain OpenType (sfnt): the tables inflated once with node's zlib. fontkit would inflate
 * them in JavaScript on every PDF (seconds for the Arabic and Latin Extended subsets).
 */
export function woffToSfnt(woff: Buffer): Buffer {
	if (woff.readUInt32BE(0) !== 0x774f4646) return woff; // not 'wOFF'
	const numTables = woff.readUInt16BE(12);
	const tables: { tag: number; checksum: number; data: Buffer }[] = [];
	for (let i = 0; i < numTables; i++) {
		const entry = 44 + i * 20;
		const offset = woff.readUInt32BE(entry + 4);
		const compLength = woff.readUInt32BE(entry + 8);
		const origLength = woff.readUInt32BE(entry + 12);
		const raw = woff.subarray(offset, offset + compLength);
		tables.push({ tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data: compLength < origLength ? zlib.inflateSync(raw) : Buffer.from(raw) });
	}
	const headerLength = 12 + numTables * 16;
	const padded = (n: number) => (n + 3) & ~3;
	const out = Buffer.alloc(headerLength + tables.reduce((sum, t) => sum + padded(t.data.length), 0));
	out.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor: the sfnt version
	out.writeUInt16BE(numTables, 4);
	const entrySelector = Math.floor(Math.log2(numTables));
	out.writeUInt16BE(16 * 2 ** entrySelector, 6);
	out.writeUInt16BE(entrySelector, 8);
	out.writeUInt16BE(numTables * 16 - 16 * 2 ** entrySelector, 10);
	let offset = headerLength;
	tables.forEach((table, i) => {
		const entry = 12 + i * 16;
		out.writeUInt32BE(table.tag, entry);
		out.writeUInt32BE(table.checksum, entry + 4);
		out.writeUInt32BE(offset, entry + 8);
		out.writeUInt32BE(table.data.length, entry + 12);
		table.data.copy(out, offset);
		offset += padded(table.data.length);
	});
	return out;
}

const sfntCache = new Map<string, Buffer>();

/** The font file as plain OpenType bytes, read and inflated once per process. */
export function fontBytes(file: string): Buffer {
	let bytes = sfntCache.get(file);
	if (!bytes) sfntCache.set(file, (bytes = woffToSfnt(fs.readFileSync(file))));
	return bytes;
}

function open(file: FontFile): fontkit.Font {
	if (!file.font) file.font = fontkit.create(fontBytes(file.file)) as fontkit.Font;
	return file.font;
}

/** The primary font of a style (Latin): for line heights and as the default. */
export function primaryFont(style: FontStyle): { name: string; file: string } {
	return FONTS[style][0];
}

type Range = readonly [number, number];
const inRanges = (ranges: readonly Range[]) => (char: string) => {
	const codePoint = char.codePointAt(0)!;
	return ranges.some(([from, to]) => codePoint >= from && codePoint <= to);
};
/** Pictographs, dingbats, arrows and stars, variation selector 16, zero-width joiner, keycap, tags. */
const maybeEmoji = inRanges([[0x1f000, 0x1faff], [0x2600, 0x27bf], [0x2b00, 0x2bff], [0xfe0f, 0xfe0f], [0x200d, 0x200d], [0x20e3, 0x20e3], [0xe0020, 0xe007f]]);
/** Joiners, selectors and combining marks stay with the letter before them. */
const combinesWithPrevious = inRanges([[0x200d, 0x200d], [0xfe00, 0xfe0f], [0xe0020, 0xe007f], [0x0300, 0x036f], [0x064b, 0x065f], [0x0670, 0x0670]]);
const ARABIC = /[\u{0600}-\u{06FF}\u{0750}-\u{077F}\u{08A0}-\u{08FF}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}]/u;
const NEUTRAL_ONLY = /^\s+$/u;

const fontCache = new Map<string, FontFile | null>();

const byName = new Map(Object.values(FONTS).flat().map((file) => [file.name, file]));

function hasSpace(fontName: string): boolean {
	const file = byName.get(fontName);
	return file !== undefined && open(file).hasGlyphForCodePoint(32);
}

/** The first font of a style that has this character; null when none has it. */
export function fontFor(char: string, style: FontStyle): FontFile | null {
	const key = `${style}|${char}`;
	const cached = fontCache.get(key);
	if (cached !== undefined) return cached;
	const codePoint = char.codePointAt(0)!;
	const emoji = maybeEmoji(char);
	let found: FontFile | null = null;
	for (const file of FONTS[style]) {
		if (file.emoji && !emoji) continue;
		if (open(file).hasGlyphForCodePoint(codePoint)) {
			found = file;
			break;
		}
	}
	fontCache.set(key, found);
	return found;
}

export interface TextRun {
	text: string;
	/** Registered font name, and the file to register it from. */
	font: string;
	file: string;
	rtl: boolean;
}

/**
 * A text cut into runs of one font, in the order to draw them left to right. Spaces go with the run
 * before them, so a word is never split from its space.
 */
export function textRuns(text: string, style: FontStyle): TextRun[] {
	const primary = primaryFont(style);
	const runs: TextRun[] = [];
	for (const char of Array.from(text)) {
		const previous = runs.at(-1);
		if (previous && (combinesWithPrevious(char) || (char === ' ' && !previous.rtl && hasSpace(previous.font)))) {
			previous.text += char;
			continue;
		}
		const file = char === '\n' || char === '\t' ? primary : fontFor(char, style);
		const rtl = ARABIC.test(char);
		if (!file) {
			// Visibly replaced, never dropped: the reader sees that a character was there.
			const label = `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
			if (previous && previous.font === primary.name) previous.text += label;
			else runs.push({ text: label, font: primary.name, file: primary.file, rtl: false });
			continue;
		}
		if (previous && previous.font === file.name && previous.rtl === rtl) previous.text += char;
		else runs.push({ text: char, font: file.name, file: file.file, rtl });
	}
	return visualOrder(runs);
}

/**
 * Reverses each stretch of right-to-left runs (Arabic words and the neutral runs between them), so
 * the first word of the stretch is drawn rightmost. Each Arabic run is itself laid out right-to-left
 * by fontkit.
 */
function visualOrder(runs: TextRun[]): TextRun[] {
	const out: TextRun[] = [];
	let i = 0;
	while (i < runs.length) {
		if (!runs[i].rtl) {
			out.push(runs[i++]);
			continue;
		}
		let end = i;
		for (let j = i + 1; j < runs.length; j++) {
			if (runs[j].rtl) end = j;
			else if (!NEUTRAL_ONLY.test(runs[j].text)) break;
		}
		out.push(...runs.slice(i, end + 1).reverse());
		i = end + 1;
	}
	return out;
}

/** Widths in 1/1000 em by style and text: the same words come back in every row. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_MAX = 50_000;

/** Width of a text in points at a size, in the export's fonts. */
export function textWidth(text: string, size: number, style: FontStyle = 'regular'): number {
	const key = `${style}|${text}`;
	let units = widthCache.get(key);
	if (units === undefined) {
		units = 0;
		for (const run of textRuns(text, style)) {
			const font = open(byName.get(run.font)!);
			units += (font.layout(run.text).advanceWidth / font.unitsPerEm) * 1000;
		}
		if (widthCache.size >= WIDTH_CACHE_MAX) widthCache.clear();
		widthCache.set(key, units);
	}
	return (units / 1000) * size;
}

/**
 * The lines a text wraps into at a width: breaks only at spaces (and at newlines), so a word that
 * fits on a line is never cut; only a word wider than the whole line is cut, by characters. The
 * PDF draws these lines itself: PDFKit's own wrapping cut words where the text changes font (the
 * "ş" of "çalışıyor" is in Noto's latin-ext subset, the "ç" in latin).
 */
export function wrapText(text: string, size: number, style: FontStyle, maxWidth: number): string[] {
	const lines: string[] = [];
	const space = textWidth(' ', size, style);
	const fits = (piece: string) => textWidth(piece, size, style) <= maxWidth;
	for (const paragraph of text.split('\n')) {
		let line = '';
		let lineWidth = 0;
		for (const word of paragraph.split(' ')) {
			const wordWidth = textWidth(word, size, style);
			if (line !== '' && lineWidth + space + wordWidth > maxWidth) {
				lines.push(line);
				line = '';
				lineWidth = 0;
			}
			line = line === '' ? word : `${line} ${word}`;
			lineWidth = line === word ? wordWidth : lineWidth + space + wordWidth;
			// Wider than the whole line: cut it where it must be cut, as few times as needed.
			while (lineWidth > maxWidth && Array.from(line).length > 1) {
				const chars = Array.from(line);
				let keep = chars.length - 1;
				while (keep > 1 && !fits(chars.slice(0, keep).join(''))) keep--;
				lines.push(chars.slice(0, keep).join(''));
				line = chars.slice(keep).join('');
				lineWidth = textWidth(line, size, style);
			}
		}
		lines.push(line);
	}
	return lines;
}

/**
 * A one-line text as SVG path data at a font size, with the baseline at y = 0 (the glyphs' own
 * outlines, so a picture renderer needs no fonts), and its width.
 */
export function textPaths(text: string, size: number, style: FontStyle = 'bold'): { paths: string; width: number } {
	let x = 0;
	const parts: string[] = [];
	for (const run of textRuns(text, style)) {
		const font = open(byName.get(run.font)!);
		const scale = size / font.unitsPerEm;
		const laidOut = font.layout(run.text);
		laidOut.glyphs.forEach((glyph, i) => {
			const position = laidOut.positions[i];
			const d = glyph.path.toSVG();
			if (d !== '') {
				parts.push(`<path transform="translate(${(x + position.xOffset * scale).toFixed(2)},${(-position.yOffset * scale).toFixed(2)}) scale(${scale.toFixed(5)},${(-scale).toFixed(5)})" d="${d}"/>`);
			}
			x += position.xAdvance * scale;
		});
	}
	return { paths: parts.join(''), width: x };
}
