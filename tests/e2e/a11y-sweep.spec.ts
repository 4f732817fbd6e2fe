/**
 * Accessibility sweep (issue 7): axe-core with the WCAG 2.1 A/AA tags on every page, in Dutch and
 * English, on a phone (360×640) and a big screen (1920×1080). Zero violations is the bar.
 */
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop, type WorkshopLinks } from './helpers/cli';
import { setLocaleCookie } from './helpers/live';
import { E2E_ADMIN } from '../../playwright.config';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = { phone: { width: 360, height: 640 }, screen: { width: 1920, height: 1080 } } as const;

type Who = 'visitor' | 'participant' | 'staff';
interface PageToCheck {
	name: string;
	who: Who;
	path: (w: WorkshopLinks) => string;
}

/** Every page a person can reach. Add new pages here. */
const PAGES: PageToCheck[] = [
	{ name: 'home', who: 'visitor', path: () => '/' },
	{ name: 'accessibility statement', who: 'visitor', path: () => '/toegankelijkheid' },
	{ name: 'join (type the code)', who: 'visitor', path: () => '/join' },
	{ name: 'join (with code)', who: 'visitor', path: (w) => `/join/${w.joinCode}` },
	{ name: 'login', who: 'visitor', path: () => '/login' },
	{ name: 'projector', who: 'visitor', path: (w) => new URL(w.projectorUrl).pathname + new URL(w.projectorUrl).search },
	{ name: 'participant', who: 'participant', path: (w) => `/workshop/${w.workshopId}` },
	{ name: 'staff home', who: 'staff', path: () => '/staff' },
	{ name: 'facilitator', who: 'staff', path: (w) => `/facilitate/${w.workshopId}` },
	{ name: 'users (admin)', who: 'staff', path: () => '/admin/users' },
	{ name: 'participant map', who: 'participant', path: (w) => `/workshop/${w.workshopId}/kaart` },
	{ name: 'projector map', who: 'visitor', path: (w) => new URL(w.projectorUrl).pathname + '/kaart' + new URL(w.projectorUrl).search },
	{ name: 'facilitator map', who: 'staff', path: (w) => `/facilitate/${w.workshopId}/kaart` },
	{ name: 'reach (facilitator)', who: 'staff', path: (w) => `/facilitate/${w.workshopId}/bereik` },
	{ name: 'agendas', who: 'staff', path: () => '/agenda' },
	{ name: 'agenda', who: 'staff', path: (w) => `/agenda/${w.agendaId}` },
	{ name: 'weighing', who: 'staff', path: (w) => `/agenda/${w.agendaId}/afweging` },
	{ name: 'indicators (admin)', who: 'staff', path: () => '/admin/indicatoren' },
	{ name: 'facilities (admin)', who: 'staff', path: () => '/admin/facilities' },
	{ name: 'dashboard (city)', who: 'staff', path: () => '/dashboard' },
	{ name: 'dashboard (stadsdeel)', who: 'staff', path: () => '/dashboard/zuid' },
	{ name: 'shareable quotes', who: 'staff', path: (w) => `/agenda/${w.agendaId}/citaten` }
];

async function contextFor(browser: Browser, who: Who, locale: 'nl' | 'en', viewport: { width: number; height: number }, w: WorkshopLinks): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport });
	await setLocaleCookie(context, locale);
	const page = await context.newPage();
	if (who === 'participant') {
		await page.goto(`/join/${w.joinCode}`);
		await page.locator('#join-name').fill('Toegankelijk');
		await page.locator('form[method="POST"] button[type="submit"]').click();
		await expect(page).toHaveURL(/\/workshop\/[a-z0-9]+$/);
	} else if (who === 'staff') {
		await page.goto('/login');
		await page.locator('#email').fill(E2E_ADMIN.email);
		await page.locator('#password').fill(E2E_ADMIN.password);
		await page.locator('form button[type="submit"]').click();
		await expect(page).not.toHaveURL(/\/login/);
	}
	await page.close();
	return context;
}

async function violations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// One test per page, grouped per language and screen size: each page gets its own time budget, and
// a failure names the page. The workshop and the signed-in contexts are shared within a group.
for (const locale of ['nl', 'en'] as const) {
	for (const [size, viewport] of Object.entries(VIEWPORTS)) {
		test.describe(`axe (${locale}, ${size} ${viewport.width}×${viewport.height})`, () => {
			let workshop: WorkshopLinks;
			const contexts = new Map<Who, BrowserContext>();
			test.beforeAll(() => {
				workshop = createWorkshop('Zuid', `Sweep ${locale} ${size}`);
			});
			test.afterAll(async () => {
				for (const context of contexts.values()) await context.close();
				contexts.clear();
			});
			for (const entry of PAGES) {
				test(`${entry.name} passes axe`, async ({ browser }) => {
					if (!contexts.has(entry.who)) contexts.set(entry.who, await contextFor(browser, entry.who, locale, viewport, workshop));
					const page = await contexts.get(entry.who)!.newPage();
					const response = await page.goto(entry.path(workshop));
					expect(response?.status(), `${entry.name} loads`).toBeLessThan(400);
					await expect(page.locator('html')).toHaveAttribute('lang', locale);
					await page.waitForLoadState('networkidle');
					const problems = await violations(page);
					await page.close();
					expect(problems).toEqual([]);
				});
			}
		});
	}
}
