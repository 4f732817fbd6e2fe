/**
 * Our own error page (src/routes/+error.svelte): plain words in Dutch and English, the error id that
 * handleError logged, a way back; WCAG AA by axe.
 */
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

for (const [locale, title, home] of [
	['nl', 'Deze pagina bestaat niet', 'Naar de startpagina'],
	['en', 'This page does not exist', 'To the home page']
] as const) {
	test(`an unknown page shows the error page with its id and a way home (${locale})`, async ({ browser }) => {
		const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: `http://127.0.0.1:${process.env.E2E_PORT}` }]);
		const page = await context.newPage();
		const response = await page.goto('/deze-pagina-bestaat-niet');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.locator('.error-page__code')).toHaveText(/^(Foutcode|Error code): [0-9a-f]{10}$/);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
		expect(results.violations.map((v) => v.id)).toEqual([]);
		await page.screenshot({ path: `test-results/error-page-${locale}.png` });
		const homeLink = page.getByRole('link', { name: home });
		const box = await homeLink.boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(44);
		await homeLink.click();
		await expect(page).toHaveURL(/\/$/);
		await context.close();
	});
}
