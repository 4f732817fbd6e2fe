/**
 * Every phone screen at 360×640: each thing a thumb must hit is at least 44×44 px (WCAG 2.5.5's
 * size; 2.5.8 asks only 24). A checkbox or radio counts with its label, which is what takes the tap.
 * Links inside a sentence are exempt (WCAG's inline exception). Screenshots of each step are kept
 * in test-results/phone-screens for looking at by eye.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createWorkshop } from './helpers/cli';
import { addCard, expectConnected, joinByCode, staffPage, PHONE } from './helpers/live';

const MIN = 44;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface SmallTarget {
	what: string;
	width: number;
	height: number;
}

/** The visible interactive elements smaller than 44×44 (as the thumb gets them). */
async function smallTargets(page: Page): Promise<SmallTarget[]> {
	return page.evaluate((min) => {
		const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
		const small: { what: string; width: number; height: number }[] = [];
		const describe = (element: Element) => {
			const label = element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? element.getAttribute('name') ?? '';
			return `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${element.getAttribute('type') ? `[type=${element.getAttribute('type')}]` : ''} "${label.trim().slice(0, 40)}"`;
		};
		for (const element of document.querySelectorAll(selector)) {
			const style = getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			let box = element.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			// Leaflet's own controls are drawn by the map library; ours are sized in our CSS.
			if (element.closest('.leaflet-control-attribution')) continue;
			// Skip links wait off-screen until they get focus (then they are 44 px high too).
			if (box.right <= 0 || element.closest('.wt-visually-hidden')) continue;
			const type = element.getAttribute('type');
			if (element.tagName === 'INPUT' && (type === 'checkbox' || type === 'radio')) {
				const label = (element as HTMLInputElement).labels?.[0];
				if (label) {
					const l = label.getBoundingClientRect();
					const left = Math.min(box.left, l.left);
					const top = Math.min(box.top, l.top);
					box = new DOMRect(left, top, Math.max(box.right, l.right) - left, Math.max(box.bottom, l.bottom) - top);
				}
			}
			if (element.tagName === 'A') {
				// Inline: a link inside running text of a paragraph or list item.
				const parent = element.parentElement;
				const text = parent?.textContent?.replace(element.textContent ?? '', '').trim() ?? '';
				if (parent && ['P', 'LI', 'SPAN', 'SMALL', 'DD'].includes(parent.tagName) && text.length > 0) continue;
			}
			if (box.width + 0.5 < min || box.height + 0.5 < min) small.push({ what: describe(element), width: Math.round(box.width), height: Math.round(box.height) });
		}
		return small;
	}, MIN);
}

async function checkScreen(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: `test-results/phone-screens/${name}.png`, fullPage: true });
	expect.soft(await smallTargets(page), `touch targets under ${MIN} px on ${name}`).toEqual([]);
	const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	expect.soft(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${name}`).toEqual([]);
}

test('every phone screen has 44×44 px targets and passes axe at 360×640', async ({ browser }) => {
	test.setTimeout(240_000);
	const workshop = createWorkshop('Zuid', 'Duimen-avond');

	// The join pages, before anyone is in.
	const visitor = await (await browser.newContext(PHONE)).newPage();
	await visitor.goto('/join');
	await checkScreen(visitor, 'join');
	await visitor.goto(`/join/${workshop.joinCode}`);
	await checkScreen(visitor, 'join-code');

	const facilitator = await staffPage(browser);
	await facilitator.goto(`/facilitate/${workshop.workshopId}`);
	const phone = await joinByCode(browser, workshop.joinCode, 'Femke');
	const other = await joinByCode(browser, workshop.joinCode, 'Gijs');
	await expectConnected(phone);
	await addCard(other, 'Een huiskamer voor ouderen in Heugem.');
	await addCard(phone, 'Meer licht op het pad naar de school.');

	for (let question = 1; question <= 8; question++) {
		if (question > 1) await facilitator.getByRole('button', { name: new RegExp(`^Vraag ${question}`) }).click();
		await expect(phone.getByText(new RegExp(`^Vraag ${question} `))).toBeVisible();
		await checkScreen(phone, `question-${question}`);
		if (question === 7) {
			// The plain-language help for the terms of question 7.
			await phone.getByText('Wat betekenen de woorden?').click();
			await expect(phone.getByTestId('budget-terms').getByText('Geen index', { exact: true })).toBeVisible();
			await checkScreen(phone, 'question-7-terms');
		}
	}

	// Question 8 with a vote open: the dot ballot.
	const setup = facilitator.getByTestId('priority-step');
	await setup.getByRole('button', { name: 'Start de stemming' }).click();
	await expect(phone.getByTestId('dot-ballot')).toBeVisible();
	await checkScreen(phone, 'question-8-vote');

	// The map page: map view, a point's details, and the list view.
	await phone.goto(`/workshop/${workshop.workshopId}/kaart`);
	await expectConnected(phone);
	await checkScreen(phone, 'map');
	await phone.getByRole('button', { name: 'Lijst' }).click();
	await checkScreen(phone, 'map-list');
});
