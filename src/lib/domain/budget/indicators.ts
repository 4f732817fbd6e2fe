/**
 * The eight objective indicators of the afwegingskader "Ongelijk investeren voor gelijke kansen"
 * (seed 000, §7 "Objectieve gegevens ter legitimatie van de afweging"). The Dutch labels quote the
 * seed so that residents and officials recognise the policy text on screen.
 */

import type { LocalizedText } from '../i18n-text.ts';

export type IndicatorDirection = 'higher-is-more-need' | 'higher-is-less-need';

export interface IndicatorDefinition {
	readonly id: IndicatorId;
	readonly label: LocalizedText;
	readonly direction: IndicatorDirection;
	/** One line, language level B1, for the screen where weights are chosen. */
	readonly explanation: LocalizedText;
}

export const INDICATOR_IDS = [
	'demografie',
	'zelfregie',
	'ses',
	'diversiteit',
	'tevredenheid',
	'zorggebruik',
	'eenzaamheid',
	'gezondheid'
] as const;

export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATORS: readonly IndicatorDefinition[] = [
	{
		id: 'demografie',
		label: { nl: 'De demografische ontwikkeling', en: 'Demographic development' },
		// The seed names a development, not a number. We read it as demographic pressure on the
		// social basis (for example the share of residents aged 65+ or the expected growth of that
		// group): seed 001 §4 points at the peak of ageing in 2040 as the pressure to prepare for.
		// Whoever supplies the figure must pick a measure where a higher value means more pressure.
		direction: 'higher-is-more-need',
		explanation: {
			nl: 'Hoe de bevolking verandert, bijvoorbeeld meer ouderen. Een hoger cijfer betekent meer druk op de buurt.',
			en: 'How the population changes, for example more older residents. A higher figure means more pressure on the neighbourhood.'
		}
	},
	{
		id: 'zelfregie',
		label: { nl: 'De mate van zelfregie', en: 'Degree of self-reliance' },
		direction: 'higher-is-less-need',
		explanation: {
			nl: 'Hoe goed inwoners zelf hun leven kunnen regelen. Een hoger cijfer betekent minder steun nodig.',
			en: 'How well residents can run their own lives. A higher figure means less support is needed.'
		}
	},
	{
		id: 'ses',
		label: { nl: 'De SES score', en: 'Socio-economic status (SES) score' },
		direction: 'higher-is-less-need',
		explanation: {
			nl: 'Inkomen, opleiding en werk samen in één cijfer. Een hoger cijfer betekent minder steun nodig.',
			en: 'Income, education and work combined in one figure. A higher figure means less support is needed.'
		}
	},
	{
		id: 'diversiteit',
		label: { nl: 'De samenstelling (diversiteit) van de buurt', en: 'Composition (diversity) of the neighbourhood' },
		// Diversity is not a problem in itself. It counts as need because the cross-cutting theme
		// "Inclusie & diversiteit" asks for extra effort so that everyone feels welcome and heard, and
		// that effort is larger where more groups live together. A district that disagrees with this
		// reading can set this weight to zero instead of changing the direction.
		direction: 'higher-is-more-need',
		explanation: {
			nl: 'Hoeveel verschillende groepen in de buurt wonen. Een hoger cijfer betekent meer werk om iedereen mee te laten doen.',
			en: 'How many different groups live in the neighbourhood. A higher figure means more work to include everyone.'
		}
	},
	{
		id: 'tevredenheid',
		label: { nl: 'De tevredenheid over de buurt', en: 'Satisfaction with the neighbourhood' },
		direction: 'higher-is-less-need',
		explanation: {
			nl: 'Hoe tevreden inwoners zijn over hun buurt. Een hoger cijfer betekent minder steun nodig.',
			en: 'How satisfied residents are with their neighbourhood. A higher figure means less support is needed.'
		}
	},
	{
		id: 'zorggebruik',
		label: { nl: 'Het zorggebruik', en: 'Use of care' },
		direction: 'higher-is-more-need',
		explanation: {
			nl: 'Hoeveel inwoners zorg of hulp krijgen, zoals Wmo of jeugdhulp. Een hoger cijfer betekent meer steun nodig.',
			en: 'How many residents receive care or support, such as Wmo or youth care. A higher figure means more support is needed.'
		}
	},
	{
		id: 'eenzaamheid',
		label: { nl: 'De mate van eenzaamheid', en: 'Degree of loneliness' },
		direction: 'higher-is-more-need',
		explanation: {
			nl: 'Hoeveel inwoners zich eenzaam voelen. Een hoger cijfer betekent meer steun nodig.',
			en: 'How many residents feel lonely. A higher figure means more support is needed.'
		}
	},
	{
		id: 'gezondheid',
		label: {
			nl: 'De mate waarin inwoners een goede gezondheid ervaren',
			en: 'Share of residents who rate their health as good'
		},
		direction: 'higher-is-less-need',
		explanation: {
			nl: 'Hoeveel inwoners zeggen dat hun gezondheid goed is. Een hoger cijfer betekent minder steun nodig.',
			en: 'How many residents say their health is good. A higher figure means less support is needed.'
		}
	}
];

const INDICATOR_BY_ID: ReadonlyMap<string, IndicatorDefinition> = new Map(
	INDICATORS.map((indicator) => [indicator.id, indicator])
);

export function isIndicatorId(candidate: string): candidate is IndicatorId {
	return INDICATOR_BY_ID.has(candidate);
}

export function indicatorById(id: IndicatorId): IndicatorDefinition {
	// Safe: IndicatorId is derived from the same list INDICATORS is checked against in the tests.
	return INDICATOR_BY_ID.get(id) as IndicatorDefinition;
}
