// After `vite build`: compiles the Node side (server/ and what it imports from src/lib) to plain
// JavaScript in build/node/, so production runs `node build/node/index.js` without a TypeScript
// loader. Packages stay imports from node_modules (the SvelteKit handler uses the same ones, so yjs is
// loaded once). The WAL worker and the export writer are entries of their own because they are started by
// file name.
import { build } from 'esbuild';
import fs from 'node:fs';

const OUT_DIR = 'build/node';

fs.rmSync(OUT_DIR, { recursive: true, force: true });
const started = Date.now();
await build({
	entryPoints: {
		index: 'server/index.ts',
		cli: 'server/cli.ts',
		'wal-checkpoint-worker': 'src/lib/server/wal-checkpoint-worker.js',
		// The export's DOCX/PDF/XLSX writer thread (src/lib/server/export/write-off-thread.ts), without tsx.
		'export-write-worker': 'src/lib/server/export/write-worker-main.ts'
	},
	outdir: OUT_DIR,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20.19',
	packages: 'external',
	sourcemap: true,
	// Stack traces in the logs point at the TypeScript source (node --enable-source-maps).
	sourcesContent: false,
	logLevel: 'warning'
});
fs.writeFileSync(`${OUT_DIR}/package.json`, JSON.stringify({ type: 'module' }) + '\n');
process.stdout.write(`server compiled to ${OUT_DIR}/ in ${Date.now() - started} ms\n`);
