/**
 * Build step: list the files of the pages a resident opens after the code step (the name step, then
 * the participant page), so the join pages can fetch them while the resident types a code and a name.
 *
 * SvelteKit fetches a page's code only when it is opened (or, with preloadCode, once the previous page
 * runs its scripts). On an old phone at 400 kbit/s that leaves the line idle while someone types, and
 * then makes them wait a second or more after "Verder" and "Meedoen". The join pages instead name
 * these files as `<link rel="modulepreload">` in their HTML, so the download starts with the page
 * (see src/lib/server/join-flow-preload.ts, which reads the list at run time).
 */
import type { Plugin } from 'vite';

export const JOIN_FLOW_FILE = '_app/join-flow-files.json';
/** In the order they are needed: the name step first, then the participant page. */
const JOIN_FLOW_PAGES = [/src\/routes\/join\/\[code\]\/\+page\.svelte$/, /src\/routes\/workshop\/\[workshopId\]\/\+page\.svelte$/];

interface ChunkLike {
	type: 'chunk';
	fileName: string;
	imports: string[];
	moduleIds: string[];
	viteMetadata?: { importedCss: Set<string> };
}

/**
 * Each page's chunk and every chunk it imports statically, with their stylesheets, page by page in
 * JOIN_FLOW_PAGES order, each file once. Null when the bundle has none of the pages (the server build).
 */
export function joinFlowFiles(bundle: Record<string, { type: string }>): { js: string[]; css: string[] } | null {
	const chunks = new Map(Object.values(bundle).filter((item): item is ChunkLike => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
	const js = new Set<string>();
	const css = new Set<string>();
	const visit = (fileName: string) => {
		const chunk = chunks.get(fileName);
		if (!chunk || js.has(fileName)) return;
		js.add(fileName);
		for (const sheet of chunk.viteMetadata?.importedCss ?? []) css.add(sheet);
		for (const imported of chunk.imports) visit(imported);
	};
	let found = false;
	for (const pattern of JOIN_FLOW_PAGES) {
		const page = [...chunks.values()].find((chunk) => chunk.fileName.startsWith('_app/immutable/') && chunk.moduleIds.some((id) => pattern.test(id)));
		if (!page) continue;
		found = true;
		visit(page.fileName);
	}
	return found ? { js: [...js], css: [...css] } : null;
}

export function joinFlowPreloadList(): Plugin {
	return {
		name: 'wijktafel-join-flow-preload',
		apply: 'build',
		generateBundle(_options, bundle) {
			// Only the browser build has the pages under _app/immutable; the server build has none.
			const files = joinFlowFiles(bundle as unknown as Record<string, { type: string }>);
			if (files) this.emitFile({ type: 'asset', fileName: JOIN_FLOW_FILE, source: JSON.stringify(files) });
		}
	};
}
