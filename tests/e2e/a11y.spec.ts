/**
 * WCAG 2.1 AA (the Dutch legal bar) on the live-workshop pages, in Dutch and in English:
 * axe-core reports no violations, and <html lang> says which language the page is in. The
 * facilitator page is checked with a card merged, so its merge controls and undo are covered.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { PHONE, PROJECTOR, addCard, card, expectConnected, joinByCode, setLocaleCookie, staffPage } from './helpers/live';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page, locale: 'nl' | 'en', what: string): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on the ${what} page (${locale})`).toEqual([]);
}

for (const locale of ['nl', 'en'] as const) {
	test(`join, participant, facilitator and projector pages pass axe (${locale})`, async ({ browser }) => {
		// Nine axe runs over five pages; on a shared 2-core machine that takes close to a minute.
		test.setTimeout(120_000);
		const workshop = createWorkshop('Zuid', `Toegankelijk ${locale}`);

		const visitor = await browser.newContext(PHONE);
		await setLocaleCookie(visitor, locale);
		const joinPage = await visitor.newPage();
		await joinPage.goto('/join');
		await expectAccessible(joinPage, locale, 'join (code)');
		await joinPage.goto(`/join/${workshop.joinCode}`);
		await expectAccessible(joinPage, locale, 'join');

		const phone = await joinByCode(browser, workshop.joinCode, 'Ans', locale);
		await expectConnected(phone);
		await addCard(phone, 'Een plek waar buren elkaar ontmoeten.');
		await expectAccessible(phone, locale, 'participant');
		await addCard(phone, 'Een bankje bij de bushalte.');
		await addCard(phone, 'Een plek om buren te ontmoeten.');

		const facilitator = await staffPage(browser, locale);
		await facilitator.goto(`/facilitate/${workshop.workshopId}`);
		await expectConnected(facilitator);
		await expect(facilitator.locator('#cards-list').getByRole('article')).toHaveCount(3);
		// The two look-alikes are suggested side by side, with the words they share (axe checks them below).
		await expect(facilitator.getByTestId('duplicates').getByRole('article')).toHaveCount(2);
		// With a card merged, the page has every merge control: the two steps, the undo, the flag.
		const duplicate = card(facilitator, 'Een plek om buren te ontmoeten.');
		await duplicate.getByRole('button', { name: locale === 'nl' ? /^Samenvoegen…/ : /^Merge…/ }).click();
		// Halfway through a merge the page shows the instruction and a target button on every other card.
		await expect(facilitator.locator('#merge-pick')).toBeFocused();
		await expectAccessible(facilitator, locale, 'facilitator (choosing where a card goes)');
		await card(facilitator, 'Een plek waar buren elkaar ontmoeten.')
			.getByRole('button', { name: locale === 'nl' ? /^Hierbij voegen/ : /^Merge into this one/ })
			.click();
		await expect(facilitator.getByRole('button', { name: locale === 'nl' ? 'Ongedaan maken' : 'Undo' })).toBeFocused();
		await expect(facilitator.getByRole('article')).toHaveCount(3);
		await expectAccessible(facilitator, locale, 'facilitator');
		await expect(card(phone, 'Een plek om buren te ontmoeten.')).toHaveCount(0);
		await expectAccessible(phone, locale, 'participant (a card merged)');

		const screen = await browser.newContext(PROJECTOR);
		await setLocaleCookie(screen, locale);
		const projector = await screen.newPage();
		await projector.goto(workshop.projectorUrl);
		await expectConnected(projector);
		await expect(projector.getByRole('article')).toHaveCount(2);
		await expect(card(projector, 'Een plek waar buren elkaar ontmoeten.')).toContainText(locale === 'nl' ? '1 kaartje samengevoegd' : '1 card merged');
		await expectAccessible(projector, locale, 'projector');
	});
}
