/**
 * Merging duplicates in the room: two phones write the same wish, the facilitator merges one card
 * into the other. The duplicate leaves the phones, the projector and the officials' agenda page; the
 * card it went into says so and counts everyone's +1 once. Undo brings the duplicate back everywhere.
 */
import { test, expect, type Page } from '@playwright/test';
import { createWorkshop } from './helpers/cli';
import { PROJECTOR, addCard, card, expectConnected, joinByCode, staffPage } from './helpers/live';

const ORIGINAL = 'Meer bankjes in het park.';
const DUPLICATE = 'Bankjes in het Pieterpark, alsjeblieft.';
const OTHER = 'Een buurtfeest in de zomer.';
const FLAG = '1 kaartje samengevoegd';

/** The live region the facilitator's page speaks through. */
const spoken = (page: Page) => page.locator('[aria-live="polite"]');

test('the facilitator merges a duplicate: it leaves every screen, the target says so, undo brings it back', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Samenvoeg-avond');

	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const ans = await joinByCode(browser, workshop.joinCode, 'Ans');
	const bram = await joinByCode(browser, workshop.joinCode, 'Bram');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	const agenda = await facilitator.context().newPage();
	await agenda.goto(`/agenda/${workshop.agendaId}`);
	for (const page of [facilitator, ans, bram, projector, agenda]) await expectConnected(page);

	await addCard(ans, ORIGINAL);
	await addCard(ans, OTHER);
	await addCard(bram, DUPLICATE);
	// Bram supports the original, Ans the duplicate: after the merge that is two people.
	await card(bram, ORIGINAL).getByRole('button', { name: 'Eens' }).click();
	await card(ans, DUPLICATE).getByRole('button', { name: 'Eens' }).click();
	for (const page of [facilitator, ans, bram, projector, agenda]) await expect(card(page, DUPLICATE)).toBeVisible();
	await expect(card(projector, ORIGINAL)).toContainText('+1: 1');

	// Step 1: pick the duplicate. The page says what to do next and every other card offers itself.
	const duplicateOnLaptop = card(facilitator, DUPLICATE);
	await duplicateOnLaptop.getByRole('button', { name: /^Samenvoegen…/ }).click();
	const instruction = facilitator.locator('#merge-pick');
	await expect(instruction).toBeFocused();
	await expect(instruction).toContainText(`Welk kaartje zegt hetzelfde als “${DUPLICATE}”?`);
	await expect(duplicateOnLaptop.getByRole('button', { name: 'Niet samenvoegen' })).toHaveAttribute('aria-pressed', 'true');
	await expect(card(facilitator, OTHER).getByRole('button', { name: /^Hierbij voegen/ })).toBeVisible();

	// Esc stops without merging and puts the keyboard back where it was.
	await facilitator.keyboard.press('Escape');
	await expect(instruction).toHaveCount(0);
	await expect(duplicateOnLaptop.getByRole('button', { name: /^Samenvoegen…/ })).toBeFocused();

	// Step 2: pick again, then the card it joins.
	await duplicateOnLaptop.getByRole('button', { name: /^Samenvoegen…/ }).click();
	await card(facilitator, ORIGINAL).getByRole('button', { name: /^Hierbij voegen/ }).click();

	// The duplicate leaves every screen; the original says so and counts both supporters.
	for (const page of [ans, bram, projector, agenda]) {
		await expect(card(page, DUPLICATE)).toHaveCount(0);
		await expect(card(page, ORIGINAL)).toContainText(FLAG);
	}
	for (const page of [ans, bram, projector]) await expect(card(page, ORIGINAL)).toContainText('+1: 2');
	await expect(card(projector, OTHER)).not.toContainText('samengevoegd');
	await expect(projector.getByRole('heading', { name: 'Kaartjes (2)' })).toBeVisible();

	// The facilitator hears it, keeps the duplicate under "merged" with its undo, and lands on that undo.
	await expect(spoken(facilitator)).toHaveText(`Samengevoegd. Het kaartje staat nu bij: ${ORIGINAL}`);
	await expect(facilitator.getByRole('heading', { name: 'Samengevoegd (1)' })).toBeVisible();
	await expect(facilitator.getByRole('heading', { name: 'Kaartjes (2)' })).toBeVisible();
	const merged = card(facilitator, DUPLICATE);
	await expect(merged).toContainText(`Samengevoegd met: ${ORIGINAL}`);
	const undo = merged.getByRole('button', { name: 'Ongedaan maken' });
	await expect(undo).toBeFocused();
	// The original, now with one other card beside it, can still be merged itself.
	await expect(card(facilitator, ORIGINAL).getByRole('button', { name: /^Samenvoegen…/ })).toBeVisible();

	// Undo, from the keyboard: the duplicate is back everywhere and the flag is gone.
	await facilitator.keyboard.press('Enter');
	for (const page of [ans, bram, projector, agenda]) {
		await expect(card(page, DUPLICATE)).toBeVisible();
		await expect(card(page, ORIGINAL)).not.toContainText('samengevoegd');
	}
	await expect(card(projector, ORIGINAL)).toContainText('+1: 1');
	await expect(spoken(facilitator)).toHaveText(`Ongedaan gemaakt. Het kaartje staat weer los: ${DUPLICATE}`);
	await expect(facilitator.getByRole('heading', { name: 'Samengevoegd (0)' })).toBeVisible();
	await expect(facilitator.getByText('Nog geen kaartjes samengevoegd.', { exact: false })).toBeVisible();
	await expect(card(facilitator, DUPLICATE).getByRole('button').first()).toBeFocused();
});
