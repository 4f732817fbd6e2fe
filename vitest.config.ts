// Unit and integration tests run plain TypeScript (domain, server, sync); no SvelteKit plugin needed,
// which also keeps Vitest from waiting on the dev-time file watchers of the app's plugins.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		// Integration tests start real server processes; two cores, so keep parallelism modest.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
