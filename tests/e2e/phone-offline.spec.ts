/**
 * A phone in a community centre with bad Wi-Fi: the service worker keeps the app, a reload while
 * offline shows the page with the phone's own cards, cards written offline say "nog niet verstuurd"
 * until the server has them, and a weights proposal made offline waits and is sent by itself.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { addCard, card, expectConnected, joinByCode, staffPage } from './helpers/live';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const Q1 = 'Wat is het karakter van het gebied?';

async function serviceWorkerInControl(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	// The first page load came before the worker; load once more so this page is its (and kept).
	await page.reload();
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
	await expectConnected(page);
}

async function expectAxeClean(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('offline reload keeps the app and the cards; pending marks until the server has them; a queued proposal is sent later', async ({ browser }) => {
	// A long walk (two reloads, eight steps, axe twice) on a shared two-core machine.
	test.setTimeout(180_000);
	const workshop = createWorkshop('Zuid', 'Avond zonder wifi');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const phone = await joinByCode(browser, workshop.joinCode, 'Dina');
	const other = await joinByCode(browser, workshop.joinCode, 'Evert');
	await serviceWorkerInControl(phone);

	// Online: a card is sent at once, and carries no mark.
	const online = 'Een buurthuis dat ook in het weekend open is.';
	await addCard(phone, online);
	await expect(card(other, online)).toBeVisible();
	await expect(card(phone, online).getByTestId('card-pending')).toHaveCount(0);

	// Offline: the card is written, marked, and nobody else has it.
	await phone.context().setOffline(true);
	await expect(phone.locator('[data-status="offline"]')).toBeVisible();
	const offline = 'Meer bankjes langs de Maas.';
	await addCard(phone, offline);
	await expect(card(phone, offline).getByTestId('card-pending')).toHaveText('nog niet verstuurd');
	await expectAxeClean(phone);

	// A reload without network: the app comes from the service worker, with both cards, the mark kept.
	await phone.reload();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(Q1);
	await expect(phone.locator('[data-status="offline"]')).toBeVisible();
	await expect(card(phone, online)).toBeVisible();
	await expect(card(phone, offline)).toBeVisible();
	await expect(card(phone, offline).getByTestId('card-pending')).toHaveText('nog niet verstuurd');
	await expect(card(other, offline)).toHaveCount(0);

	// Back online: the card reaches the others, and the mark goes once the server has it.
	await phone.context().setOffline(false);
	await expect(card(other, offline)).toBeVisible({ timeout: 15_000 });
	await expect(card(phone, offline).getByTestId('card-pending')).toHaveCount(0, { timeout: 10_000 });

	// Question 7: a weights proposal made offline waits (also across a reload) and is sent by itself.
	for (let step = 0; step < 6; step++) await facilitator.getByRole('button', { name: /Volgende vraag/ }).click();
	await expect(phone.getByTestId('budget-step')).toBeVisible();
	await expect(facilitator.getByTestId('weights-proposal')).toContainText('Nog niemand heeft gewichten voorgesteld.');
	await phone.context().setOffline(true);
	await expect(phone.locator('[data-status="offline"]')).toBeVisible();
	await phone.locator('#weight-eenzaamheid').fill('9');
	await phone.getByRole('button', { name: 'Stuur mijn voorstel' }).click();
	await expect(phone.getByText('Nog niet verstuurd. Zodra je weer verbinding hebt, gaat je keuze vanzelf mee.')).toBeVisible();
	await expectAxeClean(phone);

	await phone.reload();
	await expect(phone.getByTestId('budget-step')).toBeVisible();
	await expect(facilitator.getByTestId('weights-proposal')).not.toContainText('Aantal voorstellen: 1');

	await phone.context().setOffline(false);
	await expect(facilitator.getByTestId('weights-proposal')).toContainText('Aantal voorstellen: 1', { timeout: 15_000 });
	await expect(phone.getByText('Je voorstel is ontvangen. Je kunt het nog veranderen.')).toBeVisible();
});
