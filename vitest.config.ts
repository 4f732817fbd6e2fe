// Unit and integration tests run plain TypeScript (domain, server, sync); no SvelteKit plugin needed,
// which also keeps Vitest from waiting on the dev-time file watchers of the app's plugins.
// The one exception is the `runes` project: the live state classes (*.svelte.ts) use Svelte 5 runes,
// so their tests (*.svelte.test.ts) go through the Svelte compiler, and `$lib` resolves as in the app.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const shared = {
	environment: 'node' as const,
	testTimeout: 30_000,
	hookTimeout: 60_000
};

export default defineConfig({
	test: {
		// Integration tests start real server processes; two cores, so keep parallelism modest.
		maxWorkers: 2,
		projects: [
			{
				test: {
					...shared,
					name: 'node',
					include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					exclude: ['**/*.svelte.test.ts', '**/node_modules/**']
				}
			},
			{
				plugins: [svelte({ compilerOptions: { runes: true }, configFile: false })],
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					...shared,
					name: 'runes',
					include: ['tests/unit/**/*.svelte.test.ts']
				}
			}
		]
	}
});
