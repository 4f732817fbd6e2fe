/**
 * Cooperative yielding for the long exports: the sync server shares the event loop with them, so a
 * writer calls `await pause()` between pieces of work, and every ~`budgetMs` of work the loop gets
 * a turn to serve other rooms' messages before the export goes on.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

export type Pause = () => Promise<void> | void;

export function pauser(budgetMs = 15): Pause {
	let since = performance.now();
	return () => {
		if (performance.now() - since < budgetMs) return;
		return nextTurn().then(() => {
			since = performance.now();
		});
	};
}
