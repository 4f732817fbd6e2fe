/**
 * Question 7 on first use: with nothing imported, the shipped CBS and Gezondheidsmonitor figures give
 * every Zuid buurt a need index on the phone and on the projector, with the year and level of each
 * figure in words, notes for old figures, "ontbreekt" for what is missing, and proposed weights for
 * indicators without figures shown but not used.
 */
import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { PROJECTOR, expectConnected, joinByCode, staffPage } from './helpers/live';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ZUID = {
	BU09350300: { name: 'Boschpoort', wijk: 'Buitenwijk Noordwest' },
	BU09350401: { name: 'Heugemerveld', wijk: 'Buitenwijk Oost' },
	BU09350600: { name: 'Randwyck', wijk: 'Buitenwijk Zuidoost' },
	BU09350601: { name: 'Heugem', wijk: 'Buitenwijk Zuidoost' },
	BU09350603: { name: 'De Heeg', wijk: 'Buitenwijk Zuidoost' },
	BU09350604: { name: 'Vroendaal', wijk: 'Buitenwijk Zuidoost' }
};
const SHOTS = 'test-results/question7';

async function expectNeedIndexForEveryBuurt(page: Page): Promise<void> {
	const preview = page.getByTestId('need-preview');
	await expect(preview.getByTestId('weighing-result')).toBeVisible();
	for (const [code, { name, wijk }] of Object.entries(ZUID)) {
		const row = preview.locator(`tr[data-buurt="${code}"]`);
		await expect(row).toContainText(name);
		// An index 0,00–1,00, not "geen index".
		await expect(row).toContainText(/[01],\d\d/);
		await expect(row).not.toContainText('geen index');
		const sentence = preview.getByTestId('need-sentence').filter({ hasText: `Voor ${name} telden mee:` });
		await expect(sentence).toContainText(`cijfer van wijk ${wijk}, 2016`);
		await expect(sentence).toContainText('cijfer van de buurt, 2017');
		// (Other specs on this server may import zorggebruik figures; SES and tevredenheid nobody imports.)
		await expect(preview.getByTestId('unused-weights')).toContainText(/Voor De SES score, De tevredenheid over de buurt(, Het zorggebruik)? zijn geen cijfers\./);
		await expect(sentence).toContainText('er is geen cijfer voor SES');
	}
	const sources = preview.getByTestId('figure-sources');
	await expect(sources.locator('[data-measure="pct_eenzaam"]')).toContainText('Jaar: 2016');
	await expect(sources.locator('[data-measure="pct_eenzaam"]')).toContainText('Gezondheidsmonitor');
	await expect(sources.locator('[data-measure="pct_eenzaam"]')).toContainText('Let op: dit cijfer is ouder dan 5 jaar.');
	await expect(sources.locator('[data-measure="pct_niet_westers"]')).toContainText('van voor 2022');
	// The 2025 table left Sint Pieter & co. out, but all six Zuid buurten have the population change.
	await expect(sources.locator('[data-measure="bevolkingsgroei_2017_2025"]')).toContainText('Jaar: 2025');
	await expect(sources.locator('[data-indicator="ses"]')).toContainText('ontbreekt');
	await expect(sources.locator('[data-indicator="tevredenheid"]')).toContainText('ontbreekt');
	await expect(sources.locator('[data-indicator="zorggebruik"]')).toContainText('ontbreekt');
}

async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).include('[data-testid="need-preview"]').analyze();
	const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations in question 7 on the ${what}`).toEqual([]);
}

test('on a fresh start question 7 for Zuid shows a need index for every buurt, with years and levels, on the phone and the projector', async ({ browser }) => {
	fs.mkdirSync(SHOTS, { recursive: true });
	// An agenda of its own: other specs propose weights on Zuid's default agenda.
	const workshop = createWorkshop('Zuid', 'Vraag 7 eerste keer', 'vraag7-eerste-keer');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const phone = await joinByCode(browser, workshop.joinCode, 'Ans');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(workshop.projectorUrl);
	for (const page of [facilitator, phone, projector]) await expectConnected(page);

	await facilitator.getByRole('button', { name: /^Vraag 7\b/ }).click();
	await expect(phone.getByTestId('budget-step')).toBeVisible();
	// The screen shows a question's results when the facilitator puts them up (presenter control).
	await facilitator.getByTestId('presenter').getByRole('button', { name: 'Uitslag', exact: true }).click();

	for (const page of [phone, projector]) {
		await expect(page.getByTestId('need-preview')).toContainText('Nog niemand stelde gewichten voor. Daarom tellen alle cijfers even zwaar.');
		await expectNeedIndexForEveryBuurt(page);
	}
	await expectAccessible(phone, 'phone');
	await expectAccessible(projector, 'projector');
	// The index table at the top of the screen: buurt, index and the sentence with years and levels.
	await phone.getByTestId('need-preview').locator('tr[data-buurt]').first().evaluate((row) => row.scrollIntoView({ block: 'start' }));
	await phone.screenshot({ path: `${SHOTS}/phone-360x640.png` });
	await phone.screenshot({ path: `${SHOTS}/phone-360-full.png`, fullPage: true });
	await projector.getByTestId('need-preview').evaluate((preview) => preview.scrollIntoView({ block: 'start' }));
	await projector.screenshot({ path: `${SHOTS}/projector-1920x1080.png` });
	await projector.screenshot({ path: `${SHOTS}/projector-1920-full.png`, fullPage: true });

	// The phone proposes weights, SES the heaviest: the preview follows the proposal on both screens,
	// and says the weights for indicators without figures are shown but not counted.
	await phone.locator('#weight-ses').fill('10');
	await phone.getByRole('button', { name: 'Stuur mijn voorstel' }).click();
	for (const page of [phone, projector]) {
		const preview = page.getByTestId('need-preview');
		await expect(preview).toContainText('Berekend met het gemiddelde van de voorgestelde gewichten (1 mensen).');
		await expect(preview.getByTestId('unused-weights')).toContainText('De SES score (10)');
		await expect(preview.getByTestId('unused-weights')).toContainText('Die gewichten tellen daarom niet mee.');
	}
	await projector.screenshot({ path: `${SHOTS}/projector-1920x1080-proposal.png` });
});

test('the area profile and the afweging page show every indicator figure with its year, level and source', async ({ browser }) => {
	const workshop = createWorkshop('Zuid', 'Afweging herkomst');
	const staff = await staffPage(browser);
	await staff.goto(`/agenda/${workshop.agendaId}/afweging`);
	const profile = staff.getByTestId('profile-indicators');
	await expect(profile.locator('[data-figure="indicator-pct_eenzaam"]')).toContainText('Heugem (cijfer van wijk Buitenwijk Zuidoost, 2016)');
	await expect(profile.locator('[data-figure="indicator-pct_eenzaam"]')).toContainText('Let op: dit cijfer is ouder dan 5 jaar.');
	await expect(profile.locator('[data-figure="indicator-pct_65plus"]')).toContainText('Heugem (cijfer van de buurt, 2017)');
	await expect(profile.locator('[data-figure="indicator-bevolkingsgroei_2017_2025"]')).toContainText('Heugem (cijfer van de buurt, 2017–2025)');
	// Missing indicators link to the import for staff who may load figures.
	await expect(profile.locator('[data-indicator="ses"]').getByRole('link', { name: 'Cijfers laden' })).toHaveAttribute('href', '/admin/indicatoren');
	const result = staff.getByTestId('weighing-result');
	await expect(result.getByTestId('need-sentence').filter({ hasText: 'Voor Heugem telden mee:' })).toContainText('cijfer van wijk Buitenwijk Zuidoost, 2016');
	// The page starts from equal weights nobody proposed: SES & co. are said not to count, without a "proposed" weight.
	await expect(result.getByTestId('unused-weights')).toContainText(/Voor De SES score, De tevredenheid over de buurt(, Het zorggebruik)? zijn geen cijfers\./);
	await staff.setViewportSize({ width: 1280, height: 720 });
	await profile.scrollIntoViewIfNeeded();
	await staff.screenshot({ path: `${SHOTS}/afweging-1280x720.png` });
});

test('the Amby places of seed 002 are in question 3 and on the map page, with their position said to be unknown', async ({ browser }) => {
	const workshop = createWorkshop('Oost', 'Amby-avond');
	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const phone = await joinByCode(browser, workshop.joinCode, 'Bram');
	for (const page of [facilitator, phone]) await expectConnected(page);
	await facilitator.getByRole('button', { name: /^Vraag 3\b/ }).click();

	const places = phone.getByTestId('seed-places');
	await expect(places).toBeVisible();
	for (const [id, name] of [['seed-amyerhoof', 'Amyerhoof'], ['seed-koffiepot', 'De Koffiepot'], ['seed-hagerpoort', 'Hagerpoort'], ['seed-zeven-bronnen', 'De Zeven Bronnen']]) {
		await expect(places.locator(`[data-place="${id}"] strong`)).toHaveText(name);
		await expect(places.locator(`[data-place="${id}"]`)).toContainText('Plek op de kaart: onbekend.');
	}
	await expect(places.locator('[data-place="seed-amyerhoof"]')).toContainText('Severenplein 27, 6225 AZ Maastricht');
	await expect(places.locator('[data-place="seed-amyerhoof"]')).toContainText('Voor: Volwassenen, Ouderen');
	await expect(places.locator('[data-place="seed-koffiepot"]')).toContainText('Adres: onbekend');
	await expect(places.locator('[data-place="seed-hagerpoort"]')).toContainText('twee woonzorgcentra met (sociaal) restaurant en dagactiviteiten');
	await places.screenshot({ path: `${SHOTS}/phone-q3-amby-places.png` });

	// The map page lists them too, and draws none of them: no marker carries their names.
	await phone.goto(`/workshop/${workshop.workshopId}/kaart`);
	await expect(phone.getByTestId('seed-places').locator('[data-place="seed-zeven-bronnen"]')).toContainText('Plek op de kaart: onbekend.');
	await expect(phone.locator('.leaflet-marker-icon, .leaflet-interactive').filter({ hasText: 'Amyerhoof' })).toHaveCount(0);
});
