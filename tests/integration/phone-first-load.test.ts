/**
 * What the build does for an old phone's first visit, checked on the real build and server:
 *  - the join pages carry the list of the participant page's files in their HTML (for the page's
 *    preload queue); the name step also starts the scripts at low priority, the code step does not;
 *    every one of them is there to fetch (server/vite-join-flow-preload.ts);
 *  - the pages phones and the public open go out compressed; pages and answers that hold a secret
 *    (the projector's token, a session token) do not (server/compression.ts, BREACH);
 *  - the design tokens that were left out of the CSS are ones nothing reads: every `var(--…)` in the
 *    built CSS and scripts that the theme defines is still defined (server/vite-design-tokens.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkshop, ROOT, startTestServer, type TestServer } from '../helpers/server.ts';

const CLIENT = path.join(ROOT, 'build/client');
const ASSETS = path.join(CLIENT, '_app/immutable');

function filesIn(directory: string, extension: string): string[] {
	return fs.readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(extension)).map((name) => path.join(directory, name));
}

describe('an old phone’s first visit', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer({ compiled: true });
	});
	afterAll(() => server.kill());

	test('both join steps list the participant page’s files for their preload queue; only the name step also starts its scripts, at low priority; each file is served', async () => {
		const listed = JSON.parse(fs.readFileSync(path.join(CLIENT, '_app/join-flow-files.json'), 'utf8')) as { js: string[]; css: string[] };
		expect(listed.js.some((file) => file.startsWith('_app/immutable/nodes/'))).toBe(true);
		const workshop = await createWorkshop(server.dataDir, 'Zuid', 'Preload-avond');
		const preloadLinks = (html: string) => [...html.matchAll(/<link rel="modulepreload"( fetchpriority="low")? href="([^"]+)"/g)].map((match) => ({ low: match[1] !== undefined, href: match[2] }));
		const participantNode = `/${listed.js.filter((file) => file.startsWith('_app/immutable/nodes/')).at(-1)}`;
		for (const [url, startsScripts] of [[`${server.url}/join`, false], [`${server.url}/join/${workshop.joinCode}`, true]] as const) {
			const html = await (await fetch(url)).text();
			const block = /<template id="wt-join-flow-files" data-files="([^"]+)"><\/template>/.exec(html);
			expect(block, url).not.toBeNull();
			const carried = JSON.parse((block?.[1] ?? '{}').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&amp;', '&')) as { js: string[]; css: string[] };
			expect(carried.js, url).toEqual(listed.js.map((file) => `/${file}`));
			expect(carried.css, url).toEqual(listed.css.map((file) => `/${file}`));
			const ofTheParticipantPage = preloadLinks(html).filter((link) => link.href === participantNode);
			if (startsScripts) expect(ofTheParticipantPage, url).toEqual([{ low: true, href: participantNode }]);
			// On the code step the queue decides when they come: the name step's data goes first.
			else expect(ofTheParticipantPage, url).toEqual([]);
		}
		for (const file of [...listed.js, ...listed.css]) expect((await fetch(`${server.url}/${file}`)).status, file).toBe(200);
	});

	test('phone and public pages are compressed; the projector page and the join API, which hold tokens, are not', async () => {
		const workshop = await createWorkshop(server.dataDir, 'Zuid', 'Compressie-avond');
		const get = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { 'accept-encoding': 'br, gzip', ...(init.headers ?? {}) } });
		const joinPage = await get(`${server.url}/join/${workshop.joinCode}`);
		expect(joinPage.headers.get('content-encoding')).toBe('br');
		expect(await joinPage.text()).toContain('join-name');
		expect((await get(`${server.url}/join`, { headers: { 'accept-encoding': 'gzip' } })).headers.get('content-encoding')).toBe('gzip');

		const projector = await get(`${server.url}${workshop.projectorUrl}`);
		expect(projector.status).toBe(200);
		expect(projector.headers.get('content-encoding')).toBeNull();
		const joined = await get(`${server.url}/api/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ code: workshop.joinCode, name: 'Compressie', role: 'resident' })
		});
		expect(joined.status).toBe(200);
		expect(joined.headers.get('content-encoding')).toBeNull();
		expect(((await joined.json()) as { token?: string }).token).toBeTruthy();
		// The built files keep their own precompressed versions.
		const listed = JSON.parse(fs.readFileSync(path.join(CLIENT, '_app/join-flow-files.json'), 'utf8')) as { js: string[] };
		expect((await get(`${server.url}/${listed.js[0]}`)).headers.get('content-encoding')).toBe('br');
	});

	test('other pages carry no participant preloads', async () => {
		const html = await (await fetch(`${server.url}/login`)).text();
		const listed = JSON.parse(fs.readFileSync(path.join(CLIENT, '_app/join-flow-files.json'), 'utf8')) as { js: string[] };
		const participantNode = listed.js.find((file) => file.startsWith('_app/immutable/nodes/')) as string;
		expect(html).not.toContain(participantNode);
	});
});

test('every design token the built CSS and scripts read is still defined', () => {
	const theme = fs.readFileSync(path.join(ROOT, 'node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'), 'utf8');
	const themeDefines = new Set([...theme.matchAll(/^\s*(--[\w-]+)\s*:/gm)].map((match) => match[1]));
	const css = filesIn(ASSETS, '.css').map((file) => fs.readFileSync(file, 'utf8'));
	const js = filesIn(ASSETS, '.js').map((file) => fs.readFileSync(file, 'utf8'));
	const builtDefines = new Set(css.flatMap((text) => [...text.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1])));
	const read = new Set([...css, ...js].flatMap((text) => [...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((match) => match[1])));
	const missing = [...read].filter((name) => themeDefines.has(name) && !builtDefines.has(name));
	expect(read.size).toBeGreaterThan(100);
	expect(missing).toEqual([]);
	// And the pruning did happen: far fewer theme tokens ship than the theme defines.
	expect([...themeDefines].filter((name) => builtDefines.has(name)).length).toBeLessThan(themeDefines.size / 2);
});
