/**
 * The dashboard of the sociale basis and the shareable-quote mark (issue 17). Staff mark a card as
 * "deelbaar citaat" in the browser; the dashboard per stadsdeel and for the city then shows actions
 * by status and theme, money against the budget lines, workshops held, reach, indicators over the
 * years ("geen reeks" for a single year) and the marked words, never a name, buurt or age. Real
 * server, real SQLite, real browser; cards are written by stock y-websocket clients with the
 * participants' own tokens, actions by a staff client, as the app's own forms do.
 *
 * Everything happens in stadsdeel West on an agenda period of its own, which no other spec uses;
 * on the city dashboard only this spec's own rows are checked.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { createWorkshop, type WorkshopLinks } from './helpers/cli';
import { staffPage } from './helpers/live';
import { E2E_ADMIN } from '../../playwright.config';
import { connectClient, writeCard } from '../helpers/yclient';
import { addAction, listActions } from '../../src/lib/sync/actions-schema';
import { listCards } from '../../src/lib/sync/agenda-schema';
import { AGE_BANDS } from '../../src/lib/domain/participants';

test.describe.configure({ mode: 'serial' });

const BASE = `http://127.0.0.1:${process.env.E2E_PORT}`;
const WS = `ws://127.0.0.1:${process.env.E2E_PORT}/sync`;
const OUT_DIR = path.join('test-results', 'dashboard');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** West: Mariaberg and Belfort. */
const BUURTEN = ['BU09350201', 'BU09350202'];
const PEOPLE = [
	{ name: 'Mevrouw Dashboarda Kwispel', ageBand: '65+', buurt: BUURTEN[0], text: 'Sinds de koffieochtend ken ik mijn buren weer (dash-q1)' },
	{ name: 'Meneer Grafiekus Staaf', ageBand: '45-64', buurt: BUURTEN[0], text: 'De bus naar het gezondheidscentrum rijdt te weinig (dash-q2)' },
	{ name: 'Juffrouw Tabella Rij', ageBand: '25-44', buurt: BUURTEN[1], text: 'Mijn zoon vond werk via het buurtnetwerk (dash-q3)' },
	{ name: 'Opa Legenda Kleur', ageBand: '65+', buurt: BUURTEN[1], text: 'Niemand weet waar de mantelzorgpunt is (dash-q4)' }
];

let workshop: WorkshopLinks;
let staff: Page;
let participants: { token: string; participantId: string }[];
let cardIds: string[];

function staffUserId(): string {
	const db = new Database(path.join(process.env.E2E_DATA_DIR!, 'wijktafel.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return (db.prepare('SELECT id FROM users WHERE email = ?').get(E2E_ADMIN.email) as { id: string }).id;
	} finally {
		db.close();
	}
}

async function staffToken(page: Page): Promise<string> {
	const cookie = (await page.context().cookies()).find((c) => c.name === 'wijktafel_staff');
	expect(cookie).toBeTruthy();
	return cookie!.value;
}

function expectNoParticipantData(html: string, where: string): void {
	for (const person of PEOPLE) {
		for (const part of [person.name, ...person.name.split(' ').slice(1)]) expect(html.includes(part), `${where} contains "${part}"`).toBe(false);
	}
}

/** The stories section of the dashboard: no buurt, no age next to the words. */
async function expectStoriesWithoutBuurtOrAge(page: Page): Promise<void> {
	const stories = (await page.locator('section[aria-labelledby="db-stories"]').innerText()).toLowerCase();
	for (const buurt of ['mariaberg', 'belfort']) expect(stories).not.toContain(buurt);
	for (const band of AGE_BANDS) expect(stories).not.toContain(band);
}

/**
 * Visible things a thumb must hit that are under 44×44 px; links inside running text are exempt
 * (WCAG's inline exception). The same rule as phone-targets.spec.ts, for these staff pages.
 */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const small: string[] = [];
		for (const element of document.querySelectorAll('main a[href], main button, main summary, main [tabindex]:not([tabindex="-1"])')) {
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || element.closest('.wt-visually-hidden')) continue;
			if (element.tagName === 'A') {
				const parent = element.parentElement;
				const around = parent?.textContent?.replace(element.textContent ?? '', '').trim() ?? '';
				if (parent && ['P', 'LI', 'SPAN', 'DD'].includes(parent.tagName) && around.length > 0) continue;
			}
			if (box.width + 0.5 < 44 || box.height + 0.5 < 44) small.push(`${element.tagName.toLowerCase()} "${(element as HTMLElement).innerText.trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
		}
		return small;
	});
}

async function post(page: Page, url: string, form: Record<string, string>): Promise<void> {
	const response = await page.request.post(url, { form, headers: { origin: BASE, accept: 'text/html' } });
	expect(response.status(), url).toBe(200);
}

test.beforeAll(async ({ browser }) => {
	test.setTimeout(120_000);
	fs.mkdirSync(OUT_DIR, { recursive: true });
	workshop = createWorkshop('West', 'Dashboard-avond Mariaberg', 'dashboard-e2e');
	staff = await staffPage(browser);

	// Four residents join and each writes a card from their own connection.
	participants = [];
	for (const person of PEOPLE) {
		const response = await fetch(`${BASE}/api/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code: workshop.joinCode, name: person.name, role: 'resident', ageBand: person.ageBand, buurt: person.buurt })
		});
		expect(response.status).toBe(200);
		participants.push((await response.json()) as { token: string; participantId: string });
	}
	cardIds = [];
	for (const [index, person] of PEOPLE.entries()) {
		const phone = connectClient(WS, `agenda-${workshop.agendaId}`, participants[index].token);
		await phone.synced;
		cardIds.push(writeCard(phone.doc, { id: participants[index].participantId, name: person.name, kind: 'participant', workshopId: workshop.workshopId }, person.text));
		await expect.poll(() => phone.provider.synced && phone.doc.getMap('cards').has(cardIds[index])).toBe(true);
		phone.destroy();
	}

	// Three agreed actions, written by a staff client as the facilitator's console does.
	const writer = connectClient(WS, `agenda-${workshop.agendaId}`, await staffToken(staff));
	await writer.synced;
	const actionIds = [
		{ title: 'Koffieochtend Mariaberg elke week', themeId: 'ontmoeten-eenzaamheid', amountEuros: 20_000, budgetLine: 'Buurtgericht werken' },
		{ title: 'Buurtbus naar het gezondheidscentrum', themeId: 'ontmoeten-eenzaamheid', amountEuros: 5_000, budgetLine: 'Eigen budget wijkraad' },
		{ title: 'Wegwijzer mantelzorgpunt', themeId: 'mantelzorg-informele-zorg' }
	].map((input) => {
		const result = addAction(writer.doc, { ...input, list: 'extra', quarter: 'Q3 2026', createdBy: staffUserId() });
		if (!result.ok) throw new Error(result.reason);
		return result.id;
	});
	const check = connectClient(WS, `agenda-${workshop.agendaId}`, await staffToken(staff));
	await check.synced;
	await expect.poll(() => actionIds.every((id) => listActions(check.doc).some((a) => a.id === id)) && listCards(check.doc).length === PEOPLE.length).toBe(true);
	check.destroy();
	writer.destroy();

	// Follow-up through the staff forms: one done with money spent, one in progress.
	const followUp = (actionId: string) => `/agenda/${workshop.agendaId}/voortgang/${actionId}`;
	await post(staff, `${followUp(actionIds[0])}?/status`, { status: 'klaar' });
	await post(staff, `${followUp(actionIds[0])}?/spending`, { amount: '8000', date: '2026-06-01', text: 'Koffie en huur' });
	await post(staff, `${followUp(actionIds[1])}?/status`, { status: 'bezig' });
	// The workshop took place.
	expect((await staff.request.post(`/api/workshops/${workshop.workshopId}/close`, { headers: { origin: BASE } })).status()).toBe(200);

	// Two years of one figure for these buurten (zorggebruik is in no shipped file): a series.
	await staff.goto('/admin/indicatoren');
	await staff
		.locator('#indicator-text')
		.fill(['buurt_code;indicator;value;year;source', ...BUURTEN.flatMap((code, i) => [`${code};zorggebruik;${30 + i};2022;Wmo-registratie`, `${code};zorggebruik;${34 + i};2024;Wmo-registratie`])].join('\n'));
	await staff.getByRole('button', { name: 'Inlezen' }).click();
	await expect(staff.getByRole('status').filter({ hasText: 'Gelukt.' })).toBeVisible();
});

test('1. staff mark a card as "deelbaar citaat"; a participant cannot; the dashboard shows only the marked words, without name, buurt or age', async () => {
	await staff.goto('/staff');
	await staff.getByRole('link', { name: 'Citaten kiezen' }).and(staff.locator(`[href="/agenda/${workshop.agendaId}/citaten"]`)).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText('Deelbare citaten');
	// The cards are listed by their words alone.
	expectNoParticipantData(await staff.content(), 'citaten');
	const first = staff.getByRole('listitem').filter({ hasText: PEOPLE[0].text });
	const third = staff.getByRole('listitem').filter({ hasText: PEOPLE[2].text });
	await first.getByRole('button', { name: /^Maak K\d+ deelbaar$/ }).click();
	await expect(staff.getByRole('status')).toHaveText('De kaart is nu een deelbaar citaat.');
	await expect(first).toContainText('Deelbaar citaat');
	await third.getByRole('button', { name: /^Maak K\d+ deelbaar$/ }).click();
	await expect(third).toContainText('Deelbaar citaat');
	await expect(staff.getByText('Deelbare citaten: 2.')).toBeVisible();

	// A participant's own token cannot mark (their own card) or unmark: 403 JSON, nothing changes.
	for (const [cardId, shareable] of [
		[cardIds[1], true],
		[cardIds[0], false]
	] as const) {
		const refused = await fetch(`${BASE}/api/agendas/${workshop.agendaId}/quotes`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${participants[1].token}` },
			body: JSON.stringify({ cardId, shareable })
		});
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { error: string }).error).toContain('not allowed');
	}

	await staff.goto('/dashboard/west');
	const stories = staff.locator('section[aria-labelledby="db-stories"]');
	await expect(stories.getByRole('heading', { name: 'Een paar verhalen' })).toBeVisible();
	await expect(stories.locator('blockquote')).toHaveCount(2);
	await expect(stories).toContainText(PEOPLE[0].text);
	await expect(stories).toContainText(PEOPLE[2].text);
	await expect(stories).not.toContainText(PEOPLE[1].text);
	expectNoParticipantData(await staff.content(), '/dashboard/west');
	await expectStoriesWithoutBuurtOrAge(staff);

	// Unmarked again: gone from the dashboard.
	await staff.goto(`/agenda/${workshop.agendaId}/citaten`);
	await staff.getByRole('listitem').filter({ hasText: PEOPLE[2].text }).getByRole('button', { name: /niet meer deelbaar$/ }).click();
	await expect(staff.getByRole('status')).toHaveText('De kaart is geen deelbaar citaat meer.');
	await staff.goto('/dashboard/west');
	await expect(stories.locator('blockquote')).toHaveCount(1);
	await expect(stories).not.toContainText(PEOPLE[2].text);
});

test('2. the dashboard per stadsdeel and for the city: actions, money, workshops, reach, indicators over time; every chart has a table', async () => {
	await staff.goto('/staff');
	await staff.getByRole('link', { name: 'Dashboard sociale basis' }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Dashboard sociale basis: Maastricht');
	await staff.getByRole('navigation', { name: 'Kies stad of stadsdeel' }).getByRole('link', { name: 'West', exact: true }).click();
	await expect(staff).toHaveURL(/\/dashboard\/west$/);
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Dashboard sociale basis: West');

	// Actions by status (chart, and the same numbers as a table) and by theme.
	await expect(staff.getByText('Er zijn 3 acties afgesproken.')).toBeVisible();
	const statusChart = staff.locator('figure').filter({ hasText: 'Acties per status' });
	await statusChart.getByText('Als tabel').click();
	const statusTable = statusChart.getByRole('table');
	for (const [status, n] of [
		['Gepland', '1'],
		['Bezig', '1'],
		['Klaar', '1'],
		['Gestopt', '0']
	]) {
		await expect(statusTable.getByRole('row', { name: new RegExp(`^${status}`) })).toContainText(n);
	}
	const themes = staff.getByRole('table', { name: 'Acties per thema en status' });
	await expect(themes.getByRole('row', { name: /Ontmoeten/ }).getByRole('cell')).toHaveText(['0', '1', '1', '0', '2']);
	await expect(themes.getByRole('row', { name: /Mantelzorg/ }).getByRole('cell')).toHaveText(['1', '0', '0', '0', '1']);

	// Money: committed and spent per budget line, against the policy's budget of this year.
	await expect(staff.getByText('Afgesproken: € 25.000. Uitgegeven: € 8.000 (32%).')).toBeVisible();
	const money = staff.getByRole('table', { name: 'Geld per begrotingspost' });
	await expect(money.getByRole('row', { name: /Buurtgericht werken/ }).getByRole('cell')).toHaveText(['€ 20.000', '€ 8.000', '40%', '€ 576.000']);
	await expect(money.getByRole('row', { name: /Eigen budget wijkraad/ }).getByRole('cell')).toHaveText(['€ 5.000', '€ 0', '0%', 'niet bekend']);
	// The money bars say what they are in words, not only by shade and stripes.
	await expect(staff.locator('figure').filter({ hasText: 'Afgesproken en uitgegeven' })).toContainText('Uitgegeven: € 8.000');

	// Workshops and reach (counts only; the four people are enough to show).
	await expect(staff.getByText('Gehouden: 1. Nog gepland: 0.')).toBeVisible();
	const reach = staff.getByTestId('reach-panel');
	await expect(reach.getByRole('heading', { name: 'Wie missen we nog?' })).toBeVisible();
	await expect(reach).toContainText('Aantal mensen dat meedoet: 4.');

	// Indicators: a series where two years were imported, "geen reeks" where only one.
	const zorg = staff.locator('.dashboard__series > li').filter({ has: staff.getByRole('heading', { name: /zorggebruik/i }) });
	await zorg.getByText('Als tabel').click();
	await expect(zorg.getByRole('row', { name: /^2022/ })).toContainText('30,5');
	await expect(zorg.getByRole('row', { name: /^2024/ })).toContainText('34,5');
	const single = staff.locator('.dashboard__series > li').filter({ has: staff.getByRole('heading', { name: /eenzaamheid/i }) });
	await expect(single).toContainText('Geen reeks.');
	await expect(single).toContainText('Alleen 2016 is ingelezen');

	// Every chart has its table; no bar is read out on its own.
	const charts = staff.locator('figure.chart');
	const withTable = staff.locator('figure.chart:has(details table)');
	expect(await withTable.count()).toBe((await charts.count()) - 1); // the money chart: the full table below it
	for (const bars of await staff.locator('.chart__bars').all()) await expect(bars).toHaveAttribute('aria-hidden', 'true');

	for (const viewport of [
		{ width: 360, height: 640 },
		{ width: 1280, height: 800 },
		{ width: 1920, height: 1080 }
	]) {
		await staff.setViewportSize(viewport);
		await staff.screenshot({ path: path.join(OUT_DIR, `dashboard-west-${viewport.width}.png`), fullPage: true });
	}
	await staff.setViewportSize({ width: 1366, height: 900 });

	// The city: a row per stadsdeel; West holds this spec's numbers, and the story is there too.
	await staff.goto('/dashboard');
	const west = staff.getByRole('table', { name: 'Per stadsdeel' }).getByRole('row', { name: /^West/ });
	await expect(west.getByRole('cell')).toHaveText(['3', '1', '€ 25.000', '€ 8.000', '1']);
	await expect(staff.locator('section[aria-labelledby="db-stories"]')).toContainText(PEOPLE[0].text);
	expectNoParticipantData(await staff.content(), '/dashboard');
	await staff.screenshot({ path: path.join(OUT_DIR, 'dashboard-city-1366.png'), fullPage: true });

	// The council report tells the same story (words only), in the PDF and the DOCX.
	const pdf = await staff.request.get(`/agenda/${workshop.agendaId}/raadsrapportage?format=pdf`);
	expect(pdf.status()).toBe(200);
	const pdfFile = path.join(OUT_DIR, 'raadsrapportage-west.pdf');
	fs.writeFileSync(pdfFile, await pdf.body());
	const reportText = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	expect(reportText).toContain('Verhalen die een begeleider deelbaar maakte (uit de hele periode, zonder namen):');
	expect(reportText).toContain(PEOPLE[0].text);
	// The workshop had no date; it was closed today, so it was held in this period (as the dashboard counts it).
	expect(reportText).toMatch(/Dashboard-avond Mariaberg gesloten op \d{1,2} \w+ \d{4}/);
	expect(reportText).not.toContain('Er waren in deze periode geen bijeenkomsten.');
	expectNoParticipantData(reportText, 'raadsrapportage');
	const docx = await staff.request.get(`/agenda/${workshop.agendaId}/raadsrapportage?format=docx`);
	expect(docx.status()).toBe(200);
	fs.writeFileSync(path.join(OUT_DIR, 'raadsrapportage-west.docx'), await docx.body());
	execFileSync('pdftoppm', ['-r', '60', '-png', pdfFile, path.join(OUT_DIR, 'raadsrapportage-west')]);

	// No login, no dashboard.
	const anonymous = await fetch(`${BASE}/dashboard/west`, { redirect: 'manual' });
	expect(anonymous.status).toBe(303);
	expect(anonymous.headers.get('location')).toMatch(/^\/login/);
	expect((await staff.request.get('/dashboard/nergens')).status()).toBe(404);
});

for (const locale of ['nl', 'en'] as const) {
	for (const viewport of [
		{ width: 360, height: 640 },
		{ width: 1920, height: 1080 }
	]) {
		test(`3. axe: dashboard and quote pages in ${locale} at ${viewport.width}×${viewport.height}`, async ({ browser }) => {
			test.setTimeout(120_000);
			const signedIn = await staffPage(browser, locale);
			await signedIn.setViewportSize(viewport);
			for (const url of ['/dashboard', '/dashboard/west', `/agenda/${workshop.agendaId}/citaten`]) {
				await signedIn.goto(url);
				await expect(signedIn.locator('h1')).toBeVisible();
				// The tables behind "Als tabel" are checked too.
				await signedIn.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
				const results = await new AxeBuilder({ page: signedIn }).withTags(TAGS).analyze();
				expect(results.violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
				if (viewport.width === 360) expect(await smallTargets(signedIn), `${url}: targets under 44×44 px`).toEqual([]);
				if (locale === 'en' && url === '/dashboard/west') await expect(signedIn.locator('h1')).toHaveText('Social basis dashboard: West');
			}
			if (locale === 'en') await signedIn.screenshot({ path: path.join(OUT_DIR, `citaten-en-${viewport.width}.png`), fullPage: true });
			await signedIn.context().close();
		});
	}
}
