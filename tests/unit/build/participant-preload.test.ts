import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { participantPageFiles } from '../../../server/vite-participant-preload.ts';
import { NO_PARTICIPANT_PAGE_FILES, participantPreloadLinks, readParticipantPageFiles } from '../../../src/lib/server/participant-preload.ts';

const chunk = (fileName: string, imports: string[], moduleIds: string[] = [], css: string[] = []) => ({
	type: 'chunk',
	fileName,
	imports,
	moduleIds,
	viteMetadata: { importedCss: new Set(css) }
});

describe('participantPageFiles (build step)', () => {
	test('the participant page chunk and its static imports, with their stylesheets, nothing else', () => {
		const bundle = {
			a: chunk('_app/immutable/nodes/27.js', ['_app/immutable/chunks/yjs.js', '_app/immutable/chunks/svelte.js'], ['/repo/src/routes/workshop/[workshopId]/+page.svelte'], ['_app/immutable/assets/27.css']),
			b: chunk('_app/immutable/chunks/yjs.js', ['_app/immutable/chunks/lib0.js']),
			c: chunk('_app/immutable/chunks/lib0.js', []),
			d: chunk('_app/immutable/chunks/svelte.js', [], [], ['_app/immutable/assets/svelte.css']),
			e: chunk('_app/immutable/nodes/30.js', ['_app/immutable/chunks/leaflet.js'], ['/repo/src/routes/facilitate/[workshopId]/+page.svelte']),
			f: chunk('_app/immutable/chunks/leaflet.js', []),
			g: { type: 'asset', fileName: '_app/immutable/assets/27.css' }
		};
		const files = participantPageFiles(bundle);
		expect(files?.js.sort()).toEqual(['_app/immutable/chunks/lib0.js', '_app/immutable/chunks/svelte.js', '_app/immutable/chunks/yjs.js', '_app/immutable/nodes/27.js']);
		expect(files?.css.sort()).toEqual(['_app/immutable/assets/27.css', '_app/immutable/assets/svelte.css']);
	});

	test('the server build (no _app/immutable chunk with the page) gives nothing to write', () => {
		const bundle = { a: chunk('entries/pages/workshop/_workshopId_/_page.svelte.js', [], ['/repo/src/routes/workshop/[workshopId]/+page.svelte']) };
		expect(participantPageFiles(bundle)).toBeNull();
	});
});

describe('readParticipantPageFiles (run time)', () => {
	let dir = '';
	afterEach(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});
	const write = (content: string) => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-preload-'));
		fs.mkdirSync(path.join(dir, '_app'));
		fs.writeFileSync(path.join(dir, '_app/participant-page-files.json'), content);
		return dir;
	};

	test('paths from the site root', () => {
		const files = readParticipantPageFiles(write(JSON.stringify({ js: ['_app/immutable/nodes/27.abc.js'], css: ['_app/immutable/assets/27.def.css'] })));
		expect(files).toEqual({ js: ['/_app/immutable/nodes/27.abc.js'], css: ['/_app/immutable/assets/27.def.css'] });
	});

	test('a path that could break out of the attribute, or leave _app/immutable, is dropped', () => {
		const files = readParticipantPageFiles(write(JSON.stringify({ js: ['_app/immutable/a.js', '_app/immutable/x.js"><script>alert(1)</script>', '../../etc/passwd.js', '_app/immutable/../../secret.js', 42], css: 'nope' })));
		expect(files).toEqual({ js: ['/_app/immutable/a.js'], css: [] });
	});

	test('no build, or a broken file: no preloads, no crash', () => {
		expect(readParticipantPageFiles(path.join(os.tmpdir(), 'wijktafel-no-such-build'))).toEqual(NO_PARTICIPANT_PAGE_FILES);
		expect(readParticipantPageFiles(write('{not json'))).toEqual(NO_PARTICIPANT_PAGE_FILES);
	});

	test('the links: scripts as module preloads, stylesheets as prefetches', () => {
		expect(participantPreloadLinks({ js: ['/_app/immutable/a.js'], css: ['/_app/immutable/b.css'] })).toBe(
			'<link rel="modulepreload" href="/_app/immutable/a.js"><link rel="prefetch" as="style" href="/_app/immutable/b.css">'
		);
		expect(participantPreloadLinks(NO_PARTICIPANT_PAGE_FILES)).toBe('');
	});
});
