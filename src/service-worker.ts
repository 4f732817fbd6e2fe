/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The offline app shell for phones. Venue Wi-Fi drops; a participant who reloads or reopens the tab
 * then must see the app with their own cards (kept in IndexedDB by the page), not the browser's
 * error page.
 *  - The built app's files (JS, CSS, fonts) are kept as pages fetch them, per version, and then served
 *    from the cache. Nothing is fetched up front: on an old phone's 400 kbit/s that would take the
 *    bandwidth the join needs. The participant page tells the worker what it loaded before the worker
 *    was there (session/offline-shell.ts), and the worker keeps that too.
 *  - A participant's pages (/join, /workshop/…) are fetched from the network first; each good answer
 *    is kept, and given back when the network is gone. Staff pages, the API and the sync socket are
 *    never cached: they must be live or say they are not.
 * What is cached stays on the phone; it is the participant's own page, as their browser showed it.
 */
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = `wijktafel-shell-${version}`;
/** Per version too: a kept page refers to that version's files. */
const PAGE_CACHE = `wijktafel-pages-${version}`;
const SHELL_FILES = new Set([...build, ...files]);
/** The participant's pages; everything else goes to the network as if there were no worker. */
const PARTICIPANT_PAGE = /^\/(join(\/|$)|workshop\/)/;

worker.addEventListener('install', (event) => {
	event.waitUntil(worker.skipWaiting());
});

/** A page asks us to keep itself and the app files it loaded (mostly from the browser's HTTP cache). */
worker.addEventListener('message', (event) => {
	const data = event.data as { type?: string; page?: unknown; files?: unknown } | null;
	if (data?.type !== 'keep') return;
	const files = Array.isArray(data.files) ? data.files.filter((url): url is string => typeof url === 'string') : [];
	const jobs = files.map((url) => new URL(url)).filter((url) => url.origin === worker.location.origin && SHELL_FILES.has(url.pathname)).map((url) => keepShellFile(url.pathname));
	if (typeof data.page === 'string') {
		const page = new URL(data.page);
		if (page.origin === worker.location.origin && PARTICIPANT_PAGE.test(page.pathname)) jobs.push(networkFirst(new Request(page.href, { credentials: 'same-origin' })).then(() => undefined, () => undefined));
	}
	event.waitUntil(Promise.all(jobs));
});

async function keepShellFile(pathname: string): Promise<void> {
	const cache = await caches.open(SHELL_CACHE);
	if (await cache.match(pathname)) return;
	try {
		const response = await fetch(pathname);
		if (response.ok) await cache.put(pathname, response);
	} catch {
		// Offline now: it is kept the next time a page fetches it.
	}
}

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((key) => key.startsWith('wijktafel-') && key !== SHELL_CACHE && key !== PAGE_CACHE).map((key) => caches.delete(key))))
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;
	if (SHELL_FILES.has(url.pathname)) {
		event.respondWith(fromShell(request));
		return;
	}
	if (PARTICIPANT_PAGE.test(url.pathname)) event.respondWith(networkFirst(request));
});

async function fromShell(request: Request): Promise<Response> {
	const cache = await caches.open(SHELL_CACHE);
	const cached = await cache.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	// Build files are immutable per version: keep what was fetched for the next (offline) load.
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGE_CACHE);
	try {
		const response = await fetch(request);
		// Only whole, good pages: a redirect to /join or an error page must not replace the kept page.
		if (response.ok && response.type === 'basic' && !response.redirected) await cache.put(request, response.clone());
		return response;
	} catch (error) {
		// SvelteKit's data requests carry a changing query (x-sveltekit-invalidated); the path is what matters.
		const cached = (await cache.match(request)) ?? (await cache.match(request, { ignoreSearch: true }));
		if (cached) return cached;
		if (request.mode === 'navigate') return offlinePage();
		throw error;
	}
}

/** A page never opened online: say so plainly (both languages: we do not know which one the phone uses). */
function offlinePage(): Response {
	const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Geen verbinding – Wijktafel</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{display:inline-block;min-height:44px;line-height:44px}</style></head>
<body><main><h1>Geen verbinding</h1><p>Deze pagina is nog niet op deze telefoon geweest. Zodra je weer internet hebt, kun je verder.</p>
<p lang="en">No connection. This page has not been opened on this phone before. As soon as you are back online, you can go on.</p>
<p><a href="">Probeer opnieuw</a></p></main></body></html>`;
	return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
