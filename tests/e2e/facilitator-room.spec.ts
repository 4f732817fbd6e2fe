/**
 * The facilitator's side of the room (issue #13): the readiness check warns before the evening
 * about what is missing (question 7's indicators first), date, place and focus buurten are set on
 * the page, and cards entered on someone's behalf count in reach as "via begeleider".
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { LAPTOP, PROJECTOR, card, expectConnected, staffPage } from './helpers/live';
import { createWorkshop as createWorkshopIn, freePort, runCli, startTestServer } from '../helpers/server';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on ${what}`).toEqual([]);
}

test('the readiness check: the shipped indicator figures count, missing date and place warn, and date, place and buurten can be set', async ({ browser }) => {
	const workshop = createWorkshop('Oost', 'Klaar-of-niet-avond');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const ready = facilitator.getByTestId('readiness');
	await expect(ready.getByRole('heading', { name: 'Klaar voor de bijeenkomst?' })).toBeVisible();
	// Question 7's figures ship with the app (CBS 2017/2025, GGD 2016): present on a fresh start.
	// (Without figures it warns: the next test, on an installation that skips the shipped ones.)
	const indicators = ready.locator('[data-item="indicators"]');
	await expect(indicators).toHaveAttribute('data-ok', 'true');
	await expect(ready.locator('[data-item="date"]')).toHaveAttribute('data-ok', 'false');
	await expect(ready.locator('[data-item="place"]')).toHaveAttribute('data-ok', 'false');
	await expect(ready.locator('[data-item="facilities"]')).toHaveAttribute('data-ok', 'true');
	await expect(ready.locator('[data-item="projector"]')).toHaveAttribute('data-ok', 'false');

	// The screen opens: the check sees it live.
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	await expectConnected(projector);
	await expect(ready.locator('[data-item="projector"]')).toHaveAttribute('data-ok', 'true');

	// Date, place and focus buurten, set on the page (a bad date is refused in plain Dutch first).
	await ready.getByRole('button', { name: 'Datum, plaats en buurten aanpassen' }).click();
	await expectAccessible(facilitator, 'the console with the readiness check and the details form open');
	await ready.getByLabel('Datum').fill('2026-12-10');
	await ready.getByLabel('Begintijd').fill('19:30');
	await ready.getByLabel('Plaats').fill('Buurtcentrum De Romein');
	const firstBuurt = ready.getByRole('checkbox').first();
	const code = await firstBuurt.getAttribute('value');
	expect(code).toMatch(/^BU\d{8}$/);
	await firstBuurt.check();
	await ready.getByRole('button', { name: 'Opslaan' }).click();
	await expect(ready.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
	await expect(ready.locator('[data-item="date"]')).toHaveAttribute('data-ok', 'true');
	await expect(ready.locator('[data-item="date"]')).toContainText('2026-12-10 19:30');
	await expect(ready.locator('[data-item="place"]')).toContainText('Buurtcentrum De Romein');
	await expect(ready.locator('[data-item="focus"]')).toContainText('1 gekozen');
	// Kept after a reload, and changeable again.
	await facilitator.reload();
	await expect(ready.locator('[data-item="place"]')).toContainText('Buurtcentrum De Romein');

	// A newer figure an admin loads for the chosen buurt keeps the check green.
	const admin = await staffPage(browser);
	await admin.goto('/admin/indicatoren');
	await admin.locator('#indicator-text').fill(['buurt_code;indicator;value;year;source', `${code};eenzaamheid;47,9;2024;GGD-monitor`].join('\n'));
	await admin.getByRole('button', { name: 'Inlezen' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Gelukt.' })).toBeVisible();
	await facilitator.reload();
	await expect(ready.locator('[data-item="indicators"]')).toHaveAttribute('data-ok', 'true');
});

test('without indicator figures, the readiness check warns that question 7 will show "geen index"', async ({ browser }) => {
	// An installation that does not load the shipped figures (SHIPPED_FIGURES=skip) and has imported none.
	const env = { SHIPPED_FIGURES: 'skip' };
	const port = await freePort();
	const server = await startTestServer({ compiled: true, port, env: { ...env, ORIGIN: `http://127.0.0.1:${port}` } });
	try {
		const workshop = await createWorkshopIn(server.dataDir, 'Zuid', 'Zonder-cijfers-avond', env);
		const email = 'zonder-cijfers@wijktafel.test';
		const added = await runCli(['user:add', '--email', email, '--password', 'een-lang-wachtwoord', '--role', 'facilitator'], { ...env, DATA_DIR: server.dataDir });
		expect(added.code, added.stderr).toBe(0);
		const page = await (await browser.newContext({ ...LAPTOP, baseURL: server.url })).newPage();
		await page.goto('/login');
		await page.waitForLoadState('networkidle');
		await page.locator('#email').fill(email);
		await page.locator('#password').fill('een-lang-wachtwoord');
		await page.locator('form button[type="submit"]').click();
		await expect(page).not.toHaveURL(/\/login/);
		await page.goto(`/facilitate/${workshop.workshopId}`);
		const indicators = page.getByTestId('readiness').locator('[data-item="indicators"]');
		await expect(indicators).toHaveAttribute('data-ok', 'false');
		await expect(indicators).toContainText('geen index');
		await expectAccessible(page, 'facilitator console, readiness without figures');
	} finally {
		await server.kill();
	}
});

test('cards entered on someone’s behalf show on the screen and count in reach as "via begeleider"', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Namens-iemand-avond');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	await expectConnected(projector);
	await expectConnected(facilitator);

	const form = facilitator.getByTestId('assisted-entry');
	const texts = ['Ik kom niet meer de trap op bij de bieb.', 'Er is geen pinautomaat meer in de wijk.', 'De bus rijdt ’s avonds niet.'];
	for (const [index, text] of texts.entries()) {
		await form.getByLabel('Wat zegt deze persoon?').fill(text);
		if (index === 1) await form.getByLabel('Doet mee als').selectOption('partner');
		await form.getByRole('button', { name: 'Kaartje plaatsen namens deze persoon' }).click();
		await expect(form.getByRole('status')).toHaveText('Het kaartje staat erbij.');
		await expect(card(projector, text)).toBeVisible({ timeout: 1000 });
		await expect(card(projector, text)).toContainText('via begeleider');
	}
	// A second card for the same person is one more card, not one more person.
	await form.getByLabel('Wat zegt deze persoon?').fill('En een bankje bij de halte.');
	await form.getByLabel('Zelfde persoon als het vorige kaartje').check();
	await form.getByRole('button', { name: 'Kaartje plaatsen namens deze persoon' }).click();
	await expect(card(facilitator, 'En een bankje bij de halte.')).toBeVisible();
	await expectAccessible(facilitator, 'the console with the assisted-entry form');

	await facilitator.goto(`/facilitate/${workshop.workshopId}/bereik`);
	await expect(facilitator.getByTestId('reach-assisted')).toHaveText('Via begeleider (zonder eigen telefoon): 3');
	await expect(facilitator.getByTestId('reach-panel')).toContainText('3');
});
