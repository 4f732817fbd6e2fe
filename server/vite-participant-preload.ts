/**
 * Build step: list the participant page's own files, so the join pages can fetch them while the
 * resident types a code and a name.
 *
 * SvelteKit fetches a page's code only when it is opened (or, with preloadCode, once the previous page
 * runs its scripts). On an old phone at 400 kbit/s that leaves the line idle while someone types, and
 * then makes them wait a second or more for the participant page after "Meedoen". The join pages
 * instead name these files as `<link rel="modulepreload">` in their HTML, so the download starts with
 * the page (see src/lib/server/participant-preload.ts, which reads the list at run time).
 */
import type { Plugin } from 'vite';

export const PARTICIPANT_PRELOAD_FILE = '_app/participant-page-files.json';
const PARTICIPANT_PAGE = /src\/routes\/workshop\/\[workshopId\]\/\+page\.svelte$/;

interface ChunkLike {
	type: 'chunk';
	fileName: string;
	imports: string[];
	moduleIds: string[];
	viteMetadata?: { importedCss: Set<string> };
}

/** The participant page's chunk and every chunk it imports statically, with their stylesheets. */
export function participantPageFiles(bundle: Record<string, { type: string }>): { js: string[]; css: string[] } | null {
	const chunks = new Map(Object.values(bundle).filter((item): item is ChunkLike => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
	const page = [...chunks.values()].find((chunk) => chunk.fileName.startsWith('_app/immutable/') && chunk.moduleIds.some((id) => PARTICIPANT_PAGE.test(id)));
	if (!page) return null;
	const js = new Set<string>();
	const css = new Set<string>();
	const visit = (fileName: string) => {
		const chunk = chunks.get(fileName);
		if (!chunk || js.has(fileName)) return;
		js.add(fileName);
		for (const sheet of chunk.viteMetadata?.importedCss ?? []) css.add(sheet);
		for (const imported of chunk.imports) visit(imported);
	};
	visit(page.fileName);
	return { js: [...js], css: [...css] };
}

export function participantPreloadList(): Plugin {
	return {
		name: 'wijktafel-participant-preload',
		apply: 'build',
		generateBundle(_options, bundle) {
			// Only the browser build has the page under _app/immutable; the server build has none.
			const files = participantPageFiles(bundle as unknown as Record<string, { type: string }>);
			if (files) this.emitFile({ type: 'asset', fileName: PARTICIPANT_PRELOAD_FILE, source: JSON.stringify(files) });
		}
	};
}
