/**
 * The papieren sociale kaart: a large-print A4 PDF per buurt for older residents (Wmo plan: a physical
 * sociale kaart beside the digital one). B1 Dutch, no text below 14 pt, grouped by need, with
 * addresses where known, a simple map with numbered places, a QR code to the digital kaart, the date
 * and where to report a mistake.
 *
 * Print-ready: a tagged PDF (H1/H2/P/L/Figure with alt text, document language nl-NL) with Fira Sans
 * embedded (the font the web pages use, from @fontsource/fira-sans), so every printer shows the same
 * letters, ë and € included.
 */
import QRCode from 'qrcode';
import type { AreaGeometry } from '../../domain/geo.ts';
import { FACILITY_CATEGORIES } from '../../domain/areas.ts';
import { CONDITION_RATINGS } from '../../domain/sociale-basis.ts';
import { CATEGORY_MEANING, FOR_WHOM_TEXT, NEEDS, NEED_TEXT, type PublicPlace } from '../../domain/sociale-kaart.ts';
import type { OpenDataInput } from './open-data.ts';
import { newReportPdf } from './fonts.ts';

/** The smallest text on the paper kaart. Large print for older readers starts at 14 pt. */
export const PAPER_MIN_FONT_SIZE = 14;
const SIZES = { title: 30, h2: 22, name: 17, body: 16, small: PAPER_MIN_FONT_SIZE } as const;
const MARGIN = 50;
const INK = '#1a1a1a';
const ACCENT = '#1F3B57';

export interface PaperKaartInput extends OpenDataInput {
	geometry: AreaGeometry | null;
	correctionContact: string;
	/** The date printed as "gemaakt op"; defaults to now. */
	now?: Date;
}

function dutchDate(date: Date): string {
	return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

function nameOf(place: PublicPlace): string {
	return place.name ?? `Zonder naam (${FACILITY_CATEGORIES[place.category].nl.toLowerCase()})`;
}

/** Numbered in the order of the groups, so the numbers on the map follow the text. */
function numbered(places: readonly PublicPlace[]): { need: (typeof NEEDS)[number]; items: { number: number; place: PublicPlace }[] }[] {
	let next = 1;
	return NEEDS.map((need) => ({
		need,
		items: places.filter((p) => CATEGORY_MEANING[p.category].need === need).map((place) => ({ number: next++, place }))
	})).filter((group) => group.items.length > 0);
}

type Ring = readonly (readonly number[])[];

function ringsOf(geometry: AreaGeometry): readonly Ring[] {
	return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** A plain map: the buurt's outline and a numbered circle per place, projected to fit the box. */
function drawMap(doc: PDFKit.PDFDocument, geometry: AreaGeometry | null, points: { number: number; lon: number; lat: number }[], x: number, y: number, w: number, h: number): void {
	const rings = geometry ? ringsOf(geometry) : [];
	const all = [...rings.flat(), ...points.map((p) => [p.lon, p.lat])];
	if (all.length === 0) return;
	const lons = all.map((p) => p[0]);
	const lats = all.map((p) => p[1]);
	const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
	// Longitude degrees are shorter than latitude degrees this far north.
	const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
	const spanX = Math.max((maxLon - minLon) * kx, 1e-6);
	const spanY = Math.max(maxLat - minLat, 1e-6);
	const pad = 18;
	const scale = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
	const offsetX = x + (w - spanX * scale) / 2;
	const offsetY = y + (h - spanY * scale) / 2;
	const project = (lon: number, lat: number): [number, number] => [offsetX + (lon - minLon) * kx * scale, offsetY + (maxLat - lat) * scale];

	doc.save();
	doc.rect(x, y, w, h).lineWidth(1).stroke('#6b6b6b');
	for (const ring of rings) {
		ring.forEach(([lon, lat], index) => {
			const [px, py] = project(lon, lat);
			if (index === 0) doc.moveTo(px, py);
			else doc.lineTo(px, py);
		});
		doc.closePath();
	}
	if (rings.length > 0) doc.lineWidth(2.5).fillAndStroke('#eef2f6', ACCENT);
	const labels = placeLabels(points.map((point) => ({ point, at: project(point.lon, point.lat) })), { x, y, w, h });
	// Lines first, numbers on top: a label moved aside (to stay readable) has a line to its real spot.
	for (const { at, label } of labels) {
		if (label[0] === at[0] && label[1] === at[1]) continue;
		doc.moveTo(at[0], at[1]).lineTo(label[0], label[1]).lineWidth(1.2).stroke(ACCENT);
		doc.circle(at[0], at[1], 3).fill(ACCENT);
	}
	for (const { point, label } of labels) {
		const [px, py] = label;
		doc.circle(px, py, 12).lineWidth(1.5).fillAndStroke(ACCENT, '#ffffff');
		doc.fillColor('#ffffff').font('Bold').fontSize(SIZES.small);
		doc.text(String(point.number), px - 12, py - 8.5, { width: 24, align: 'center', lineBreak: false });
	}
	doc.restore();
	doc.fillColor(INK);
}

const LABEL_RADIUS = 12;

/**
 * Numbers close together would overlap and become unreadable: each label keeps its spot when free,
 * otherwise takes the nearest free spot on rings around it (inside the map box).
 */
function placeLabels<T>(items: { point: T; at: [number, number] }[], box: { x: number; y: number; w: number; h: number }): { point: T; at: [number, number]; label: [number, number] }[] {
	const placed: [number, number][] = [];
	const minGap = 2 * LABEL_RADIUS + 3;
	const free = ([cx, cy]: [number, number]) =>
		cx - LABEL_RADIUS >= box.x && cx + LABEL_RADIUS <= box.x + box.w && cy - LABEL_RADIUS >= box.y && cy + LABEL_RADIUS <= box.y + box.h &&
		placed.every(([px, py]) => Math.hypot(px - cx, py - cy) >= minGap);
	return items.map(({ point, at }) => {
		let label: [number, number] = at;
		search: if (!free(at)) {
			for (let ring = 1; ring <= 6; ring++) {
				const steps = 8 * ring;
				for (let step = 0; step < steps; step++) {
					const angle = (2 * Math.PI * step) / steps - Math.PI / 2;
					const candidate: [number, number] = [at[0] + Math.cos(angle) * minGap * ring, at[1] + Math.sin(angle) * minGap * ring];
					if (free(candidate)) {
						label = candidate;
						break search;
					}
				}
			}
		}
		placed.push(label);
		return { point, at, label };
	});
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const count = qr.modules.size;
	const quiet = 2;
	const cell = size / (count + 2 * quiet);
	doc.save();
	doc.rect(x, y, size, size).fill('#ffffff');
	for (let row = 0; row < count; row++) {
		for (let col = 0; col < count; col++) {
			if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
		}
	}
	doc.fill('#000000');
	doc.restore();
}

export interface PaperPdfOptions {
	/** Deflate page streams (default); tests may turn it off to read them. */
	compress?: boolean;
}

export async function writePaperKaart(input: PaperKaartInput, options: PaperPdfOptions = {}): Promise<Uint8Array> {
	const now = input.now ?? new Date();
	const title = `Sociale kaart ${input.buurt.name}`;
	const { doc, output } = newReportPdf({
		title,
		subject: `Waar kunt u terecht in ${input.buurt.name}? Papieren sociale kaart in grote letters.`,
		keywords: `sociale kaart, ${input.buurt.name}, ${input.snapshot.stadsdeel.name}, Maastricht`,
		margin: MARGIN,
		compress: options.compress,
		createdAt: now
	});
	doc.font('Body').fontSize(SIZES.body).fillColor(INK);

	const root = doc.struct('Document');
	doc.addStructure(root);
	const width = doc.page.width - 2 * MARGIN;
	const bottom = () => doc.page.height - MARGIN;
	/** Starts a new page when `needed` points do not fit; says whether it did. */
	const room = (needed: number): boolean => {
		if (doc.y + needed <= bottom()) return false;
		doc.addPage();
		return true;
	};
	const text = (value: string, style: { font?: 'Body' | 'Bold'; size?: number; type?: 'H1' | 'H2' | 'H3' | 'P'; colour?: string; gap?: number } = {}) => {
		doc.font(style.font ?? 'Body').fontSize(style.size ?? SIZES.body).fillColor(style.colour ?? INK);
		room(doc.heightOfString(value, { width }) + 4);
		doc.text(value, MARGIN, doc.y, { width, structParent: root, structType: style.type ?? 'P' } as PDFKit.Mixins.TextOptions);
		doc.moveDown(style.gap ?? 0.3);
	};

	// --- page 1: title, how to use it, map, QR
	text(title, { font: 'Bold', size: SIZES.title, type: 'H1', colour: ACCENT, gap: 0.2 });
	text(`Waar kunt u terecht in uw buurt? Hier staan plekken in ${input.buurt.name} (stadsdeel ${input.snapshot.stadsdeel.name}). Elke plek heeft een nummer. Dat nummer staat ook op de kaart.`);
	text(`Gemaakt op ${dutchDate(now)}. De gegevens zijn van ${dutchDate(new Date(input.snapshot.publishedAt))}.`, { size: SIZES.small });

	const groups = numbered(input.places);
	const mapPoints = groups.flatMap((g) => g.items).filter(({ place }) => place.lat !== null && place.lon !== null).map(({ number, place }) => ({ number, lon: place.lon!, lat: place.lat! }));
	const mapHeight = 300;
	room(mapHeight + 20);
	const mapTop = doc.y + 6;
	const alt = `Kaart van ${input.buurt.name} met ${mapPoints.length} genummerde plekken. De nummers horen bij de lijst hieronder.`;
	root.add(doc.struct('Figure', { alt }, () => drawMap(doc, input.geometry, mapPoints, MARGIN, mapTop, width, mapHeight)));
	doc.x = MARGIN;
	doc.y = mapTop + mapHeight + 12;
	text('De kaart is een schets. Bron: Wijktafel en © OpenStreetMap-bijdragers.', { size: SIZES.small });

	const qrSize = 110;
	room(qrSize + 10);
	const qrTop = doc.y + 4;
	root.add(doc.struct('Figure', { alt: `QR-code naar de digitale sociale kaart: ${input.sourceUrl}` }, () => drawQr(doc, input.sourceUrl, MARGIN, qrTop, qrSize)));
	doc.font('Bold').fontSize(SIZES.body).fillColor(INK);
	doc.text('Liever op uw telefoon of computer?', MARGIN + qrSize + 16, qrTop + 8, { width: width - qrSize - 16, structParent: root, structType: 'P' } as PDFKit.Mixins.TextOptions);
	doc.font('Body').fontSize(SIZES.small);
	doc.text(`Scan de code. Of ga naar: ${input.sourceUrl}`, MARGIN + qrSize + 16, doc.y + 4, { width: width - qrSize - 16, structParent: root, structType: 'P' } as PDFKit.Mixins.TextOptions);
	doc.x = MARGIN;
	doc.y = Math.max(doc.y, qrTop + qrSize) + 16;

	// --- the places, grouped by need
	const entryOf = (number: number, place: PublicPlace) => {
		const meaning = CATEGORY_MEANING[place.category];
		const lines = [meaning.offers.nl];
		if (place.forWhom.length > 0) lines.push(`Voor ${place.forWhom.map((g) => FOR_WHOM_TEXT[g].nl).join(', ')}.`);
		lines.push(place.address ? `Adres: ${place.address}` : place.lat === null ? `Ergens in ${input.buurt.name}.` : 'Adres onbekend. Zie nummer op de kaart.');
		if (place.condition.verdict) {
			const label = CONDITION_RATINGS.find((r) => r.id === place.condition.verdict)!.label.nl.toLowerCase();
			lines.push(`Inwoners vinden het: ${label}.`);
		}
		return { heading: `${number}. ${nameOf(place)}`, lines };
	};
	/** The height an entry takes as it is written below, wrapped lines included, so it is never split over two pages. */
	const entryHeight = (entry: { heading: string; lines: string[] }) => {
		doc.font('Bold').fontSize(SIZES.name);
		let height = doc.heightOfString(entry.heading, { width });
		doc.font('Body').fontSize(SIZES.body);
		for (const line of entry.lines) height += doc.heightOfString(line, { width: width - 24 });
		return height + doc.currentLineHeight(true) * 0.5 + 4;
	};
	/** The group's heading and intro as `text` writes them. */
	const headHeight = (title: string, intro: string) => {
		doc.font('Bold').fontSize(SIZES.h2);
		let height = doc.heightOfString(title, { width }) + 4 + doc.currentLineHeight(true) * 0.1;
		doc.font('Body').fontSize(SIZES.body);
		height += doc.heightOfString(intro, { width }) + 4 + doc.currentLineHeight(true) * 0.4;
		return height;
	};
	if (groups.length === 0) text('Er staan nog geen plekken op de kaart van deze buurt.');
	for (const group of groups) {
		const entries = group.items.map(({ number, place }) => entryOf(number, place));
		const { title: groupTitle, intro } = NEED_TEXT[group.need];
		// A heading never stands alone at the foot of a page: it goes over together with its first entry.
		room(headHeight(groupTitle.nl, intro.nl) + entryHeight(entries[0]));
		text(groupTitle.nl, { font: 'Bold', size: SIZES.h2, type: 'H2', colour: ACCENT, gap: 0.1 });
		text(intro.nl, { gap: 0.4 });
		const list = doc.struct('L');
		root.add(list);
		for (const [index, entry] of entries.entries()) {
			// A group that goes on over a page says so at the top, so a reader knows what the places are for.
			if (index > 0 && room(entryHeight(entry))) text(`${groupTitle.nl} (vervolg)`, { font: 'Bold', size: SIZES.name, colour: ACCENT, gap: 0.2 });
			const item = doc.struct('LI');
			list.add(item);
			doc.fillColor(INK);
			item.add(doc.struct('Lbl', {}, () => doc.font('Bold').fontSize(SIZES.name).text(entry.heading, MARGIN, doc.y, { width })));
			item.add(
				doc.struct('LBody', {}, () => {
					doc.font('Body').fontSize(SIZES.body);
					for (const line of entry.lines) doc.text(line, MARGIN + 24, doc.y, { width: width - 24 });
				})
			);
			item.end();
			doc.moveDown(0.5);
		}
		list.end();
		doc.moveDown(0.3);
	}

	// --- last: where to report a mistake
	room(110);
	text('Klopt er iets niet?', { font: 'Bold', size: SIZES.h2, type: 'H2', colour: ACCENT, gap: 0.1 });
	text(`Staat er iets verkeerd op deze kaart, of mist er een plek? Meld het bij ${input.correctionContact}. Of kijk op de digitale kaart.`);
	text(`Deze kaart is gemaakt op ${dutchDate(now)} met Wijktafel. Gegevens: Gemeente Maastricht, inwoners en © OpenStreetMap-bijdragers (ODbL).`, { size: SIZES.small });

	root.end();
	doc.end();
	return output;
}
