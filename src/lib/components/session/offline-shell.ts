/**
 * The service worker caches nothing up front (on 400 kbit/s that would take the bandwidth the join
 * needs); it keeps what pages fetch through it. The first participant page, though, loaded before
 * the worker was there. So once the worker is ready, the page tells it what it loaded (its own URL
 * and the app files), and the worker keeps those, mostly from the browser's own HTTP cache.
 */
export function keepForOffline(): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	void navigator.serviceWorker.ready.then((registration) => {
		const urls = performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((url) => url.startsWith(location.origin));
		registration.active?.postMessage({ type: 'keep', page: location.href, files: urls });
	});
}
