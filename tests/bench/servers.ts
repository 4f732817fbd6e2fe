/**
 * Starting, measuring and stopping the three servers, each in its own child process.
 *
 * Resource use is read from outside, from /proc/<pid>/stat (utime + stime, in clock ticks) and
 * /proc/<pid>/status (VmRSS now, VmHWM = peak since the process started). Reading /proc costs the
 * server nothing and needs no cooperation from it, so the peers run unmodified. The figure is the
 * server's Node process only: tsx's esbuild helper process, which only works at start-up while
 * modules are compiled, is not counted (for any of the three).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireFlavor } from './protocol.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type ServerKind = 'ours' | 'y-websocket-server' | 'hocuspocus';
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'y-websocket-server', 'hocuspocus'];
export const PEER_KINDS: readonly ServerKind[] = ['y-websocket-server', 'hocuspocus'];

export const SERVER_LABELS: Record<ServerKind, string> = {
	ours: 'Wijktafel (SQLite)',
	'y-websocket-server': '@y/websocket-server 0.1.1',
	hocuspocus: '@hocuspocus/server 3 + SQLite'
};

const START_TIMEOUT_MS = 60_000;
/**
 * Our sync server's log line when it closes a socket over a refused write (server/sync/sync-server.ts):
 * the write policy (4422, 4423 read-only), the write budgets (4413, 4415, 4429) or a message rate (4529).
 */
const REFUSAL_LOG_LINE = /"msg":"sync: closing connection".*"code":(\d+)/;
const STOP_TIMEOUT_MS = 20_000;
const OUTPUT_TAIL_CHARS = 32_000;

/** Every child process the bench started, so that any exit path can end them. */
const children = new Set<ChildProcess>();

export function trackChild(child: ChildProcess): void {
	children.add(child);
	child.once('exit', () => children.delete(child));
}

/** Ends every tracked child: SIGTERM, then SIGKILL for those still alive after `graceMs`. */
export async function killAllChildren(graceMs = 3_000): Promise<void> {
	const alive = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
	for (const child of alive) child.kill('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && alive.some((child) => child.exitCode === null && child.signalCode === null)) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The same, synchronously, for process 'exit' handlers where nothing can be awaited. */
export function killAllChildrenNow(): void {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

let clockTicksPerSecond: number | null = null;
function ticksPerSecond(): number {
	if (clockTicksPerSecond === null) {
		try {
			clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		} catch {
			clockTicksPerSecond = 100;
		}
	}
	return clockTicksPerSecond;
}

export interface ProcessUsage {
	rssBytes: number;
	peakRssBytes: number;
	cpuSeconds: number;
	/** CLOCK_MONOTONIC-based, like everything timed in the bench. */
	atMs: number;
}

/** One reading of a process's memory and CPU time; null once the process is gone. */
export function readProcessUsage(pid: number): ProcessUsage | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may contain spaces; fields are counted after its closing ')'.
		const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// Fields 14 (utime) and 15 (stime) overall; afterName starts at field 3.
		const cpuTicks = Number(afterName[14 - 3]) + Number(afterName[15 - 3]);
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kilobytes = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
		return { rssBytes: kilobytes('VmRSS'), peakRssBytes: kilobytes('VmHWM'), cpuSeconds: cpuTicks / ticksPerSecond(), atMs: performance.now() };
	} catch {
		return null;
	}
}

/** Busy and total CPU time of the whole machine so far, in seconds summed over all cores (/proc/stat). */
export function readMachineCpu(): { busySeconds: number; totalSeconds: number } | null {
	try {
		const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
		// cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
		const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
		const idle = ticks[3] + ticks[4];
		const total = ticks.reduce((a, b) => a + b, 0);
		return { busySeconds: (total - idle) / ticksPerSecond(), totalSeconds: total / ticksPerSecond() };
	} catch {
		return null;
	}
}

/**
 * The machine is shared with other work (builds, test runs). Before a measurement, wait until the
 * CPU used by processes other than `ownPids` stays below `maxBusyPercent` of one core over
 * `sampleMs`, for at most `maxWaitMs`. Returns that other CPU use in the last sample.
 */
export async function waitForQuietMachine(
	ownPids: readonly number[],
	{ maxWaitMs, sampleMs = 1_000, maxBusyPercent = 30 }: { maxWaitMs: number; sampleMs?: number; maxBusyPercent?: number }
): Promise<{ otherPercent: number; waitedMs: number }> {
	const started = performance.now();
	const ownCpu = () => ownPids.reduce((sum, pid) => sum + (readProcessUsage(pid)?.cpuSeconds ?? 0), 0);
	let otherPercent = Number.NaN;
	for (let round = 0; round < 1_000; round++) {
		const machineBefore = readMachineCpu();
		const ownBefore = ownCpu();
		const at = performance.now();
		await new Promise((resolve) => setTimeout(resolve, sampleMs));
		const machineAfter = readMachineCpu();
		if (!machineBefore || !machineAfter) break;
		const seconds = (performance.now() - at) / 1000;
		otherPercent = Math.max(0, ((machineAfter.busySeconds - machineBefore.busySeconds - (ownCpu() - ownBefore)) / seconds) * 100);
		if (otherPercent < maxBusyPercent || performance.now() - started >= maxWaitMs) break;
	}
	return { otherPercent, waitedMs: performance.now() - started };
}

export interface UsageSummary {
	/** VmHWM at the end of the window: the process's peak resident memory so far. */
	peakRssBytes: number;
	/** Largest VmRSS sampled inside the window. */
	maxSampledRssBytes: number;
	meanRssBytes: number;
	/** CPU time used in the window ÷ wall time, in % of one core (can exceed 100 on several cores). */
	cpuPercent: number;
	cpuSeconds: number;
	wallSeconds: number;
	/**
	 * CPU used in the window by processes that are neither the server nor the bench (other work on
	 * the machine), in % of one core. The machine is shared; a high value means noisy figures.
	 */
	otherProcessesCpuPercent: number | null;
	/** CPU of the bench's own processes (orchestrator and client workers) in % of one core. */
	benchCpuPercent: number | null;
	/**
	 * Share of 10-ms samples in which the server's main thread (its event loop) was in state D,
	 * waiting for the disk. Whatever it waits for there, no message is handled meanwhile.
	 */
	mainThreadDiskWaitPercent: number | null;
}

/** The scheduler state letter of a process's main thread (R running, S sleeping, D disk wait …). */
function readThreadState(pid: number): string | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.charAt(stat.lastIndexOf(')') + 2);
	} catch {
		return null;
	}
}

/** Samples a process every `intervalMs` between start() and stop(). */
export class UsageSampler {
	#timer: NodeJS.Timeout | null = null;
	#first: ProcessUsage | null = null;
	#samples: ProcessUsage[] = [];
	#machineAtStart: { busySeconds: number; totalSeconds: number } | null = null;
	#benchCpuAtStart: number | null = null;
	#stateTimer: NodeJS.Timeout | null = null;
	#stateSamples = 0;
	#diskWaitSamples = 0;

	/** `benchPids`: the orchestrator and client workers, to tell their CPU from other processes'. */
	constructor(
		readonly pid: number,
		readonly benchPids: readonly number[] = [],
		readonly intervalMs = 250
	) {}

	#benchCpuSeconds(): number | null {
		let total = 0;
		for (const pid of this.benchPids) {
			const usage = readProcessUsage(pid);
			if (!usage) return null;
			total += usage.cpuSeconds;
		}
		return total;
	}

	start(): void {
		this.#machineAtStart = readMachineCpu();
		this.#benchCpuAtStart = this.#benchCpuSeconds();
		this.#first = readProcessUsage(this.pid);
		if (this.#first) this.#samples.push(this.#first);
		this.#stateTimer = setInterval(() => {
			const state = readThreadState(this.pid);
			if (state === null) return;
			this.#stateSamples++;
			if (state === 'D') this.#diskWaitSamples++;
		}, 10);
		this.#timer = setInterval(() => {
			const sample = readProcessUsage(this.pid);
			// Bounded: at 4 samples/s this is an hour, far beyond any workload.
			if (sample && this.#samples.length < 15_000) this.#samples.push(sample);
		}, this.intervalMs);
	}

	stop(): UsageSummary | null {
		if (this.#timer) clearInterval(this.#timer);
		if (this.#stateTimer) clearInterval(this.#stateTimer);
		this.#timer = null;
		this.#stateTimer = null;
		const last = readProcessUsage(this.pid);
		if (last) this.#samples.push(last);
		const first = this.#first;
		if (!first || !last) return null;
		const wallSeconds = (last.atMs - first.atMs) / 1000;
		const cpuSeconds = last.cpuSeconds - first.cpuSeconds;
		const rss = this.#samples.map((s) => s.rssBytes);
		const machine = readMachineCpu();
		const benchCpu = this.#benchCpuSeconds();
		const benchCpuSeconds = benchCpu !== null && this.#benchCpuAtStart !== null ? benchCpu - this.#benchCpuAtStart : null;
		const machineBusySeconds = machine && this.#machineAtStart ? machine.busySeconds - this.#machineAtStart.busySeconds : null;
		const percentOfWall = (seconds: number) => (wallSeconds > 0 ? (seconds / wallSeconds) * 100 : 0);
		return {
			otherProcessesCpuPercent:
				machineBusySeconds !== null && benchCpuSeconds !== null ? Math.max(0, percentOfWall(machineBusySeconds - cpuSeconds - benchCpuSeconds)) : null,
			benchCpuPercent: benchCpuSeconds !== null ? percentOfWall(benchCpuSeconds) : null,
			mainThreadDiskWaitPercent: this.#stateSamples > 0 ? (this.#diskWaitSamples / this.#stateSamples) * 100 : null,
			peakRssBytes: last.peakRssBytes,
			maxSampledRssBytes: Math.max(...rss),
			meanRssBytes: rss.reduce((a, b) => a + b, 0) / rss.length,
			cpuPercent: wallSeconds > 0 ? (cpuSeconds / wallSeconds) * 100 : 0,
			cpuSeconds,
			wallSeconds
		};
	}
}

export interface BenchServer {
	kind: ServerKind;
	flavor: WireFlavor;
	pid: number;
	port: number;
	/** Where a client for `docName` connects; our server takes the participant token as a query parameter. */
	socketUrl(docName: string, token: string | null): string;
	usage(): ProcessUsage | null;
	output(): string;
	/**
	 * Connections our server closed over a refused write (write policy 4422/4423, write budget
	 * 4413/4415/4429, message rate 4529), counted from its log since it started. The bench writes only
	 * honest cards within the budgets, so anything above 0 is a finding. Always 0 for the peers.
	 */
	refusals(): number;
	/** The same, by close code. */
	refusalCodes(): Record<string, number>;
	/** SIGTERM (each server stores its documents on it), wait for exit; SIGKILL after a timeout. */
	stop(): Promise<{ exitCode: number | null; forced: boolean }>;
}

export interface StartOptions {
	/** Our server's DATA_DIR; for Hocuspocus the directory of its database file. Unused by y-websocket-server. */
	dataDir: string;
	/**
	 * Ours only: start it with `SYNC_WRITE_POLICY=off`, so W5 can measure what the write policy
	 * costs in the same run. Nothing else is different; the server warns in its log.
	 */
	writePolicyOff?: boolean;
}

export const HOCUSPOCUS_DB_FILE = 'hocuspocus.sqlite';

function commandFor(kind: ServerKind, { dataDir, writePolicyOff = false }: StartOptions): { args: string[]; env: NodeJS.ProcessEnv } {
	if (writePolicyOff && kind !== 'ours') throw new Error(`writePolicyOff applies to our server only, not ${kind}`);
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
	// Each server as it ships: our config comes from the environment, so make sure nothing from the
	// caller's shell tunes it (limits, log level) or points it elsewhere.
	for (const name of Object.keys(env)) if (name.startsWith('SYNC_') || name === 'ORIGIN' || name === 'LOG_LEVEL' || name === 'YPERSISTENCE') delete env[name];
	switch (kind) {
		case 'ours':
			return { args: ['--import', 'tsx', 'server/index.ts'], env: { ...env, DATA_DIR: dataDir, ...(writePolicyOff ? { SYNC_WRITE_POLICY: 'off' } : {}) } };
		case 'y-websocket-server':
			return { args: ['--import', 'tsx', 'tests/bench/peers/y-websocket-server.ts'], env };
		case 'hocuspocus':
			return { args: ['--import', 'tsx', 'tests/bench/peers/hocuspocus-server.ts'], env: { ...env, DB_FILE: path.join(dataDir, HOCUSPOCUS_DB_FILE) } };
	}
}

const BUILD_HANDLER = path.join(ROOT, 'build/handler.js');
const BUILD_WAIT_MS = 180_000;

/**
 * Our server serves the SvelteKit build. The repository is shared: another engineer's
 * `vite build` empties build/ for a few seconds, so wait for it to come back rather than fail.
 */
async function waitForBuild(): Promise<void> {
	const deadline = Date.now() + BUILD_WAIT_MS;
	while (!fs.existsSync(BUILD_HANDLER)) {
		if (Date.now() > deadline) throw new Error(`build/handler.js missing for ${BUILD_WAIT_MS / 1000} s: run "npx vite build"`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

export async function startServer(kind: ServerKind, options: StartOptions): Promise<BenchServer> {
	if (kind !== 'ours') return startServerOnce(kind, options);
	await waitForBuild();
	try {
		return await startServerOnce(kind, options);
	} catch {
		// A build replaced under our feet can fail one start; a second failure is real.
		await waitForBuild();
		return startServerOnce(kind, options);
	}
}

async function startServerOnce(kind: ServerKind, options: StartOptions): Promise<BenchServer> {
	const { args, env } = commandFor(kind, options);
	const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	trackChild(child);
	let output = '';
	const append = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
	};
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);
	// Log lines are JSON on stderr (src/lib/server/log.ts); count the refusals line by line, since
	// `output` keeps only a tail.
	let refusals = 0;
	const refusalCodes: Record<string, number> = {};
	let partialLine = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		const lines = (partialLine + chunk.toString()).split('\n');
		partialLine = lines.pop() ?? '';
		for (const line of lines) {
			const code = REFUSAL_LOG_LINE.exec(line)?.[1];
			if (code === undefined) continue;
			refusals++;
			refusalCodes[code] = (refusalCodes[code] ?? 0) + 1;
		}
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${kind} did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
		const onData = () => {
			const match = /LISTENING http:\/\/[^:\s]+:(\d+)/.exec(output);
			if (!match) return;
			clearTimeout(timer);
			child.stdout!.off('data', onData);
			resolve(Number(match[1]));
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${kind} exited with ${code} before listening:\n${output}`));
		});
	});

	const base = `ws://127.0.0.1:${port}`;
	return {
		kind,
		flavor: kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
		pid: child.pid!,
		port,
		socketUrl(docName, token) {
			switch (kind) {
				case 'ours':
					return `${base}/sync/${encodeURIComponent(docName)}?token=${encodeURIComponent(token ?? '')}`;
				case 'y-websocket-server':
					return `${base}/${encodeURIComponent(docName)}`;
				case 'hocuspocus':
					// Hocuspocus names the document inside every message, not in the URL.
					return `${base}/`;
			}
		},
		usage: () => readProcessUsage(child.pid!),
		output: () => output,
		refusals: () => refusals,
		refusalCodes: () => ({ ...refusalCodes }),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return { exitCode: child.exitCode, forced: false };
			child.kill('SIGTERM');
			let forced = false;
			const timer = setTimeout(() => {
				forced = true;
				child.kill('SIGKILL');
			}, STOP_TIMEOUT_MS);
			await exited;
			clearTimeout(timer);
			return { exitCode: child.exitCode, forced };
		}
	};
}

/** Total size of the regular files in a directory (the database and any WAL/journal beside it). */
export function directoryBytes(dir: string): number {
	let total = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.isFile()) total += fs.statSync(path.join(dir, entry.name)).size;
	}
	return total;
}
