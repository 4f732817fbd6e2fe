/**
 * While a resident types the code and a name, the phone fetches what comes next: the name step's
 * code, the participant page's code, and the step of the question the room is on. One queue per
 * document (it lives on across the join steps' in-app navigations), a few files at a time
 * (preload-queue.ts says why), paused while a navigation or the join itself is under way.
 *
 * The file list comes with the join page's HTML (hooks.server.ts, server/join-flow-preload.ts) as
 * data, not links, so nothing is fetched before this page can steer the order. Last, once the
 * browser is idle, SvelteKit's preloadCode runs the next pages' modules; without the list (vite dev,
 * or a join page reached from another page in the app) that is all it does.
 */
import { preloadCode } from '$app/navigation';
import type { QuestionNumber } from '$lib/domain/questions';
import { JOIN_FLOW_FILES_ELEMENT_ID } from './join-steps';
import { PreloadQueue, linkPreload } from './preload-queue';

/** Leaves two of the browser's six connections free for what the person does meanwhile. */
const CONCURRENCY = 4;
/** Routes of the next pages; any code or workshop id names the same route code. */
const NEXT_ROUTES = ['/join/_', '/workshop/_'];

let queue: PreloadQueue | null = null;
const stepsQueued = new Set<QuestionNumber>();

function listedFiles(): { js: string[]; css: string[] } | null {
	const listed = document.getElementById(JOIN_FLOW_FILES_ELEMENT_ID)?.getAttribute('data-files');
	if (!listed) return null;
	try {
		const parsed = JSON.parse(listed) as { js?: unknown; css?: unknown };
		const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
		return { js: strings(parsed.js), css: strings(parsed.css) };
	} catch {
		return null;
	}
}

/** Run the modules once the browser is idle, so the next page starts at once (its files are cached by then). */
function runNextRoutesWhenIdle(): Promise<void> {
	return new Promise((done) => {
		const run = () => void Promise.all(NEXT_ROUTES.map((route) => preloadCode(route))).then(() => done(), () => done());
		if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 3_000 });
		else setTimeout(run, 500);
	});
}

/** Called by each join step once it runs; the first call starts the downloads, later ones resume them. */
export function startJoinFlowPreload(): void {
	if (queue) return queue.resume();
	queue = new PreloadQueue(CONCURRENCY);
	const files = listedFiles();
	if (files) {
		// Stylesheets first: they are small, and the next page shows only once they are there.
		queue.add(...files.css.map((href) => linkPreload(href, 'style')), ...files.js.map((href) => linkPreload(href, 'script')));
	}
	queue.add(runNextRoutesWhenIdle);
}

/** The step of the question the room is on (its own part of the page, step-loader.ts), after the page files. */
export function preloadStep(questionNumber: QuestionNumber): void {
	if (!queue || stepsQueued.has(questionNumber)) return;
	stepsQueued.add(questionNumber);
	// Imported only here, not at the top: a static import would make the build list every step's
	// stylesheet in the join pages' HTML, a dozen render-blocking files before the code field shows.
	queue.add(() => import('$lib/components/steps/step-loader').then(({ loadStep }) => loadStep(questionNumber)));
}

/** While the person waits for a page or for the join itself, the line is theirs. */
export function pauseJoinFlowPreload(): void {
	queue?.pause();
}
