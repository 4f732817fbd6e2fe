/**
 * Starts the real Wijktafel server (server/index.ts, the production entry) as a child process on
 * port 0 with its own temporary data directory. Needs a build: `npm test` builds first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkshopLinks } from '../../src/lib/server/workshops.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TestServer {
	url: string;
	wsUrl: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	/** stderr + stdout so far, for assertions on log lines. */
	output(): string;
	/** Graceful stop (SIGTERM), waits for exit. */
	stop(): Promise<void>;
	/** SIGKILL, waits for exit: a crash. */
	kill(): Promise<void>;
}

export function makeDataDir(prefix = 'wijktafel-test-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface StartOptions {
	dataDir?: string;
	env?: Record<string, string>;
	port?: number;
	/** Run the compiled server (build/node/index.js) with plain node, as `npm run serve` does; else the source under tsx. */
	compiled?: boolean;
}

export const COMPILED_SERVER = path.join(ROOT, 'build/node/index.js');

/**
 * A free port, for a server that a browser submits forms to: that server needs ORIGIN set (without it
 * adapter-node assumes https and refuses the POSTs), and ORIGIN needs the port in advance.
 */
export async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
	const { port } = probe.address() as net.AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
	if (!fs.existsSync(path.join(ROOT, 'build/handler.js'))) throw new Error('No build: run "npm run build" first');
	if (options.compiled && !fs.existsSync(COMPILED_SERVER)) throw new Error('No compiled server: run "npm run build" first');
	const dataDir = options.dataDir ?? makeDataDir();
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(options.port ?? 0), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
	// Without ORIGIN the server trusts the request's Host, which is what tests on 127.0.0.1 want.
	delete env.ORIGIN;
	const child = spawn(process.execPath, options.compiled ? [COMPILED_SERVER] : ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		env: { ...env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
		const onData = () => {
			const match = /LISTENING (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${output}`));
		});
	});
	const port = Number(new URL(url).port);
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}/sync`,
		port,
		dataDir,
		process: child,
		output: () => output,
		stop: async () => {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		},
		kill: async () => {
			if (child.exitCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}

/** Runs the admin CLI against a data directory; resolves with exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
			cwd: ROOT,
			env: { ...process.env, LOG_LEVEL: 'warn', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
	});
}

/** Creates a workshop through the CLI and returns its links. */
export async function createWorkshop(dataDir: string, stadsdeel = 'Zuid', title = 'Testavond', env: Record<string, string> = {}): Promise<WorkshopLinks> {
	const result = await runCli(['workshop:create', '--stadsdeel', stadsdeel, '--title', title], { ...env, DATA_DIR: dataDir });
	if (result.code !== 0) throw new Error(`workshop:create failed: ${result.stderr}`);
	return JSON.parse(result.stdout);
}

/** Joins as a participant over HTTP, like a phone would. */
export async function join(
	server: TestServer,
	joinCode: string,
	body: Record<string, unknown> = {}
): Promise<{ token: string; participantId: string; agendaDoc: string; workshopDoc: string; syncPath: string }> {
	const response = await fetch(`${server.url}/api/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code: joinCode, name: 'Tester', role: 'resident', ...body })
	});
	if (response.status !== 200) throw new Error(`join failed: ${response.status} ${await response.text()}`);
	return response.json();
}

/**
 * A signed-in staff member's session token, as the login page would issue it: the account is made
 * with the CLI, the session with the same library code the login uses, on the server's database.
 */
export async function staffToken(dataDir: string, role: 'admin' | 'official' | 'facilitator' = 'facilitator'): Promise<string> {
	return (await staffAccount(dataDir, role)).token;
}

/** Like staffToken, with the account's user id (what the write policy checks a staff author against). */
export async function staffAccount(
	dataDir: string,
	role: 'admin' | 'official' | 'facilitator' = 'facilitator',
	env: Record<string, string> = {}
): Promise<{ token: string; userId: string; email: string }> {
	const email = `${role}-${Math.random().toString(36).slice(2, 10)}@wijktafel.test`;
	const added = await runCli(['user:add', '--email', email, '--password', 'een-lang-wachtwoord', '--role', role], { ...env, DATA_DIR: dataDir });
	if (added.code !== 0) throw new Error(`user:add failed: ${added.stderr}`);
	const { userId } = JSON.parse(added.stdout) as { userId: string };
	const { openDatabase } = await import('../../src/lib/server/db.ts');
	const { createUserSession } = await import('../../src/lib/server/auth/sessions.ts');
	const db = openDatabase(dataDir);
	try {
		return { token: createUserSession(db, userId).token, userId, email };
	} finally {
		db.close();
	}
}
