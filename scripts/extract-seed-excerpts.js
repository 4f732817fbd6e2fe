// Cuts the excerpts of the policy texts that the domain tests quote from (tests/fixtures/seeds/),
// so the suite never depends on ../shared. Run by hand when the quoted figures change:
//   node --import tsx scripts/extract-seed-excerpts.js [../shared/seeds]
// Seed 000 (the presentation the questions, themes and layers come from) is kept whole; of the other
// documents only the paragraphs around each quoted figure are kept, verbatim, with "[…]" between them.
import fs from 'node:fs';
import path from 'node:path';
import { SEED_DOCUMENTS, SEED_FIGURES } from '../src/lib/domain/seed-figures.ts';

const seedsDir = path.resolve(process.argv[2] ?? '../shared/seeds');
const outDir = path.resolve('tests/fixtures/seeds');
const WHOLE = ['000_2fcc8dcb5a29dbf4.txt'];
// Quoted by the tests besides the figures' anchors.
/** @type {Record<string, string[]>} */
const EXTRA_QUOTES = { [SEED_DOCUMENTS.socialVision2040.file]: ['naar 50,3% in 2020'] };

/** The tests' normalisation: no markup, single spaces. */
const normalize = (/** @type {string} */ text) =>
	text
		.replace(/<\/?[a-zA-Z]+>/g, '')
		.replace(/[#*]/g, '')
		.replace(/\s+/g, ' ');

for (const file of WHOLE) fs.copyFileSync(path.join(seedsDir, file), path.join(outDir, file));

for (const document of Object.values(SEED_DOCUMENTS)) {
	const raw = fs.readFileSync(path.join(seedsDir, document.file), 'utf8');
	const paragraphs = raw.split(/\n\s*\n/);
	// Where each paragraph starts in the normalised whole text.
	const whole = normalize(raw);
	/** @type {number[]} */
	const starts = [];
	let at = 0;
	for (const paragraph of paragraphs) {
		const piece = normalize(paragraph).trim();
		at = piece ? whole.indexOf(piece, at) : at;
		starts.push(at);
		at += piece.length;
	}
	/** @type {Set<number>} */
	const keep = new Set();
	const ranges = SEED_FIGURES.filter((figure) => figure.seed.file === document.file).map((figure) => {
		const from = whole.indexOf(figure.seedAnchor);
		return [from, from + 500];
	});
	for (const quote of EXTRA_QUOTES[document.file] ?? []) {
		const from = whole.indexOf(quote);
		ranges.push([from, from + quote.length]);
	}
	for (const [from, to] of ranges) {
		if (from < 0) throw new Error(`not found in ${document.file}`);
		paragraphs.forEach((_paragraph, index) => {
			const end = index + 1 < starts.length ? starts[index + 1] : whole.length;
			if (starts[index] < to && end > from) keep.add(index);
		});
	}
	const indexes = [...keep].sort((a, b) => a - b);
	const parts = indexes.map((index, i) => (i > 0 && indexes[i - 1] !== index - 1 ? '[…]\n\n' : '') + paragraphs[index]);
	fs.writeFileSync(path.join(outDir, document.file), parts.join('\n\n') + '\n');
}
process.stdout.write(`excerpts written to ${outDir}\n`);
