/** Waits for a condition instead of sleeping a fixed time. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {}): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value as NonNullable<T>;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
