/**
 * Benchmark (not a timed test): a big agenda — 1,000 cards, 50 actions — exported to DOCX the way the
 * endpoint does it (read docs and database into the model, write the file), five times; prints the
 * median. Target: under 2 s on a 2-core machine.
 *
 *   node --import tsx tests/bench/export-docx.ts
 */
import { exportAgenda } from '../../src/lib/server/export/index.ts';
import { buildExportFixture } from '../unit/server/export/fixture.ts';

const RUNS = 5;
const TARGET_MS = 2000;

// The fixture has 6 cards (1 hidden) and 2 actions of its own.
const fixture = buildExportFixture({ extraCards: 994, extraActions: 48 });
try {
	const timings: number[] = [];
	let size = 0;
	let counts = '';
	for (let run = 0; run < RUNS; run++) {
		const started = performance.now();
		const file = await exportAgenda(fixture.context, fixture.agendaId, { format: 'docx', locale: 'nl' });
		timings.push(performance.now() - started);
		if (!file) throw new Error('agenda not found');
		size = file.bytes.byteLength;
		counts = `${file.model.cards.length} visible cards, ${file.model.actions.length} actions`;
	}
	const sorted = [...timings].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)];
	console.log(`export-docx: ${counts}, ${(size / 1024).toFixed(0)} KiB`);
	console.log(`runs (ms): ${timings.map((t) => t.toFixed(0)).join(', ')}`);
	console.log(`median: ${median.toFixed(0)} ms (target < ${TARGET_MS} ms) ${median < TARGET_MS ? 'OK' : 'TOO SLOW'}`);
} finally {
	fixture.close();
}
