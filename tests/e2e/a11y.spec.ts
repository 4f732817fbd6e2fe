/**
 * WCAG 2.1 AA (the Dutch legal bar) on the live-workshop pages, in Dutch and in English:
 * axe-core reports no violations, and <html lang> says which language the page is in.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { PHONE, PROJECTOR, addCard, expectConnected, joinByCode, setLocaleCookie, staffPage } from './helpers/live';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page, locale: 'nl' | 'en', what: string): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on the ${what} page (${locale})`).toEqual([]);
}

for (const locale of ['nl', 'en'] as const) {
	test(`join, participant, facilitator and projector pages pass axe (${locale})`, async ({ browser }) => {
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

		const facilitator = await staffPage(browser, locale);
		await facilitator.goto(`/facilitate/${workshop.workshopId}`);
		await expectConnected(facilitator);
		await expect(facilitator.getByRole('article')).toHaveCount(1);
		await expectAccessible(facilitator, locale, 'facilitator');

		const screen = await browser.newContext(PROJECTOR);
		await setLocaleCookie(screen, locale);
		const projector = await screen.newPage();
		await projector.goto(workshop.projectorUrl);
		await expectConnected(projector);
		await expect(projector.getByRole('article')).toHaveCount(1);
		await expectAccessible(projector, locale, 'projector');
	});
}
