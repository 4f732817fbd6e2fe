import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';
import { wijktafelDevServer } from './server/vite-plugin.ts';
import { unusedDesignTokensRemoved } from './server/vite-design-tokens.ts';
import { joinFlowPreloadList } from './server/vite-join-flow-preload.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		unusedDesignTokensRemoved(),
		sveltekit(),
		joinFlowPreloadList(),
		wijktafelDevServer()
	]
});
