/**
 * `npm run bench [-- --quick] [--servers=ours,hocuspocus] [--workloads=w1,w3,w5] [--workers=N] [--w5-workers=N]`
 *
 * Runs the workloads of workloads.ts against our server and the two peers, prints a Markdown
 * table and the targets (PASS/FAIL), and writes tests/bench/results/latest.json
 * (a --quick run: latest-quick.json; one limited by --servers/--workloads: latest-partial.json).
 * Not part of `npm test`: it takes minutes and its figures depend on the machine.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	PEER_KINDS,
	ROOT,
	SERVER_KINDS,
	SERVER_LABELS,
	directoryBytes,
	killAllChildren,
	killAllChildrenNow,
	waitForQuietMachine,
	type ServerKind
} from './servers.ts';
import {
	ClientPool,
	NOISY_OTHER_CPU_PERCENT,
	benchConfig,
	fmt,
	makeTempDir,
	runW1W2,
	runW3,
	runW4,
	runW5,
	type BenchConfig,
	type RoomPlan,
	type W1Result,
	type W2Result,
	type W3Result,
	type W4Result,
	type W5Result,
	type WorkloadContext
} from './workloads.ts';

type WorkloadId = 'w1' | 'w3' | 'w4' | 'w5';
const WORKLOAD_IDS: readonly WorkloadId[] = ['w1', 'w3', 'w4', 'w5'];
interface ServerResults {
	w1?: W1Result;
	w2?: W2Result;
	w3?: W3Result;
	w4?: W4Result;
	w5?: W5Result;
	/** Ours only: W5 with SYNC_WRITE_POLICY=off, in the same run. */
	w5PolicyOff?: W5Result;
	/** Why a workload has no result for this server (not applicable, or it failed). */
	skipped: Record<string, string>;
}

/** Only a full run of everything writes latest.json (which may be committed); quick or partial runs write beside it. */
const RESULTS_DIR = path.join(ROOT, 'tests/bench/results');
function resultsFileFor(cli: { quick: boolean; partial: boolean }): string {
	return path.join(RESULTS_DIR, cli.quick ? 'latest-quick.json' : cli.partial ? 'latest-partial.json' : 'latest.json');
}

/** Every temporary directory of the run (seeded template, one per server start); removed on any exit. */
const tempDirs: string[] = [];
function removeTempDirs(): void {
	for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
const WALL_CLOCK_LIMIT_MS = { quick: 3 * 60_000, full: 25 * 60_000 };

function parseCli() {
	const { values } = parseArgs({
		args: process.argv.slice(2),
		options: {
			quick: { type: 'boolean', default: false },
			servers: { type: 'string' },
			workloads: { type: 'string' },
			workers: { type: 'string' },
			'w5-workers': { type: 'string' }
		},
		strict: true
	});
	const servers = (values.servers?.split(',') ?? [...SERVER_KINDS]) as ServerKind[];
	for (const kind of servers) if (!SERVER_KINDS.includes(kind)) throw new Error(`unknown server "${kind}" (choose from ${SERVER_KINDS.join(', ')})`);
	// W2 runs on W1's connections, so "w1" selects both.
	const workloads = (values.workloads?.split(',').map((w) => w.trim().toLowerCase().replace('w2', 'w1')) ?? [...WORKLOAD_IDS]) as WorkloadId[];
	for (const workload of workloads) if (!WORKLOAD_IDS.includes(workload)) throw new Error(`unknown workload "${workload}" (choose from w1, w2, w3, w4, w5)`);
	const workers = values.workers ? Number(values.workers) : Math.min(4, Math.max(2, os.availableParallelism()));
	if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new Error('--workers must be 1..16');
	const w5Workers = values['w5-workers'] === undefined ? null : Number(values['w5-workers']);
	if (w5Workers !== null && (!Number.isInteger(w5Workers) || w5Workers < 1 || w5Workers > 16)) throw new Error('--w5-workers must be 1..16');
	return {
		quick: values.quick ?? false,
		servers,
		workloads: [...new Set(workloads)],
		workers,
		w5Workers,
		partial: values.servers !== undefined || values.workloads !== undefined
	};
}

async function ensureBuild(): Promise<void> {
	const handler = path.join(ROOT, 'build/handler.js');
	// The repository is shared: someone else's build may be under way; give it a moment first.
	for (let waited = 0; waited < 30_000 && !fs.existsSync(handler); waited += 500) await new Promise((resolve) => setTimeout(resolve, 500));
	if (fs.existsSync(handler)) return;
	console.log('No build/handler.js: running "npx vite build" first (our server serves the SvelteKit build).');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
	if (result.status !== 0) throw new Error('vite build failed');
}

/** Seeds workshops and participant sessions for every room our server will see; returns the template dir. */
type Rooms = ReturnType<WorkloadContext['roomsFor']>;

function seedOurTemplate(config: BenchConfig): { dir: string; rooms: Rooms } {
	const dir = makeTempDir('wijktafel-bench-template-');
	const spec = {
		rooms: [
			{ label: 'w1', participants: config.w1.clients },
			...Array.from({ length: config.w3.rooms }, (_, i) => ({ label: `w3r${i + 1}`, participants: config.w3.clientsPerRoom })),
			{ label: 'w4', participants: config.w4.writers },
			{ label: 'w5', participants: config.w5.clients }
		]
	};
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
	delete env.LOG_LEVEL;
	const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/seed-ours.ts', JSON.stringify(spec)], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		timeout: 120_000,
		maxBuffer: 64 * 1024 * 1024
	});
	const seeded = JSON.parse(stdout) as {
		rooms: Array<{ label: string; docName: string; workshopId: string; tokens: string[]; authors: Array<{ id: string; name: string }> }>;
	};
	const byLabel = new Map(
		seeded.rooms.map((room) => [room.label, { docName: room.docName, tokens: room.tokens, authors: room.authors, workshopId: room.workshopId } satisfies RoomPlan])
	);
	return {
		dir,
		rooms: {
			w1: byLabel.get('w1')!,
			w3: Array.from({ length: config.w3.rooms }, (_, i) => byLabel.get(`w3r${i + 1}`)!),
			w4: byLabel.get('w4')!,
			w5: byLabel.get('w5')!
		}
	};
}

/** The peers accept any name and any (or no) token; they get the same document names as ours. */
function withoutTokens(rooms: Rooms): Rooms {
	const strip = (room: RoomPlan): RoomPlan => ({ docName: room.docName, tokens: null, authors: null, workshopId: null });
	return { w1: strip(rooms.w1), w3: rooms.w3.map(strip), w4: strip(rooms.w4), w5: strip(rooms.w5) };
}

// ---------------------------------------------------------------------------------------------
// Figures, targets, output

type Better = 'lower' | 'higher' | 'info';
interface Figure {
	id: string;
	label: string;
	unit: string;
	better: Better;
	ours: number | null;
	peers: Record<string, number | null>;
	/** ours ÷ peer, per peer; null when either side has no value. */
	ratios: Record<string, number | null>;
	note?: string;
}

interface Target {
	id: string;
	description: string;
	pass: boolean | null;
	detail: string;
	/** Highest CPU use of other processes on the machine during the measurements behind this verdict. */
	otherProcessesCpuPercent: number | null;
}

function finiteOrNull(value: number | null | undefined): number | null {
	if (value === null || value === undefined || Number.isNaN(value)) return null;
	return value;
}

function buildFigures(results: Record<ServerKind, ServerResults>, peers: readonly ServerKind[], config: BenchConfig): Figure[] {
	const MB = 1024 * 1024;
	const defs: Array<{ id: string; label: string; unit: string; better: Better; pick: (r: ServerResults) => number | null | undefined; note?: string }> = [
		{ id: 'w1.fanout.p50', label: 'W1 fan-out p50', unit: 'ms', better: 'lower', pick: (r) => r.w1?.p50Ms },
		{ id: 'w1.fanout.p95', label: 'W1 fan-out p95', unit: 'ms', better: 'lower', pick: (r) => r.w1?.p95Ms },
		{ id: 'w1.fanout.p99', label: 'W1 fan-out p99', unit: 'ms', better: 'lower', pick: (r) => r.w1?.p99Ms },
		{ id: 'w1.server.cpu', label: 'W1 server CPU', unit: '% of a core', better: 'lower', pick: (r) => r.w1?.usage?.cpuPercent },
		{ id: 'w1.server.rss', label: 'W1 server peak RSS', unit: 'MB', better: 'lower', pick: (r) => (r.w1?.usage ? r.w1.usage.peakRssBytes / MB : null) },
		{ id: 'w1.server.diskWait', label: 'W1 server main thread in disk wait', unit: '% of time', better: 'lower', pick: (r) => r.w1?.usage?.mainThreadDiskWaitPercent },
		{ id: 'w2.capacity', label: 'W2 capacity (p99 ≤ 100 ms)', unit: 'updates/s', better: 'higher', pick: (r) => r.w2?.capacityPerSecond },
		{ id: 'w3.server.rss', label: 'W3 server peak RSS', unit: 'MB', better: 'lower', pick: (r) => (r.w3?.usage ? r.w3.usage.peakRssBytes / MB : null) },
		{ id: 'w3.server.cpu', label: 'W3 server CPU', unit: '% of a core', better: 'lower', pick: (r) => r.w3?.usage?.cpuPercent },
		{ id: 'w3.fanout.p99', label: 'W3 fan-out p99', unit: 'ms', better: 'lower', pick: (r) => r.w3?.p99Ms },
		{ id: 'w4.coldLoad', label: 'W4 cold load (median)', unit: 'ms', better: 'lower', pick: (r) => r.w4?.coldLoadMedianMs },
		{ id: 'w4.serverReady', label: 'W4 cold load until the server holds the doc (its sync step 1)', unit: 'ms', better: 'lower', pick: (r) => r.w4?.serverReadyMedianMs },
		{ id: 'w4.diskBytes', label: 'W4 bytes on disk', unit: 'B', better: 'lower', pick: (r) => r.w4?.diskBytes },
		{
			id: 'w4.storedRowBytes',
			label: 'W4 doc bytes in the database rows (no free pages)',
			unit: 'B',
			better: 'lower',
			pick: (r) => (r.w4 ? (r.w4.diskBreakdown.snapshotBytes ?? 0) + (r.w4.diskBreakdown.updateLogBytes ?? 0) + (r.w4.diskBreakdown.storedStateBytes ?? 0) : null)
		},
		{ id: 'w4.encodedState', label: 'W4 encoded state', unit: 'B', better: 'info', pick: (r) => r.w4?.encodedStateBytes },
		{ id: 'w4.diskPerState', label: 'W4 disk ÷ encoded state', unit: '×', better: 'lower', pick: (r) => (r.w4 ? r.w4.diskBytes / r.w4.encodedStateBytes : null) },
		{ id: 'w5.fanout.p50', label: `W5 fan-out p50 (${config.w5.clients.toLocaleString('en')} clients, write policy on)`, unit: 'ms', better: 'lower', pick: (r) => r.w5?.p50Ms },
		{ id: 'w5.fanout.p95', label: 'W5 fan-out p95', unit: 'ms', better: 'lower', pick: (r) => r.w5?.p95Ms },
		{ id: 'w5.fanout.p99', label: 'W5 fan-out p99', unit: 'ms', better: 'lower', pick: (r) => r.w5?.p99Ms },
		{ id: 'w5.server.cpu', label: 'W5 server CPU', unit: '% of a core', better: 'lower', pick: (r) => r.w5?.usage?.cpuPercent },
		// Ours again, started with SYNC_WRITE_POLICY=off in the same run: what the policy costs.
		{ id: 'w5.policyOff.fanout.p50', label: 'W5 fan-out p50, ours with the write policy off', unit: 'ms', better: 'info', pick: (r) => r.w5PolicyOff?.p50Ms },
		{ id: 'w5.policyOff.fanout.p95', label: 'W5 fan-out p95, write policy off', unit: 'ms', better: 'info', pick: (r) => r.w5PolicyOff?.p95Ms },
		{ id: 'w5.policyOff.fanout.p99', label: 'W5 fan-out p99, write policy off', unit: 'ms', better: 'info', pick: (r) => r.w5PolicyOff?.p99Ms },
		{ id: 'w5.policyOff.server.cpu', label: 'W5 server CPU, write policy off', unit: '% of a core', better: 'info', pick: (r) => r.w5PolicyOff?.usage?.cpuPercent },
		{
			id: 'w5.policyOnOff.p99',
			label: 'W5 p99 write policy on ÷ off',
			unit: '×',
			better: 'info',
			pick: (r) => (r.w5 && r.w5PolicyOff && r.w5PolicyOff.p99Ms > 0 ? r.w5.p99Ms / r.w5PolicyOff.p99Ms : null)
		},
		{ id: 'w5.loadGenerator.busiest', label: 'W5 busiest client process (≥ 90 %: load generator saturated)', unit: '% of a core', better: 'info', pick: (r) => r.w5?.busiestClientProcessPercent },
		// Not figures of the servers: how busy the shared machine was, to judge the noise in the rows above.
		{ id: 'noise.w1.otherCpu', label: 'Noise: other processes’ CPU during W1', unit: '% of a core', better: 'info', pick: (r) => r.w1?.usage?.otherProcessesCpuPercent },
		{ id: 'noise.w3.otherCpu', label: 'Noise: other processes’ CPU during W3', unit: '% of a core', better: 'info', pick: (r) => r.w3?.usage?.otherProcessesCpuPercent },
		{ id: 'noise.w5.otherCpu', label: 'Noise: other processes’ CPU during W5', unit: '% of a core', better: 'info', pick: (r) => r.w5?.usage?.otherProcessesCpuPercent }
	];
	return defs.map((def) => {
		const ours = finiteOrNull(def.pick(results.ours));
		const peerValues: Record<string, number | null> = {};
		const ratios: Record<string, number | null> = {};
		for (const peer of peers) {
			const value = finiteOrNull(def.pick(results[peer]));
			peerValues[peer] = value;
			ratios[peer] = ours !== null && value !== null && value !== 0 && Number.isFinite(ours) && Number.isFinite(value) ? ours / value : null;
		}
		return { id: def.id, label: def.label, unit: def.unit, better: def.better, ours, peers: peerValues, ratios };
	});
}

function buildTargets(figures: Figure[], results: Record<ServerKind, ServerResults>, peers: readonly ServerKind[]): Target[] {
	const figure = (id: string) => figures.find((f) => f.id === id)!;
	const w1Noise = (kind: ServerKind) => results[kind].w1?.usage?.otherProcessesCpuPercent ?? null;
	const w2Noise = (kind: ServerKind) => {
		const steps = results[kind].w2?.steps.filter((s) => !s.supersededAsNoisy) ?? [];
		return steps.length > 0 ? Math.max(...steps.map((s) => s.otherProcessesCpuPercent ?? 0)) : null;
	};
	const worst = (...values: Array<number | null>) => {
		const known = values.filter((v): v is number => v !== null);
		return known.length > 0 ? Math.max(...known) : null;
	};
	// Verdicts compare the values themselves; the ratio is shown, but is undefined when a peer scores 0.
	// A figure that is +∞ (receipts that never arrived) loses against anything finite; ∞ against ∞ is no pass.
	const compare = (ours: number | null, peer: number | null, ok: (o: number, p: number) => boolean) =>
		ours === null || peer === null ? null : !Number.isFinite(ours) ? false : !Number.isFinite(peer) ? true : ok(ours, peer);
	const targets: Target[] = [];
	const p99 = figure('w1.fanout.p99');
	const capacity = figure('w2.capacity');
	for (const peer of peers) {
		targets.push({
			id: `w1.p99.vs.${peer}`,
			description: `W1 p99 at least as good as ${peer} (ours/peer ≤ 1.0)`,
			pass: compare(p99.ours, p99.peers[peer], (o, p) => o <= p),
			detail: `${fmt(p99.ours, 2)} ms vs ${fmt(p99.peers[peer], 2)} ms → ratio ${fmt(p99.ratios[peer], 2)}`,
			otherProcessesCpuPercent: worst(w1Noise('ours'), w1Noise(peer))
		});
	}
	for (const peer of peers) {
		targets.push({
			id: `w2.capacity.vs.${peer}`,
			description: `W2 capacity at least as good as ${peer} (ours/peer ≥ 1.0)`,
			// Both at 0 (every ladder failed at its first step) compares nothing: no verdict.
			pass: capacity.ours === 0 && capacity.peers[peer] === 0 ? null : compare(capacity.ours, capacity.peers[peer], (o, p) => o >= p),
			detail: `${fmt(capacity.ours, 0)} vs ${fmt(capacity.peers[peer], 0)} updates/s → ratio ${capacity.ratios[peer] === null ? 'n/a' : fmt(capacity.ratios[peer], 2)}`,
			otherProcessesCpuPercent: worst(w2Noise('ours'), w2Noise(peer))
		});
	}
	targets.push({
		id: 'w1.p99.abs',
		description: 'W1 p99 ≤ 20 ms',
		pass: p99.ours === null ? null : p99.ours <= 20,
		detail: `${fmt(p99.ours, 2)} ms`,
		otherProcessesCpuPercent: w1Noise('ours')
	});
	const rss = figure('w3.server.rss');
	targets.push({
		id: 'w3.rss',
		description: 'W3 server RSS ≤ 300 MB',
		pass: rss.ours === null ? null : rss.ours <= 300,
		detail: `${fmt(rss.ours)} MB peak (VmHWM)`,
		otherProcessesCpuPercent: null
	});
	const load = figure('w4.coldLoad');
	const w4 = results.ours.w4;
	const complete = (w4?.cardsLoaded ?? []).every((n) => n === w4?.cardsWritten);
	targets.push({
		id: 'w4.coldLoad',
		description: 'W4 cold load ≤ 100 ms',
		pass: load.ours === null ? null : load.ours <= 100 && complete,
		detail: `${fmt(load.ours)} ms median of ${w4?.coldLoadMs.map((ms) => ms.toFixed(1)).join(', ') ?? 'n/a'}${complete ? '' : ' — NOT all cards came back'}`,
		otherProcessesCpuPercent: null
	});
	const w5p99 = figure('w5.fanout.p99');
	const w5Off = results.ours.w5PolicyOff;
	const w5Noise = (kind: ServerKind) => results[kind].w5?.usage?.otherProcessesCpuPercent ?? null;
	const saturated = (...parts: Array<W5Result | undefined>) => (parts.some((part) => part?.loadGeneratorSaturated) ? ' (load generator SATURATED)' : '');
	if (peers.includes('y-websocket-server')) {
		targets.push({
			id: 'w5.p99.vs.y-websocket-server',
			description: `W5 p99 (${results.ours.w5?.clients ?? 'n/a'} clients, policy on) at least as good as y-websocket-server`,
			pass: compare(w5p99.ours, w5p99.peers['y-websocket-server'], (o, p) => o <= p),
			detail: `${fmt(w5p99.ours, 2)} ms vs ${fmt(w5p99.peers['y-websocket-server'], 2)} ms → ratio ${fmt(w5p99.ratios['y-websocket-server'], 3)}${saturated(results.ours.w5, results['y-websocket-server'].w5)}`,
			otherProcessesCpuPercent: worst(w5Noise('ours'), w5Noise('y-websocket-server'))
		});
	}
	const onOff = figure('w5.policyOnOff.p99');
	targets.push({
		id: 'w5.policyCost',
		description: 'W5 p99 with the write policy on ≤ 1.10 × with it off',
		pass: onOff.ours === null ? null : onOff.ours <= 1.1,
		detail: `${fmt(results.ours.w5?.p99Ms, 2)} ms on vs ${fmt(w5Off?.p99Ms, 2)} ms off → ${fmt(onOff.ours, 3)}×${saturated(results.ours.w5, w5Off)}`,
		otherProcessesCpuPercent: worst(w5Noise('ours'), w5Off?.usage?.otherProcessesCpuPercent ?? null)
	});
	// The bench writes only honest cards as their own participant: the policy must take every one.
	const ours = results.ours;
	const fanOuts = [ours.w1, ours.w3, ours.w5].filter((r): r is W1Result | W3Result => r !== undefined);
	const measuredAny = fanOuts.length > 0 || ours.w4 !== undefined;
	const refusals = fanOuts.reduce((sum, r) => sum + r.refusals, 0) + (ours.w4?.refusals ?? 0);
	const closes = fanOuts.reduce((sum, r) => sum + r.unexpectedCloses, 0) + (ours.w4?.unexpectedCloses ?? 0);
	const missing = fanOuts.reduce((sum, r) => sum + Math.max(0, r.expectedReceipts - r.received), 0);
	targets.push({
		id: 'ours.honestWritesAccepted',
		description: 'With the write policy on, every bench card is accepted (W1, W3, W4, W5: no refused write in the log — 4413/4415/4422/4423/4429/4529 —, no closed client, every receipt)',
		pass: measuredAny ? refusals === 0 && closes === 0 && missing === 0 : null,
		detail: `${refusals} refused writes, ${closes} connections closed by the server, ${missing} receipts missing`,
		otherProcessesCpuPercent: null
	});
	const perState = figure('w4.diskPerState');
	targets.push({
		id: 'w4.disk',
		description: 'Bytes on disk after compaction ≤ 1.5 × encoded state',
		pass: perState.ours === null ? null : perState.ours <= 1.5,
		detail:
			`${w4?.diskBytes ?? 'n/a'} B on disk vs ${w4?.encodedStateBytes ?? 'n/a'} B → ${fmt(perState.ours, 2)}×` +
			(w4?.diskBreakdown.provenancePageBytes ? ` (of which ${w4.diskBreakdown.provenancePageBytes} B in pages of the write policy's provenance table, ${w4.diskBreakdown.provenanceRows} rows)` : ''),
		otherProcessesCpuPercent: null
	});
	return targets;
}

function cell(value: number | null, unit: string): string {
	if (value === null) return 'n/a';
	if (!Number.isFinite(value)) return '∞';
	if (unit === 'B') return String(Math.round(value));
	if (unit === 'updates/s') return value.toFixed(0);
	if (unit === '×') return value.toFixed(2);
	return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function markdownTable(figures: Figure[], peers: readonly ServerKind[]): string {
	const header = ['Figure', 'Unit', SERVER_LABELS.ours, ...peers.flatMap((p) => [SERVER_LABELS[p], `ours/${p === 'hocuspocus' ? 'hocuspocus' : 'y-ws'}`])];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
	for (const f of figures) {
		// A run limited by --workloads/--servers: leave out the rows it did not measure.
		if (f.ours === null && peers.every((p) => f.peers[p] === null)) continue;
		const showRatio = (p: ServerKind) => f.better !== 'info' && f.ratios[p] !== null;
		const row = [f.label, f.unit, cell(f.ours, f.unit), ...peers.flatMap((p) => [cell(f.peers[p], f.unit), showRatio(p) ? f.ratios[p]!.toFixed(2) : '–'])];
		lines.push(`| ${row.join(' | ')} |`);
	}
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const cli = parseCli();
	const startedAt = performance.now();
	const config = benchConfig(cli.quick, cli.workers, cli.w5Workers);
	const log = (line: string) => console.log(line);
	let pool: ClientPool | null = null;

	const limit = cli.quick ? WALL_CLOCK_LIMIT_MS.quick : WALL_CLOCK_LIMIT_MS.full;
	const watchdog = setTimeout(() => {
		console.error(`bench: over its ${limit / 60_000}-minute limit; stopping every child process`);
		killAllChildrenNow();
		process.exit(2);
	}, limit);
	watchdog.unref();

	try {
		if (cli.quick) {
			log(
				`QUICK RUN — shorter and smaller than the real workloads (W1 ${config.w1.clients} clients for ${config.w1.durationMs / 1000} s, ` +
					`W2 ${config.w2.stepMs / 1000}-s steps, W3 ${config.w3.rooms}×${config.w3.clientsPerRoom} clients for ${config.w3.durationMs / 1000} s, ` +
					`W4 ${config.w4.coldLoads} cold load, W5 ${config.w5.clients} clients for ${config.w5.durationMs / 1000} s). ` +
					`Figures and PASS/FAIL are indicative only; run "npm run bench" for the real ones.\n`
			);
		}
		await ensureBuild();
		const template = seedOurTemplate(config);
		tempDirs.push(template.dir);
		const templateBytes = directoryBytes(template.dir);
		const peerRooms = withoutTokens(template.rooms);

		pool = ClientPool.start(config.workerCount);
		/** W5's own client processes, while it runs: their CPU is the bench's, not other processes'. */
		let w5Pool: ClientPool | null = null;
		const benchPids = () => [...new Set([...pool!.pids, ...(w5Pool?.pids ?? [])])];
		const context: WorkloadContext = {
			config,
			pool,
			log,
			roomsFor: (kind) => (kind === 'ours' ? template.rooms : peerRooms),
			freshDataDir(kind) {
				const dir = makeTempDir(`wijktafel-bench-${kind}-`);
				tempDirs.push(dir);
				if (kind !== 'ours') return { dir, baselineBytes: 0 };
				fs.cpSync(template.dir, dir, { recursive: true });
				return { dir, baselineBytes: templateBytes };
			},
			async quiet(maxWaitMs = config.quietWaitMs) {
				const quiet = await waitForQuietMachine(benchPids(), { maxWaitMs, sampleMs: config.quietSampleMs });
				if (quiet.waitedMs > 2 * config.quietSampleMs || quiet.otherPercent >= NOISY_OTHER_CPU_PERCENT) {
					log(`  (waited ${(quiet.waitedMs / 1000).toFixed(0)} s for other processes on this machine; they now use ${fmt(quiet.otherPercent, 0)} % of a core)`);
				}
			}
		};

		const results = Object.fromEntries(SERVER_KINDS.map((kind) => [kind, { skipped: {} } as ServerResults])) as Record<ServerKind, ServerResults>;
		const elapsed = () => `t = ${((performance.now() - startedAt) / 1000).toFixed(0)} s`;
		const recordFailure = (kinds: readonly ServerKind[], workload: string, error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			for (const kind of kinds) results[kind].skipped[workload] = `failed: ${message.slice(0, 500)}`;
			log(`  ! ${workload} failed: ${message.slice(0, 2000)}`);
		};

		for (const workload of cli.workloads) {
			if (workload === 'w1') {
				log(`\n[W1+W2] ${cli.servers.join(', ')}, interleaved (${elapsed()})`);
				try {
					const fanOut = await runW1W2(cli.servers, context);
					for (const kind of cli.servers) {
						const outcome = fanOut[kind];
						if (outcome?.error) results[kind].skipped['W1+W2'] = outcome.error;
						if (outcome?.w1) results[kind].w1 = outcome.w1;
						if (outcome?.w2) results[kind].w2 = outcome.w2;
					}
				} catch (error) {
					recordFailure(cli.servers, 'W1+W2', error);
					await pool.closeClients().catch(() => undefined);
				}
			} else if (workload === 'w3') {
				// W3 is about memory, which other processes do not disturb: one server after the other.
				for (const kind of cli.servers) {
					log(`\n[W3] ${SERVER_LABELS[kind]} (${elapsed()})`);
					try {
						await context.quiet();
						results[kind].w3 = await runW3(kind, context);
					} catch (error) {
						recordFailure([kind], 'W3', error);
						await pool.closeClients().catch(() => undefined);
					}
				}
			} else if (workload === 'w4') {
				const kinds = cli.servers.filter((kind) => kind !== 'y-websocket-server');
				if (cli.servers.includes('y-websocket-server')) {
					results['y-websocket-server'].skipped.W4 = 'not applicable: persistence is off by default (YPERSISTENCE unset), so a restarted server has no doc to load';
				}
				log(`\n[W4] ${kinds.join(', ')}, cold loads interleaved (${elapsed()})`);
				try {
					const loads = await runW4(kinds, context);
					for (const kind of kinds) {
						const outcome = loads[kind];
						if (outcome?.error) results[kind].skipped.W4 = outcome.error;
						if (outcome?.w4) results[kind].w4 = outcome.w4;
					}
				} catch (error) {
					recordFailure(kinds, 'W4', error);
					await pool.closeClients().catch(() => undefined);
				}
			} else if (workload === 'w5') {
				const kinds = cli.servers.filter((kind) => kind !== 'hocuspocus');
				if (cli.servers.includes('hocuspocus')) results.hocuspocus.skipped.W5 = 'not run: W5 compares ours with and without the write policy against y-websocket-server';
				log(`\n[W5] ${kinds.join(', ')}: ${config.w5.clients} clients in one room, interleaved (${elapsed()})`);
				w5Pool = ClientPool.start(config.w5.workers);
				try {
					const w5 = await runW5(kinds, { ...context, pool: w5Pool });
					for (const [variant, outcome] of Object.entries(w5)) {
						const kind: ServerKind = variant === 'y-websocket-server' ? 'y-websocket-server' : 'ours';
						const slot = variant === 'ours-no-policy' ? 'w5PolicyOff' : 'w5';
						if (outcome?.error) results[kind].skipped[variant === 'ours-no-policy' ? 'W5 (write policy off)' : 'W5'] = outcome.error;
						if (outcome?.w5) results[kind][slot] = outcome.w5;
					}
				} catch (error) {
					recordFailure(kinds, 'W5', error);
				} finally {
					await w5Pool.closeClients().catch(() => undefined);
					w5Pool.shutdown();
					w5Pool = null;
				}
			}
		}

		const peers = PEER_KINDS.filter((peer) => cli.servers.includes(peer));
		const figures = buildFigures(results, peers, config);
		const targets = buildTargets(figures, results, peers);
		const durationS = (performance.now() - startedAt) / 1000;

		log(`\n## Benchmark ${cli.quick ? '(QUICK — indicative only)' : ''}\n`);
		log(markdownTable(figures, peers));
		log('\nRatios are ours ÷ peer: below 1.0 is better for times, memory and CPU; above 1.0 is better for capacity.');
		for (const kind of cli.servers) {
			for (const [workload, reason] of Object.entries(results[kind].skipped)) log(`- ${SERVER_LABELS[kind]} ${workload}: ${reason}`);
		}
		log(`\n## Targets${cli.quick ? ' (quick run: indicative only)' : ''}\n`);
		for (const target of targets) {
			const verdict = target.pass === null ? 'N/A ' : target.pass ? 'PASS' : 'FAIL';
			const noisy =
				target.otherProcessesCpuPercent !== null && target.otherProcessesCpuPercent >= NOISY_OTHER_CPU_PERCENT
					? ` (NOISY: other processes used up to ${fmt(target.otherProcessesCpuPercent, 0)} % of a core meanwhile)`
					: '';
			log(`${verdict}  ${target.description}: ${target.detail}${noisy}`);
		}
		log(`\nDuration: ${durationS.toFixed(0)} s; ${config.workerCount} client processes; ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'}).`);

		const report = {
			generatedAt: new Date().toISOString(),
			mode: cli.quick ? 'quick' : 'full',
			durationSeconds: Math.round(durationS),
			machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model ?? null, memoryBytes: os.totalmem(), node: process.version, platform: `${os.platform()} ${os.release()}` },
			method: {
				servers: Object.fromEntries(cli.servers.map((k) => [k, SERVER_LABELS[k]])),
				clients: `forked Node processes speaking the wire protocols directly (tests/bench/protocol.ts); one Y.Doc per connection; ${config.workerCount} processes, W5 its own ${config.w5.workers}`,
				latency: 'card text carries the sender’s CLOCK_MONOTONIC timestamp; receipt time − send time on the same machine; missing receipts count as +∞',
				resourceUsage: '/proc/<pid>/stat (utime+stime) and /proc/<pid>/status (VmRSS, VmHWM) of the server process, sampled every 250 ms',
				bytesOnDisk: 'growth of the server’s data directory (all files) after its last client left and it stopped on SIGTERM; ours relative to the seeded template',
				config
			},
			figures,
			targets,
			details: Object.fromEntries(cli.servers.map((k) => [k, results[k]]))
		};
		const resultsFile = resultsFileFor(cli);
		fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
		fs.writeFileSync(resultsFile, JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n');
		log(`Wrote ${path.relative(ROOT, resultsFile)}`);
		return 0;
	} finally {
		clearTimeout(watchdog);
		if (pool) {
			await pool.closeClients().catch(() => undefined);
			pool.shutdown();
		}
		await killAllChildren();
		removeTempDirs();
	}
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (interrupted) return;
		interrupted = true;
		console.error(`\nbench: ${signal}, stopping every child process`);
		void killAllChildren(1_000).finally(() => process.exit(130));
	});
}
process.on('exit', () => {
	killAllChildrenNow();
	removeTempDirs();
});

main().then(
	(code) => {
		process.exitCode = code;
	},
	async (error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
		await killAllChildren(1_000);
		process.exitCode = 1;
	}
);
