// `npm run bench` runs this first: the peers the benchmark compares against (Hocuspocus with its
// SQLite extension, @y/websocket-server with leveldown) live in tests/bench/package.json, not in the
// app's, so the app's `npm ci` builds none of their native modules. Installed here on first use, and
// again whenever tests/bench/package-lock.json changes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const lockFile = new URL('./package-lock.json', import.meta.url);
const installedMarker = new URL('./node_modules/.package-lock.json', import.meta.url);

const installed = fs.existsSync(installedMarker) && fs.statSync(installedMarker).mtimeMs >= fs.statSync(lockFile).mtimeMs;
if (!installed) {
	process.stdout.write('Installing the benchmark peers in tests/bench (first run only; builds sqlite3 and leveldown)…\n');
	execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: benchDir, stdio: 'inherit' });
}
