/**
 * The four workloads, run the same way against every server kind.
 *
 *  W1  one room, N clients; each adds a ~100-byte card every 10 s and sends awareness every 15 s
 *      (both evenly staggered over the room); fan-out latency = sender's send → each other
 *      client's receipt; server CPU and RSS over the window.
 *  W2  on the same room and connections: raise the card rate step by step until the p99 fan-out
 *      passes 100 ms; capacity = the highest achieved rate whose p99 stayed ≤ 100 ms.
 *  W3  20 rooms × 50 clients with W1's traffic per client: server memory (and CPU, latency).
 *  W4  a doc of 5,000 cards written by 100 clients, the server stopped (each stores on SIGTERM),
 *      then started again and one client connects: time to sync step 2 (cold load); plus the
 *      data directory's growth against Y.encodeStateAsUpdate(doc).length.
 *  W5  one room of 1,000 clients at W1's rate per client (100 cards/s in all, plus awareness), a
 *      town-hall evening: fan-out latency of ours with the write policy on, ours with it off
 *      (SYNC_WRITE_POLICY=off, same run) and y-websocket-server, on more client processes.
 *
 * A receipt that never arrives counts as infinitely late (see LatencyHistogram.recordMissing).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { monotonicMicros } from './protocol.ts';
import { LatencyHistogram, median } from './stats.ts';
import type { ClientSpec, ConnectResult, Counts, ParentToWorker, PhaseCommand, PhaseDone, PhaseReport, WorkerToParent } from './ipc.ts';
import {
	HOCUSPOCUS_DB_FILE,
	ROOT,
	UsageSampler,
	directoryBytes,
	readProcessUsage,
	startServer,
	trackChild,
	type BenchServer,
	type ServerKind,
	type UsageSummary
} from './servers.ts';

export interface BenchConfig {
	quick: boolean;
	workerCount: number;
	/** Longest wait for other processes on the machine to calm down before a workload … */
	quietWaitMs: number;
	/** … and before each measured window inside one (W1 round, W2 step, cold load). */
	quietWaitPerWindowMs: number;
	quietSampleMs: number;
	cardBytes: number;
	/** rounds: W1's duration is split into this many windows per server, alternating between the servers. */
	w1: { clients: number; durationMs: number; rounds: number; warmUpMs: number; cardIntervalMs: number; awarenessIntervalMs: number };
	/** noisyRepeats: how many failed steps per ladder may be measured again because the machine was busy. */
	w2: { ratesPerSecond: number[]; stepMs: number; refineSteps: number; noisyRepeats: number; p99LimitMs: number };
	w3: { rooms: number; clientsPerRoom: number; durationMs: number };
	w4: { cards: number; writers: number; cardsPerSecondPerWriter: number; coldLoads: number };
	/** workers: W5's own client processes (1,000 connections per server need more than W1's). */
	w5: { clients: number; durationMs: number; rounds: number; warmUpMs: number; workers: number; quietWaitPerRoundMs: number };
}

/**
 * W4's writers: 50 cards each at 10–15 a second, so every writer stays within our server's
 * per-participant write budget (server/sync/budget.ts: 50 messages/s, a quarter of 256 KiB at once)
 * as honest people do; 20 writers of 250 cards at 100/s each were refused once budgets came.
 */
const W4_WRITERS = 100;

/** Other processes above this share of one core make a measurement noisy (flagged, W2 steps repeated). */
export const NOISY_OTHER_CPU_PERCENT = 30;

export function benchConfig(quick: boolean, workerCount: number, w5Workers: number | null = null): BenchConfig {
	const common = { quick, workerCount, cardBytes: 100, quietWaitMs: quick ? 1_000 : 20_000, quietWaitPerWindowMs: quick ? 250 : 5_000, quietSampleMs: quick ? 250 : 1_000 };
	if (quick) {
		return {
			...common,
			w1: { clients: 50, durationMs: 3_000, rounds: 1, warmUpMs: 1_000, cardIntervalMs: 10_000, awarenessIntervalMs: 15_000 },
			w2: { ratesPerSecond: [200, 1_600], stepMs: 1_200, refineSteps: 0, noisyRepeats: 1, p99LimitMs: 100 },
			w3: { rooms: 4, clientsPerRoom: 10, durationMs: 2_000 },
			w4: { cards: 5_000, writers: W4_WRITERS, cardsPerSecondPerWriter: 15, coldLoads: 1 },
			w5: { clients: 300, durationMs: 3_000, rounds: 1, warmUpMs: 1_000, workers: w5Workers ?? W5_CLIENT_PROCESSES, quietWaitPerRoundMs: 250 }
		};
	}
	return {
		...common,
		w1: { clients: 200, durationMs: 60_000, rounds: 3, warmUpMs: 3_000, cardIntervalMs: 10_000, awarenessIntervalMs: 15_000 },
		w2: { ratesPerSecond: [50, 100, 200, 400, 800, 1_600, 3_200], stepMs: 6_000, refineSteps: 2, noisyRepeats: 3, p99LimitMs: 100 },
		w3: { rooms: 20, clientsPerRoom: 50, durationMs: 25_000 },
		w4: { cards: 5_000, writers: W4_WRITERS, cardsPerSecondPerWriter: 10, coldLoads: 3 },
		w5: { clients: 1_000, durationMs: 30_000, rounds: 3, warmUpMs: 3_000, workers: w5Workers ?? W5_CLIENT_PROCESSES, quietWaitPerRoundMs: 10_000 }
	};
}

/**
 * W5's client processes. 1,000 connections each receiving every card and awareness change are far
 * more work for the load generator than W1's 200; spread over this many processes none of them
 * becomes the bottleneck (W5 measures and prints each process's CPU to show it).
 */
export const W5_CLIENT_PROCESSES = 4;
/** A client process above this share of one core during a W5 round is the bottleneck: flagged. */
export const LOAD_GENERATOR_SATURATED_PERCENT = 90;

// ---------------------------------------------------------------------------------------------
// Client worker processes

const WORKER_FILE = path.join(ROOT, 'tests/bench/client-worker.ts');
const REQUEST_TIMEOUT_MS = 120_000;

class WorkerHandle {
	readonly #child: ChildProcess;
	#inbox: WorkerToParent[] = [];
	#waiter: ((message: WorkerToParent) => void) | null = null;
	#exit: Error | null = null;

	constructor(readonly index: number) {
		this.#child = fork(WORKER_FILE, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		trackChild(this.#child);
		this.#child.on('message', (message: WorkerToParent) => {
			if (this.#waiter) {
				const waiter = this.#waiter;
				this.#waiter = null;
				waiter(message);
			} else if (this.#inbox.length < 100) {
				this.#inbox.push(message);
			}
		});
		this.#child.once('exit', (code, signal) => {
			this.#exit = new Error(`client worker ${index} exited (${code ?? signal})`);
			this.#waiter?.({ type: 'error', message: this.#exit.message });
		});
	}

	/** Sends a command and waits for the reply of type `expect`; an 'error' reply or a timeout throws. */
	async request<T extends WorkerToParent['type']>(command: ParentToWorker, expect: T, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Extract<WorkerToParent, { type: T }>> {
		if (this.#exit) throw this.#exit;
		this.#child.send(command);
		const message = await new Promise<WorkerToParent>((resolve, reject) => {
			const queued = this.#inbox.shift();
			if (queued) return resolve(queued);
			const timer = setTimeout(() => {
				this.#waiter = null;
				reject(new Error(`client worker ${this.index}: no '${expect}' within ${timeoutMs} ms`));
			}, timeoutMs);
			this.#waiter = (reply) => {
				clearTimeout(timer);
				resolve(reply);
			};
		});
		if (message.type === 'error') throw new Error(`client worker ${this.index}: ${message.message}`);
		if (message.type !== expect) throw new Error(`client worker ${this.index}: expected '${expect}', got '${message.type}'`);
		return message as Extract<WorkerToParent, { type: T }>;
	}

	get pid(): number {
		return this.#child.pid!;
	}

	shutdown(): void {
		if (this.#child.connected) this.#child.disconnect();
	}
}

export interface PhaseOutcome {
	phase: number;
	cardsSent: number;
	awarenessSent: number;
	expectedReceipts: number;
	received: number;
	histogram: LatencyHistogram;
	maxSendLagMs: number;
	/** True when every expected receipt arrived before the drain gave up. */
	drained: boolean;
	/** Connections the server closed so far (rate limit, slow-client cut-off, crash); should be none. */
	unexpectedCloses: Counts['unexpectedCloses'];
	/** Server messages the clients could not decode so far; should be none. */
	protocolErrors: number;
}

/** The client processes of a bench run; connection sets come and go per workload. */
export class ClientPool {
	readonly #workers: WorkerHandle[];

	private constructor(workers: WorkerHandle[]) {
		this.#workers = workers;
	}

	/** The client processes' pids and the orchestrator's: everything the bench itself runs. */
	get pids(): number[] {
		return [process.pid, ...this.workerPids];
	}

	get workerPids(): number[] {
		return this.#workers.map((worker) => worker.pid);
	}

	static start(workerCount: number): ClientPool {
		return new ClientPool(Array.from({ length: workerCount }, (_, i) => new WorkerHandle(i)));
	}

	/** Opens connections, spread round-robin over the workers so every room spans all of them. */
	async connect(specs: ClientSpec[], options: { keepInitialState?: boolean; timeoutMs?: number } = {}): Promise<ConnectResult[]> {
		const replies = await Promise.all(
			this.#workers.map((worker, index) =>
				worker.request(
					{
						type: 'connect',
						clients: specs.filter((spec) => spec.globalIndex % this.#workers.length === index),
						concurrency: 20,
						timeoutMs: options.timeoutMs ?? 30_000,
						keepInitialState: options.keepInitialState ?? false
					},
					'connected'
				)
			)
		);
		return replies.flatMap((reply) => reply.results).sort((a, b) => a.globalIndex - b.globalIndex);
	}

	async #runPhase(command: PhaseCommand): Promise<PhaseDone[]> {
		return Promise.all(this.#workers.map((worker) => worker.request(command, 'phase-done', command.durationMs + 60_000)));
	}

	async counts(): Promise<Counts[]> {
		return Promise.all(this.#workers.map((worker) => worker.request({ type: 'counts' }, 'counts', 10_000)));
	}

	/** Open connections with globalIndex in [from, to). */
	async openConnections(from: number, to: number): Promise<number> {
		const replies = await Promise.all(this.#workers.map((worker) => worker.request({ type: 'counts', openFrom: from, openTo: to }, 'counts', 10_000)));
		return replies.reduce((sum, c) => sum + c.openConnections, 0);
	}

	async #received(phase: number): Promise<number> {
		const counts = await this.counts();
		return counts.reduce((sum, c) => sum + (c.receivedByPhase[String(phase)] ?? 0), 0);
	}

	/** Waits until `expected` receipts arrived, progress stalls for `stallMs`, or `maxMs` passed. */
	async drain(phase: number, expected: number, { maxMs = 15_000, stallMs = 1_500 } = {}): Promise<boolean> {
		const deadline = performance.now() + maxMs;
		let last = -1;
		let lastProgressAt = performance.now();
		while (performance.now() < deadline) {
			const received = await this.#received(phase);
			if (received >= expected) return true;
			if (received !== last) {
				last = received;
				lastProgressAt = performance.now();
			} else if (performance.now() - lastProgressAt > stallMs) {
				return false;
			}
			await sleep(100);
		}
		return false;
	}

	/** Runs one paced phase, waits for its receipts, and returns the merged latency histogram. */
	async measurePhase(command: Omit<PhaseCommand, 'type' | 'startAtMicros'>, drain: { maxMs?: number; stallMs?: number } = {}): Promise<PhaseOutcome> {
		// Far enough ahead that every worker has the command before the first send is due.
		const startAtMicros = monotonicMicros() + 300_000;
		const done = await this.#runPhase({ type: 'run-phase', startAtMicros, ...command });
		const expectedReceipts = done.reduce((sum, d) => sum + d.expectedReceipts, 0);
		const drained = await this.drain(command.phase, expectedReceipts, drain);
		const reports: PhaseReport[] = await Promise.all(this.#workers.map((worker) => worker.request({ type: 'report', phase: command.phase }, 'phase-report')));
		const histogram = new LatencyHistogram();
		for (const report of reports) histogram.merge(report.histogram);
		const received = reports.reduce((sum, r) => sum + r.received, 0);
		histogram.recordMissing(expectedReceipts - received);
		const counts = await this.counts();
		const unexpectedCloses = counts.flatMap((c) => c.unexpectedCloses);
		const protocolErrors = counts.reduce((sum, c) => sum + c.protocolErrors, 0);
		return {
			phase: command.phase,
			cardsSent: done.reduce((sum, d) => sum + d.cardsSent, 0),
			awarenessSent: done.reduce((sum, d) => sum + d.awarenessSent, 0),
			expectedReceipts,
			received,
			histogram,
			maxSendLagMs: Math.max(...done.map((d) => d.maxSendLagMs)),
			drained,
			unexpectedCloses,
			protocolErrors
		};
	}

	/** See the 'await-acks' command; returns how many clients were still not acknowledged. */
	async awaitAcks(timeoutMs: number): Promise<number> {
		const replies = await Promise.all(this.#workers.map((worker) => worker.request({ type: 'await-acks', timeoutMs }, 'acked', timeoutMs + 10_000)));
		return replies.reduce((sum, reply) => sum + reply.unacknowledged, 0);
	}

	async closeClients(): Promise<void> {
		await Promise.all(this.#workers.map((worker) => worker.request({ type: 'close' }, 'closed', 30_000)));
	}

	shutdown(): void {
		for (const worker of this.#workers) worker.shutdown();
	}
}

// ---------------------------------------------------------------------------------------------
// What each workload needs from the server under test

export interface RoomPlan {
	docName: string;
	/** Our server: one participant token per client. The peers take anyone. */
	tokens: string[] | null;
	/** Our server: who each token is (same order), and their workshop. */
	authors: Array<{ id: string; name: string }> | null;
	workshopId: string | null;
}

export interface WorkloadContext {
	config: BenchConfig;
	pool: ClientPool;
	/** A fresh data directory for one server start (ours: a copy of the seeded template). */
	freshDataDir(kind: ServerKind): { dir: string; baselineBytes: number };
	/** Our server needs its seeded documents and tokens; the peers get the same names without tokens. */
	roomsFor(kind: ServerKind): { w1: RoomPlan; w3: RoomPlan[]; w4: RoomPlan; w5: RoomPlan };
	/** Waits (at most `maxWaitMs`, default config.quietWaitMs) until other processes on the machine are quiet. */
	quiet(maxWaitMs?: number): Promise<void>;
	log(line: string): void;
}

function clientSpecs(server: BenchServer, rooms: Array<{ room: RoomPlan; clients: number }>, firstIndex = 0): ClientSpec[] {
	const specs: ClientSpec[] = [];
	let globalIndex = firstIndex;
	// Interleave rooms (client 0 of every room, then client 1 …) so each room is spread over all workers.
	const longest = Math.max(...rooms.map((r) => r.clients));
	for (let i = 0; i < longest; i++) {
		for (const { room, clients } of rooms) {
			if (i >= clients) continue;
			const token = room.tokens ? room.tokens[i % room.tokens.length] : null;
			const who = room.authors ? room.authors[i % room.authors.length] : null;
			const author = who && room.workshopId ? { ...who, workshopId: room.workshopId } : null;
			specs.push({ url: server.socketUrl(room.docName, token), flavor: server.flavor, docName: room.docName, token, globalIndex: globalIndex++, roomSize: clients, author });
		}
	}
	return specs;
}

function assertConnected(results: ConnectResult[], what: string): void {
	const failed = results.filter((r) => !r.ok);
	if (failed.length > 0) {
		const sample = failed.slice(0, 3).map((r) => `#${r.globalIndex}: ${r.error}`).join('; ');
		throw new Error(`${what}: ${failed.length} of ${results.length} connections failed (${sample})`);
	}
}

/** Waits until a directory's size has not changed for `stableMs` (at least `minMs`, at most `maxMs`). */
async function waitForStableSize(dir: string, { minMs = 500, stableMs = 700, maxMs = 5_000 } = {}): Promise<void> {
	const started = performance.now();
	let last = directoryBytes(dir);
	let stableSince = performance.now();
	while (performance.now() - started < maxMs) {
		await sleep(100);
		const now = directoryBytes(dir);
		if (now !== last) {
			last = now;
			stableSince = performance.now();
		} else if (performance.now() - stableSince >= stableMs && performance.now() - started >= minMs) {
			return;
		}
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The server-side closes among `subject`'s connections (all of them when no subject is given). */
function closesOf(outcome: PhaseOutcome | undefined, subject?: { firstSender: number }, clients?: number): PhaseOutcome['unexpectedCloses'] {
	if (!outcome) return [];
	if (!subject || clients === undefined) return outcome.unexpectedCloses;
	return outcome.unexpectedCloses.filter((c) => c.globalIndex >= subject.firstSender && c.globalIndex < subject.firstSender + clients);
}

function warnAboutCloses(outcome: PhaseOutcome, subject: { firstSender: number } | undefined, clients: number | undefined, log: (line: string) => void): void {
	if (outcome.protocolErrors > 0) log(`  ! clients could not decode ${outcome.protocolErrors} server message(s)`);
	const closes = closesOf(outcome, subject, clients);
	if (closes.length === 0) return;
	const sample = closes.slice(0, 3).map((c) => `#${c.globalIndex} ${c.code} ${c.reason}`).join('; ');
	log(`  ! the server closed ${closes.length} connection(s) so far (phase ${outcome.phase}): ${sample}`);
}

async function stopServer(server: BenchServer, log: (line: string) => void): Promise<void> {
	const { forced } = await server.stop();
	if (forced) log(`  ! ${server.kind} did not stop on SIGTERM within the timeout and was killed`);
}

// ---------------------------------------------------------------------------------------------
// W1 + W2

export interface LatencySummary {
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	samples: number;
}

function summarize(histogram: LatencyHistogram): LatencySummary {
	return {
		p50Ms: histogram.percentileMs(50),
		p95Ms: histogram.percentileMs(95),
		p99Ms: histogram.percentileMs(99),
		maxMs: histogram.percentileMs(100),
		samples: histogram.count
	};
}

/** Several measurement windows of one server folded into one: sums for CPU, maxima for memory, time-weighted means. */
function combineUsage(parts: Array<UsageSummary | null>): UsageSummary | null {
	const known = parts.filter((part): part is UsageSummary => part !== null);
	if (known.length === 0) return null;
	const wallSeconds = known.reduce((sum, p) => sum + p.wallSeconds, 0);
	const cpuSeconds = known.reduce((sum, p) => sum + p.cpuSeconds, 0);
	const weighted = (pick: (p: UsageSummary) => number | null): number | null => {
		const withValue = known.filter((p) => pick(p) !== null);
		const weight = withValue.reduce((sum, p) => sum + p.wallSeconds, 0);
		return weight > 0 ? withValue.reduce((sum, p) => sum + pick(p)! * p.wallSeconds, 0) / weight : null;
	};
	return {
		peakRssBytes: Math.max(...known.map((p) => p.peakRssBytes)),
		maxSampledRssBytes: Math.max(...known.map((p) => p.maxSampledRssBytes)),
		meanRssBytes: weighted((p) => p.meanRssBytes) ?? 0,
		cpuPercent: wallSeconds > 0 ? (cpuSeconds / wallSeconds) * 100 : 0,
		cpuSeconds,
		wallSeconds,
		otherProcessesCpuPercent: weighted((p) => p.otherProcessesCpuPercent),
		benchCpuPercent: weighted((p) => p.benchCpuPercent),
		mainThreadDiskWaitPercent: weighted((p) => p.mainThreadDiskWaitPercent)
	};
}

export interface W1Result extends LatencySummary {
	clients: number;
	durationS: number;
	/** The window is measured in rounds, alternating with the other servers (see runFanOutRounds). */
	rounds: number;
	cardsSent: number;
	awarenessSent: number;
	expectedReceipts: number;
	received: number;
	maxSendLagMs: number;
	connectMedianMs: number;
	unexpectedCloses: number;
	/** Sockets our server closed over a refused write (4422/4423), from its log; the bench's cards are honest, so 0. */
	refusals: number;
	/** Client processes, and the highest CPU share of one of them in any round (≥ 90 %: the load generator was the bottleneck). */
	clientProcesses: number;
	busiestClientProcessPercent: number | null;
	usage: UsageSummary | null;
}

/** W5's figures per server are W1's; `variant` tells ours with the policy from ours without it. */
export interface W5Result extends W1Result {
	variant: W5Variant;
	loadGeneratorSaturated: boolean;
}

export interface W2Step {
	offeredPerSecond: number;
	achievedPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	deliveredFraction: number;
	maxSendLagMs: number;
	serverCpuPercent: number | null;
	otherProcessesCpuPercent: number | null;
	mainThreadDiskWaitPercent: number | null;
	pass: boolean;
	/** Failed while other processes were busy, and was measured again (the repeat is the next step). */
	supersededAsNoisy?: boolean;
}

export interface W2Result {
	clients: number;
	stepS: number;
	steps: W2Step[];
	/** Highest achieved rate with p99 ≤ the limit; 0 when even the first step failed. */
	capacityPerSecond: number;
	/** What ended the ladder. */
	endedBy: string;
}

/** One server under W1/W2 or W5, with its own connections (globalIndex firstSender … firstSender + clients − 1). */
interface FanOutSubject {
	/** The server kind, or for W5 'ours-no-policy'; used in the log and as the result's key. */
	label: string;
	kind: ServerKind;
	server: BenchServer;
	firstSender: number;
	connectMedianMs: number;
	phases: PhaseOutcome[];
	usage: Array<UsageSummary | null>;
	busiestClientProcessPercent: number[];
	ladder: {
		steps: W2Step[];
		lastPass: number | null;
		firstFail: number | null;
		backlogCleared: boolean;
		done: boolean;
		endedBy: string;
		noisyRepeatsLeft: number;
	};
}

/** Far apart, so the connections of the servers never share a globalIndex. */
const SUBJECT_INDEX_STRIDE = 10_000;

export type FanOutResults = Partial<Record<ServerKind, { w1?: W1Result; w2?: W2Result; error?: string }>>;

/** Starts one server and connects `clients` clients to `room` on it; stops the server again if they do not all connect. */
async function openFanOutSubject(
	plan: { label: string; kind: ServerKind; writePolicyOff?: boolean },
	room: RoomPlan,
	clients: number,
	firstSender: number,
	context: WorkloadContext
): Promise<FanOutSubject> {
	const { config, pool, log } = context;
	const { dir } = context.freshDataDir(plan.kind);
	const server = await startServer(plan.kind, { dataDir: dir, writePolicyOff: plan.writePolicyOff });
	try {
		const connected = await pool.connect(clientSpecs(server, [{ room, clients }], firstSender), { timeoutMs: 60_000 });
		assertConnected(connected, `${plan.label} ${clients} clients`);
		const connectMedianMs = median(connected.map((c) => c.connectMs));
		log(`  ${plan.label}: ${clients} clients connected (median ${connectMedianMs.toFixed(1)} ms to sync step 2)`);
		return {
			label: plan.label,
			kind: plan.kind,
			server,
			firstSender,
			connectMedianMs,
			phases: [],
			usage: [],
			busiestClientProcessPercent: [],
			ladder: { steps: [], lastPass: null, firstFail: null, backlogCleared: true, done: false, endedBy: '', noisyRepeatsLeft: config.w2.noisyRepeats }
		};
	} catch (error) {
		// Its clients are closed with it; the other subjects' connections stay open.
		await stopServer(server, log);
		throw error;
	}
}

type PhaseSettings = Omit<PhaseCommand, 'type' | 'startAtMicros'>;

/** W1's traffic for `clients` clients of one subject: a card every cardIntervalMs and awareness every awarenessIntervalMs each. */
function fanOutPhases(config: BenchConfig, clients: number, firstPhase: number) {
	let phase = firstPhase;
	return (subject: FanOutSubject, overrides: Partial<PhaseSettings>): PhaseSettings => ({
		phase: phase++,
		durationMs: config.w1.durationMs,
		firstSender: subject.firstSender,
		cardsPerSecond: (clients * 1000) / config.w1.cardIntervalMs,
		cardSenderCount: clients,
		maxCards: null,
		awarenessPerSecond: (clients * 1000) / config.w1.awarenessIntervalMs,
		awarenessSenderCount: clients,
		cardBytes: config.cardBytes,
		...overrides
	});
}

/** CPU share of one core per client process between two readings (null for a process that is gone). */
function clientProcessCpuPercent(pids: readonly number[]): () => number | null {
	const before = pids.map((pid) => readProcessUsage(pid));
	return () => {
		const shares = pids.map((pid, i) => {
			const now = readProcessUsage(pid);
			const then = before[i];
			if (!now || !then || now.atMs <= then.atMs) return null;
			return ((now.cpuSeconds - then.cpuSeconds) / ((now.atMs - then.atMs) / 1000)) * 100;
		});
		const known = shares.filter((share): share is number => share !== null);
		return known.length > 0 ? Math.max(...known) : null;
	};
}

/**
 * Measures `rounds` windows per subject, every subject in turn with the order rotating, so that a
 * burst of other work on the shared machine does not land on one server only. Idle connections to
 * the subjects not being measured stay open; they cost those servers a ping every 30 s.
 */
async function runFanOutRounds(
	subjects: FanOutSubject[],
	options: { tag: string; rounds: number; roundMs: number; clients: number; phaseFor: ReturnType<typeof fanOutPhases>; quietMs: number; drain?: { maxMs?: number; stallMs?: number } },
	context: WorkloadContext
): Promise<void> {
	const { pool, log } = context;
	for (let round = 0; round < options.rounds; round++) {
		for (let i = 0; i < subjects.length; i++) {
			const subject = subjects[(i + round) % subjects.length];
			await context.quiet(options.quietMs);
			const sampler = new UsageSampler(subject.server.pid, pool.pids);
			const busiest = clientProcessCpuPercent(pool.workerPids);
			sampler.start();
			const outcome = await pool.measurePhase(options.phaseFor(subject, { durationMs: options.roundMs }), options.drain);
			const usage = sampler.stop();
			const busiestPercent = busiest();
			subject.usage.push(usage);
			subject.phases.push(outcome);
			if (busiestPercent !== null) subject.busiestClientProcessPercent.push(busiestPercent);
			warnAboutCloses(outcome, subject, options.clients, log);
			log(
				`  ${options.tag} round ${round + 1}/${options.rounds} ${subject.label}: p50 ${fmt(outcome.histogram.percentileMs(50))} ` +
					`p99 ${fmt(outcome.histogram.percentileMs(99))} ms, ${outcome.received}/${outcome.expectedReceipts} receipts, ` +
					`server CPU ${fmt(usage?.cpuPercent, 0)} %, busiest client process ${fmt(busiestPercent, 0)} %, send lag ≤ ${fmt(outcome.maxSendLagMs)} ms, ` +
					`other processes ${fmt(usage?.otherProcessesCpuPercent, 0)} %`
			);
		}
	}
}

/** The rounds of one subject folded into one result. */
function summarizeRounds(subject: FanOutSubject, clients: number, durationMs: number, rounds: number, clientProcesses: number): W1Result {
	const histogram = new LatencyHistogram();
	for (const outcome of subject.phases) histogram.merge(outcome.histogram);
	const sum = (pick: (o: PhaseOutcome) => number) => subject.phases.reduce((total, o) => total + pick(o), 0);
	return {
		...summarize(histogram),
		clients,
		durationS: durationMs / 1000,
		rounds,
		cardsSent: sum((o) => o.cardsSent),
		awarenessSent: sum((o) => o.awarenessSent),
		expectedReceipts: sum((o) => o.expectedReceipts),
		received: sum((o) => o.received),
		maxSendLagMs: Math.max(...subject.phases.map((o) => o.maxSendLagMs)),
		connectMedianMs: subject.connectMedianMs,
		unexpectedCloses: closesOf(subject.phases.at(-1), subject, clients).length,
		refusals: subject.server.refusals(),
		clientProcesses,
		busiestClientProcessPercent: subject.busiestClientProcessPercent.length > 0 ? Math.max(...subject.busiestClientProcessPercent) : null,
		usage: combineUsage(subject.usage)
	};
}

function logFanOutSummary(tag: string, subject: FanOutSubject, result: W1Result, log: (line: string) => void): void {
	const usage = result.usage;
	log(
		`  ${tag} ${subject.label}: ${result.cardsSent} cards, ${result.received}/${result.expectedReceipts} receipts, p50 ${fmt(result.p50Ms)} p95 ${fmt(result.p95Ms)} p99 ${fmt(result.p99Ms)} ms; ` +
			`CPU ${fmt(usage?.cpuPercent)} %, peak RSS ${mb(usage?.peakRssBytes)} MB, main thread in disk wait ${fmt(usage?.mainThreadDiskWaitPercent, 2)} %; ` +
			`refused writes ${result.refusals}${result.refusals > 0 ? ` ${JSON.stringify(subject.server.refusalCodes())}` : ''}; other processes ${fmt(usage?.otherProcessesCpuPercent, 0)} %`
	);
}

/**
 * W1 and W2 for all servers at once, interleaved. The machine is shared, and other work comes
 * and goes in bursts; measuring 60 s of one server, then 60 s of the next, lets a burst land on
 * one of them only. So every server is started and gets its clients first, then W1 runs in rounds
 * (each round: every server in turn, the order rotating) and W2 climbs its ladder step by step,
 * one server after the other at the same rate.
 */
export async function runW1W2(kinds: readonly ServerKind[], context: WorkloadContext): Promise<FanOutResults> {
	const { config, pool, log } = context;
	const clients = config.w1.clients;
	const results: FanOutResults = {};
	const subjects: FanOutSubject[] = [];
	try {
		for (const [position, kind] of kinds.entries()) {
			try {
				subjects.push(await openFanOutSubject({ label: kind, kind }, context.roomsFor(kind).w1, clients, position * SUBJECT_INDEX_STRIDE, context));
			} catch (error) {
				results[kind] = { error: `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000) };
				log(`  ! ${kind}: ${results[kind].error}`);
			}
		}

		const phaseFor = fanOutPhases(config, clients, 100);
		// Warm-up, not measured: the first server measured must not pay for cold JIT in the clients
		// (and every server gets its hot paths compiled before it counts, as it would in production).
		for (const subject of subjects) {
			await pool.measurePhase(phaseFor(subject, { durationMs: config.w1.warmUpMs, cardsPerSecond: (clients * 5000) / config.w1.cardIntervalMs }));
		}

		await runFanOutRounds(
			subjects,
			{ tag: 'W1', rounds: config.w1.rounds, roundMs: config.w1.durationMs / config.w1.rounds, clients, phaseFor, quietMs: config.quietWaitPerWindowMs },
			context
		);
		for (const subject of subjects) {
			const w1 = summarizeRounds(subject, clients, config.w1.durationMs, config.w1.rounds, config.workerCount);
			results[subject.kind] = { w1 };
			logFanOutSummary('W1', subject, w1, log);
		}
		// W2: one ladder per server, climbed in step.
		const runStep = async (subject: FanOutSubject, offered: number): Promise<{ step: W2Step; drained: boolean }> => {
			await context.quiet(config.quietWaitPerWindowMs);
			const sampler = new UsageSampler(subject.server.pid, pool.pids);
			sampler.start();
			const outcome = await pool.measurePhase(phaseFor(subject, { durationMs: config.w2.stepMs, cardsPerSecond: offered }), { maxMs: 20_000, stallMs: 2_000 });
			const usage = sampler.stop();
			warnAboutCloses(outcome, subject, clients, log);
			const p99Ms = outcome.histogram.percentileMs(99);
			const step: W2Step = {
				offeredPerSecond: offered,
				achievedPerSecond: outcome.cardsSent / (config.w2.stepMs / 1000),
				p50Ms: outcome.histogram.percentileMs(50),
				p99Ms,
				deliveredFraction: outcome.expectedReceipts > 0 ? outcome.received / outcome.expectedReceipts : 1,
				maxSendLagMs: outcome.maxSendLagMs,
				serverCpuPercent: usage?.cpuPercent ?? null,
				otherProcessesCpuPercent: usage?.otherProcessesCpuPercent ?? null,
				mainThreadDiskWaitPercent: usage?.mainThreadDiskWaitPercent ?? null,
				pass: p99Ms <= config.w2.p99LimitMs
			};
			subject.ladder.steps.push(step);
			log(
				`  W2 ${subject.kind} ${String(offered).padStart(5)}/s: achieved ${step.achievedPerSecond.toFixed(0)}/s, ` +
					`p50 ${fmt(step.p50Ms)} p99 ${fmt(step.p99Ms)} ms, delivered ${(step.deliveredFraction * 100).toFixed(2)} %, ` +
					`server CPU ${fmt(step.serverCpuPercent)} % (disk wait ${fmt(step.mainThreadDiskWaitPercent, 2)} %), send lag ≤ ${fmt(step.maxSendLagMs)} ms, ` +
					`other processes ${fmt(step.otherProcessesCpuPercent, 0)} % → ${step.pass ? 'ok' : 'over'}`
			);
			return { step, drained: outcome.drained };
		};
		// A step that fails while other work on the shared machine took a good part of the CPU says
		// little about the server: measure it once more (a few times per ladder at most).
		const measure = async (subject: FanOutSubject, offered: number): Promise<{ step: W2Step; drained: boolean }> => {
			const first = await runStep(subject, offered);
			const other = first.step.otherProcessesCpuPercent ?? 0;
			if (first.step.pass || other < NOISY_OTHER_CPU_PERCENT || subject.ladder.noisyRepeatsLeft <= 0) return first;
			subject.ladder.noisyRepeatsLeft--;
			first.step.supersededAsNoisy = true;
			log(`  (other processes used ${fmt(other, 0)} % of a core during that step: repeating it)`);
			return runStep(subject, offered);
		};
		const openConnections = (subject: FanOutSubject) => pool.openConnections(subject.firstSender, subject.firstSender + clients);
		for (const offered of config.w2.ratesPerSecond) {
			for (const subject of subjects) {
				const ladder = subject.ladder;
				if (ladder.done) continue;
				const { step, drained } = await measure(subject, offered);
				if ((await openConnections(subject)) < clients) {
					ladder.endedBy = `the server closed client connections at ${offered}/s`;
					ladder.firstFail = offered;
					ladder.backlogCleared = false;
					ladder.done = true;
				} else if (!step.pass) {
					ladder.firstFail = offered;
					ladder.backlogCleared = drained;
					ladder.endedBy = `p99 passed ${config.w2.p99LimitMs} ms at ${offered}/s`;
					ladder.done = true;
				} else {
					ladder.lastPass = offered;
					if (step.achievedPerSecond < 0.9 * offered) {
						ladder.endedBy = `the client processes could not send ${offered}/s (achieved ${step.achievedPerSecond.toFixed(0)}/s): capacity is at least this`;
						ladder.done = true;
					}
				}
			}
		}
		// Narrow each bracket [last pass, first fail] geometrically, if its failed step left no backlog.
		for (let refinement = 0; refinement < config.w2.refineSteps; refinement++) {
			for (const subject of subjects) {
				const ladder = subject.ladder;
				if (ladder.lastPass === null || ladder.firstFail === null || !ladder.backlogCleared) continue;
				const offered = Math.round(Math.sqrt(ladder.lastPass * ladder.firstFail));
				if (offered <= ladder.lastPass || offered >= ladder.firstFail) continue;
				const { step, drained } = await measure(subject, offered);
				if ((await openConnections(subject)) < clients) {
					ladder.backlogCleared = false;
					continue;
				}
				if (step.pass) ladder.lastPass = offered;
				else {
					ladder.firstFail = offered;
					ladder.backlogCleared = drained;
				}
			}
		}
		for (const subject of subjects) {
			const ladder = subject.ladder;
			const passing = ladder.steps.filter((s) => s.pass);
			const w2: W2Result = {
				clients,
				stepS: config.w2.stepMs / 1000,
				steps: ladder.steps,
				capacityPerSecond: passing.length > 0 ? Math.max(...passing.map((s) => s.achievedPerSecond)) : 0,
				endedBy: ladder.endedBy || 'every step passed (capacity is at least the last rate)'
			};
			results[subject.kind] = { ...results[subject.kind], w2 };
			log(`  W2 ${subject.kind}: capacity ${w2.capacityPerSecond.toFixed(0)} updates/s (${w2.endedBy})`);
		}
		return results;
	} finally {
		await pool.closeClients().catch(() => undefined);
		for (const subject of subjects) await stopServer(subject.server, log);
	}
}

// ---------------------------------------------------------------------------------------------
// W5

export type W5Variant = 'ours' | 'ours-no-policy' | 'y-websocket-server';

/** What W5 runs for each server kind asked for: ours twice, with and without the write policy. */
const W5_PLANS: Array<{ label: W5Variant; kind: ServerKind; writePolicyOff?: boolean }> = [
	{ label: 'ours', kind: 'ours' },
	{ label: 'ours-no-policy', kind: 'ours', writePolicyOff: true },
	{ label: 'y-websocket-server', kind: 'y-websocket-server' }
];

export type W5Results = Partial<Record<W5Variant, { w5?: W5Result; error?: string }>>;

/**
 * W5: W1's per-client traffic in one room of 1,000 clients (100 cards/s in all), on its own client
 * processes (`context.pool` is W5's pool). Ours runs twice in the same run, with the write policy on
 * and with SYNC_WRITE_POLICY=off, so that the policy's cost is measured under the same conditions;
 * the rounds alternate between the three servers as in W1. Every round waits for every receipt (a
 * saturated server's backlog must not spill into the next server's round).
 */
export async function runW5(kinds: readonly ServerKind[], context: WorkloadContext): Promise<W5Results> {
	const { config, pool, log } = context;
	const clients = config.w5.clients;
	const results: W5Results = {};
	const subjects: FanOutSubject[] = [];
	const plans = W5_PLANS.filter((plan) => kinds.includes(plan.kind));
	log(`  W5: ${clients} clients per server in one room, over ${config.w5.workers} client processes (${plans.map((p) => p.label).join(', ')})`);
	try {
		for (const [position, plan] of plans.entries()) {
			try {
				subjects.push(await openFanOutSubject(plan, context.roomsFor(plan.kind).w5, clients, position * SUBJECT_INDEX_STRIDE, context));
			} catch (error) {
				results[plan.label] = { error: `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000) };
				log(`  ! W5 ${plan.label}: ${results[plan.label]!.error}`);
			}
		}
		const phaseFor = fanOutPhases(config, clients, 500);
		const drain = { maxMs: 60_000, stallMs: 5_000 };
		// Warm-up at the measured rate: W1's five-fold warm-up rate would bury a saturating server.
		for (const subject of subjects) await pool.measurePhase(phaseFor(subject, { durationMs: config.w5.warmUpMs }), drain);
		await runFanOutRounds(
			subjects,
			{ tag: 'W5', rounds: config.w5.rounds, roundMs: config.w5.durationMs / config.w5.rounds, clients, phaseFor, quietMs: config.w5.quietWaitPerRoundMs, drain },
			context
		);
		for (const subject of subjects) {
			const summary = summarizeRounds(subject, clients, config.w5.durationMs, config.w5.rounds, config.w5.workers);
			const saturated = (summary.busiestClientProcessPercent ?? 0) >= LOAD_GENERATOR_SATURATED_PERCENT;
			const w5: W5Result = { ...summary, variant: subject.label as W5Variant, loadGeneratorSaturated: saturated };
			results[w5.variant] = { w5 };
			logFanOutSummary('W5', subject, w5, log);
			log(
				`  W5 ${subject.label}: load generator ${config.w5.workers} client processes, busiest at ${fmt(w5.busiestClientProcessPercent, 0)} % of a core` +
					(saturated ? ` — SATURATED: the clients, not only the server, set these figures; split the load over more processes` : ' (not saturated)')
			);
		}
		return results;
	} finally {
		await pool.closeClients().catch(() => undefined);
		for (const subject of subjects) await stopServer(subject.server, log);
	}
}

// ---------------------------------------------------------------------------------------------
// W3

export interface W3Result extends LatencySummary {
	rooms: number;
	clientsPerRoom: number;
	durationS: number;
	cardsSent: number;
	received: number;
	expectedReceipts: number;
	idleRssBytes: number | null;
	unexpectedCloses: number;
	/** Sockets our server closed over a refused write (4422/4423), from its log; 0 for honest cards. */
	refusals: number;
	usage: UsageSummary | null;
}

export async function runW3(kind: ServerKind, context: WorkloadContext): Promise<W3Result> {
	const { config, pool, log } = context;
	const { dir } = context.freshDataDir(kind);
	const server = await startServer(kind, { dataDir: dir });
	try {
		const idleRssBytes = server.usage()?.rssBytes ?? null;
		const rooms = context.roomsFor(kind).w3.slice(0, config.w3.rooms).map((room) => ({ room, clients: config.w3.clientsPerRoom }));
		const specs = clientSpecs(server, rooms);
		const sampler = new UsageSampler(server.pid, pool.pids);
		// Memory from the first connection on: loading 20 rooms is part of what W3 measures.
		sampler.start();
		const connected = await pool.connect(specs, { timeoutMs: 60_000 });
		assertConnected(connected, `${kind} W3`);
		const total = specs.length;
		const outcome = await pool.measurePhase({
			phase: 30,
			durationMs: config.w3.durationMs,
			firstSender: 0,
			cardsPerSecond: (total * 1000) / config.w1.cardIntervalMs,
			cardSenderCount: total,
			maxCards: null,
			awarenessPerSecond: (total * 1000) / config.w1.awarenessIntervalMs,
			awarenessSenderCount: total,
			cardBytes: config.cardBytes
		});
		const usage = sampler.stop();
		const result: W3Result = {
			...summarize(outcome.histogram),
			rooms: rooms.length,
			clientsPerRoom: config.w3.clientsPerRoom,
			durationS: config.w3.durationMs / 1000,
			cardsSent: outcome.cardsSent,
			received: outcome.received,
			expectedReceipts: outcome.expectedReceipts,
			idleRssBytes,
			unexpectedCloses: closesOf(outcome).length,
			refusals: server.refusals(),
			usage
		};
		warnAboutCloses(outcome, undefined, undefined, log);
		log(
			`  W3: ${rooms.length}×${config.w3.clientsPerRoom} clients, peak RSS ${mb(usage?.peakRssBytes)} MB (idle ${mb(idleRssBytes)} MB), ` +
				`CPU ${fmt(usage?.cpuPercent)} %, disk wait ${fmt(usage?.mainThreadDiskWaitPercent, 2)} %, p99 ${fmt(result.p99Ms)} ms, ` +
				`${result.received}/${result.expectedReceipts} receipts, refused writes ${result.refusals}; other processes ${fmt(usage?.otherProcessesCpuPercent)} %`
		);
		return result;
	} finally {
		await pool.closeClients().catch(() => undefined);
		await stopServer(server, log);
	}
}

// ---------------------------------------------------------------------------------------------
// W4

export interface W4Result {
	cardsWritten: number;
	writeSeconds: number;
	/** Cards in the doc a fresh server sent; must equal cardsWritten or the server lost data. */
	cardsLoaded: number[];
	/** Y.encodeStateAsUpdate(doc).length of the loaded doc. */
	encodedStateBytes: number;
	/** Growth of the server's data directory caused by the doc, after it compacted/stored and stopped. */
	diskBytes: number;
	diskBreakdown: Record<string, number>;
	coldLoadMs: number[];
	coldLoadMedianMs: number;
	/** Per cold load: ms from `new WebSocket()` to open, to the server's first message, to sync step 2, to the server's own step 1 (doc loaded). */
	coldLoadTimeline: Array<{ openMs: number | null; firstMessageMs: number | null; syncStep2Ms: number; serverReadyMs: number | null }>;
	/** Median time until the server's own sync step 1: until it holds the doc and can take updates. */
	serverReadyMedianMs: number | null;
	/** Sockets our server closed over a refused write while the cards were written; 0 for honest cards. */
	refusals: number;
	/** Writer connections the server closed (any reason) while the cards were written. */
	unexpectedCloses: number;
}

function storedBreakdown(kind: ServerKind, dir: string, docName: string): Record<string, number> {
	if (kind === 'ours') {
		const db = new Database(path.join(dir, 'wijktafel.sqlite'), { readonly: true, fileMustExist: true });
		try {
			const snapshot = db.prepare<[string], { n: number | null }>('SELECT length(state) AS n FROM ydoc_snapshots WHERE doc_name = ?').get(docName);
			const log = db.prepare<[string], { rows: number; n: number | null }>('SELECT count(*) AS rows, sum(length(data)) AS n FROM ydoc_updates WHERE doc_name = ?').get(docName);
			const pageSize = db.pragma('page_size', { simple: true }) as number;
			const freePages = db.pragma('freelist_count', { simple: true }) as number;
			// Who created and last changed each entry, recorded by the write policy: part of the record, so
			// part of the bytes on disk; its pages (table and indexes) are listed so the growth is explained.
			const provenance = db.prepare<[string], { rows: number }>('SELECT count(*) AS rows FROM entry_changes WHERE doc_name = ?').get(docName);
			const provenancePages = db
				.prepare<[], { n: number | null }>("SELECT sum(pgsize) AS n FROM dbstat WHERE name = 'entry_changes' OR name LIKE 'entry_changes_%' OR name LIKE 'sqlite_autoindex_entry_changes%'")
				.get();
			return {
				snapshotBytes: snapshot?.n ?? 0,
				updateLogRows: log?.rows ?? 0,
				updateLogBytes: log?.n ?? 0,
				freelistBytes: pageSize * freePages,
				provenanceRows: provenance?.rows ?? 0,
				provenancePageBytes: provenancePages?.n ?? 0
			};
		} finally {
			db.close();
		}
	}
	if (kind === 'hocuspocus') {
		const db = new Database(path.join(dir, HOCUSPOCUS_DB_FILE), { readonly: true, fileMustExist: true });
		try {
			const row = db.prepare<[string], { n: number | null }>('SELECT length(data) AS n FROM documents WHERE name = ?').get(docName);
			const pageSize = db.pragma('page_size', { simple: true }) as number;
			const freePages = db.pragma('freelist_count', { simple: true }) as number;
			return { storedStateBytes: row?.n ?? 0, freelistBytes: pageSize * freePages };
		} finally {
			db.close();
		}
	}
	return {};
}

interface WrittenDoc {
	kind: ServerKind;
	dir: string;
	cardsWritten: number;
	writeSeconds: number;
	diskBytes: number;
	diskBreakdown: Record<string, number>;
	refusals: number;
	unexpectedCloses: number;
}

/** Longest wait for our server to acknowledge the W4 writers' cards before they leave. */
const W4_ACK_WAIT_MS = 120_000;

/** Writes the doc through the protocol, card by card as a workshop would, then lets the server store it and stop. */
async function writeW4Doc(kind: ServerKind, context: WorkloadContext): Promise<WrittenDoc> {
	const { config, pool, log } = context;
	const { dir, baselineBytes } = context.freshDataDir(kind);
	const room = context.roomsFor(kind).w4;
	const writers = config.w4.writers;
	const server = await startServer(kind, { dataDir: dir });
	try {
		assertConnected(await pool.connect(clientSpecs(server, [{ room, clients: writers }])), `${kind} W4 writers`);
		const rate = writers * config.w4.cardsPerSecondPerWriter;
		const started = performance.now();
		const outcome = await pool.measurePhase(
			{
				phase: 40,
				durationMs: Math.ceil((config.w4.cards / rate) * 1000) + 1_000,
				firstSender: 0,
				cardsPerSecond: rate,
				cardSenderCount: writers,
				maxCards: config.w4.cards,
				awarenessPerSecond: 0,
				awarenessSenderCount: 0,
				cardBytes: config.cardBytes
			},
			{ maxMs: 60_000, stallMs: 5_000 }
		);
		const writeSeconds = (performance.now() - started) / 1000;
		// Every other writer saw every card, so the server has applied (and, ours, logged) all of them.
		if (outcome.received < outcome.expectedReceipts) log(`  ! W4 ${kind}: only ${outcome.received} of ${outcome.expectedReceipts} receipts while writing`);
		// Ours acknowledges each writer's cards (its state vector, see server/sync/sync-server.ts): a
		// writer leaves only once the server holds all it wrote, as an honest phone keeps its cards
		// "niet verstuurd" until then. Leaving earlier would drop what the server had not read yet.
		if (kind === 'ours') {
			const unacknowledged = await pool.awaitAcks(W4_ACK_WAIT_MS);
			if (unacknowledged > 0) log(`  ! W4 ${kind}: ${unacknowledged} writer(s) still without the server's acknowledgement after ${W4_ACK_WAIT_MS / 1000} s`);
		}
		warnAboutCloses(outcome, undefined, undefined, log);
		const unexpectedCloses = closesOf(outcome).length;
		// The last client leaves: ours compacts now, Hocuspocus stores now (its debounce is cut short).
		await pool.closeClients();
		// Hocuspocus's SQLite store is not awaited by the extension: let the files settle before the signal.
		await waitForStableSize(dir);
		await stopServer(server, log);
		if (server.refusals() > 0) log(`  ! W4 ${kind}: the server refused ${server.refusals()} write(s), by close code ${JSON.stringify(server.refusalCodes())}`);
		return {
			kind,
			dir,
			cardsWritten: outcome.cardsSent,
			writeSeconds,
			diskBytes: directoryBytes(dir) - baselineBytes,
			diskBreakdown: storedBreakdown(kind, dir, room.docName),
			refusals: server.refusals(),
			unexpectedCloses
		};
	} finally {
		await pool.closeClients().catch(() => undefined);
		await stopServer(server, log);
	}
}

/** One cold load: a fresh server process on the stored data, one client, until its sync step 2. */
async function coldLoad(kind: ServerKind, dir: string, context: WorkloadContext): Promise<ConnectResult> {
	const { pool, log } = context;
	const server = await startServer(kind, { dataDir: dir });
	try {
		const [loader] = await pool.connect(clientSpecs(server, [{ room: context.roomsFor(kind).w4, clients: 1 }]), { keepInitialState: true });
		assertConnected([loader], `${kind} W4 cold load`);
		return loader;
	} finally {
		await pool.closeClients().catch(() => undefined);
		await stopServer(server, log);
	}
}

export type W4Results = Partial<Record<ServerKind, { w4?: W4Result; error?: string }>>;

/** W4 for every server: write each doc, then the cold loads alternating between the servers (as W1, for fairness on a shared machine). */
export async function runW4(kinds: readonly ServerKind[], context: WorkloadContext): Promise<W4Results> {
	const { config, log } = context;
	const results: W4Results = {};
	const written: WrittenDoc[] = [];
	const failed = (kind: ServerKind, error: unknown) => {
		results[kind] = { error: `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000) };
		log(`  ! ${kind}: ${results[kind].error}`);
	};
	for (const kind of kinds) {
		try {
			await context.quiet(config.quietWaitPerWindowMs);
			const doc = await writeW4Doc(kind, context);
			written.push(doc);
			log(`  W4 ${kind}: ${doc.cardsWritten} cards written in ${doc.writeSeconds.toFixed(1)} s; data directory grew by ${doc.diskBytes} B ${JSON.stringify(doc.diskBreakdown)}`);
		} catch (error) {
			failed(kind, error);
		}
	}
	const loads = new Map<ServerKind, ConnectResult[]>(written.map((doc) => [doc.kind, []]));
	for (let round = 0; round < config.w4.coldLoads; round++) {
		for (let i = 0; i < written.length; i++) {
			const doc = written[(i + round) % written.length];
			if (results[doc.kind]?.error) continue;
			try {
				await context.quiet(config.quietWaitPerWindowMs);
				const loader = await coldLoad(doc.kind, doc.dir, context);
				loads.get(doc.kind)!.push(loader);
				log(
					`  W4 cold load ${round + 1}/${config.w4.coldLoads} ${doc.kind}: ${fmt(loader.connectMs)} ms ` +
						`(open ${fmt(loader.openMs)}, first message ${fmt(loader.firstMessageMs)}; server's own sync step 1 at ${fmt(loader.serverSyncStep1Ms)} ms), ` +
						`${loader.cardsInState} cards, state ${loader.encodedStateBytes} B`
				);
			} catch (error) {
				failed(doc.kind, error);
			}
		}
	}
	for (const doc of written) {
		const loaders = loads.get(doc.kind)!;
		if (results[doc.kind]?.error || loaders.length === 0) continue;
		const coldLoadMs = loaders.map((l) => l.connectMs);
		results[doc.kind] = {
			w4: {
				cardsWritten: doc.cardsWritten,
				writeSeconds: doc.writeSeconds,
				cardsLoaded: loaders.map((l) => l.cardsInState ?? 0),
				encodedStateBytes: loaders.at(-1)?.encodedStateBytes ?? 0,
				diskBytes: doc.diskBytes,
				diskBreakdown: doc.diskBreakdown,
				coldLoadMs,
				coldLoadMedianMs: median(coldLoadMs),
				coldLoadTimeline: loaders.map((l) => ({
					openMs: l.openMs ?? null,
					firstMessageMs: l.firstMessageMs ?? null,
					syncStep2Ms: l.connectMs,
					serverReadyMs: l.serverSyncStep1Ms ?? null
				})),
				serverReadyMedianMs: loaders.every((l) => l.serverSyncStep1Ms !== undefined) ? median(loaders.map((l) => l.serverSyncStep1Ms!)) : null,
				refusals: doc.refusals,
				unexpectedCloses: doc.unexpectedCloses
			}
		};
	}
	return results;
}

export function fmt(value: number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
	if (!Number.isFinite(value)) return '∞';
	return value.toFixed(digits);
}

export function mb(bytes: number | null | undefined): string {
	return bytes === null || bytes === undefined ? 'n/a' : (bytes / (1024 * 1024)).toFixed(1);
}

export function makeTempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
