// Browser tests use Debian's Chromium (Playwright cannot download its own browser here).
import fs from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(path)) {
	console.error(
		`Chromium not found at ${path}.\n` +
			'The browser tests need it. On Debian/Ubuntu: sudo apt-get install chromium\n' +
			'Or point CHROMIUM_PATH at an existing Chromium or Chrome binary.'
	);
	process.exit(1);
}
