/**
 * preloadCode once the page has painted and the browser is idle. Loading a route's code also runs
 * its modules; on an old phone that takes hundreds of milliseconds, which must not hold up the page
 * the person is looking at. While they type, it costs nothing.
 */
import { preloadCode } from '$app/navigation';

export function preloadCodeWhenIdle(...routes: string[]): void {
	const preload = () => void Promise.all(routes.map((route) => preloadCode(route))).catch(() => undefined);
	if ('requestIdleCallback' in window) window.requestIdleCallback(preload, { timeout: 3_000 });
	else setTimeout(preload, 500);
}
