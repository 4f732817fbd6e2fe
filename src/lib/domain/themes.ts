import type { LocalizedText } from './i18n-text.ts';

/**
 * The goal hierarchy of the policy framework "Sociale Basis" (seed 000 §6 and §9).
 * All Dutch text quotes seed 000. The seed gives most outcomes twice — once on the impact slide
 * (§6) and once in the policy agenda (§9) — with slightly different wording and several typos;
 * per theme we quote whichever version is complete and free of typos (see the comment on each).
 */

export const MAIN_AMBITION = {
	// §6 prints the name in capitals; this is the sentence-case form the other seeds use.
	name: {
		nl: 'Vitale & saamhorige gemeenschappen',
		en: 'Vital & close-knit communities'
	},
	description: {
		nl: 'In 2040 voelen inwoners van Maastricht zich thuis en veilig, ze zijn betrokken en zien naar elkaar om. Inwoners van Maastricht voelen zich gesteund en hebben gemakkelijk toegang tot informatie, ondersteuning en zorg, zodat ze volwaardig mee kunnen doen en zelfredzaam zijn.',
		en: 'In 2040 residents of Maastricht feel at home and safe, they are involved and look out for each other. Residents of Maastricht feel supported and have easy access to information, support and care, so that they can take full part in society and be self-reliant.'
	}
} as const satisfies { name: LocalizedText; description: LocalizedText };

/** Cross-cutting principle: it weighs how much goes where, it is not a theme to tag things with. */
export const UNEQUAL_INVESTMENT = {
	name: {
		nl: 'Ongelijk investeren voor gelijke kansen',
		en: 'Investing unequally for equal opportunities'
	},
	description: {
		nl: 'De ene wijk is de andere niet. Het ene gebied is het andere niet. Dat heeft te maken met het verschil in samenstelling en behoeften van de mensen die er wonen, de inrichting van het gebied en de aanwezige voorzieningen.',
		en: 'No two neighbourhoods are the same. No two areas are the same. That is because of differences in who lives there and what they need, how the area is laid out and which facilities are there.'
	}
} as const satisfies { name: LocalizedText; description: LocalizedText };

/**
 * The nine sub-ambitions plus the cross-cutting "Inclusie & diversiteit": the ten themes that
 * contributions, elements and actions are tagged with. Order follows the impact slide (§6), with
 * the cross-cutting theme last.
 */
const THEME_DATA = [
	{
		id: 'initiatieven-vrijwillige-inzet',
		kind: 'sub-ambition',
		// Name: §9 heading. Outcome: §6 — the §9 version has a stray ". en/of" mid-sentence.
		name: {
			nl: 'Inwoners- en samenlevingsinitiatieven & vrijwillige inzet',
			en: "Residents' and community initiatives & volunteering"
		},
		outcome: {
			nl: 'Inwoners zijn in staat initiatieven op te zetten, met name voor inwoners in kwetsbare posities. Ze zetten zich in voor anderen zodat zij mee kunnen doen en zelfredzaam zijn.',
			en: 'Residents are able to set up initiatives, especially for residents in vulnerable positions. They commit themselves to others so that those others can take part and be self-reliant.'
		}
	},
	{
		id: 'ontmoeten-eenzaamheid',
		kind: 'sub-ambition',
		// Outcome: §6 — §9 drops "en stad", which the adopted framework (seed 001) keeps.
		name: {
			nl: 'Ontmoeten & eenzaamheid',
			en: 'Meeting & loneliness'
		},
		outcome: {
			nl: 'Inwoners, in het bijzonder inwoners in kwetsbare posities, kunnen anderen op een ongedwongen manier ontmoeten in de buurt en stad.',
			en: 'Residents, especially residents in vulnerable positions, can meet others in an informal way in their neighbourhood and in the city.'
		}
	},
	{
		id: 'mantelzorg-informele-zorg',
		kind: 'sub-ambition',
		// Name: §9 overview table. Outcome: §9 — the §6 version is broken by "even -wichtige".
		name: {
			nl: 'Mantelzorg & informele zorg',
			en: 'Family caregiving & informal care'
		},
		outcome: {
			nl: 'Inwoners zetten zich in als vrijwilliger voor anderen met een zorgvraag. Mantelzorgers kunnen op een gezonde en evenwichtige manier voor hun naaste en voor zichzelf (blijven) zorgen.',
			en: 'Residents volunteer for others who need care. Family caregivers can (continue to) care for their loved ones and for themselves in a healthy and balanced way.'
		}
	},
	{
		id: 'pedagogische-basis',
		kind: 'sub-ambition',
		// Outcome: §9 (the seed has no closing full stop); §6 lacks the hyphen in "opgroei- en".
		name: {
			nl: 'Pedagogische basis',
			en: 'Support for raising children'
		},
		outcome: {
			nl: 'Ouders en opvoeders weten zich gesteund bij opgroei- en opvoedproblemen door de directe omgeving en in kinderopvang, onderwijs, kinder- en jongerenwerk en de vrije tijdssector',
			en: 'Parents and carers feel supported with problems in growing up and parenting by the people around them and in childcare, education, child and youth work and the leisure sector'
		}
	},
	{
		id: 'informatie-advies',
		kind: 'sub-ambition',
		name: {
			nl: 'Informatie en advies',
			en: 'Information and advice'
		},
		outcome: {
			nl: 'Inwoners vinden gemakkelijk de weg naar voorzieningen en diensten in de nabije omgeving.',
			en: 'Residents easily find their way to facilities and services close to home.'
		}
	},
	{
		id: 'laagdrempelige-ondersteuning',
		kind: 'sub-ambition',
		// Outcome: §9 — the §6 version has "laag-drempelige" and "dagbestedng".
		name: {
			nl: 'Laagdrempelige ondersteuning',
			en: 'Easily accessible support'
		},
		outcome: {
			nl: 'Inwoners kunnen terugvallen op laagdrempelige ondersteuning o.g.v. armoede, dagbesteding, gezondheid, jeugd en eigen initiatief in de buurt',
			en: 'Residents can fall back on easily accessible support in the neighbourhood for poverty, day activities, health, youth and their own initiatives'
		}
	},
	{
		id: 'cultuur',
		kind: 'sub-ambition',
		// §9 has no heading for this outcome; the name comes from §6.
		name: {
			nl: 'Cultuur',
			en: 'Culture'
		},
		outcome: {
			nl: 'Inwoners zijn in de gelegenheid om deel te nemen aan cultuur. Cultuur inspireert, daagt uit tot nadenken, verbindt en zorgt voor persoonlijke ontwikkeling',
			en: 'Residents have the opportunity to take part in culture. Culture inspires, makes people think, connects and helps personal development'
		}
	},
	{
		id: 'sport-bewegen',
		kind: 'sub-ambition',
		// Name: §6 (§9 has no heading here). Outcome: §9, the version with a closing full stop.
		name: {
			nl: 'Sport/bewegen',
			en: 'Sport/exercise'
		},
		outcome: {
			nl: 'Inwoners, in het bijzonder inwoners in kwetsbare posities, kunnen een leven lang sporten en bewegen.',
			en: 'Residents, especially residents in vulnerable positions, can play sport and exercise throughout their lives.'
		}
	},
	{
		id: 'fysieke-leefomgeving',
		kind: 'sub-ambition',
		name: {
			nl: 'Fysieke leefomgeving',
			en: 'Physical living environment'
		},
		outcome: {
			nl: 'Inwoners, in het bijzonder inwoners in kwetsbare posities, ervaren een omgeving die uitnodigt tot ontmoeten en bewegen.',
			en: 'Residents, especially residents in vulnerable positions, experience surroundings that invite them to meet and to move.'
		}
	},
	{
		id: 'inclusie-diversiteit',
		kind: 'cross-cutting',
		name: {
			nl: 'Inclusie & diversiteit',
			en: 'Inclusion & diversity'
		},
		outcome: {
			nl: 'Inwoners voelen zich onderdeel van de samenleving, ze voelen zich veilig, gerespecteerd en gehoord',
			en: 'Residents feel part of society, they feel safe, respected and heard'
		}
	}
] as const satisfies readonly {
	id: string;
	kind: 'sub-ambition' | 'cross-cutting';
	name: LocalizedText;
	outcome: LocalizedText;
}[];

export type ThemeId = (typeof THEME_DATA)[number]['id'];
export type ThemeKind = (typeof THEME_DATA)[number]['kind'];

export interface Theme {
	readonly id: ThemeId;
	readonly kind: ThemeKind;
	readonly name: LocalizedText;
	readonly outcome: LocalizedText;
}

export const THEMES: readonly Theme[] = THEME_DATA;

export function isThemeId(value: unknown): value is ThemeId {
	return THEMES.some((theme) => theme.id === value);
}

export function themeById(id: string): Theme | null {
	return THEMES.find((theme) => theme.id === id) ?? null;
}

/** The three lists every sub-ambition has in the policy agenda (§9): the shape of a district programme chapter. */
const ACTION_LIST_DATA = [
	{
		id: 'al',
		label: {
			nl: 'Wat doen we al en blijven we doorontwikkelen',
			en: 'What we already do and keep developing'
		}
	},
	{
		id: 'extra',
		label: {
			nl: 'Waar zetten we extra op in',
			en: 'Where we invest extra'
		}
	},
	{
		id: 'inwoners',
		label: {
			nl: 'Wat betekent dit voor de inwoners',
			en: 'What this means for residents'
		}
	}
] as const satisfies readonly { id: string; label: LocalizedText }[];

export type ActionListId = (typeof ACTION_LIST_DATA)[number]['id'];

export interface ActionList {
	readonly id: ActionListId;
	readonly label: LocalizedText;
}

export const ACTION_LISTS: readonly ActionList[] = ACTION_LIST_DATA;

export function isActionListId(value: unknown): value is ActionListId {
	return ACTION_LISTS.some((list) => list.id === value);
}

export function actionListById(id: string): ActionList | null {
	return ACTION_LISTS.find((list) => list.id === id) ?? null;
}
