/**
 * The strict Content-Security-Policy (kit.csp, src/lib/csp-directives.js) in a real browser: scripts
 * run only with this response's nonce, and the pages a participant uses still start, connect and
 * sync under it, with no policy violation reported.
 */
import { test, expect, type Page } from '@playwright/test';
import { createWorkshop } from './helpers/cli';
import { addCard, card, expectConnected, joinByCode } from './helpers/live';

/** Every CSP violation the page reports, as "directive blocked-uri". */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
	const fromConsole: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
	});
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { cspViolations: string[] }).cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
	});
	return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []))];
}

test('pages carry a nonce policy without unsafe-inline scripts, and a participant works under it', async ({ browser, request }) => {
	const workshop = createWorkshop('Zuid', 'CSP-avond');

	const response = await request.get(`/join/${workshop.joinCode}`);
	const policy = response.headers()['content-security-policy'] ?? '';
	const scriptSrc = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src ')) ?? '';
	expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+'$/);
	const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
	const html = await response.text();
	const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((match) => match[1]);
	expect(inlineScripts.length).toBeGreaterThan(0);
	for (const attributes of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);

	const phone = await joinByCode(browser, workshop.joinCode, 'Fenna');
	const violations = await recordViolations(phone);
	await phone.reload();
	await expectConnected(phone);
	await addCard(phone, 'Een speeltuin met schaduw.');
	await expect(card(phone, 'Een speeltuin met schaduw.')).toBeVisible();
	expect(await violations()).toEqual([]);
});
