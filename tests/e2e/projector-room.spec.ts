/**
 * The room's screen (issue #13): the projector is one screen that never scrolls, on any common
 * beamer, with 0 to 200 cards; the facilitator steers it from the console and sees a preview; a new
 * projector link takes over and the old screen says so instead of freezing.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { expectConnected, staffPage } from './helpers/live';
import { seedCards } from './helpers/seed-cards';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 },
	{ width: 1024, height: 768 }
];

async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** What a person in the room can read: the page does not scroll, and which cards are whole on screen. */
async function measureScreen(page: Page) {
	return page.evaluate(() => {
		const root = document.scrollingElement!;
		const inView = (rect: DOMRect) => rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight + 0.5 && rect.right <= innerWidth + 0.5;
		const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="projector-stage"] .wall__list li:not([aria-hidden]) article')];
		const whole = cards.filter((card) => inView(card.getBoundingClientRect()) && getComputedStyle(card.parentElement!).visibility !== 'hidden');
		const sizes = whole.map((card) => parseFloat(getComputedStyle(card.querySelector('.card__text')!).fontSize));
		const metaSizes = whole.map((card) => parseFloat(getComputedStyle(card.querySelector('.card__meta')!).fontSize));
		const code = document.querySelector<HTMLElement>('[data-testid="join-code"]');
		return {
			scrollsDown: root.scrollHeight > innerHeight + 1,
			scrollsRight: root.scrollWidth > innerWidth + 1,
			wholeCards: whole.length,
			smallestCardText: Math.min(...sizes),
			smallestMeta: Math.min(...metaSizes),
			codeInView: code ? inView(code.getBoundingClientRect()) : false,
			codeText: code?.textContent ?? ''
		};
	});
}

test('the projector fits 1920×1080, 1280×720 and 1024×768 with 0, 1, 60 and 200 cards', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	const workshop = createWorkshop('Zuid', 'Past-op-elk-scherm');
	const projector = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
	await projector.goto(workshop.projectorUrl);
	await expectConnected(projector);

	let total = 0;
	for (const count of [0, 1, 60, 200]) {
		if (count > total) {
			await seedCards({ joinCode: workshop.joinCode, workshopId: workshop.workshopId, questionNumber: 1, count: count - total, from: total });
			total = count;
		}
		await expect(projector.getByRole('heading', { name: `Kaartjes (${count})` })).toBeVisible();
		for (const size of SIZES) {
			await projector.setViewportSize(size);
			// The wall measures itself after a resize; wait until it says how many are still to come.
			if (count > 6) await expect(projector.getByTestId('wall-more')).toBeVisible();
			await projector.screenshot({ path: testInfo.outputPath(`projector-${size.width}x${size.height}-${count}.png`) });
			await expect(async () => {
				const screen = await measureScreen(projector);
				expect(screen.scrollsDown, 'scrolls down').toBe(false);
				expect(screen.scrollsRight, 'scrolls right').toBe(false);
				expect(screen.codeInView, 'join code on screen').toBe(true);
				expect(screen.codeText).toBe(workshop.joinCode);
				expect(screen.wholeCards, 'whole cards').toBeGreaterThanOrEqual(Math.min(6, count));
				if (count > 0) {
					expect(screen.smallestCardText).toBeGreaterThanOrEqual(size.height >= 1080 ? 28 : 24);
					expect(screen.smallestMeta).toBeGreaterThanOrEqual(24);
				}
			}).toPass({ timeout: 5000 });
		}
	}
	// 200 cards never fit one screen: it says how many are still to come, and turns the page by itself.
	const more = projector.getByTestId('wall-more');
	await expect(more).toContainText(/Nog \d+ kaartjes/);
	const firstOnScreen = await projector.locator('.wall__list li:not([aria-hidden]) .card__text').first().textContent();
	await expect(projector.locator('.wall__list li:not([aria-hidden]) .card__text').first()).not.toHaveText(firstOnScreen!, { timeout: 20_000 });
});

test('the facilitator steers the projector and sees it in the preview', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const workshop = createWorkshop('Zuid', 'Presentator-avond');
	await seedCards({ joinCode: workshop.joinCode, workshopId: workshop.workshopId, questionNumber: 1, count: 3, people: 1 });
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const projector = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
	await projector.goto(workshop.projectorUrl);
	await expectConnected(projector);
	await expectConnected(facilitator);

	const stage = projector.getByTestId('projector-stage');
	const preview = facilitator.getByTestId('projector-preview');
	const presenter = facilitator.getByTestId('presenter');
	await expect(stage).toHaveAttribute('data-view', 'wall');
	await expect(preview).toHaveAttribute('data-view', 'wall');
	// The console leads with the card queue: its heading comes before the question's extras.
	await expect(facilitator.getByRole('heading', { name: 'Kaartjes (3)' })).toBeVisible();

	await presenter.getByRole('button', { name: 'Pauze', exact: true }).click();
	await expect(projector.getByRole('heading', { name: 'Even pauze' })).toBeVisible({ timeout: 1000 });
	await expect(preview).toHaveAttribute('data-view', 'pause');
	await expect(presenter.getByTestId('presenter-now')).toHaveText('Op het scherm: Pauze');
	await expect(projector.getByTestId('join-code')).toBeVisible();
	await expectAccessible(projector, 'the projector pause screen');

	await presenter.getByRole('button', { name: 'Cijfers', exact: true }).click();
	await expect(stage).toHaveAttribute('data-view', 'figures', { timeout: 1000 });
	await expect(projector.getByRole('table')).toBeVisible();
	await expectAccessible(projector, 'the projector figures');
	// The figures table fits every beamer in type the room can read; what does not fit comes next.
	for (const size of SIZES) {
		await projector.setViewportSize(size);
		await expect(async () => {
			const table = await projector.evaluate(() => {
				const root = document.scrollingElement!;
				const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="figures-wall"] :is(th, td)')].filter((cell) => cell.closest('tr')?.getAttribute('aria-hidden') !== 'true');
				const rect = document.querySelector('[data-testid="figures-wall"] table')!.getBoundingClientRect();
				return {
					scrolls: root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1,
					cutRight: rect.right > innerWidth + 0.5,
					smallest: Math.min(...cells.map((cell) => parseFloat(getComputedStyle(cell).fontSize)))
				};
			});
			expect(table.scrolls).toBe(false);
			expect(table.cutRight).toBe(false);
			expect(table.smallest).toBeGreaterThanOrEqual(24);
		}).toPass({ timeout: 5000 });
		await projector.screenshot({ path: testInfo.outputPath(`figures-${size.width}x${size.height}.png`) });
	}
	await projector.setViewportSize(SIZES[0]);

	// One card on the whole screen, chosen on the console.
	await facilitator.getByRole('article').first().getByRole('button', { name: 'Uitlichten' }).click();
	await expect(stage).toHaveAttribute('data-view', 'card', { timeout: 1000 });
	await expect(preview).toHaveAttribute('data-view', 'card');
	await expect(projector.getByRole('article')).toHaveCount(1);

	// The map: the projector moves to its map page, with the join bar, and comes back.
	await presenter.getByRole('button', { name: 'Kaart', exact: true }).click();
	await expect(projector).toHaveURL(/\/kaart\?token=/, { timeout: 2000 });
	await expect(projector.getByTestId('join-code')).toHaveText(workshop.joinCode);
	await expectAccessible(projector, 'the projector map with its join bar');
	await presenter.getByRole('button', { name: 'Vraag en kaartjes' }).click();
	await expect(projector).not.toHaveURL(/\/kaart/, { timeout: 2000 });
	await expect(projector.getByTestId('projector-stage')).toHaveAttribute('data-view', 'wall');

	// Keyboard: next question, timer, results, as a presentation clicker or the letters do it.
	await facilitator.locator('body').click({ position: { x: 5, y: 5 } });
	await facilitator.keyboard.press('PageDown');
	await expect(projector.getByRole('heading', { name: 'Welke behoeften zijn er?' })).toBeVisible({ timeout: 1000 });
	await facilitator.keyboard.press('t');
	await expect(projector.getByRole('timer')).toBeVisible({ timeout: 1000 });
	await expect(projector.getByText('loopt')).toBeVisible();
	await facilitator.keyboard.press('t');
	await expect(projector.getByText('staat stil')).toBeVisible({ timeout: 1000 });
	await facilitator.keyboard.press('r');
	await expect(projector.getByTestId('projector-stage')).toHaveAttribute('data-view', 'results', { timeout: 1000 });
	await facilitator.keyboard.press('r');
	await expect(projector.getByTestId('projector-stage')).toHaveAttribute('data-view', 'wall', { timeout: 1000 });
	// The timer belongs to its question: the next step starts without one.
	await facilitator.keyboard.press('PageUp');
	await expect(projector.getByRole('heading', { name: 'Wat is het karakter van het gebied?' })).toBeVisible({ timeout: 1000 });
	await expect(projector.getByRole('timer')).toHaveCount(0);

	await expectAccessible(facilitator, 'the console with its presenter panel');
	await facilitator.screenshot({ path: testInfo.outputPath('console.png'), fullPage: true });

	// Closing: the join bar goes, the screen thanks the room and says what happens next.
	await facilitator.getByRole('button', { name: 'Bijeenkomst sluiten' }).click();
	await facilitator.getByRole('button', { name: 'Ja, sluit de bijeenkomst' }).click();
	await expect(projector.getByRole('heading', { name: 'Dank je wel!' })).toBeVisible({ timeout: 1000 });
	await expect(projector.getByRole('heading', { name: 'Wat gebeurt er nu?' })).toBeVisible();
	await expect(projector.getByTestId('join-bar')).toHaveCount(0);
	await expect(preview).toHaveAttribute('data-view', 'closed');
	await expectAccessible(projector, 'the closing screen');
});

test('a new projector link takes over and the old screen says it must be reloaded', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Nieuwe-link-avond');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const oldScreen = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
	await oldScreen.goto(workshop.projectorUrl);
	await expectConnected(oldScreen);
	await expect(oldScreen.getByTestId('projector-stage')).toBeVisible();

	await facilitator.getByRole('button', { name: 'Maak een link voor het scherm' }).click();
	const link = facilitator.getByRole('link', { name: /\/projector\/.+token=/ });
	await expect(link).toBeVisible();
	const newUrl = (await link.getAttribute('href'))!;
	expect(newUrl).not.toBe(workshop.projectorUrl);

	// The old screen drops its frozen content and says plainly what to do.
	await expect(oldScreen.getByRole('heading', { name: 'Dit scherm is vervangen' })).toBeVisible();
	await expect(oldScreen.getByTestId('projector-stage')).toHaveCount(0);
	await expect(oldScreen.getByText(/Deelnemers:/)).toHaveCount(0);
	await expectAccessible(oldScreen, 'the replaced screen');

	const newScreen = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
	await newScreen.goto(newUrl);
	await expectConnected(newScreen);
	await expect(newScreen.getByTestId('projector-stage')).toBeVisible();
	await facilitator.getByTestId('presenter').getByRole('button', { name: 'Pauze', exact: true }).click();
	await expect(newScreen.getByRole('heading', { name: 'Even pauze' })).toBeVisible({ timeout: 1000 });
});

test('a question’s results that do not fit the beamer come in pages, with no line cut off', async ({ browser }, testInfo) => {
	const workshop = createWorkshop('Zuid', 'Uitslag-in-pagina’s', '2033');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const projector = await (await browser.newContext({ viewport: SIZES[0] })).newPage();
	await projector.goto(workshop.projectorUrl);
	await expectConnected(projector);
	// Question 7: the need index with a note per buurt, for all six buurten of Zuid, and the sources.
	for (let step = 1; step < 7; step++) await facilitator.getByRole('button', { name: /Volgende vraag/ }).click();
	await facilitator.getByTestId('presenter').getByRole('button', { name: 'Uitslag', exact: true }).click();
	const pager = projector.getByTestId('results-pager');
	await expect(pager).toBeVisible({ timeout: 2000 });

	/** The page on screen: which lines are cut, and whether the page says there is more. */
	const measure = () =>
		projector.evaluate(() => {
			const root = document.scrollingElement!;
			const box = document.querySelector<HTMLElement>('.results-pager__box')!.getBoundingClientRect();
			const content = document.querySelector<HTMLElement>('.results-pager__content')!;
			const origin = content.getBoundingClientRect().top;
			// The page shows the content between its clip's top and bottom (ResultsPager.svelte).
			const [hiddenTop, , hiddenBottom] = getComputedStyle(content).clipPath.match(/[\d.]+px/g)!.map((value) => parseFloat(value));
			const shownFrom = hiddenTop;
			const shownTo = Math.min(content.scrollHeight - (hiddenBottom ?? 0), hiddenTop + box.height);
			const blocks = 'h2, h3, h4, p, li, tr, dt, dd';
			const leaves = [...content.querySelectorAll<HTMLElement>(blocks)].filter((element) => !element.querySelector(blocks));
			const cut = leaves
				.map((element) => ({ text: element.textContent?.trim().slice(0, 40), top: element.getBoundingClientRect().top - origin, bottom: element.getBoundingClientRect().bottom - origin }))
				.filter((line) => line.bottom > shownFrom + 1 && line.top < shownTo - 1 && (line.top < shownFrom - 1 || line.bottom > shownTo + 1));
			return {
				scrolls: root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1,
				cut,
				pages: Number(document.querySelector('[data-testid="results-pager"]')!.getAttribute('data-pages'))
			};
		});
	// The console's preview is the same 1920×1080 stage, scaled down: it pages the same way.
	await expect(async () => {
		const pages = await pager.getAttribute('data-pages');
		expect(await facilitator.getByTestId('projector-preview').getByTestId('results-pager').getAttribute('data-pages')).toBe(pages);
	}).toPass({ timeout: 5000 });
	for (const size of SIZES) {
		await projector.setViewportSize(size);
		await expect(async () => {
			const screen = await measure();
			expect(screen.scrolls).toBe(false);
			expect(screen.cut).toEqual([]);
			if (size.height < 1080) expect(screen.pages).toBeGreaterThan(1);
		}).toPass({ timeout: 5000 });
		await projector.screenshot({ path: testInfo.outputPath(`results-q7-${size.width}x${size.height}.png`) });
	}
	await expect(projector.getByText(/Pagina 1 van \d+, de volgende komt vanzelf/)).toBeVisible();
	// The next page comes by itself (every 15 s), and it too is whole.
	await expect(pager).toHaveAttribute('data-page', '2', { timeout: 20_000 });
	await expect(projector.getByText(/Pagina 2 van \d+/)).toBeVisible();
	expect((await measure()).cut).toEqual([]);
	await expectAccessible(projector, 'the projector results in pages');
});
