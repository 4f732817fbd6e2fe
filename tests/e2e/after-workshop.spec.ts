/**
 * After the workshop (issue 17): staff follow the agreed actions, publish a version, and residents
 * read — without logging in — what was agreed and done, the sociale kaart of their buurt, its open
 * data and its paper version. Real server, real SQLite, real browser; the actions are written into
 * the agenda doc by a stock y-websocket client with a staff session, as the facilitator's console does.
 */
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { cli, createWorkshop, type WorkshopLinks } from './helpers/cli';
import { addCard, joinByCode, setLocaleCookie, staffPage } from './helpers/live';
import { unzip } from '../helpers/zip';
import { E2E_ADMIN } from '../../playwright.config';
import { connectClient } from '../helpers/yclient';
import { addAction, listActions } from '../../src/lib/sync/actions-schema';
import { acceptElement, listElements, proposeElement } from '../../src/lib/sync/elements-schema';
import { AGE_BANDS } from '../../src/lib/domain/participants';
import { openDatabase } from '../../src/lib/server/db';
import { seedAreasIfEmpty } from '../../src/lib/server/repositories/areas';

test.describe.configure({ mode: 'serial' });

const BASE = `http://127.0.0.1:${process.env.E2E_PORT}`;
const WS = `ws://127.0.0.1:${process.env.E2E_PORT}/sync`;
/** Randwyck (Zuid) has shipped OSM facilities; the Trombosedienst is one of them. */
const BUURT = { code: 'BU09350600', name: 'Randwyck' };
const RATED_FACILITY = 'osm-node-4728389979';
const PARTICIPANTS = ['Zuster Annemie Kwadraat', 'Meneer Bartholomeus Vink', 'Juffrouw Corrie Plenk', 'Dokter Dirk Wammes'];
const ACTIONS = { huiskamer: 'Huiskamer in Heugem openen', bankjes: 'Meer bankjes in het Savelsbos', later: 'Actie na het publiceren' };
const VERSION_NAME = 'Vastgesteld in de raad';
const OUT_DIR = path.join('test-results', 'after-workshop');

let workshop: WorkshopLinks;
let secondWorkshop: WorkshopLinks;
let staff: Page;
let actionIds: Record<'huiskamer' | 'bankjes', string>;

async function joinApiAt(code: string, name: string, ageBand: string, buurt: string): Promise<{ token: string; participantId: string }> {
	const response = await fetch(`${BASE}/api/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code, name, role: 'resident', ageBand, buurt })
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { token: string; participantId: string };
}

async function joinApi(name: string, ageBand: string, buurt: string): Promise<string> {
	return (await joinApiAt(workshop.joinCode, name, ageBand, buurt)).token;
}

async function rate(token: string, facilityId: string, rating: string): Promise<void> {
	const response = await fetch(`${BASE}/api/ballots`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({ kind: 'rating', subject: `facility:${facilityId}`, value: { rating, reason: `Zegt ${facilityId}` } })
	});
	expect(response.status).toBe(200);
}

async function staffToken(page: Page): Promise<string> {
	const cookie = (await page.context().cookies()).find((c) => c.name === 'wijktafel_staff');
	expect(cookie).toBeTruthy();
	return cookie!.value;
}

/** The signed-in admin's user id: the write policy wants a staff writer's own id in createdBy and acceptedBy. */
function staffUserId(): string {
	const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'wijktafel.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return (db.prepare('SELECT id FROM users WHERE email = ?').get(E2E_ADMIN.email) as { id: string }).id;
	} finally {
		db.close();
	}
}

/** Adds actions to the agenda doc as a staff client and waits until the server has them. */
async function addActions(titles: { title: string; themeId: string; list: string; amountEuros?: number; owner?: string }[]): Promise<string[]> {
	const client = connectClient(WS, `agenda-${workshop.agendaId}`, await staffToken(staff));
	await client.synced;
	const ids = titles.map((input) => {
		const result = addAction(client.doc, { ...input, quarter: 'Q2 2026', createdBy: staffUserId() });
		if (!result.ok) throw new Error(result.reason);
		return result.id;
	});
	// A second client sees them only once the server stored them.
	const check = connectClient(WS, `agenda-${workshop.agendaId}`, await staffToken(staff));
	await check.synced;
	await expect.poll(() => ids.every((id) => listActions(check.doc).some((a) => a.id === id))).toBe(true);
	check.destroy();
	client.destroy();
	return ids;
}

async function anonymous(browser: Browser, viewport = { width: 1280, height: 900 }, locale: 'nl' | 'en' = 'nl'): Promise<{ context: BrowserContext; page: Page; sockets: string[] }> {
	const context = await browser.newContext({ viewport });
	if (locale === 'en') await setLocaleCookie(context, 'en');
	const page = await context.newPage();
	const sockets: string[] = [];
	page.on('websocket', (socket) => sockets.push(socket.url()));
	return { context, page, sockets };
}

function expectNoParticipantData(html: string, where: string): void {
	for (const name of PARTICIPANTS) {
		for (const part of [name, ...name.split(' ').slice(1)]) expect(html.includes(part), `${where} contains "${part}"`).toBe(false);
	}
	for (const band of AGE_BANDS) expect(html.includes(band), `${where} contains age band ${band}`).toBe(false);
}

test.beforeAll(async ({ browser }) => {
	fs.mkdirSync(OUT_DIR, { recursive: true });
	workshop = createWorkshop('Zuid', 'Na-avond Zuid');
	// A later workshop with a date and place: the public page lists it under "Volgende bijeenkomsten".
	secondWorkshop = JSON.parse(cli(['workshop:create', '--stadsdeel', 'Zuid', '--title', 'Tweede avond Heugem', '--date', '2099-03-12', '--place', 'Buurthuis Heugem']));
	staff = await staffPage(browser);
});

test('1. staff follow an action: status (a reason when stopped), owner, dated notes, evidence, money; the history names who did it', async () => {
	const [huiskamer, bankjes] = await addActions([
		{ title: ACTIONS.huiskamer, themeId: 'ontmoeten-eenzaamheid', list: 'extra', amountEuros: 12000, owner: 'Buurtnetwerk Heugem' },
		{ title: ACTIONS.bankjes, themeId: 'fysieke-leefomgeving', list: 'extra', amountEuros: 4000 }
	]);
	actionIds = { huiskamer, bankjes };

	await staff.goto(`/agenda/${workshop.agendaId}`);
	await staff.getByRole('link', { name: 'Voortgang van de acties' }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText('Voortgang van de acties');
	const row = staff.getByRole('row').filter({ hasText: ACTIONS.huiskamer });
	await expect(row).toContainText('Gepland');
	await expect(row).toContainText('€ 12.000');
	await row.getByRole('link', { name: ACTIONS.huiskamer }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(ACTIONS.huiskamer);

	// Stopped without a reason: refused with a plain message; nothing is stored.
	await staff.getByLabel('Gestopt', { exact: true }).check();
	await staff.getByRole('button', { name: 'Status opslaan' }).click();
	await expect(staff.getByRole('alert')).toHaveText('Schrijf op waarom de actie is gestopt.');
	await expect(staff.locator('#current-status')).toHaveText('Gepland');

	await staff.getByLabel('Bezig', { exact: true }).check();
	await staff.getByRole('button', { name: 'Status opslaan' }).click();
	await expect(staff.getByRole('status')).toHaveText('Opgeslagen.');
	await expect(staff.locator('#current-status')).toHaveText('Bezig');

	await staff.locator('#owner').fill('Trajekt en Buurtnetwerk Heugem');
	await staff.getByRole('button', { name: 'Trekker opslaan' }).click();
	await expect(staff.locator('#current-owner')).toHaveText('Trajekt en Buurtnetwerk Heugem');

	await staff.locator('#note-date').fill('2026-05-14');
	await staff.locator('#note-text').fill('De eerste huiskamer is open in het buurthuis. Elke dinsdag koffie.');
	await staff.getByRole('button', { name: 'Notitie toevoegen' }).click();
	await expect(staff.getByRole('status')).toHaveText('Opgeslagen.');

	// A hostile link is refused; a web link is kept.
	await staff.locator('#evidence-url').fill('javascript:alert(1)');
	await staff.getByRole('button', { name: 'Link toevoegen' }).click();
	await expect(staff.getByRole('alert')).toHaveText('Een link begint met https:// of http://.');
	await staff.locator('#evidence-url').fill('https://www.gemeentemaastricht.nl/huiskamer-heugem');
	await staff.locator('#evidence-label').fill('Verslag van de opening');
	await staff.getByRole('button', { name: 'Link toevoegen' }).click();
	await expect(staff.getByRole('link', { name: 'Verslag van de opening' }).first()).toBeVisible();

	await staff.locator('#spending-amount').fill('veel');
	await staff.getByRole('button', { name: 'Uitgave toevoegen' }).click();
	await expect(staff.getByRole('alert')).toContainText('hele euro');
	await staff.locator('#spending-amount').fill('€ 3.000');
	await staff.locator('#spending-date').fill('2026-05-01');
	await staff.locator('#spending-text').fill('Inrichting');
	await staff.getByRole('button', { name: 'Uitgave toevoegen' }).click();
	await expect(staff.locator('#current-spent')).toHaveText('€ 3.000 (25% van het bedrag)');

	// The history: newest first, every line names the staff member.
	const history = staff.locator('#history > li');
	await expect(history).toHaveCount(5);
	await expect(history.first()).toContainText('€ 3.000 uitgegeven op 2026-05-01');
	await expect(history.last()).toContainText('Status: Bezig');
	for (const line of await history.all()) await expect(line).toContainText('door beheer@wijktafel.test');

	// The second action is stopped, with its reason.
	await staff.goto(`/agenda/${workshop.agendaId}/voortgang/${bankjes}`);
	await staff.getByLabel('Gestopt', { exact: true }).check();
	await staff.locator('#status-reason').fill('De grond is van de provincie. Die wil geen bankjes.');
	await staff.getByRole('button', { name: 'Status opslaan' }).click();
	await expect(staff.locator('#current-status')).toHaveText('Gestopt: De grond is van de provincie. Die wil geen bankjes.');

	await staff.goto(`/agenda/${workshop.agendaId}/voortgang`);
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.huiskamer })).toContainText('Bezig');
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.bankjes })).toContainText('Gestopt');
	await expect(staff.getByRole('row').filter({ hasText: 'Totaal' })).toContainText('€ 16.000');

	// Without a staff session the form post is sent to the login, and nothing is written.
	const hostile = await fetch(`${BASE}/agenda/${workshop.agendaId}/voortgang/${huiskamer}?/status`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: BASE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: 'status=klaar'
	});
	expect(hostile.status).toBe(303);
	expect(hostile.headers.get('location')).toMatch(/^\/login\?next=/);
	// An action that is not in the agenda: 404, not a stored row.
	const unknown = await staff.request.post(`/agenda/${workshop.agendaId}/voortgang/bestaatniet123?/status`, {
		form: { status: 'klaar' },
		headers: { origin: BASE, accept: 'text/html' }
	});
	expect(unknown.status()).toBe(404);
	await staff.reload();
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.huiskamer })).toContainText('Bezig');
});

test('2. nothing is public before "publiceren"; then the chosen version, its progress and the next workshops, without names or ages', async ({ browser }) => {
	// Participants with names, buurten and age bands, and condition ratings: 3 for one facility, 2 for another.
	const tokens = [
		await joinApi(PARTICIPANTS[0], '65+', BUURT.code),
		await joinApi(PARTICIPANTS[1], '45-64', BUURT.code),
		await joinApi(PARTICIPANTS[2], '25-44', 'BU09350601'),
		await joinApi(PARTICIPANTS[3], '15-24', BUURT.code)
	];
	for (const token of tokens.slice(0, 3)) await rate(token, RATED_FACILITY, 'goed');
	const otherFacility = 'osm-node-2798919699';
	for (const token of tokens.slice(0, 2)) await rate(token, otherFacility, 'onder-druk');

	const before = await anonymous(browser);
	const response = await before.page.goto('/stadsdeel/zuid');
	expect(response?.status()).toBe(200);
	await expect(before.page.locator('#not-published')).toBeVisible();
	expect(await before.page.content()).not.toContain(ACTIONS.huiskamer);
	expect((await before.page.goto(`/stadsdeel/zuid/sociale-kaart/${BUURT.code}`))?.status()).toBe(404);
	expect((await before.page.request.get(`/stadsdeel/zuid/sociale-kaart/${BUURT.code}/open-data.csv`)).status()).toBe(404);

	// Staff take a named version and publish it.
	await staff.goto(`/agenda/${workshop.agendaId}`);
	await staff.locator('form[action="?/takeVersion"] input[name="name"]').fill(VERSION_NAME);
	await staff.locator('form[action="?/takeVersion"] button[type="submit"]').click();
	await expect(staff.getByText(VERSION_NAME).first()).toBeVisible();
	// Changed after the version: not public.
	await addActions([{ title: ACTIONS.later, themeId: 'cultuur', list: 'al' }]);
	await staff.goto(`/agenda/${workshop.agendaId}/publiceren`);
	await staff.getByLabel(new RegExp(VERSION_NAME)).check();
	await staff.getByRole('button', { name: 'Publiceren' }).click();
	await expect(staff.getByRole('status')).toContainText('Gepubliceerd op');

	const { page, sockets, context } = before;
	const published = await page.goto('/stadsdeel/zuid');
	expect(published?.headers()['cache-control']).toBe('public, max-age=300');
	await expect(page.locator('#published-on')).toContainText(`Gepubliceerd op`);
	await expect(page.locator('#published-on')).toContainText(VERSION_NAME);
	const huiskamer = page.locator(`[data-action="${actionIds.huiskamer}"]`);
	await expect(huiskamer).toContainText(ACTIONS.huiskamer);
	await expect(huiskamer).toContainText('Wat is ermee gedaan?');
	await expect(huiskamer).toContainText('Bezig: We zijn hiermee bezig.');
	await expect(huiskamer).toContainText('14 mei 2026: De eerste huiskamer is open in het buurthuis.');
	await expect(huiskamer).toContainText('€ 12.000 afgesproken, € 3.000 uitgegeven');
	await expect(huiskamer.getByRole('link', { name: 'Verslag van de opening' })).toBeVisible();
	await expect(page.locator(`[data-action="${actionIds.bankjes}"]`)).toContainText('Waarom gestopt: De grond is van de provincie.');
	await expect(page.getByText(ACTIONS.later)).toHaveCount(0);
	const next = page.getByRole('region', { name: 'Volgende bijeenkomsten' });
	await expect(next).toContainText('Tweede avond Heugem, 12 maart 2099, Buurthuis Heugem');
	await expect(next).not.toContainText('Na-avond Zuid');
	await page.screenshot({ path: path.join(OUT_DIR, 'public-stadsdeel-1280.png'), fullPage: true });

	const html = await page.content();
	expectNoParticipantData(html, '/stadsdeel/zuid');
	expect(html).not.toContain('beheer@wijktafel.test');
	expect(sockets, 'the public page opens no WebSocket').toEqual([]);

	// After the workshop closes, its join link leads to the public page.
	const close = await staff.request.post(`/api/workshops/${workshop.workshopId}/close`, { headers: { origin: BASE } });
	expect(close.status()).toBe(200);
	await page.goto(`/join/${workshop.joinCode}`);
	await expect(page).toHaveURL(/\/stadsdeel\/zuid\?afgelopen/);
	await expect(page.getByRole('status')).toContainText('De bijeenkomst is afgelopen');
	await context.close();
});

test('3. the public sociale kaart of a buurt: list first, search, map beside it, condition only from 3 ratings, open data', async ({ browser }) => {
	const { page, context, sockets } = await anonymous(browser, { width: 1920, height: 1080 });
	const response = await page.goto(`/stadsdeel/zuid/sociale-kaart/${BUURT.code}`);
	expect(response?.headers()['cache-control']).toBe('public, max-age=300');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sociale kaart ${BUURT.name}`);
	const list = page.locator('ol.places > li');
	const total = await list.count();
	expect(total).toBeGreaterThan(3);
	await expect(page.locator('#kaart-count')).toHaveText(`${total} plekken in deze buurt.`);
	// Rated by 3: shown; rated by 2: not.
	await expect(page.locator(`[data-place="${RATED_FACILITY}"] .condition`)).toHaveText('Goed, volgens de meeste van de 3 mensen die het beoordeelden.');
	await expect(page.locator('[data-place="osm-node-2798919699"] .condition')).toHaveText('Nog niet genoeg beoordelingen.');
	await expect(page.locator(`[data-place="${RATED_FACILITY}"]`)).toContainText('Laagdrempelige ondersteuning');
	await expect(page.locator(`[data-place="${RATED_FACILITY}"]`)).toContainText('Institutionele basis');
	// The map sits beside the list on a big screen.
	const map = page.locator('.leaflet-container');
	await expect(map).toBeVisible();
	const listBox = (await page.locator('section.list').boundingBox())!;
	const mapBox = (await map.boundingBox())!;
	expect(mapBox.x).toBeGreaterThan(listBox.x + listBox.width - 1);
	await page.screenshot({ path: path.join(OUT_DIR, 'public-kaart-1920.png'), fullPage: true });

	await page.getByLabel('Zoeken', { exact: true }).fill('opvang');
	await page.getByRole('button', { name: 'Zoek' }).click();
	await expect(page).toHaveURL(/q=opvang/);
	const found = await list.count();
	expect(found).toBeGreaterThan(0);
	expect(found).toBeLessThan(total);
	for (const item of await list.all()) await expect(item).toContainText('Opvang voor kinderen.');
	await expect(page.locator('#kaart-count')).toContainText(`${found} van de ${total} plekken`);

	expectNoParticipantData(await page.content(), 'kaart page');
	// Ratings' free-text reasons never go public.
	expect(await page.content()).not.toContain('Zegt osm-');

	// Open data: CSV and GeoJSON with licence and source, same places, no participant data.
	const csv = await page.request.get(`/stadsdeel/zuid/sociale-kaart/${BUURT.code}/open-data.csv`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const csvText = await csv.text();
	const lines = csvText.replace(/^\uFEFF/, '').trim().split(/\r\n/);
	expect(lines[0]).toBe('id;name;category;lat;lon;address;layer;themes;for_whom;offers;condition;condition_voters;buurt_code;source;osm_id;published;licence;attribution');
	expect(lines.length - 1).toBe(total);
	for (const line of lines.slice(1)) expect(line).toContain('ODbL-1.0');
	const geo = await page.request.get(`/stadsdeel/zuid/sociale-kaart/${BUURT.code}/open-data.geojson`);
	expect(geo.headers()['content-type']).toContain('application/geo+json');
	const geojson = (await geo.json()) as { type: string; licence: string; source: string; features: { type: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] };
	expect(geojson.type).toBe('FeatureCollection');
	expect(geojson.licence).toBe('ODbL-1.0');
	expect(geojson.source).toBe(`${BASE}/stadsdeel/zuid/sociale-kaart/${BUURT.code}`);
	expect(geojson.features).toHaveLength(total);
	for (const feature of geojson.features) {
		expect(feature.type).toBe('Feature');
		expect(feature.geometry.type).toBe('Point');
		const [lon, lat] = feature.geometry.coordinates;
		expect(lon).toBeGreaterThan(5.6);
		expect(lon).toBeLessThan(5.8);
		expect(lat).toBeGreaterThan(50.78);
		expect(lat).toBeLessThan(50.93);
		expect(typeof feature.properties.name).toBe('string');
	}
	expect(geojson.features.find((f) => f.properties.osm_id === 'node/4728389979')?.properties.condition).toBe('goed');
	expectNoParticipantData(csvText, 'CSV');
	expectNoParticipantData(JSON.stringify(geojson), 'GeoJSON');

	// Round trip: both files go through the facility import into a fresh installation unchanged.
	for (const [extension, body] of [
		['csv', csvText],
		['geojson', JSON.stringify(geojson)]
	] as const) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-roundtrip-'));
		const file = path.join(dataDir, `kaart.${extension}`);
		fs.writeFileSync(file, body);
		// A fresh installation with its areas but no facilities at all: what is there afterwards came from the file.
		const fresh = openDatabase(dataDir);
		seedAreasIfEmpty(fresh);
		fresh.prepare('DELETE FROM facilities').run();
		fresh.close();
		execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'facilities:import', '--file', file], {
			env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
			encoding: 'utf8'
		});
		const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { readonly: true });
		expect((db.prepare('SELECT count(*) AS n FROM facilities').get() as { n: number }).n).toBe(geojson.features.length);
		for (const feature of geojson.features) {
			const [lon, lat] = feature.geometry.coordinates;
			const row = db
				.prepare('SELECT name, category, address, buurt_code FROM facilities WHERE abs(lat - ?) < 1e-7 AND abs(lon - ?) < 1e-7 AND name = ?')
				.get(lat, lon, feature.properties.name) as { name: string; category: string; address: string | null; buurt_code: string } | undefined;
			expect(row, `${extension}: ${feature.properties.name} came back`).toBeTruthy();
			expect(row!.category).toBe(feature.properties.category);
			expect(row!.address).toBe(feature.properties.address ?? null);
			expect(row!.buurt_code).toBe(BUURT.code);
		}
		db.close();
	}
	expect(sockets).toEqual([]);
	await context.close();
});

/** Every font size set in the PDF's page streams (`/F1 16 Tf`), with the text matrix scale applied. */
function fontSizes(pdf: Buffer): number[] {
	const sizes: number[] = [];
	const raw = pdf.toString('latin1');
	const streams = /stream\r?\n/g;
	let match: RegExpExecArray | null;
	while ((match = streams.exec(raw))) {
		const start = match.index + match[0].length;
		const end = raw.indexOf('endstream', start);
		const bytes = pdf.subarray(start, end);
		let content: string;
		try {
			content = zlib.inflateSync(bytes).toString('latin1');
		} catch {
			content = bytes.toString('latin1');
		}
		let scale = 1;
		for (const op of content.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) Tm|\/[A-Za-z0-9]+ ([\d.]+) Tf/g)) {
			if (op[7] !== undefined) sizes.push(Number(op[7]) * scale);
			else scale = Math.abs(Number(op[4]));
		}
	}
	return sizes;
}

test('4. the paper sociale kaart: A4, tagged, embedded fonts, nothing under 14 pt, grouped by need, map, QR, date, correction', async ({ browser }) => {
	const { context, page } = await anonymous(browser);
	const response = await page.request.get(`/stadsdeel/zuid/sociale-kaart/${BUURT.code}/papieren-kaart.pdf`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const pdf = await response.body();
	const file = path.join(OUT_DIR, 'papieren-kaart.pdf');
	fs.writeFileSync(file, pdf);

	const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	expect(info).toMatch(/Tagged:\s+yes/);
	expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
	expect(info).toContain(`Title:           Sociale kaart ${BUURT.name}`);
	const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
	expect(fonts.length).toBeGreaterThan(0);
	for (const font of fonts) expect(font, 'every font is embedded').toMatch(/FiraSans.*\syes\s+yes\s+yes/);

	// Lines wrap where the page ends; the sections are read as running text.
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	for (const expected of [
		`Sociale kaart ${BUURT.name}`,
		'Waar kunt u terecht in uw buurt?',
		'Hulp en zorg',
		'Kinderen en gezin',
		'Trombosedienst',
		'Inwoners vinden het: goed.',
		'Scan de code',
		'Gemaakt op',
		'Klopt er iets niet?',
		'Meld het bij Gemeente Maastricht, telefoon 14 043'
	]) {
		expect(text, expected).toContain(expected);
	}
	// The printed link may wrap; read without the line breaks it is the kaart's address.
	expect(text.replace(/ /g, '')).toContain(`${BASE}/stadsdeel/zuid/sociale-kaart/${BUURT.code}`);
	expectNoParticipantData(text, 'paper kaart');

	const sizes = fontSizes(pdf);
	expect(sizes.length).toBeGreaterThan(10);
	expect(Math.min(...sizes), 'smallest font size in pt').toBeGreaterThanOrEqual(14);

	execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(OUT_DIR, 'papieren-kaart')]);
	expect(fs.readdirSync(OUT_DIR).filter((f) => f.startsWith('papieren-kaart') && f.endsWith('.png')).length).toBeGreaterThan(0);
	await context.close();
});

test('5. the council report (DOCX and PDF): agreed version, each action since, money, what residents said since, what is next', async ({ browser }) => {
	// Since the publication: a resident writes a card at the next workshop, staff note progress today.
	const phone = await joinByCode(browser, secondWorkshop.joinCode, PARTICIPANTS[3]);
	const quote = 'Meer koffie-ochtenden voor ouderen in Heugem, graag op vrijdag';
	await addCard(phone, quote);
	await phone.context().close();
	await staff.goto(`/agenda/${workshop.agendaId}/voortgang/${actionIds.huiskamer}`);
	await staff.locator('#note-text').fill('Er komen elke week twintig mensen. De tweede huiskamer start in maart.');
	await staff.getByRole('button', { name: 'Notitie toevoegen' }).click();
	await expect(staff.getByRole('status')).toHaveText('Opgeslagen.');

	await staff.goto(`/agenda/${workshop.agendaId}/voortgang`);
	await expect(staff.getByRole('link', { name: 'Raadsrapportage (PDF)' })).toBeVisible();
	await staff.setViewportSize({ width: 1280, height: 800 });
	await staff.screenshot({ path: path.join(OUT_DIR, 'voortgang-1280.png'), fullPage: true });
	const pdfResponse = await staff.request.get(`/agenda/${workshop.agendaId}/raadsrapportage?format=pdf`);
	expect(pdfResponse.status()).toBe(200);
	const pdf = await pdfResponse.body();
	const file = path.join(OUT_DIR, 'raadsrapportage.pdf');
	fs.writeFileSync(file, pdf);
	expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
	for (const font of execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2)) expect(font).toMatch(/FiraSans.*\syes\s+yes\s+yes/);
	const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	for (const expected of [
		'Voortgang sociale agenda Zuid',
		'1. Wat is afgesproken',
		`in de versie “${VERSION_NAME}”`,
		`${BASE}/stadsdeel/zuid`,
		'2. Wat is er per actie gebeurd',
		ACTIONS.huiskamer,
		'Status: Bezig',
		'Er komen elke week twintig mensen.',
		'Waarom gestopt: De grond is van de provincie.',
		'3. Geld',
		'Afgesproken: € 16.000. Uitgegeven: € 3.000.',
		'4. Wat zeiden inwoners sindsdien',
		quote,
		'5. Wat komt er',
		'Tweede avond Heugem'
	]) {
		expect(text, expected).toContain(expected);
	}
	// A note from before the adoption is not "since".
	expect(text).not.toContain('De eerste huiskamer is open');
	expectNoParticipantData(text, 'council report PDF');
	const sizes = fontSizes(pdf);
	expect(Math.min(...sizes), 'smallest font size in pt').toBeGreaterThanOrEqual(11);
	execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(OUT_DIR, 'raadsrapportage')]);

	const docxResponse = await staff.request.get(`/agenda/${workshop.agendaId}/raadsrapportage?format=docx`);
	expect(docxResponse.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
	const docx = await docxResponse.body();
	fs.writeFileSync(path.join(OUT_DIR, 'raadsrapportage.docx'), docx);
	const xml = unzip(docx).get('word/document.xml')!.toString('utf8');
	expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
	expect(xml).toContain('<w:tblHeader/>');
	for (const expected of ['1. Wat is afgesproken', '3. Geld', '5. Wat komt er', ACTIONS.huiskamer, quote]) expect(xml).toContain(expected);
	expectNoParticipantData(xml, 'council report DOCX');
	expect(unzip(docx).get('word/styles.xml')!.toString('utf8')).toContain('nl-NL');

	// Without a staff session: sent to sign in; a bad format: a clear 400.
	const anon = await fetch(`${BASE}/agenda/${workshop.agendaId}/raadsrapportage?format=pdf`, { redirect: 'manual' });
	expect(anon.status).toBe(303);
	const bad = await staff.request.get(`/agenda/${workshop.agendaId}/raadsrapportage?format=exe`);
	expect(bad.status()).toBe(400);
	expect(await bad.json()).toEqual({ error: 'Kies format=docx of format=pdf.', field: 'format' });
});

test('6. the next cycle starts from this one: open actions with their status, the accepted inventory as the start for question 3', async () => {
	// An accepted element in this agenda: a participant of the open workshop proposes it as themselves, staff accept it.
	const resident = await joinApiAt(secondWorkshop.joinCode, 'Meneer Ezechiël Ploem', '65+', BUURT.code);
	const proposer = connectClient(WS, `agenda-${workshop.agendaId}`, resident.token);
	await proposer.synced;
	const proposed = proposeElement(proposer.doc, {
		name: 'Koffieochtend in de Kindertuin',
		category: 'meeting_place',
		layer: 'persoonlijk',
		targetGroups: ['ouderen'],
		place: { point: { lat: 50.8362, lon: 5.7125 }, buurtCode: BUURT.code },
		workshopId: secondWorkshop.workshopId,
		author: { id: resident.participantId, name: 'Meneer Ezechiël Ploem', kind: 'participant' }
	});
	expect(proposed.ok).toBe(true);
	const elementId = proposed.ok ? proposed.id : '';
	const client = connectClient(WS, `agenda-${workshop.agendaId}`, await staffToken(staff));
	await client.synced;
	await expect.poll(() => listElements(client.doc).some((e) => e.id === elementId)).toBe(true);
	acceptElement(client.doc, elementId, staffUserId());
	const check = connectClient(WS, `agenda-${workshop.agendaId}`, await staffToken(staff));
	await check.synced;
	await expect.poll(() => listElements(check.doc, { status: 'accepted' }).some((e) => e.id === elementId)).toBe(true);
	check.destroy();
	client.destroy();
	proposer.destroy();

	await staff.goto(`/agenda/${workshop.agendaId}/voortgang`);
	await staff.getByLabel('Nieuwe periode', { exact: true }).fill('2026');
	await staff.getByRole('button', { name: 'Nieuwe periode beginnen' }).click();
	await expect(staff.getByRole('alert')).toHaveText('Vul een nieuwe periode in, anders dan de huidige (hoogstens 40 tekens).');
	await staff.getByLabel('Nieuwe periode', { exact: true }).fill('2027');
	await staff.getByRole('button', { name: 'Nieuwe periode beginnen' }).click();
	await expect(staff).toHaveURL(/\/agenda\/[a-z0-9]+\/voortgang\?overgenomen=2$/);
	const newAgendaId = /\/agenda\/([a-z0-9]+)\//.exec(staff.url())![1];
	expect(newAgendaId).not.toBe(workshop.agendaId);
	await expect(staff.getByRole('status')).toHaveText('De nieuwe periode is begonnen. 2 open acties zijn overgenomen.');
	await expect(staff.getByRole('heading', { level: 1 })).toContainText('Sociale agenda Zuid 2027');
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.huiskamer })).toContainText('Bezig');
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.huiskamer })).toContainText('Trajekt en Buurtnetwerk Heugem');
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.later })).toContainText('Gepland');
	await expect(staff.getByRole('row').filter({ hasText: ACTIONS.bankjes })).toHaveCount(0);
	await staff.getByRole('link', { name: ACTIONS.huiskamer }).click();
	await expect(staff.locator('#history')).toContainText('Overgenomen uit');

	// The inventory is there as the start for question 3, as the staff member's, with no participant in it.
	const next = connectClient(WS, `agenda-${newAgendaId}`, await staffToken(staff));
	await next.synced;
	const copied = listElements(next.doc, { status: 'accepted' });
	expect(copied.map((e) => e.name)).toEqual(['Koffieochtend in de Kindertuin']);
	expect(copied[0]).toMatchObject({ authorKind: 'staff', authorName: '', targetGroups: ['ouderen'], buurtCode: BUURT.code });
	expect(JSON.stringify(next.doc.toJSON())).not.toContain('Ezechiël');
	next.destroy();

	// The same period twice: refused, in plain Dutch.
	await staff.goto(`/agenda/${workshop.agendaId}/voortgang`);
	await staff.getByLabel('Nieuwe periode', { exact: true }).fill('2027');
	await staff.getByRole('button', { name: 'Nieuwe periode beginnen' }).click();
	await expect(staff.getByRole('alert')).toHaveText('Voor deze periode is er al een agenda in dit stadsdeel.');
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
for (const locale of ['nl', 'en'] as const) {
	for (const viewport of [
		{ width: 360, height: 640 },
		{ width: 1920, height: 1080 }
	]) {
		test(`7. axe: public pages in ${locale} at ${viewport.width}×${viewport.height}`, async ({ browser }) => {
			test.setTimeout(120_000);
			const { context, page } = await anonymous(browser, viewport, locale);
			const pages = [`/stadsdeel/zuid`, `/stadsdeel/zuid/sociale-kaart/${BUURT.code}`, `/stadsdeel/zuid/sociale-kaart/${BUURT.code}?q=school`, '/stadsdeel/oost'];
			for (const url of pages) {
				await page.goto(url);
				if (url.includes('sociale-kaart')) await expect(page.locator('.leaflet-container')).toBeVisible();
				const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
				expect(results.violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
				expectNoParticipantData(await page.content(), url);
			}
			if (viewport.width === 360) await page.screenshot({ path: path.join(OUT_DIR, `public-kaart-${locale}-360.png`), fullPage: true });
			await context.close();
		});
		test(`8. axe: staff follow-up, publish pages in ${locale} at ${viewport.width}×${viewport.height}`, async ({ browser }) => {
			test.setTimeout(120_000);
			const signedIn = await staffPage(browser, locale);
			await signedIn.setViewportSize(viewport);
			for (const url of [`/agenda/${workshop.agendaId}/voortgang`, `/agenda/${workshop.agendaId}/voortgang/${actionIds.huiskamer}`, `/agenda/${workshop.agendaId}/publiceren`]) {
				await signedIn.goto(url);
				const results = await new AxeBuilder({ page: signedIn }).withTags(TAGS).analyze();
				expect(results.violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
			}
			await signedIn.context().close();
		});
	}
}
