/** Shared steps for the live-workshop e2e tests: phones joining, staff logging in, cards. */
import { expect, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';

export const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };
export const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
export const LAPTOP = { viewport: { width: 1366, height: 900 } };

/** A new phone (own browser context) that joins with the code, as a resident typed it. */
export async function joinByCode(browser: Browser, joinCode: string, name: string, locale: 'nl' | 'en' = 'nl'): Promise<Page> {
	const context = await browser.newContext(PHONE);
	if (locale === 'en') await setLocaleCookie(context, 'en');
	const page = await context.newPage();
	await page.goto(`/join/${joinCode}`);
	await page.locator('#join-name').fill(name);
	await page.locator('form[method="POST"] button[type="submit"]').click();
	await expect(page).toHaveURL(/\/workshop\/[a-z0-9]+$/);
	return page;
}

export async function setLocaleCookie(context: import('@playwright/test').BrowserContext, locale: 'nl' | 'en'): Promise<void> {
	const url = new URL(`http://127.0.0.1:${process.env.E2E_PORT}`);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, domain: url.hostname, path: '/' }]);
}

/** Staff sign in through /login with the admin the server created at start. */
export async function staffPage(browser: Browser, locale: 'nl' | 'en' = 'nl'): Promise<Page> {
	const context = await browser.newContext(LAPTOP);
	if (locale === 'en') await setLocaleCookie(context, 'en');
	const page = await context.newPage();
	await page.goto('/login');
	// On a cold server the form hydrates late and would clear what was typed before it.
	await page.waitForLoadState('networkidle');
	await page.locator('#email').fill(E2E_ADMIN.email);
	await page.locator('#password').fill(E2E_ADMIN.password);
	await page.locator('form button[type="submit"]').click();
	await expect(page).not.toHaveURL(/\/login/);
	return page;
}

export async function addCard(page: Page, text: string): Promise<void> {
	await page.locator('#new-card-text').fill(text);
	await page.locator('#new-card-text').press('Tab');
	await page.locator('form:has(#new-card-text) button[type="submit"]').click();
	await expect(page.locator('#new-card-text')).toHaveValue('');
}

/**
 * The card whose own text holds `text`. Matching on the card's text, not the whole article, keeps
 * out cards that only mention it: the facilitator's "merge with…" options and "merged with: …" lines.
 */
export function card(page: Page, text: string) {
	return page.getByRole('article').filter({ has: page.locator('.card__text', { hasText: text }) });
}

export async function expectConnected(page: Page): Promise<void> {
	await expect(page.locator('[data-status="online"]').first()).toBeVisible();
}
