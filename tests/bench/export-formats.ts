/**
 * Benchmark (not a timed test): a big agenda — 1,000 cards, 50 actions — exported to every format
 * the way the endpoint does it, three times each; prints per format the median wall time, the median
 * CPU time of this thread's process (DOCX, PDF and XLSX are written on a worker thread, whose CPU is
 * counted too; the wall time on a shared, loaded machine says little) and the longest the
 * event loop was blocked meanwhile — what another room's sync would wait, measured by a 5-ms timer.
 * Target: under 2 s per format, and no block longer than 100 ms.
 *
 *   node --import tsx tests/bench/export-formats.ts
 */
import { EXPORT_FORMATS, exportAgenda } from '../../src/lib/server/export/index.ts';
import { stopExportWorker } from '../../src/lib/server/export/write-off-thread.ts';
import { buildExportFixture } from '../unit/server/export/fixture.ts';

const RUNS = 3;
const TARGET_MS = 2000;

// The fixture has 7 cards (1 hidden, 1 merged) and 2 actions of its own.
const fixture = buildExportFixture({ extraCards: 993, extraActions: 48 });
try {
	for (const format of EXPORT_FORMATS) {
		const timings: number[] = [];
		const cpu: number[] = [];
		let size = 0;
		// A timer every 5 ms: the largest gap between two ticks is the longest the loop was blocked.
		let last = performance.now();
		let longestBlock = 0;
		const probe = setInterval(() => {
			const now = performance.now();
			longestBlock = Math.max(longestBlock, now - last - 5);
			last = now;
		}, 5);
		for (let run = 0; run < RUNS; run++) {
			const started = performance.now();
			const startedCpu = process.cpuUsage();
			const file = await exportAgenda(fixture.context, fixture.agendaId, { format, locale: 'nl' });
			const used = process.cpuUsage(startedCpu);
			timings.push(performance.now() - started);
			cpu.push((used.user + used.system) / 1000);
			if (!file) throw new Error('agenda not found');
			size = file.bytes.byteLength;
			// One timer turn between runs, so the probe sees what a run held up.
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		clearInterval(probe);
		const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
		console.log(
			`${format.padEnd(5)} wall median ${median(timings).toFixed(0).padStart(5)} ms (runs ${timings.map((t) => t.toFixed(0)).join(', ')}), ` +
				`CPU median ${median(cpu).toFixed(0).padStart(5)} ms, ${(size / 1024).toFixed(0)} KiB, longest event-loop block ${longestBlock.toFixed(0)} ms ` +
				`${median(timings) < TARGET_MS ? 'OK' : 'TOO SLOW'}`
		);
	}
} finally {
	await stopExportWorker();
	fixture.close();
}
