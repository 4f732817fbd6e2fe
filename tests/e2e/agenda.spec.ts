/**
 * The officials' agenda page and the per-question step extras:
 *  - staff sign in through /login, see the cards of two workshops of one agenda, filter by workshop,
 *    see a card the facilitator hid only when they ask for hidden cards;
 *  - axe (WCAG 2.1 A/AA) finds nothing on the agenda list, the agenda page and a version page, in
 *    Dutch and in English;
 *  - a keyword (question 1) and a card's kind (question 5) chosen on a phone show on the projector.
 * Each test makes its own agenda (a period of its own), so cards of other tests do not mix in.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { cli, type WorkshopLinks } from './helpers/cli';
import { PROJECTOR, addCard, card, expectConnected, joinByCode, staffPage } from './helpers/live';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function workshopIn(period: string, title: string, extra: string[] = []): WorkshopLinks {
	return JSON.parse(cli(['workshop:create', '--stadsdeel', 'Zuid', '--title', title, '--period', period, ...extra]));
}

function uniquePeriod(what: string): string {
	return `${what} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

async function expectAccessible(page: Page, locale: 'nl' | 'en', what: string): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on the ${what} page (${locale})`).toEqual([]);
}

test('the agenda page shows the cards of two workshops and filters by workshop', async ({ browser }) => {
	const period = uniquePeriod('Filter');
	const heugem = workshopIn(period, 'Avond Heugem', ['--date', '2026-03-12', '--place', 'Gemeenschapshuis Heugem']);
	const partners = workshopIn(period, 'Partnertafel');
	expect(partners.agendaId).toBe(heugem.agendaId);

	const fromHeugem = 'Een bankje bij de bushalte in Heugem.';
	const fromPartners = 'De partners delen een zaal.';
	const phoneA = await joinByCode(browser, heugem.joinCode, 'Ans');
	const phoneB = await joinByCode(browser, partners.joinCode, 'Bram');
	await expectConnected(phoneA);
	await expectConnected(phoneB);
	await addCard(phoneA, fromHeugem);
	await addCard(phoneB, fromPartners);

	const staff = await staffPage(browser);
	await staff.goto(`/agenda/${heugem.agendaId}`);
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Sociale agenda Zuid ${period}`);
	await expectConnected(staff);
	const workshops = staff.locator('#bijeenkomsten');
	await expect(workshops.getByRole('heading', { name: 'Avond Heugem' })).toBeVisible();
	await expect(workshops.getByRole('heading', { name: 'Partnertafel' })).toBeVisible();
	await expect(workshops.getByText('Gemeenschapshuis Heugem')).toBeVisible();
	await expect(card(staff, fromHeugem)).toBeVisible();
	await expect(card(staff, fromPartners)).toBeVisible();
	await expect(staff.getByText('Uit: Avond Heugem')).toBeVisible();

	// Filter by workshop: only Heugem's card is left, and the address says so.
	await staff.locator('#filter-workshop').selectOption({ label: 'Avond Heugem' });
	await expect(card(staff, fromPartners)).toHaveCount(0);
	await expect(card(staff, fromHeugem)).toBeVisible();
	await expect(staff.getByText('Kaartjes die je ziet: 1').first()).toBeVisible();
	await expect(staff).toHaveURL(new RegExp(`bijeenkomst=${heugem.workshopId}`));
	await staff.reload();
	await expect(card(staff, fromHeugem)).toBeVisible();
	await expect(card(staff, fromPartners)).toHaveCount(0);

	// Live: with the filter cleared, a new card from a phone shows up without reloading.
	await staff.getByRole('button', { name: 'Alle kaartjes tonen' }).click();
	await expect(card(staff, fromPartners)).toBeVisible();
	const later = 'Nog een idee van de partnertafel.';
	await addCard(phoneB, later);
	await expect(card(staff, later)).toBeVisible();

	// The synthesis is co-edited live: typed on the agenda page, seen by the facilitator.
	await staff.locator('#synthesis-1').fill('Heugem is een oud dorp aan de Maas.');
	const facilitator = await staff.context().newPage();
	await facilitator.goto(`/facilitate/${heugem.workshopId}`);
	await expect(facilitator.locator('#synthesis-1')).toHaveValue('Heugem is een oud dorp aan de Maas.');

	// A card the facilitator hides leaves the agenda page; the toggle shows it again, marked as hidden.
	await card(facilitator, fromHeugem).getByRole('button', { name: 'Verbergen' }).click();
	await expect(card(staff, fromHeugem)).toHaveCount(0);
	await staff.locator('#filter-hidden').check();
	await expect(card(staff, fromHeugem)).toBeVisible();
	await expect(card(staff, fromHeugem)).toContainText('Verborgen');
	await expect(card(staff, fromPartners)).not.toContainText('Verborgen');

	// The downloads point at the export endpoint.
	await expect(staff.getByRole('link', { name: 'Word-bestand (.docx)' })).toHaveAttribute('href', `/agenda/${heugem.agendaId}/export?format=docx&lang=nl`);
});

for (const locale of ['nl', 'en'] as const) {
	test(`the agenda list, agenda page and a version page pass axe (${locale})`, async ({ browser }) => {
		const period = uniquePeriod(`Axe ${locale}`);
		const workshop = workshopIn(period, `Toegankelijke avond ${locale}`, ['--date', '2026-04-02T19:30']);
		const phone = await joinByCode(browser, workshop.joinCode, 'Ans', locale);
		await expectConnected(phone);
		await addCard(phone, 'Een plek waar buren elkaar ontmoeten.');

		const staff = await staffPage(browser, locale);
		await staff.goto('/agenda');
		await expectAccessible(staff, locale, 'agenda list');

		await staff.goto(`/agenda/${workshop.agendaId}`);
		await expectConnected(staff);
		await expect(staff.getByRole('article')).toHaveCount(1);
		await expectAccessible(staff, locale, 'agenda');

		// A named version, then its read-only page and the confirm step of a restore.
		await staff.locator('#version-name').fill(`Versie ${locale}`);
		await staff.locator('form[action="?/takeVersion"] button[type="submit"]').click();
		const link = staff.getByRole('link', { name: `Versie ${locale}`, exact: true });
		await expect(link).toBeVisible();
		await expectAccessible(staff, locale, 'agenda after saving a version');
		await link.click();
		await expect(staff).toHaveURL(/\/versies\/[a-z0-9]+$/);
		await expect(staff.getByRole('article')).toHaveCount(1);
		await expectAccessible(staff, locale, 'version');
		await staff.goto(`${staff.url()}?herstellen=1`);
		await expect(staff.locator('form[action="?/restore"]')).toBeVisible();
		await expectAccessible(staff, locale, 'version (confirm restore)');
	});
}

test('a keyword and a card kind chosen on a phone show on the projector', async ({ browser }) => {
	const workshop = workshopIn(uniquePeriod('Stappen'), 'Stappenavond');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	await expectConnected(projector);
	const phone = await joinByCode(browser, workshop.joinCode, 'Ans');
	await expectConnected(phone);

	// The facilitator puts the question's results (the step extras) on the screen.
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	await expectConnected(facilitator);
	const showResults = () => facilitator.getByTestId('presenter').getByRole('button', { name: 'Uitslag', exact: true }).click();
	await showResults();

	// Question 1: a keyword goes into the projector's word cloud.
	await phone.locator('#step-keyword').fill('oud dorp');
	await phone.getByRole('button', { name: 'Woord toevoegen' }).click();
	await expect(phone.locator('#step-keyword')).toHaveValue('');
	await expect(projector.locator('[data-step="step-keywords"]').getByText('oud dorp')).toBeVisible({ timeout: 1000 });
	// The phone's own list lets the author take it back.
	await expect(phone.getByRole('button', { name: /^Weghalen\s*: oud dorp$/ })).toBeVisible();

	// Question 5: the phone's card gets a kind; the projector counts it (a new question starts on its wall).
	await facilitator.getByRole('button', { name: /^Vraag 5\b/ }).click();
	await showResults();
	await expect(projector.getByRole('heading', { name: 'Nodig of wenselijk?' })).toBeVisible({ timeout: 1000 });
	await expect(phone.getByRole('heading', { name: 'Nodig of wenselijk?' })).toBeVisible({ timeout: 1000 });
	const text = 'De huiskamer mag vaker open.';
	await addCard(phone, text);
	await phone.getByRole('group', { name: text }).getByRole('radio', { name: 'Nodig' }).check();
	const nodig = projector.locator('[data-step="step-kinds"] [data-kind="nodig"]');
	await expect(nodig).toContainText('kaartjes: 1', { timeout: 1000 });
	await expect(facilitator.locator('[data-step="step-kinds"] [data-kind="nodig"]')).toContainText('kaartjes: 1');
});

test('the step extras of questions 1 to 6 pass axe on the phone, the console and the projector', async ({ browser }) => {
	// Four axe runs per question (the projector's wall and its results view each).
	test.setTimeout(240_000);
	const workshop = workshopIn(uniquePeriod('Axe stappen'), 'Stappen toegankelijk');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	const phone = await joinByCode(browser, workshop.joinCode, 'Ans');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	for (const page of [projector, phone, facilitator]) await expectConnected(page);

	const headings = ['Woorden over het gebied', 'Behoeften per thema', 'Wat er al is, per laag', 'Hoe staat het ervoor?', 'Nodig of wenselijk?', 'Wat voor idee is het?'];
	for (const [index, heading] of headings.entries()) {
		await facilitator.getByRole('button', { name: new RegExp(`Vraag ${index + 1}\\b`) }).click();
		for (const page of [phone, facilitator]) await expect(page.getByRole('heading', { name: heading })).toBeVisible();
		// Something to show: a card with a theme (and on 5 and 6 a kind), so lists and bars are drawn.
		const text = `Kaartje bij vraag ${index + 1}`;
		await phone.locator('#new-card-text').fill(text);
		await phone.locator('form:has(#new-card-text) summary').click();
		await phone.locator('#new-card-theme-ontmoeten-eenzaamheid').check();
		await phone.locator('form:has(#new-card-text) button[type="submit"]').click();
		await expect(card(projector, text)).toBeVisible();
		if (index >= 4) await phone.getByRole('group', { name: text }).getByRole('radio').first().check();
		await expectAccessible(phone, 'nl', `participant, question ${index + 1}`);
		await expectAccessible(facilitator, 'nl', `facilitator, question ${index + 1}`);
		await expectAccessible(projector, 'nl', `projector wall, question ${index + 1}`);
		// The step's extras are on the projector when the facilitator shows the results.
		await facilitator.getByTestId('presenter').getByRole('button', { name: 'Uitslag', exact: true }).click();
		await expect(projector.getByRole('heading', { name: heading })).toBeVisible();
		await expectAccessible(projector, 'nl', `projector results, question ${index + 1}`);
	}
});
