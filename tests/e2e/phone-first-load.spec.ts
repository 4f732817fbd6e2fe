/**
 * A resident's first visit, as the old-phone work shaped it (tests/bench/old-phone.ts has the timing):
 *  - the code step opens the name step in place: no second page load;
 *  - the join steps fetch no web fonts; the participant page fetches them once it works, switches
 *    to them, and from then on the server renders pages in Fira Sans straight away;
 *  - each question's part of the page arrives on its own (step-loader.ts), and shows its question;
 *  - while the name is typed, the name step fetches the participant page and the step of the
 *    question the room is on (join-flow-preloader.ts), and the participant page's HTML names no
 *    step's stylesheet (a step brings its own).
 */
import { test, expect, type Request } from '@playwright/test';
import { createWorkshop } from './helpers/cli';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };

test('join in place, web fonts only once the participant page works, then straight away', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Eerste-bezoek-avond');
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const fonts: { url: string; path: string }[] = [];
	const documents: string[] = [];
	page.on('request', (request: Request) => {
		if (request.url().endsWith('.woff2')) fonts.push({ url: request.url(), path: new URL(page.url()).pathname });
		if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname);
	});

	await page.goto('/join');
	// The page's scripts have arrived and run, as on a resident's phone before they finish typing.
	await page.waitForLoadState('networkidle');
	// Its preload queue read the list of the next pages' files and fetched them (stylesheets as style preloads).
	await expect(page.locator('head link[rel="preload"][as="style"][href*="/_app/immutable/assets/"]')).not.toHaveCount(0);
	await page.getByLabel('Code', { exact: true }).fill(`${workshop.joinCode.slice(0, 3)} ${workshop.joinCode.slice(3)}`);
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page).toHaveURL(new RegExp(`/join/${workshop.joinCode}$`));
	await page.getByLabel(/Je naam/).fill('Fien');
	expect(documents, 'the name step opened without loading a new page').toEqual(['/join']);
	expect(fonts, 'no web font on the join steps').toEqual([]);
	const theme = page.locator('.maastricht-theme');
	await expect(theme).not.toHaveClass(/wt-web-fonts/);

	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page).toHaveURL(`/workshop/${workshop.workshopId}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wat is het karakter van het gebied?');
	await expect(theme).toHaveClass(/wt-web-fonts/);
	expect(fonts.length).toBeGreaterThanOrEqual(1);
	expect(fonts.every((font) => font.path.startsWith('/workshop/'))).toBe(true);
	expect(await theme.evaluate((element) => getComputedStyle(element).fontFamily)).toContain('Fira Sans');

	// Next visit: the server knows this browser has the fonts and renders the page in them at once.
	const response = await page.reload();
	expect(await response?.text()).toMatch(/class="[^"]*wt-web-fonts/);
	await context.close();
});

test('a wrong code typed on the code step is answered on the page of that code, with the field focused', async ({ browser }) => {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	await page.goto('/join');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Code', { exact: true }).fill('ZZZZZZ');
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page).toHaveURL(/\/join\/ZZZZZZ$/);
	await expect(page.locator('#join-code-error')).toBeVisible();
	await expect(page.locator('#join-code')).toBeFocused();

	// An empty field is answered without asking the server.
	await page.locator('#join-code').fill('   ');
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page.locator('#join-code-error')).toHaveText(/code/i);
	await expect(page).toHaveURL(/\/join\/ZZZZZZ$/);
	await context.close();
});

test('what is typed before the page’s scripts arrive stays when they do: the code, and the login’s e-mail address', async ({ browser }) => {
	for (const { path, field, text } of [
		{ path: '/join', field: '#join-code', text: 'ABC123' },
		{ path: '/login', field: '#email', text: 'iemand@maastricht.nl' }
	]) {
		const context = await browser.newContext(PHONE);
		const page = await context.newPage();
		// Hold the scripts back, as a slow line does, until the field has been typed in.
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(path, { waitUntil: 'domcontentloaded' });
		await page.locator(field).fill(text);
		release();
		await page.waitForLoadState('networkidle');
		// The scripts have arrived and run (hydration), so a wipe would have happened by now.
		await expect(page.locator(field), path).toHaveValue(text);
		await context.close();
	}
});

test('once the name step has settled, the participant page and the room’s question need no more scripts', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Vooraf-laden-avond');
	// No service worker: it would serve the files from its own cache, past the refusal below.
	const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
	const page = await context.newPage();
	// The QR code's way in: straight to the name step.
	await page.goto(`/join/${workshop.joinCode}`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel(/Je naam/).fill('Vooruit');
	// From here on, no script arrives any more: what the next page needs must already be there.
	// (The other questions' steps, fetched for later once the page is idle, are refused too; that is fine.)
	await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page).toHaveURL(`/workshop/${workshop.workshopId}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wat is het karakter van het gebied?');
	await expect(page.getByLabel('Een woord of een paar woorden'), 'question 1’s own step is there').toBeVisible();
	await page.locator('#new-card-text').fill('Veel groen');
	await expect(page.getByText('10 van 280 tekens')).toBeVisible();
	await page.unroute('**/_app/immutable/**/*.js');

	const reloaded = await page.reload();
	expect(reloaded?.ok()).toBe(true);
	const html = (await reloaded?.text()) ?? '';
	expect(html, 'no step stylesheet in the page’s head').not.toMatch(/(Character|Needs|Elements|Condition|Kind|Budget|Priority)Step\.[\w-]+\.css/);
	await expect(page.getByLabel('Een woord of een paar woorden'), 'the step still shows after a reload').toBeVisible();
	await context.close();
});
