import { describe, expect, test } from 'vitest';
import { mentionedTokens, pruneDesignTokens } from '../../../server/vite-design-tokens.ts';

const THEME = [
	'/**',
	' * Do not edit directly, this file was auto-generated.',
	' */',
	'',
	'.voorbeeld-theme {',
	'  --basis-color-red: #c00;',
	'  --basis-color-unused: #0c0;',
	'  --utrecht-button-background-color: var(--basis-color-action);',
	'  --basis-color-action: var(--basis-color-red);',
	'  --utrecht-card-unused: var(--basis-color-unused);',
	'  --basis-space-md: 1rem;',
	'  --rhc-list-gap: var(--basis-space-md); /* [code-only] */',
	'}'
].join('\n');

describe('pruneDesignTokens', () => {
	test('keeps what is mentioned and every token it refers to, through chains', () => {
		const pruned = pruneDesignTokens(THEME, new Set(['--utrecht-button-background-color']));
		expect(pruned).toContain('--utrecht-button-background-color: var(--basis-color-action);');
		expect(pruned).toContain('--basis-color-action: var(--basis-color-red);');
		expect(pruned).toContain('--basis-color-red: #c00;');
	});

	test('drops tokens nothing reads, also when an unread token refers to them', () => {
		const pruned = pruneDesignTokens(THEME, new Set(['--utrecht-button-background-color']));
		expect(pruned).not.toContain('--basis-color-unused');
		expect(pruned).not.toContain('--utrecht-card-unused');
		expect(pruned).not.toContain('--basis-space-md');
		expect(pruned).not.toContain('--rhc-list-gap');
	});

	test('a declaration that ends in a comment counts as one, with its references', () => {
		const pruned = pruneDesignTokens(THEME, new Set(['--rhc-list-gap']));
		expect(pruned).toContain('--rhc-list-gap: var(--basis-space-md); /* [code-only] */');
		expect(pruned).toContain('--basis-space-md: 1rem;');
	});

	test('leaves the selector, the braces and the comment as they are', () => {
		const pruned = pruneDesignTokens(THEME, new Set());
		expect(pruned).toBe(['/**', ' * Do not edit directly, this file was auto-generated.', ' */', '', '.voorbeeld-theme {', '}'].join('\n'));
	});

	test('a mention of a name the theme does not define changes nothing', () => {
		expect(pruneDesignTokens(THEME, new Set(['--wt-accent']))).toBe(pruneDesignTokens(THEME, new Set()));
	});
});

describe('mentionedTokens', () => {
	test('finds names in var(), in declarations and in a Svelte style directive', () => {
		const source = '.a { color: var(--wt-text); --wt-gap: 2px } <div style:--bar-width="{w}px"></div>';
		expect([...mentionedTokens(source)].sort()).toEqual(['--bar-width', '--wt-gap', '--wt-text']);
	});
});
