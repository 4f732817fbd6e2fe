/**
 * The layering rules of design.md §5, held by a test:
 *  - src/lib/domain imports nothing outside itself (and no Node built-ins: it is pure);
 *  - src/lib/sync adds only Yjs (and the y-* / lib0 protocol packages, plus Svelte runes in *.svelte.ts);
 *  - src/lib/server never imports Svelte files;
 *  - nothing in src/ imports server/.
 */
import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
	const full = path.join(ROOT, dir);
	if (!fs.existsSync(full)) return [];
	return fs
		.readdirSync(full, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(ts|js|svelte)$/.test(entry.name))
		.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function imports(file: string): string[] {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
	const found: string[] = [];
	for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
		found.push(match[1] ?? match[2]);
	}
	return found;
}

function resolvesInside(file: string, specifier: string, dir: string): boolean {
	if (!specifier.startsWith('.')) return false;
	const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier));
	return target.startsWith(dir + path.sep) || target === dir;
}

describe('architecture', () => {
	test('domain imports nothing outside itself', () => {
		const offenders = sourceFiles('src/lib/domain').flatMap((file) =>
			imports(file)
				.filter((s) => !resolvesInside(file, s, 'src/lib/domain'))
				.map((s) => `${file} → ${s}`)
		);
		expect(offenders).toEqual([]);
	});

	test('sync adds only Yjs and its protocol packages to the domain', () => {
		const allowed = /^(yjs|y-websocket|y-indexeddb|y-protocols\/.+|lib0\/.+|svelte|svelte\/.+|\$app\/environment)$/;
		const offenders = sourceFiles('src/lib/sync').flatMap((file) =>
			imports(file)
				.filter((s) => !allowed.test(s) && !resolvesInside(file, s, 'src/lib/sync') && !resolvesInside(file, s, 'src/lib/domain'))
				.map((s) => `${file} → ${s}`)
		);
		expect(offenders).toEqual([]);
	});

	test('lib/server never imports Svelte files', () => {
		const offenders = sourceFiles('src/lib/server').flatMap((file) =>
			imports(file)
				.filter((s) => s.endsWith('.svelte') || s.endsWith('.svelte.ts') || s.endsWith('.svelte.js'))
				.map((s) => `${file} → ${s}`)
		);
		expect(offenders).toEqual([]);
	});

	test('nothing in src/ imports server/', () => {
		const offenders = sourceFiles('src').flatMap((file) =>
			imports(file)
				.filter((s) => resolvesInside(file, s, 'server'))
				.map((s) => `${file} → ${s}`)
		);
		expect(offenders).toEqual([]);
	});
});
