/**
 * Writes DOCX, PDF, XLSX and Markdown on a worker thread, so a big export does not hold up the event loop the
 * sync server shares: other rooms keep syncing while a 1,000-card document is made. The model is
 * built on the main thread (it reads the live docs) and sent over as plain data.
 *
 * The worker is started on the first export and kept (unref'd, so it never keeps the process up).
 * Where its script cannot be found (a build without it), or the worker fails to start, the file is
 * written here instead, with a warning: slower for other rooms, never a failed download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AgendaExport } from './agenda-export-model.ts';
import type { WriteFormat, WriteOptions } from './writers.ts';

/**
 * A file written on this thread: CSV and JSON (quick), or any format when the worker is not
 * there. Imported when first needed: loading docx, PDFKit, ExcelJS and the fonts took this thread
 * ~0.4 s on the first export, and with the worker this thread never needs them.
 */
async function writeHere(model: AgendaExport, format: WriteFormat, options: WriteOptions): Promise<Uint8Array> {
	const encode = (text: string) => new TextEncoder().encode(text);
	switch (format) {
		case 'md':
			return encode((await import('./markdown.ts')).writeMarkdown(model));
		case 'csv':
			return encode((await import('./csv.ts')).writeCsv(model, options.csvKind ?? 'actions'));
		case 'json':
			return encode((await import('./json.ts')).writeJson(model, { origin: options.origin ?? null }));
		default:
			return (await import('./writers.ts')).writeFormat(model, format, options);
	}
}

type Reply = { id: number; bytes: Uint8Array; error?: undefined } | { id: number; error: string; bytes?: undefined };

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
const waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();

/** The compiled worker, from scripts/build-server.js: what a built server runs, with no TypeScript loader. */
const COMPILED_WORKER = 'export-write-worker.js';

/**
 * The worker script. Running from a build (the compiled server's chunks in build/node, or the app's
 * bundle in build/server): the compiled worker in build/node. Running from the source (tests, dev):
 * write-worker.js beside this module, which starts the TypeScript writers under tsx. Never the one
 * for the other: a stale build must not write a test's files, and production has no tsx.
 */
function workerScript(): URL | null {
	const here = import.meta.url.startsWith('file:') ? fileURLToPath(import.meta.url) : null;
	if (!here) return null;
	const parts = here.split(path.sep);
	const buildAt = parts.findLastIndex((part, i) => part === 'build' && (parts[i + 1] === 'node' || parts[i + 1] === 'server'));
	if (buildAt >= 0) {
		const compiled = path.join(parts.slice(0, buildAt + 1).join(path.sep) || path.sep, 'node', COMPILED_WORKER);
		return fs.existsSync(compiled) ? pathToFileURL(compiled) : null;
	}
	const source = path.join(path.dirname(here), 'write-worker.js');
	return fs.existsSync(source) ? pathToFileURL(source) : null;
}

function failAll(error: Error): void {
	for (const job of waiting.values()) job.reject(error);
	waiting.clear();
}

function startWorker(): Worker | null {
	if (worker || workerBroken) return worker;
	const script = workerScript();
	if (!script) {
		workerBroken = true;
		// Said once: every DOCX, PDF and XLSX is now written on the main thread, which holds up sync.
		process.emitWarning('export worker script not found, writing exports on the main thread');
		return null;
	}
	// No loader from the parent: the worker registers tsx itself.
	const started = new Worker(script, { execArgv: [] });
	started.unref();
	started.on('message', (reply: Reply) => {
		const job = waiting.get(reply.id);
		if (!job) return;
		waiting.delete(reply.id);
		if (reply.error !== undefined) job.reject(new Error(reply.error));
		else job.resolve(reply.bytes);
	});
	started.on('error', (error) => {
		failAll(error);
		worker = null;
	});
	started.on('exit', () => {
		failAll(new Error('export worker stopped'));
		worker = null;
	});
	worker = started;
	return worker;
}

function onWorker(model: AgendaExport, format: WriteFormat, options: WriteOptions): Promise<Uint8Array> {
	const running = startWorker();
	if (!running) return writeHere(model, format, options);
	const id = nextId++;
	return new Promise<Uint8Array>((resolve, reject) => {
		waiting.set(id, { resolve, reject });
		// A job keeps the worker referenced while it runs, so the process waits for the file.
		running.ref();
		running.postMessage({ id, model, format, options });
	}).finally(() => {
		if (waiting.size === 0) worker?.unref();
	});
}

/** The file of a format; DOCX, PDF, XLSX and Markdown on the worker, falling back to this thread if it fails. */
export async function writeOffThread(model: AgendaExport, format: WriteFormat, options: WriteOptions = {}): Promise<Uint8Array> {
	// Markdown too: it lays out the same blocks, which measure text with the fonts (loading them held this thread).
	if (format === 'csv' || format === 'json') return writeHere(model, format, options);
	try {
		return await onWorker(model, format, options);
	} catch (error) {
		workerBroken = true;
		process.emitWarning(`export worker failed, writing on the main thread: ${String(error)}`);
		return writeHere(model, format, options);
	}
}

/** Stops the worker (tests, shutdown). */
export async function stopExportWorker(): Promise<void> {
	const running = worker;
	worker = null;
	if (running) await running.terminate();
}
