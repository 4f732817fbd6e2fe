/**
 * Questions 7 and 8 in the room and at the desk: a dot vote on two phones shows the same result on
 * the projector; the action list traces back to the cards; an indicator file with one bad row is
 * refused whole; the afweging and indicator pages pass axe in Dutch and English.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { PROJECTOR, addCard, expectConnected, joinByCode, staffPage } from './helpers/live';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const Q8 = 'Wat krijgt prioriteit, wat gaan we doen?';

async function expectAccessible(page: Page, locale: 'nl' | 'en', what: string): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on the ${what} page (${locale})`).toEqual([]);
}

test('a dot vote on two phones shows the same result on the projector, and actions trace back to the cards', async ({ browser }) => {
	// An agenda of its own: the after-workshop spec adds an action with the same title to Zuid's default agenda.
	const workshop = createWorkshop('Zuid', 'Prioriteiten-avond', 'prioriteiten-e2e');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const phone1 = await joinByCode(browser, workshop.joinCode, 'Ans');
	const phone2 = await joinByCode(browser, workshop.joinCode, 'Bram');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	for (const page of [facilitator, phone1, phone2, projector]) await expectConnected(page);

	const ontmoeten = 'Een huiskamer in Heugem waar buren elkaar ontmoeten.';
	const bankjes = 'Meer bankjes langs de Maas.';
	const jongeren = 'Een plek voor jongeren in De Heeg.';
	await addCard(phone1, ontmoeten);
	await addCard(phone2, bankjes);
	await addCard(phone2, jongeren);
	await expect(facilitator.getByRole('article').filter({ hasText: jongeren })).toBeVisible();

	await facilitator.getByRole('button', { name: /^Vraag 8/ }).click();
	for (const page of [phone1, phone2]) await expect(page.getByRole('heading', { level: 1 })).toHaveText(Q8);
	// The projector shows the question's result view (the vote), chosen on the console.
	await facilitator.getByTestId('presenter').getByRole('button', { name: 'Uitslag', exact: true }).click();
	await expect(phone1.getByText('De begeleider start zo een stemming.')).toBeVisible();

	// The facilitator starts a vote over the cards (all three are ticked), 3 dots each.
	const setup = facilitator.getByTestId('priority-step');
	await expect(setup.getByRole('checkbox', { name: new RegExp(bankjes) })).toBeChecked();
	await setup.getByLabel('Stippen per persoon').selectOption('3');
	await setup.getByRole('button', { name: 'Start de stemming' }).click();
	await expect(setup.getByText('De stemming loopt.')).toBeVisible();

	// Phone 1: two dots on "ontmoeten", one on "bankjes"; a fourth dot is not possible.
	const ballot1 = phone1.getByTestId('dot-ballot');
	await expect(ballot1).toBeVisible();
	await ballot1.getByRole('button', { name: `Eén stip meer voor: ${ontmoeten}` }).click();
	await ballot1.getByRole('button', { name: `Eén stip meer voor: ${ontmoeten}` }).click();
	await ballot1.getByRole('button', { name: `Eén stip meer voor: ${bankjes}` }).click();
	await expect(ballot1.getByText('Je hebt nog 0 van de 3 stippen.')).toBeVisible();
	await expect(ballot1.getByRole('button', { name: `Eén stip meer voor: ${jongeren}` })).toBeDisabled();
	await ballot1.getByRole('button', { name: 'Stuur mijn stippen' }).click();
	await expect(phone1.getByText(/Je stippen zijn ontvangen/)).toBeVisible();

	// Phone 2: first all on "jongeren", then changes its mind: one ballot, replaced.
	const ballot2 = phone2.getByTestId('dot-ballot');
	for (let i = 0; i < 3; i++) await ballot2.getByRole('button', { name: `Eén stip meer voor: ${jongeren}` }).click();
	await ballot2.getByRole('button', { name: 'Stuur mijn stippen' }).click();
	await expect(phone2.getByText(/Je stippen zijn ontvangen/)).toBeVisible();
	await ballot2.getByRole('button', { name: `Eén stip minder voor: ${jongeren}` }).click();
	await ballot2.getByRole('button', { name: `Eén stip meer voor: ${ontmoeten}` }).click();
	await ballot2.getByRole('button', { name: 'Stuur mijn nieuwe keuze' }).click();
	await expect(phone2.getByText(/Je stippen zijn ontvangen/)).toBeVisible();

	// By default the result stays hidden while the vote runs; only the console sees it live.
	for (const page of [projector, phone1, phone2]) {
		await expect(page.getByTestId('results-hidden')).toHaveText('De uitslag komt als de stemming dicht is.');
		await expect(page.getByTestId('dot-results')).toHaveCount(0);
	}
	await expect(facilitator.getByTestId('dot-results').getByTestId('dot-voters')).toHaveText('Aantal mensen dat stemde: 2');
	// The facilitator chooses to show it while the vote is still open.
	await facilitator.getByLabel('Laat de uitslag al zien terwijl de stemming nog loopt').check();

	// The same result everywhere: ontmoeten 3, jongeren 2, bankjes 1, two voters.
	const expected: [string, number][] = [
		[ontmoeten, 3],
		[jongeren, 2],
		[bankjes, 1]
	];
	for (const page of [projector, phone1, phone2, facilitator]) {
		const results = page.getByTestId('dot-results');
		await expect(results.getByTestId('dot-voters')).toHaveText('Aantal mensen dat stemde: 2');
		for (const [text, dots] of expected) {
			await expect(results.getByRole('listitem').filter({ hasText: text }).getByTestId('dot-count')).toHaveText(`Stippen: ${dots}`);
		}
		// Most dots first.
		await expect(results.getByRole('listitem').first()).toContainText(ontmoeten);
	}
	// The projector shows no controls.
	await expect(projector.getByTestId('priority-step').getByRole('button')).toHaveCount(0);

	// Closing the vote: phones stop offering dots, the result stays.
	await setup.getByRole('button', { name: 'Sluit de stemming' }).click();
	await expect(phone1.getByTestId('dot-ballot')).toHaveCount(0);
	await expect(phone1.getByText('De stemming is gesloten.')).toBeVisible();
	await expect(projector.getByRole('heading', { name: 'Uitslag', exact: true })).toBeVisible();

	// An action made from the winning card, on the facilitator's console: it names the card it came from.
	await setup.getByRole('button', { name: 'Nieuwe actie' }).click();
	await setup.getByLabel('Uit welk kaartje komt deze actie?', { exact: true }).selectOption({ label: ontmoeten });
	await expect(setup.getByLabel('Wat gaan we doen?', { exact: true })).toHaveValue(ontmoeten);
	await setup.getByLabel('Wat gaan we doen?', { exact: true }).fill('Huiskamer in Heugem openen');
	await setup.getByLabel('Thema', { exact: true }).selectOption({ label: 'Ontmoeten & eenzaamheid' });
	await setup.getByLabel('Waar zetten we extra op in', { exact: true }).check();
	await setup.getByLabel('Wie doet het?', { exact: true }).fill('Buurtnetwerk Heugem');
	await setup.getByLabel('Wanneer?', { exact: true }).fill('q2-2026');
	await setup.getByLabel('Bedrag', { exact: true }).fill('fout');
	await setup.getByRole('button', { name: 'Actie toevoegen' }).click();
	await expect(setup.getByText("Schrijf een bedrag in hele euro's")).toBeVisible();
	await setup.getByLabel('Bedrag', { exact: true }).fill('€ 12.000');
	await setup.getByLabel('Begrotingspost of subsidie', { exact: true }).fill('Subsidieregeling vrijwillige inzet: Huiskamer');
	await setup.getByRole('button', { name: 'Actie toevoegen' }).click();

	const action = projector.getByTestId('action-list').getByRole('article').filter({ hasText: 'Huiskamer in Heugem openen' });
	await expect(action).toBeVisible();
	await expect(action).toContainText('Q2 2026');
	await expect(action).toContainText('12.000');
	await expect(action).toContainText('Buurtnetwerk Heugem');
	await expect(action).toContainText(ontmoeten);
	await expect(phone2.getByTestId('action-list').getByRole('article').filter({ hasText: 'Huiskamer in Heugem openen' })).toBeVisible();
});

test('an indicator file with one bad row is refused whole, naming the row; a good file is read in', async ({ browser }) => {
	const page = await staffPage(browser);
	await page.goto('/admin/indicatoren?stadsdeel=zuid');
	const table = page.getByTestId('completeness');
	const before = await table.innerText();

	const bad = [
		'buurt_code;indicator;value;year;source',
		'BU09350601;zorggebruik;47,9;2024;Wmo-registratie',
		'BU09350603;zorggebruik;veel;2024;Wmo-registratie',
		'BU09350600;zorggebruik;44;2024;Wmo-registratie'
	].join('\r\n');
	await page.locator('#indicator-file').setInputFiles({ name: 'cijfers.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
	await page.getByRole('button', { name: 'Inlezen' }).click();
	const errors = page.getByTestId('import-errors');
	await expect(errors).toBeVisible();
	await expect(errors).toBeFocused();
	await expect(errors).toContainText('We hebben niets ingelezen.');
	await expect(errors.getByRole('listitem')).toHaveCount(1);
	await expect(errors.getByRole('listitem')).toContainText('Regel 3:');
	await expect(errors.getByRole('listitem')).toContainText('De waarde "veel" is geen getal.');
	// Nothing was imported: not even the good rows 2 and 4.
	await page.goto('/admin/indicatoren?stadsdeel=zuid');
	expect(await page.getByTestId('completeness').innerText()).toBe(before);
	// Zorggebruik does not ship (the other indicators do, since the CBS and GGD figures are seeded).
	await expect(page.getByTestId('completeness').getByRole('row', { name: /Het zorggebruik/ })).toContainText('0 van 6');

	// The same rows without the bad one are read in.
	await page.locator('#indicator-text').fill(bad.split('\r\n').filter((_, index) => index !== 2).join('\n'));
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Gelukt.' })).toBeVisible();
	await expect(page.getByTestId('completeness').getByRole('row', { name: /Het zorggebruik/ })).toContainText('2 van 6');

	// The template downloads as CSV.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download het sjabloon (CSV)' }).click();
	expect((await download).suggestedFilename()).toBe('indicatoren-sjabloon.csv');
});

for (const locale of ['nl', 'en'] as const) {
	test(`the afweging and indicator pages pass axe (${locale})`, async ({ browser }) => {
		// Four axe runs over pages that now list every indicator figure per buurt (44 in the city scope).
		test.setTimeout(120_000);
		const workshop = createWorkshop('Zuid', `Afweging toegankelijk ${locale}`);
		const page = await staffPage(browser, locale);

		await page.goto('/admin/indicatoren');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectAccessible(page, locale, 'indicatoren');
		// With the error summary showing.
		await page.locator('#indicator-text').fill('buurt_code;indicator;value;year;source\nBU09359999;ses;1;2024;CBS');
		await page.getByRole('button', { name: locale === 'nl' ? 'Inlezen' : 'Import' }).click();
		await expect(page.getByTestId('import-errors')).toBeVisible();
		await expectAccessible(page, locale, 'indicatoren (errors)');

		await page.goto(`/agenda/${workshop.agendaId}/afweging`);
		await expect(page.getByTestId('weighing-result')).toBeVisible();
		await expectAccessible(page, locale, 'afweging');
		// A division with a budget over the stadsdelen: 44 buurten × € 5.000 floor = € 220.000, so it works with or without figures.
		await page.goto(`/agenda/${workshop.agendaId}/afweging?w_eenzaamheid=6&w_ses=3&scope=stadsdelen&budgetMode=typed&total=220000&floor=5000#uitkomst`);
		await expect(page.getByTestId('allocation-sum')).toBeVisible();
		await expectAccessible(page, locale, 'afweging (allocation)');
	});
}
