import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { joinFlowFiles } from '../../../server/vite-join-flow-preload.ts';
import { NO_JOIN_FLOW_FILES, joinFlowFilesBlock, lowPriorityScriptPreloads, readJoinFlowFiles } from '../../../src/lib/server/join-flow-preload.ts';

const chunk = (fileName: string, imports: string[], moduleIds: string[] = [], css: string[] = []) => ({
	type: 'chunk',
	fileName,
	imports,
	moduleIds,
	viteMetadata: { importedCss: new Set(css) }
});

describe('joinFlowFiles (build step)', () => {
	test('the name step and the participant page, each with its static imports and stylesheets, the name step first, each file once', () => {
		const bundle = {
			a: chunk('_app/immutable/nodes/27.js', ['_app/immutable/chunks/yjs.js', '_app/immutable/chunks/svelte.js'], ['/repo/src/routes/workshop/[workshopId]/+page.svelte'], ['_app/immutable/assets/27.css']),
			b: chunk('_app/immutable/chunks/yjs.js', ['_app/immutable/chunks/lib0.js']),
			c: chunk('_app/immutable/chunks/lib0.js', []),
			d: chunk('_app/immutable/chunks/svelte.js', [], [], ['_app/immutable/assets/svelte.css']),
			e: chunk('_app/immutable/nodes/30.js', ['_app/immutable/chunks/leaflet.js'], ['/repo/src/routes/facilitate/[workshopId]/+page.svelte']),
			f: chunk('_app/immutable/chunks/leaflet.js', []),
			g: { type: 'asset', fileName: '_app/immutable/assets/27.css' },
			h: chunk('_app/immutable/nodes/17.js', ['_app/immutable/chunks/svelte.js'], ['/repo/src/routes/join/[code]/+page.svelte'], ['_app/immutable/assets/17.css'])
		};
		const files = joinFlowFiles(bundle);
		expect(files?.js).toEqual(['_app/immutable/nodes/17.js', '_app/immutable/chunks/svelte.js', '_app/immutable/nodes/27.js', '_app/immutable/chunks/yjs.js', '_app/immutable/chunks/lib0.js']);
		expect(files?.css).toEqual(['_app/immutable/assets/17.css', '_app/immutable/assets/svelte.css', '_app/immutable/assets/27.css']);
	});

	test('the server build (no _app/immutable chunk with the page) gives nothing to write', () => {
		const bundle = { a: chunk('entries/pages/workshop/_workshopId_/_page.svelte.js', [], ['/repo/src/routes/workshop/[workshopId]/+page.svelte']) };
		expect(joinFlowFiles(bundle)).toBeNull();
	});
});

describe('readJoinFlowFiles (run time)', () => {
	let dir = '';
	afterEach(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});
	const write = (content: string) => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-preload-'));
		fs.mkdirSync(path.join(dir, '_app'));
		fs.writeFileSync(path.join(dir, '_app/join-flow-files.json'), content);
		return dir;
	};

	test('paths from the site root', () => {
		const files = readJoinFlowFiles(write(JSON.stringify({ js: ['_app/immutable/nodes/27.abc.js'], css: ['_app/immutable/assets/27.def.css'] })));
		expect(files).toEqual({ js: ['/_app/immutable/nodes/27.abc.js'], css: ['/_app/immutable/assets/27.def.css'] });
	});

	test('a path that could break out of the attribute, or leave _app/immutable, is dropped', () => {
		const files = readJoinFlowFiles(write(JSON.stringify({ js: ['_app/immutable/a.js', '_app/immutable/x.js"><script>alert(1)</script>', '../../etc/passwd.js', '_app/immutable/../../secret.js', 42], css: 'nope' })));
		expect(files).toEqual({ js: ['/_app/immutable/a.js'], css: [] });
	});

	test('no build, or a broken file: no preloads, no crash', () => {
		expect(readJoinFlowFiles(path.join(os.tmpdir(), 'wijktafel-no-such-build'))).toEqual(NO_JOIN_FLOW_FILES);
		expect(readJoinFlowFiles(write('{not json'))).toEqual(NO_JOIN_FLOW_FILES);
	});

	test('the block: the list as JSON the page reads, in an inert element that fetches nothing and is no script; nothing without files', () => {
		expect(joinFlowFilesBlock({ js: ['/_app/immutable/a.js'], css: ['/_app/immutable/b.css'] })).toBe(
			'<template id="wt-join-flow-files" data-files="{&quot;js&quot;:[&quot;/_app/immutable/a.js&quot;],&quot;css&quot;:[&quot;/_app/immutable/b.css&quot;]}"></template>'
		);
		expect(joinFlowFilesBlock(NO_JOIN_FLOW_FILES)).toBe('');
	});

	test('the low-priority preloads: the scripts only, each as a module preload the page’s own scripts go before', () => {
		expect(lowPriorityScriptPreloads({ js: ['/_app/immutable/a.js', '/_app/immutable/c.js'], css: ['/_app/immutable/b.css'] })).toBe(
			'<link rel="modulepreload" fetchpriority="low" href="/_app/immutable/a.js"><link rel="modulepreload" fetchpriority="low" href="/_app/immutable/c.js">'
		);
		expect(lowPriorityScriptPreloads(NO_JOIN_FLOW_FILES)).toBe('');
	});
});
