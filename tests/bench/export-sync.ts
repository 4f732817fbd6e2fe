/**
 * Benchmark (not a timed test): does another room's sync stall while an official exports a big
 * agenda? The compiled production server (build/node/index.js, needs `npm run build`) serves a
 * 1,000-card agenda; two participants of another workshop sit in their own room, one writing a card
 * every 50 ms, the other waiting for it. Meanwhile the agenda is downloaded over HTTP in every
 * format, one after the other, three times each, by an official who has the agenda's page open. Printed: per format the HTTP time, and the
 * write-to-seen latency in the other room during those downloads (p50, p99, max) against the same
 * with no export running. Target: no seen-latency above 100 ms more than without an export.
 *
 *   node --import tsx tests/bench/export-sync.ts
 */
import fs from 'node:fs';
import { EXPORT_FORMATS } from '../../src/lib/server/export/index.ts';
import { STAFF_COOKIE } from '../../src/lib/server/auth/cookies.ts';
import { listCards } from '../../src/lib/sync/agenda-schema.ts';
import { buildExportFixture } from '../unit/server/export/fixture.ts';
import { createWorkshop, join, staffAccount, startTestServer } from '../helpers/server.ts';
import { connectClient, writeCard } from '../helpers/yclient.ts';

const RUNS = 3;
const WRITE_EVERY_MS = 50;

// The fixture has 7 cards (1 hidden, 1 merged) and 2 actions of its own; its data directory is
// kept for the server (the fixture's close() would remove it).
const fixture = buildExportFixture({ extraCards: 993, extraActions: 48 });
const { dataDir, agendaId } = fixture;
fixture.context.db.close();

const step = (what: string) => process.stderr.write(`${new Date().toISOString()} ${what}\n`);
step('fixture built');
const room = await createWorkshop(dataDir, 'Noord', 'Andere kamer');
const official = await staffAccount(dataDir, 'official');
step('workshop and official made');
// The write budgets are not what this measures: a card every 50 ms for a minute is more than a person may send.
const server = await startTestServer({ dataDir, compiled: true, env: { SYNC_PARTICIPANT_BYTES_PER_MINUTE: String(64 << 20), SYNC_PARTICIPANT_BYTES_TOTAL: String(64 << 20) } });
step('server started');
try {
	const writer = await join(server, room.joinCode);
	const reader = await join(server, room.joinCode, { name: 'Lezer' });
	const a = connectClient(server.wsUrl, writer.agendaDoc, writer.token);
	const b = connectClient(server.wsUrl, reader.agendaDoc, reader.token);
	// The official has the agenda page open, as when they press "download": its room is loaded.
	const agendaPage = connectClient(server.wsUrl, `agenda-${agendaId}`, official.token);
	await Promise.all([a.synced, b.synced, agendaPage.synced]);
	step('both participants synced');

	// Write-to-seen latency of each card, stamped with when it was written.
	const writtenAt = new Map<string, number>();
	const seen: { at: number; latency: number }[] = [];
	b.doc.on('update', () => {
		const now = performance.now();
		for (const card of listCards(b.doc)) {
			const at = writtenAt.get(card.text);
			if (at !== undefined) {
				seen.push({ at, latency: now - at });
				writtenAt.delete(card.text);
			}
		}
	});
	let n = 0;
	const writing = setInterval(() => {
		const text = `kaartje ${++n} in de andere kamer`;
		writtenAt.set(text, performance.now());
		writeCard(a.doc, { id: writer.participantId, name: 'Tester', kind: 'participant', workshopId: room.workshopId }, text, 2);
	}, WRITE_EVERY_MS);

	const stats = (from: number, to: number) => {
		const values = seen.filter((s) => s.at >= from && s.at < to).map((s) => s.latency).sort((x, y) => x - y);
		const pick = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
		return { count: values.length, p50: pick(0.5), p99: pick(0.99), max: values.at(-1) ?? NaN };
	};
	const show = (s: ReturnType<typeof stats>) => `seen-latency p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (${s.count} cards)`;
	const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	await settle(500);
	const baselineFrom = performance.now();
	await settle(4000);
	console.log(`no export   ${show(stats(baselineFrom, performance.now()))}`);

	const cookie = { cookie: `${STAFF_COOKIE}=${official.token}` };
	for (const format of EXPORT_FORMATS) {
		const timings: number[] = [];
		const from = performance.now();
		for (let run = 0; run < RUNS; run++) {
			const started = performance.now();
			const response = await fetch(`${server.url}/agenda/${agendaId}/export?format=${format}`, { headers: cookie });
			const bytes = new Uint8Array(await response.arrayBuffer());
			if (response.status !== 200 || bytes.byteLength < 1000) throw new Error(`${format}: ${response.status}`);
			timings.push(performance.now() - started);
		}
		const to = performance.now();
		// Cards written during the last download are seen a moment later.
		await settle(300);
		const median = [...timings].sort((x, y) => x - y)[Math.floor(timings.length / 2)];
		console.log(`${format.padEnd(5)}       HTTP median ${median.toFixed(0).padStart(5)} ms (runs ${timings.map((t) => t.toFixed(0)).join(', ')}), ${show(stats(from, to))}`);
	}
	clearInterval(writing);
	await settle(300);
	const refused = server.output().match(/"msg":"[^"]*refus[^"]*"/g) ?? [];
	if (refused.length > 0) console.log(`server refused writes: ${refused.length}`);
	if (/export worker failed/.test(server.output())) console.log('the export worker failed: files were written on the main thread');
	// Nothing was lost while the exports ran: every card written was seen.
	console.log(`cards written in the other room: ${n}, not seen: ${writtenAt.size}`);
	a.destroy();
	b.destroy();
	agendaPage.destroy();
} finally {
	await server.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
}
