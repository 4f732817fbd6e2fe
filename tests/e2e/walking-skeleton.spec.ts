/**
 * The thinnest slice through everything: a workshop made with the CLI, a participant joins by code,
 * sees the first question and adds a card; a second participant and the projector see it arrive;
 * a reload keeps it.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { createWorkshop } from './helpers/cli';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

async function joinByCode(browser: Browser, joinCode: string, name: string): Promise<Page> {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await page.goto('/join');
	await page.getByLabel('Code', { exact: true }).fill(joinCode.toLowerCase());
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page).toHaveURL(new RegExp(`/join/${joinCode}$`));
	await page.getByLabel(/Je naam/).fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page).toHaveURL(/\/workshop\/[a-z0-9]+$/);
	return page;
}

test('join by code, add a card, see it live elsewhere, keep it after a reload', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Skelet-avond');

	const first = await joinByCode(browser, workshop.joinCode, 'Ans');
	await expect(first).toHaveURL(`/workshop/${workshop.workshopId}`);
	await expect(first.getByRole('heading', { level: 1 })).toHaveText('Wat is het karakter van het gebied?');
	await expect(first.getByText('Je doet mee als Ans')).toBeVisible();

	const second = await joinByCode(browser, workshop.joinCode, '');
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('Wat is het karakter van het gebied?');

	const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const projector = await projectorContext.newPage();
	await projector.goto(workshop.projectorUrl);
	await expect(projector.getByText(workshop.joinCode, { exact: true })).toBeVisible();
	await expect(projector.getByRole('heading', { name: 'Wat is het karakter van het gebied?' })).toBeVisible();
	// Everyone is connected before the card is written, so "live" means live.
	for (const page of [first, second]) await expect(page.getByText('Verbonden', { exact: true })).toBeVisible();
	await expect(projector.getByText('Verbonden', { exact: true })).toBeVisible();

	const text = 'Veel ouderen wonen hier al lang en kennen elkaar.';
	await first.getByLabel('Schrijf een kort antwoord op een kaartje').fill(text);
	await expect(first.getByText(`${[...text].length} van 280 tekens`)).toBeVisible();
	await first.getByRole('button', { name: 'Kaartje plaatsen' }).click();

	await expect(first.getByRole('article').filter({ hasText: text })).toBeVisible();
	await expect(second.getByRole('article').filter({ hasText: text })).toBeVisible();
	await expect(second.getByRole('article').filter({ hasText: text })).toContainText('van Ans');
	await expect(projector.getByRole('article').filter({ hasText: text })).toBeVisible();

	await first.reload();
	await expect(first.getByRole('article').filter({ hasText: text })).toBeVisible();
	await second.reload();
	await expect(second.getByRole('article').filter({ hasText: text })).toBeVisible();
});
