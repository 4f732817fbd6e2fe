/**
 * The files of the name step and the participant page, for the join pages to fetch while the resident
 * types (why: see server/vite-join-flow-preload.ts, which writes the list into the browser build).
 * Read once when the process starts (server/app.ts); without a build (vite dev) the list is empty.
 * hooks.server.ts puts the list into the join pages' HTML (joinFlowFilesBlock), and the page's own queue
 * fetches the files in order, a few at a time (src/lib/join-flow-preloader.ts); the name step's HTML
 * also names the scripts as low-priority preloads. The paths are checked against a strict pattern,
 * so nothing from the file can break out of the block or an attribute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JOIN_FLOW_FILES_ELEMENT_ID } from '../join-steps.ts';

export interface JoinFlowFiles {
	/** Paths from the site root, e.g. /_app/immutable/chunks/abc.js */
	js: string[];
	css: string[];
}

export const NO_JOIN_FLOW_FILES: JoinFlowFiles = { js: [], css: [] };
const LIST = '_app/join-flow-files.json';
const SAFE_PATH = /^_app\/immutable\/[\w./-]+\.(js|css)$/;

/** The list from a build's browser directory (build/client), or none when it is missing or odd. */
export function readJoinFlowFiles(clientDir: string): JoinFlowFiles {
	try {
		const parsed = JSON.parse(fs.readFileSync(path.join(clientDir, LIST), 'utf8')) as { js?: unknown; css?: unknown };
		const paths = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && SAFE_PATH.test(item) && !item.includes('..')).map((item) => `/${item}`) : []);
		return { js: paths(parsed.js), css: paths(parsed.css) };
	} catch {
		return NO_JOIN_FLOW_FILES;
	}
}

/**
 * The list for the page's body, as JSON in an attribute of an inert `<template>`, or nothing without
 * files. It fetches nothing by itself: the page decides the order (a `<link rel="modulepreload">` per
 * file would start all at once). Not a `<script>` data block: every inline script on our pages
 * carries the response's nonce (tests/e2e/csp.spec.ts), and this one needs none. The paths hold only
 * `[\w./-]`; quotes are escaped all the same.
 */
export function joinFlowFilesBlock(files: JoinFlowFiles): string {
	if (files.js.length === 0 && files.css.length === 0) return '';
	const json = JSON.stringify(files).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
	return `<template id="${JOIN_FLOW_FILES_ELEMENT_ID}" data-files="${json}"></template>`;
}

/**
 * The scripts as low-priority module preloads, for the name step's HTML: a resident who came by the
 * QR code types only a name, so the participant page's code must start with the page, before its own
 * scripts run the queue. Low priority, so the page's own scripts and the join's POST go first. Not on
 * the code step: there the name step's data must not wait behind them.
 */
export function lowPriorityScriptPreloads(files: JoinFlowFiles): string {
	return files.js.map((href) => `<link rel="modulepreload" fetchpriority="low" href="${href}">`).join('');
}
