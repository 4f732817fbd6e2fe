// ESLint flat config: JavaScript's recommended rules, typescript-eslint's and eslint-plugin-svelte's,
// with Node and browser globals. Part of `npm test` (`npm run lint`, which allows no warnings).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'data/',
			'test-results/',
			'playwright-report/',
			'node_modules/',
			'tests/bench/node_modules/',
			'tests/bench/results/',
			'project.inlang/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			// The app is served at the root (no kit.paths.base), so resolve() would return every link
			// unchanged (links, and replaceState with the current page's own URL); goto and pushState are
			// still checked.
			'svelte/no-navigation-without-resolve': ['error', { ignoreLinks: true, ignoreReplaceState: true }],
			// Live state keeps its collections in $state.raw and replaces them whole (a new Map/Set per
			// change), and derived values build local Maps they never keep; SvelteMap/SvelteSet would add
			// a signal per entry for nothing. The rule cannot tell those from a mutated reactive
			// collection, so review covers that case.
			'svelte/prefer-svelte-reactivity': 'off',
			// An argument or binding named with a leading underscore is unused on purpose (a callback's
			// required position, a rest sibling that drops a key).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	}
);
