import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's CSRF origin check stays on (the default); listed here so nobody turns it off unnoticed.
		csrf: { checkOrigin: true }
	}
};

export default config;
