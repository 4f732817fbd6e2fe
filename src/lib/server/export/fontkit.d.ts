/** The part of fontkit 2 (a dependency of PDFKit, which ships no types) the export uses. */
declare module 'fontkit' {
	export interface Glyph {
		path: { toSVG(): string };
		advanceWidth: number;
	}
	export interface GlyphRun {
		advanceWidth: number;
		glyphs: Glyph[];
		positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
	}
	export interface Font {
		unitsPerEm: number;
		ascent: number;
		descent: number;
		hasGlyphForCodePoint(codePoint: number): boolean;
		layout(text: string): GlyphRun;
	}
	export function create(buffer: Buffer): Font;
}
