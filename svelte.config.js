import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/csp-directives.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit's CSRF origin check stays on (the default); listed here so nobody turns it off unnoticed.
		csrf: { checkOrigin: true },
		// Nonces on rendered pages, hashes on prerendered ones: no 'unsafe-inline' scripts (see csp-directives.js).
		csp: { mode: 'auto', directives: CSP_DIRECTIVES }
	}
};

export default config;
