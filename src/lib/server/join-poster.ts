/**
 * The printable join poster (page 1) and handout (page 2, four slips to cut) for a workshop: the
 * code, the QR code and three steps in plain Dutch (B1), for the wall of the community centre and
 * for the tables. A tagged A4 PDF (language, title, the QR as a figure with alt text).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface JoinPosterInput {
	title: string;
	stadsdeelName: string | null;
	startsAt: string | null;
	place: string | null;
	joinCode: string;
	joinUrl: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const RED = '#A0001E';

/** "1 december 2026, 19:30" from the stored "2026-12-01T19:30". */
export function formatStartsAt(startsAt: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(startsAt);
	if (!match) return startsAt;
	const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
	const [, year, month, day, time] = match;
	const date = `${Number(day)} ${months[Number(month) - 1] ?? month} ${year}`;
	return time ? `${date}, ${time} uur` : date;
}

function shortUrlOf(joinUrl: string): string {
	return joinUrl.replace(/^https?:\/\//, '').replace(/\/join\/[^/]+$/, '/join');
}

function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number, parent: PDFKit.PDFStructureElement): void {
	const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
	const count = qr.modules.size;
	const quiet = 2;
	const cell = size / (count + 2 * quiet);
	const figure = doc.struct('Figure', { alt: `QR-code: meedoen via ${url}` }, () => {
		doc.save();
		doc.rect(x, y, size, size).fill('#ffffff');
		doc.fillColor('#000000');
		for (let row = 0; row < count; row++) {
			for (let column = 0; column < count; column++) {
				if (qr.modules.get(row, column)) doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
			}
		}
		doc.fill();
		doc.restore();
	});
	parent.add(figure);
}

function steps(input: JoinPosterInput): string[] {
	return [
		`Ga op je telefoon naar ${shortUrlOf(input.joinUrl)}. Of scan de QR-code met je camera.`,
		`Vul de code ${input.joinCode} in. Je naam invullen mag, het hoeft niet.`,
		'Schrijf je antwoord op een kaartje. Iedereen ziet het meteen op het grote scherm.'
	];
}

/** `compress: false` (tests) leaves the page streams readable. */
export async function writeJoinPoster(input: JoinPosterInput, options: { compress?: boolean } = {}): Promise<Uint8Array> {
	const when = [input.startsAt ? formatStartsAt(input.startsAt) : null, input.place].filter(Boolean).join(' · ');
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		tagged: true,
		lang: 'nl-NL',
		displayTitle: true,
		pdfVersion: '1.7',
		compress: options.compress ?? true,
		font: 'Helvetica',
		info: { Title: `Doe mee: ${input.title}`, Subject: `Meedoen met code ${input.joinCode}`, Creator: 'Wijktafel' }
	});
	const chunks: Uint8Array[] = [];
	doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
	const finished = new Promise<void>((resolve, reject) => {
		doc.on('end', () => resolve());
		doc.on('error', reject);
	});
	const root = doc.struct('Document');
	doc.addStructure(root);
	const width = A4.width - 2 * MARGIN;
	const text = (value: string, type: 'H1' | 'H2' | 'P', options: PDFKit.Mixins.TextOptions = {}) => {
		doc.text(value, { ...options, structParent: root, structType: type });
	};

	// Page 1: the poster.
	doc.font('Helvetica-Bold').fontSize(36).fillColor(RED);
	text('Doe mee met je telefoon', 'H1', { width, align: 'center' });
	doc.moveDown(0.2).font('Helvetica').fontSize(20).fillColor('#000000');
	text(`${input.title}${input.stadsdeelName ? ` · ${input.stadsdeelName}` : ''}`, 'P', { width, align: 'center' });
	if (when) text(when, 'P', { width, align: 'center' });
	doc.moveDown(0.4);
	const qrSize = 220;
	drawQr(doc, input.joinUrl, (A4.width - qrSize) / 2, doc.y, qrSize, root);
	doc.y += qrSize + 12;
	doc.font('Helvetica').fontSize(18);
	text('De code is', 'P', { width, align: 'center' });
	doc.font('Helvetica-Bold').fontSize(58).fillColor(RED);
	text(input.joinCode.split('').join(' '), 'P', { width, align: 'center' });
	doc.fillColor('#000000').moveDown(0.4);
	doc.font('Helvetica-Bold').fontSize(22);
	text('Zo doe je mee', 'H2', { width });
	doc.font('Helvetica').fontSize(18);
	steps(input).forEach((step, index) => {
		text(`${index + 1}.  ${step}`, 'P', { width, paragraphGap: 6 });
	});
	doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16);
	text('Geen telefoon? Vraag de begeleider. Die schrijft je kaartje voor je op.', 'P', { width });

	// Page 2: the handout, four slips to cut.
	doc.addPage();
	const slipWidth = (A4.width - 2 * MARGIN - 20) / 2;
	const slipHeight = (A4.height - 2 * MARGIN - 20) / 2;
	for (let slip = 0; slip < 4; slip++) {
		const x = MARGIN + (slip % 2) * (slipWidth + 20);
		const y = MARGIN + Math.floor(slip / 2) * (slipHeight + 20);
		const artifact = doc.markContent('Artifact', { type: 'Layout' });
		void artifact;
		doc.save().dash(4, { space: 4 }).lineWidth(0.8).strokeColor('#6b7480').rect(x, y, slipWidth, slipHeight).stroke().undash().restore();
		doc.endMarkedContent();
		const inner = slipWidth - 28;
		doc.x = x + 14;
		doc.y = y + 14;
		doc.font('Helvetica-Bold').fontSize(17).fillColor(RED);
		text('Doe mee met je telefoon', slip === 0 ? 'H2' : 'P', { width: inner });
		doc.fillColor('#000000');
		drawQr(doc, input.joinUrl, x + 14, doc.y + 4, 110, root);
		doc.x = x + 14;
		doc.y += 120;
		doc.font('Helvetica').fontSize(11);
		text('Code:', 'P', { width: inner });
		doc.font('Helvetica-Bold').fontSize(30).fillColor(RED);
		text(input.joinCode, 'P', { width: inner });
		doc.fillColor('#000000').font('Helvetica').fontSize(12);
		steps(input).forEach((step, index) => {
			doc.x = x + 14;
			text(`${index + 1}. ${step}`, 'P', { width: inner, paragraphGap: 3 });
		});
	}
	doc.end();
	await finished;
	return Buffer.concat(chunks);
}
