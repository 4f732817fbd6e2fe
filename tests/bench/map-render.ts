/**
 * Map render benchmark (not a test): 2,000 facilities in stadsdeel Zuid, drawn by the real pages of a
 * real server in headless Chromium. Measures
 *  - load: from navigation start to the map's first render with markers (median of several loads);
 *  - panning: requestAnimationFrame frames per second while the stadsdeel view is panned with
 *    programmatic `panBy` loops (once without animation, one pan per frame; once with Leaflet's pan
 *    animation), plus the slowest frames;
 * on the projector (1600×900) and on a phone (360×640, CPU slowed 4× to stand in for an old phone),
 * at the stadsdeel view (clustered) and zoomed in to street level (every point its own marker).
 *
 *   npx vite build && node --import tsx tests/bench/map-render.ts [--facilities 2000] [--loads 5] [--seconds 5]
 *
 * Needs a build; Chromium from CHROMIUM_PATH or /usr/bin/chromium. Writes tests/bench/results/map-render.json.
 * The browser contexts bypass the CSP only so the measuring scripts can be evaluated in the page.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase } from '../../src/lib/server/db.ts';
import { listBuurten, seedAreasIfEmpty } from '../../src/lib/server/repositories/areas.ts';
import { importFacilities } from '../../src/lib/server/facility-import.ts';
import { FACILITY_CATEGORY_IDS } from '../../src/lib/domain/areas.ts';
import { bbox, pointInPolygon } from '../../src/lib/domain/geo.ts';
import { toCsv } from '../../src/lib/domain/csv.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS_FILE = path.join(ROOT, 'tests/bench/results/map-render.json');

const { values: args } = parseArgs({
	options: {
		facilities: { type: 'string', default: '2000' },
		loads: { type: 'string', default: '5' },
		seconds: { type: 'string', default: '5' }
	}
});
const FACILITIES = Number(args.facilities);
const LOADS = Number(args.loads);
const PAN_SECONDS = Number(args.seconds);

function seedFacilities(dataDir: string): number {
	const db = openDatabase(dataDir);
	try {
		seedAreasIfEmpty(db, path.join(ROOT, 'server/seed/maastricht'));
		const buurten = listBuurten(db, 'zuid');
		// Deterministic points, so two runs measure the same map.
		const next = seededRandom(935);
		const rows: (string | number)[][] = [['id', 'name', 'category', 'lat', 'lon', 'address']];
		for (let i = 0; i < FACILITIES; i++) {
			const buurt = buurten[i % buurten.length];
			const [minLon, minLat, maxLon, maxLat] = bbox(buurt.geometry);
			let lon = 0;
			let lat = 0;
			do {
				lon = minLon + next() * (maxLon - minLon);
				lat = minLat + next() * (maxLat - minLat);
			} while (!pointInPolygon([lon, lat], buurt.geometry));
			const category = FACILITY_CATEGORY_IDS[Math.floor(next() * FACILITY_CATEGORY_IDS.length)];
			rows.push([`bench-${i}`, `Voorziening ${i + 1}`, category, lat.toFixed(6), lon.toFixed(6), '']);
		}
		const result = importFacilities(db, toCsv(rows, { delimiter: ',', bom: false }), { format: 'csv' });
		if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
		return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM facilities f JOIN buurten b ON b.code = f.buurt_code WHERE b.stadsdeel_code = 'zuid'`).get()!.n;
	} finally {
		db.close();
	}
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
	// Without ORIGIN the server trusts the request's Host, which is what 127.0.0.1 wants.
	delete env.ORIGIN;
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stderr!.on('data', (chunk) => (output += chunk));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
		child.stdout!.on('data', (chunk) => {
			output += chunk;
			const match = /LISTENING (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1].replace('0.0.0.0', '127.0.0.1'));
			}
		});
		child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	return { url, child };
}

interface LoadFigures {
	/** ms from navigation start to the first render of the map with its markers. */
	readyMs: number;
	domMarkers: number;
}

interface PanFigures {
	fps: number;
	p95FrameMs: number;
	maxFrameMs: number;
	framesOver50Ms: number;
	domMarkersAfter: number;
}

async function measureLoad(page: Page, url: string): Promise<LoadFigures> {
	await page.goto(url, { waitUntil: 'commit' });
	const readyMs = await page.waitForFunction(
		`(() => {
			const map = document.querySelector('[data-testid="map"]');
			return map && map.dataset.ready === 'true' && Number(map.dataset.markers) > 0 ? performance.now() : null;
		})()`,
		undefined,
		{ polling: 'raf', timeout: 60_000 }
	);
	const domMarkers = await page.locator('.leaflet-marker-icon.wt-pin, .leaflet-marker-icon.wt-cluster').count();
	return { readyMs: Math.round((await readyMs.jsonValue()) as number), domMarkers };
}

/**
 * Runs in the page: counts animation frames for `seconds` while panning back and forth, optionally
 * zoomed in first. A plain string, because tsx would wrap named functions in a helper the page lacks.
 */
const PAN_SCRIPT = `async ({ seconds, animate, zoom, center }) => {
	const container = document.querySelector('[data-testid="map"]');
	const map = container.wijktafelMap;
	if (zoom !== null) {
		await new Promise((resolve) => {
			map.once('moveend', () => resolve());
			map.setView(center, zoom, { animate: false });
		});
	}
	const frames = [];
	const until = performance.now() + seconds * 1000;
	let last = performance.now();
	let step = 0;
	await new Promise((resolve) => {
		const tick = (now) => {
			frames.push(now - last);
			last = now;
			if (now >= until) return resolve();
			if (animate) {
				// One animated pan every 20 frames (Leaflet animates it over 0.25 s), 300 px left or right.
				if (step % 20 === 0) map.panBy([step % 40 === 0 ? 300 : -300, 0], { animate: true, duration: 0.25 });
			} else {
				// One 15 px pan per frame, turning every 40 frames: a steady drag.
				map.panBy([Math.floor(step / 40) % 2 === 0 ? 15 : -15, 0], { animate: false });
			}
			step++;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame((now) => {
			last = now;
			requestAnimationFrame(tick);
		});
	});
	const sorted = [...frames].sort((a, b) => a - b);
	const total = frames.reduce((a, b) => a + b, 0);
	return {
		fps: Math.round((frames.length / total) * 1000 * 10) / 10,
		p95FrameMs: Math.round(sorted[Math.floor(sorted.length * 0.95)] * 10) / 10,
		maxFrameMs: Math.round(sorted[sorted.length - 1] * 10) / 10,
		framesOver50Ms: frames.filter((f) => f > 50).length,
		domMarkersAfter: document.querySelectorAll('.leaflet-marker-icon.wt-pin, .leaflet-marker-icon.wt-cluster').length
	};
}`;

async function measurePan(page: Page, options: { seconds: number; animate: boolean; zoom: number | null; center?: [number, number] }): Promise<PanFigures> {
	return page.evaluate(`(${PAN_SCRIPT})(${JSON.stringify(options)})`) as Promise<PanFigures>;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

interface Scenario {
	name: string;
	context: (browser: Browser, baseURL: string) => Promise<BrowserContext>;
	url: string;
	cpuSlowdown: number;
}

async function runScenario(browser: Browser, baseURL: string, scenario: Scenario) {
	const context = await scenario.context(browser, baseURL);
	const loads: LoadFigures[] = [];
	let page: Page | null = null;
	for (let i = 0; i < LOADS; i++) {
		await page?.close();
		page = await context.newPage();
		if (scenario.cpuSlowdown > 1) {
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.cpuSlowdown });
		}
		loads.push(await measureLoad(page, scenario.url));
	}
	const clusteredStill = await measurePan(page!, { seconds: PAN_SECONDS, animate: false, zoom: null });
	const clusteredAnimated = await measurePan(page!, { seconds: PAN_SECONDS, animate: true, zoom: null });
	// Street level in Randwyck/Heugem, where the generated points are densest.
	const streetLevel = await measurePan(page!, { seconds: PAN_SECONDS, animate: false, zoom: 17, center: [50.83, 5.71] });
	await context.close();
	return {
		scenario: scenario.name,
		cpuSlowdown: scenario.cpuSlowdown,
		loadMedianMs: median(loads.map((l) => l.readyMs)),
		loadsMs: loads.map((l) => l.readyMs),
		domMarkersAtStadsdeelView: loads[0].domMarkers,
		panStadsdeelViewPerFrame: clusteredStill,
		panStadsdeelViewAnimated: clusteredAnimated,
		panStreetLevelPerFrame: streetLevel
	};
}

async function main(): Promise<void> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-map-bench-'));
	let server: ChildProcess | null = null;
	let browser: Browser | null = null;
	try {
		const pointsInZuid = seedFacilities(dataDir);
		const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
		const links = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'workshop:create', '--stadsdeel', 'Zuid', '--title', 'Bench'], { cwd: ROOT, env, encoding: 'utf8' })) as {
			workshopId: string;
			joinCode: string;
			projectorUrl: string;
		};
		const started = await startServer(dataDir);
		server = started.child;
		const baseURL = started.url;
		const token = new URL(links.projectorUrl, baseURL).searchParams.get('token')!;
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu']
		});
		const scenarios: Scenario[] = [
			{
				name: 'projector 1600×900',
				context: (b, url) => b.newContext({ baseURL: url, viewport: { width: 1600, height: 900 }, bypassCSP: true }),
				url: `/projector/${links.workshopId}/kaart?token=${token}`,
				cpuSlowdown: 1
			},
			{
				name: 'phone 360×640, CPU 4× slower',
				context: async (b, url) => {
					const context = await b.newContext({ baseURL: url, viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, bypassCSP: true });
					const joined = await context.request.post('/api/join', { data: { code: links.joinCode, name: 'Bench', role: 'resident' } });
					if (joined.status() !== 200) throw new Error(`join failed: ${joined.status()}`);
					return context;
				},
				url: `/workshop/${links.workshopId}/kaart`,
				cpuSlowdown: 4
			}
		];
		const results = [];
		for (const scenario of scenarios) {
			process.stderr.write(`running: ${scenario.name}\n`);
			results.push(await runScenario(browser, baseURL, scenario));
		}
		const report = {
			date: new Date().toISOString(),
			machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', load1: os.loadavg()[0] },
			facilitiesImported: FACILITIES,
			pointsOnTheZuidMap: pointsInZuid,
			panSeconds: PAN_SECONDS,
			results
		};
		fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
		fs.writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
		console.log(`Map render benchmark: ${pointsInZuid} points in stadsdeel Zuid (${FACILITIES} imported), machine load ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores\n`);
		console.log('| scenario | load (median of ' + LOADS + ') | DOM markers | pan per frame: fps / p95 / max ms | animated pan: fps / p95 / max ms | street level: fps / p95 ms, markers |');
		console.log('| --- | --- | --- | --- | --- | --- |');
		for (const r of results) {
			const a = r.panStadsdeelViewPerFrame;
			const b = r.panStadsdeelViewAnimated;
			const c = r.panStreetLevelPerFrame;
			console.log(
				`| ${r.scenario} | ${r.loadMedianMs} ms | ${r.domMarkersAtStadsdeelView} | ${a.fps} / ${a.p95FrameMs} / ${a.maxFrameMs} | ${b.fps} / ${b.p95FrameMs} / ${b.maxFrameMs} | ${c.fps} / ${c.p95FrameMs}, ${c.domMarkersAfter} |`
			);
		}
		console.log(`\nwritten to ${path.relative(ROOT, RESULTS_FILE)}`);
	} finally {
		await browser?.close();
		if (server && server.exitCode === null) {
			const exited = new Promise((resolve) => server!.once('exit', resolve));
			server.kill('SIGTERM');
			await exited;
		}
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
