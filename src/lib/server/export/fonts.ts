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

function open(file: FontFile): fontkit.Font {
	if (!file.font) file.font = fontkit.create(fs.readFileSync(file.file)) as fontkit.Font;
	return file.font;
}

/** The primary font of a style (Latin): for line heights and as the default. */
export function primaryFont(style: FontStyle): { name: string; file: string } {
	return FONTS[style][0];
}

const MAYBE_EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{200D}\u{20E3}\u{E0020}-\u{E007F}]/u;
/** Joiners and selectors stay with the letter before them. */
const COMBINING_WITH_PREVIOUS = /[\u{200D}\u{FE00}-\u{FE0F}\u{E0020}-\u{E007F}\u{0300}-\u{036F}\u{064B}-\u{065F}\u{0670}]/u;
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
	const emoji = MAYBE_EMOJI.test(char);
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
		if (previous && (COMBINING_WITH_PREVIOUS.test(char) || (char === ' ' && !previous.rtl && hasSpace(previous.font)))) {
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

/** Width of a text in points at a size, in the export's fonts (unknown letters as an average letter). */
export function textWidth(text: string, size: number, style: FontStyle = 'regular'): number {
	let units = 0;
	for (const run of textRuns(text, style)) {
		const font = open(byName.get(run.font)!);
		units += (font.layout(run.text).advanceWidth / font.unitsPerEm) * 1000;
	}
	return (units / 1000) * size;
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
