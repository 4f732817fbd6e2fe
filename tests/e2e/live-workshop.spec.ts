/**
 * A live workshop as it happens in the room: a facilitator on a laptop, two phones (360×640, each its
 * own browser) and the projector. Steps and cards reach everyone within a second; a phone that loses
 * the Wi-Fi keeps its cards and sends them when it is back; a hidden card leaves every screen.
 */
import { test, expect } from '@playwright/test';
import { createWorkshop } from './helpers/cli';
import { PROJECTOR, addCard, card, expectConnected, joinByCode, staffPage } from './helpers/live';

const Q1 = 'Wat is het karakter van het gebied?';
const Q2 = 'Welke behoeften zijn er?';

test('facilitator, two phones and the projector stay in step', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Live-avond Heugem');

	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	await expect(facilitator.getByRole('heading', { level: 1 })).toHaveText('Live-avond Heugem');

	const phone1 = await joinByCode(browser, workshop.joinCode, 'Ans');
	const phone2 = await joinByCode(browser, workshop.joinCode, 'Bram');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);

	for (const page of [facilitator, phone1, phone2, projector]) await expectConnected(page);
	await expect(phone1.getByRole('heading', { level: 1 })).toHaveText(Q1);
	// Presence: the facilitator sees both phones.
	await expect(facilitator.locator('.facilitate__status').getByText('Deelnemers: 2')).toBeVisible();
	await expect(projector.getByText('Deelnemers: 2')).toBeVisible();

	// A step change shows everywhere within 1 s.
	await facilitator.getByRole('button', { name: /Volgende vraag/ }).click();
	await expect(phone1.getByRole('heading', { level: 1 })).toHaveText(Q2, { timeout: 1000 });
	await expect(phone2.getByRole('heading', { level: 1 })).toHaveText(Q2, { timeout: 1000 });
	await expect(projector.getByRole('heading', { name: Q2 })).toBeVisible({ timeout: 1000 });

	// A card from phone 1 shows on phone 2, the projector and the facilitator within 1 s.
	const fromPhone1 = 'Jongeren willen een plek om samen te zijn.';
	await addCard(phone1, fromPhone1);
	await expect(card(phone2, fromPhone1)).toBeVisible({ timeout: 1000 });
	await expect(card(projector, fromPhone1)).toBeVisible({ timeout: 1000 });
	await expect(card(facilitator, fromPhone1)).toBeVisible({ timeout: 1000 });

	// Phone 2 loses the Wi-Fi, writes two cards, and comes back.
	await phone2.context().setOffline(true);
	await expect(phone2.locator('[data-status="offline"]')).toBeVisible({ timeout: 1000 });
	await expect(phone2.getByText('Geen verbinding', { exact: true })).toBeVisible();
	const offline1 = 'Meer hulp bij formulieren voor ouderen.';
	const offline2 = 'Een bankje bij de bushalte.';
	await addCard(phone2, offline1);
	await addCard(phone2, offline2);
	await expect(card(phone2, offline1)).toBeVisible();
	await expect(card(phone2, offline2)).toBeVisible();
	await expect(card(phone1, offline1)).toHaveCount(0);
	await phone2.context().setOffline(false);
	await expectConnected(phone2);
	for (const page of [phone1, projector, facilitator]) {
		await expect(card(page, offline1)).toBeVisible();
		await expect(card(page, offline2)).toBeVisible();
	}

	// Hiding a card takes it off every screen.
	await card(facilitator, offline2).getByRole('button', { name: 'Verbergen' }).click();
	await expect(card(phone1, offline2)).toHaveCount(0, { timeout: 1000 });
	await expect(card(phone2, offline2)).toHaveCount(0, { timeout: 1000 });
	await expect(card(projector, offline2)).toHaveCount(0, { timeout: 1000 });
	// The facilitator keeps it under "hidden", to restore.
	await expect(facilitator.getByRole('heading', { name: 'Verborgen kaartjes (1)' })).toBeVisible();
	await expect(card(phone1, fromPhone1)).toBeVisible();

	// Closing: phones are told at once and stop offering to write; the cards stay readable.
	await facilitator.getByRole('button', { name: 'Bijeenkomst sluiten' }).click();
	await facilitator.getByRole('button', { name: 'Ja, sluit de bijeenkomst' }).click();
	await expect(facilitator.getByText('Deze bijeenkomst is gesloten.').first()).toBeVisible();
	for (const page of [phone1, phone2]) {
		await expect(page.getByText(/De bijeenkomst is gesloten/)).toBeVisible({ timeout: 1000 });
		await expect(page.locator('#new-card-text')).toHaveCount(0);
		await expect(card(page, fromPhone1)).toBeVisible();
	}
	await expect(projector.getByText(/De bijeenkomst is gesloten/)).toBeVisible({ timeout: 1000 });
});

test('when someone is forgotten, other phones drop their old copy and never bring the card back', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Vergeet-mij-avond');
	const ans = await joinByCode(browser, workshop.joinCode, 'Ans');
	const bram = await joinByCode(browser, workshop.joinCode, 'Bram');
	await expectConnected(ans);
	await expectConnected(bram);
	const fromAns = 'Ans wil dit later toch niet meer.';
	const fromBram = 'Bram zijn kaartje blijft staan.';
	await addCard(ans, fromAns);
	await addCard(bram, fromBram);
	await expect(card(bram, fromAns)).toBeVisible();
	await expect(card(ans, fromBram)).toBeVisible();

	const status = await ans.evaluate(async () => (await fetch('/api/me/forget', { method: 'POST' })).status);
	expect(status).toBe(200);

	// The server rebuilt the agenda doc (4409): Bram's phone clears its local copy and starts fresh.
	await expect(bram.locator('[data-status="online"][data-resets="1"]')).toBeVisible();
	await expect(card(bram, fromAns)).toHaveCount(0);
	await expect(card(bram, fromBram)).toBeVisible();
	await bram.reload();
	await expectConnected(bram);
	await expect(card(bram, fromBram)).toBeVisible();
	await expect(card(bram, fromAns)).toHaveCount(0);
	// Ans's session is gone: her phone says so instead of pretending to be connected.
	await expect(ans.locator('[data-status="closed"]')).toBeVisible();
});

test('a phone that leaves stops counting within 5 s, on the other phone, the console and the projector', async ({ browser }) => {
	const workshop = createWorkshop('Noord-West', 'Aanwezig-avond');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const staying = await joinByCode(browser, workshop.joinCode, 'Blijft');
	const leaving = await joinByCode(browser, workshop.joinCode, 'Gaat');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	for (const page of [facilitator, staying, leaving, projector]) await expectConnected(page);
	await expect(facilitator.locator('.facilitate__status').getByText('Deelnemers: 2')).toBeVisible();
	await expect(projector.getByText('Deelnemers: 2')).toBeVisible();
	await expect(staying.getByText('Aanwezig: 2')).toBeVisible();

	// The phone is put away: its tab (here: its whole browser) closes.
	await leaving.context().close();
	await expect(staying.getByText('Aanwezig: 1')).toBeVisible({ timeout: 5_000 });
	await expect(facilitator.locator('.facilitate__status').getByText('Deelnemers: 1')).toBeVisible({ timeout: 5_000 });
	await expect(projector.getByText('Deelnemers: 1')).toBeVisible({ timeout: 5_000 });
});

test('a new question shows on the phone from its top, but not while the person is typing', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Nieuwe-vraag-avond', '2035');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const phone = await joinByCode(browser, workshop.joinCode, 'Door');
	await expectConnected(phone);
	for (const text of ['Een bankje bij de kerk.', 'Meer licht in het park.', 'Een buurtkamer voor iedereen.']) await addCard(phone, text);
	// Reading the cards, low on the page.
	await phone.locator('footer').scrollIntoViewIfNeeded();
	await expect(phone.getByRole('heading', { level: 1 })).not.toBeInViewport();

	await facilitator.getByRole('button', { name: /Volgende vraag/ }).click();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(Q2);
	await expect(phone.getByRole('heading', { level: 1 })).toBeInViewport();

	// Typing a card when the room moves on: the field and its words stay where the person is.
	await phone.locator('footer').scrollIntoViewIfNeeded();
	await phone.locator('#new-card-text').fill('Ik was nog aan het schrijven');
	await expect(phone.locator('#new-card-text')).toBeFocused();
	const fieldWasAt = (await phone.locator('#new-card-text').boundingBox())!.y;
	await facilitator.getByRole('button', { name: /Volgende vraag/ }).click();
	await expect(phone.getByRole('heading', { level: 1 })).not.toHaveText(Q2);
	await expect(phone.locator('#new-card-text')).toHaveValue('Ik was nog aan het schrijven');
	await expect(phone.locator('#new-card-text')).toBeFocused();
	await expect(phone.locator('#new-card-text')).toBeInViewport();
	// Where it was on the screen (give or take the new question's text above it re-flowing), not at the top.
	expect(Math.abs((await phone.locator('#new-card-text').boundingBox())!.y - fieldWasAt)).toBeLessThan(40);
	await phone.context().close();
	await facilitator.context().close();
});
