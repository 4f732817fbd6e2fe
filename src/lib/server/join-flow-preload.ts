/**
 * The files of the name step and the participant page, for the join pages' `<link rel="modulepreload">` (why: see
 * server/vite-join-flow-preload.ts, which writes the list into the browser build). Read once when
 * the process starts (server/app.ts); without a build (vite dev) the list is empty and the join
 * pages preload nothing. hooks.server.ts puts the links into the join pages' HTML. The paths are
 * checked against a strict pattern, so nothing from the file can break out of the attribute.
 */
import fs from 'node:fs';
import path from 'node:path';

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

/** The `<link>` tags for a page's head: scripts as module preloads, stylesheets as low-priority prefetches. */
export function joinFlowPreloadLinks(files: JoinFlowFiles): string {
	return [...files.js.map((href) => `<link rel="modulepreload" href="${href}">`), ...files.css.map((href) => `<link rel="prefetch" as="style" href="${href}">`)].join('');
}
