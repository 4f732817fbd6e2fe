// The npm registry reachable here is a partial mirror: some platform-specific optional packages
// (rollup, lix, jco builds for macOS/Windows/Android…) are missing for the versions we use. npm then
// leaves them out of package-lock.json, and `npm ci` refuses the lock as "out of sync". This adds
// the missing optional entries with their os/cpu/libc, so `npm ci` skips them on this platform as it
// would anyway. Run it after changing dependencies: `node scripts/repair-lockfile.js`.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

/** @param {string} fromPath @param {string} name */
function resolves(fromPath, name) {
	// Node's lookup: nested node_modules first, then each ancestor's, then the root's.
	let base = fromPath;
	for (;;) {
		if (packages[`${base ? base + '/' : ''}node_modules/${name}`]) return true;
		if (!base) return false;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut === -1 ? '' : base.slice(0, cut);
	}
}

/** @param {string} name */
function platformOf(name) {
	const raw = execFileSync('npm', ['view', name, 'os', 'cpu', 'libc', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const info = raw.trim() ? JSON.parse(raw) : {};
	return { os: info.os, cpu: info.cpu, libc: info.libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		if (resolves(path, name)) continue;
		if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) continue; // platform builds are pinned exactly
		let platform;
		try {
			platform = platformOf(name);
		} catch {
			continue; // not in the registry at all: nothing npm could install either
		}
		if (!platform.os && !platform.cpu) continue; // not a platform build: leave it to npm
		const target = `node_modules/${name}`;
		packages[target] = {
			version: range,
			...(platform.cpu ? { cpu: platform.cpu } : {}),
			...(entry.dev ? { dev: true } : {}),
			...(platform.libc ? { libc: platform.libc } : {}),
			optional: true,
			...(platform.os ? { os: platform.os } : {})
		};
		added++;
		console.log(`added ${target}@${range} (${[platform.os, platform.cpu, platform.libc].flat().filter(Boolean).join(' ')})`);
	}
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
fs.writeFileSync(lockPath, JSON.stringify(lock, null, '\t') + '\n');
console.log(`${added} missing optional platform entries added`);
