/**
 * Build step: ship only the design tokens something reads.
 *
 * The NL Design System "voorbeeld" theme defines about 2,800 custom properties (207 KB) on
 * `.voorbeeld-theme`, for every component of every kit. We use fourteen Utrecht components and our
 * own styles, which read a few hundred of them. The rest cost an old phone 13 KB of render-blocking
 * CSS at 400 kbit/s, and its CPU the parsing and inheriting of every one of them on every element.
 *
 * A token is kept when any of our sources or any installed Utrecht component stylesheet mentions its
 * name, or a kept token's value refers to it. Mentions are counted loosely (any `--name` anywhere,
 * not only inside `var()`), so a token that is set or read from a Svelte `style:` or a script stays too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const THEME_FILE = /voorbeeld-design-tokens\/dist\/theme\.css$/;
const TOKEN_NAME = /--[A-Za-z0-9_-]+/g;
/** One declaration per line, as the theme is generated; some end in a comment like `/* [code-only] *\/`. */
const DECLARATION = /^\s*(--[A-Za-z0-9_-]+)\s*:\s*(.*?);\s*(?:\/\*.*\*\/)?\s*$/;

/** Every `--name` in a text. */
export function mentionedTokens(text: string): Set<string> {
	return new Set(text.match(TOKEN_NAME) ?? []);
}

/**
 * The theme with only the declarations that `mentioned` needs, directly or through other tokens.
 * Lines that are not one custom-property declaration (selectors, braces, comments) stay as they are.
 */
export function pruneDesignTokens(themeCss: string, mentioned: Set<string>): string {
	const lines = themeCss.split('\n');
	const values = new Map<string, string>();
	for (const line of lines) {
		const declaration = DECLARATION.exec(line);
		if (declaration) values.set(declaration[1], declaration[2]);
	}
	const kept = new Set<string>();
	const waiting = [...mentioned].filter((name) => values.has(name));
	while (waiting.length > 0) {
		const name = waiting.pop() as string;
		if (kept.has(name)) continue;
		kept.add(name);
		for (const referenced of mentionedTokens(values.get(name) ?? '')) if (values.has(referenced) && !kept.has(referenced)) waiting.push(referenced);
	}
	return lines
		.filter((line) => {
			const declaration = DECLARATION.exec(line);
			return !declaration || kept.has(declaration[1]);
		})
		.join('\n');
}

function filesUnder(directory: string, accept: (file: string) => boolean, skip: Set<string>): string[] {
	if (!fs.existsSync(directory)) return [];
	return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) return skip.has(entry.name) ? [] : filesUnder(full, accept, skip);
		return accept(entry.name) ? [full] : [];
	});
}

/** The token names our sources and the Utrecht component stylesheets mention. */
export function tokensInUse(root: string): Set<string> {
	const ours = filesUnder(path.join(root, 'src'), (name) => /\.(svelte|css|ts|js|html)$/.test(name), new Set(['paraglide']));
	const utrecht = filesUnder(path.join(root, 'node_modules/@utrecht'), (name) => name.endsWith('.css'), new Set(['src', 'node_modules']));
	const names = new Set<string>();
	for (const file of [...ours, ...utrecht]) for (const name of mentionedTokens(fs.readFileSync(file, 'utf8'))) names.add(name);
	return names;
}

export function unusedDesignTokensRemoved(): Plugin {
	let root = process.cwd();
	let inUse: Set<string> | null = null;
	return {
		name: 'wijktafel-unused-design-tokens',
		apply: 'build',
		enforce: 'pre',
		configResolved(config) {
			root = config.root;
		},
		buildStart() {
			// Once per build: the client and the server build both load the theme.
			inUse = null;
		},
		transform(code, id) {
			if (!THEME_FILE.test(id.split('?')[0])) return null;
			inUse ??= tokensInUse(root);
			return { code: pruneDesignTokens(code, inUse), map: null };
		}
	};
}
