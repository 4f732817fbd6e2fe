// After `vite build`: how much JavaScript a participant's phone downloads (gzip) for the join page and
// the participant page together — everything those routes import eagerly, so the map (loaded on
// demand) is excluded by construction. Target: 150 KB. Writes build/page-weight.json.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const TARGET_BYTES = 150 * 1024;
const JOURNEY = ['/join/[code]', '/workshop/[workshopId]'];
const serverOut = path.resolve('.svelte-kit/output/server');
const clientOut = path.resolve('build/client');

const { manifest } = await import(pathToFileURL(path.join(serverOut, 'manifest.js')).href);
const files = new Set(manifest._.client.imports);
const missing = [];
for (const id of JOURNEY) {
	const route = manifest._.routes.find((/** @type {{ id: string }} */ r) => r.id === id);
	if (!route?.page) {
		missing.push(id);
		continue;
	}
	for (const index of [...route.page.layouts, route.page.leaf].filter((n) => n !== undefined)) {
		const node = await import(pathToFileURL(path.join(serverOut, 'nodes', `${index}.js`)).href);
		for (const file of node.imports) files.add(file);
	}
}

let gzipBytes = 0;
let rawBytes = 0;
for (const file of files) {
	const content = fs.readFileSync(path.join(clientOut, file));
	rawBytes += content.length;
	gzipBytes += zlib.gzipSync(content, { level: 9 }).length;
}
const report = { routes: JOURNEY, missingRoutes: missing, files: files.size, rawBytes, gzipBytes, targetBytes: TARGET_BYTES, withinTarget: gzipBytes <= TARGET_BYTES };
fs.writeFileSync(path.resolve('build/page-weight.json'), JSON.stringify(report, null, 2) + '\n');
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
	`Participant page weight (join + participant, map excluded): ${kb(gzipBytes)} gzip JS (${kb(rawBytes)} raw, ${files.size} files); target ${kb(TARGET_BYTES)}: ${report.withinTarget ? 'within' : 'OVER'}` +
		(missing.length ? `; routes not found: ${missing.join(', ')}` : '')
);
