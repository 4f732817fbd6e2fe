/**
 * A doc's state for a page's HTML, so the first paint already shows content. Only up to
 * `maxEmbeddedStateBytes`: a bigger doc would make every page load carry megabytes (a projector page
 * once returned 135 MB). Then the page embeds nothing ('') and the client loads the doc over the
 * socket, which streams it and counts it as a load, not as a slow client (server/sync/limits.ts).
 */
import { toBase64 } from 'lib0/buffer';
import type { AppContext } from './context.ts';

export function embeddedState(context: Pick<AppContext, 'config' | 'liveDocs'>, docName: string): string {
	const state = context.liveDocs.encodeState(docName);
	return state.byteLength <= context.config.maxEmbeddedStateBytes ? toBase64(state) : '';
}
