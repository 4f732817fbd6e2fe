import type { LocalizedText } from './i18n-text.ts';

/**
 * What the sociale basis is and when it is strong (seed 000 §2–§4). Dutch text in `definition`,
 * `seedText`, the Social Quality table and the principles quotes seed 000; `explanation` texts
 * are ours, written at language level B1.
 */

/**
 * Seed 000 §2 answers "Wat is de Sociale Basis?" with three fragments joined by "+" (kept per
 * layer as `seedText`); the only full sentence about the sociale basis as a whole is this one,
 * printed under the heading "SOCIALE BASIS MAASTRICHT", which is its grammatical subject.
 */
export const SOCIALE_BASIS_DEFINITION = {
	nl: 'Maakt het mogelijk dat inwoners deel kunnen nemen in sociale verbanden op een manier die hun welzijn, capaciteiten en individueel potentieel verbetert (intrinsiek en/of instrumenteel).',
	en: 'Enables residents to take part in social relationships in a way that improves their well-being, capabilities and individual potential (intrinsically and/or instrumentally).'
} as const satisfies LocalizedText;

/**
 * The three layers every element of the social basis is classified into (question 3).
 * Names are the seed's italic terms with a capital first letter, since they stand alone as labels.
 */
const LAYER_DATA = [
	{
		id: 'persoonlijk',
		name: {
			nl: 'Persoonlijke en gemeenschappelijke basis',
			en: 'Personal and community basis'
		},
		seedText: {
			nl: 'Dat wat bewoners mét en vóór elkaar doen',
			en: 'What residents do with and for each other'
		},
		explanation: {
			nl: 'Wat bewoners zelf voor elkaar doen. Denk aan buren die helpen, vrijwilligers en bewonersinitiatieven.',
			en: "What residents do for each other themselves. Think of neighbours who help, volunteers and residents' initiatives."
		}
	},
	{
		id: 'institutioneel',
		// The seed adds "het geheel noemen we de sociale basisinfrastructuur"; domain.md reads that
		// as another name for this layer, but it may mean all three layers together.
		name: {
			nl: 'Institutionele basis',
			en: 'Institutional basis'
		},
		seedText: {
			nl: 'Professionele en door de gemeente georganiseerde sociale basisvoorzieningen',
			en: 'Professional basic social provisions and those organised by the municipality'
		},
		explanation: {
			nl: 'Hulp en activiteiten van organisaties en de gemeente. Denk aan opbouwwerk, jongerenwerk en het wijkservicepunt.',
			en: 'Help and activities from organisations and the municipality. Think of community work, youth work and the wijkservicepunt.'
		}
	},
	{
		id: 'fysiek',
		name: {
			nl: 'Fysieke infrastructuur',
			en: 'Physical infrastructure'
		},
		seedText: {
			nl: 'Voorzieningen, gebouwen en de inrichting van de fysieke leefomgeving',
			en: 'Facilities, buildings and the layout of the physical environment'
		},
		explanation: {
			nl: 'Gebouwen en plekken in de buurt. Denk aan gemeenschapshuizen, sportvelden, de bibliotheek, pleinen en groen.',
			en: 'Buildings and places in the neighbourhood. Think of community centres, sports fields, the library, squares and green space.'
		}
	}
] as const satisfies readonly {
	id: string;
	name: LocalizedText;
	seedText: LocalizedText;
	explanation: LocalizedText;
}[];

export type LayerId = (typeof LAYER_DATA)[number]['id'];

export interface Layer {
	readonly id: LayerId;
	readonly name: LocalizedText;
	readonly seedText: LocalizedText;
	readonly explanation: LocalizedText;
}

export const SOCIALE_BASIS_LAYERS: readonly Layer[] = LAYER_DATA;

export function isLayerId(value: unknown): value is LayerId {
	return SOCIALE_BASIS_LAYERS.some((layer) => layer.id === value);
}

export function layerById(id: string): Layer | null {
	return SOCIALE_BASIS_LAYERS.find((layer) => layer.id === id) ?? null;
}

/**
 * The Social Quality model (seed 000 §3, after Verharen 2017): the social basis is strong when
 * these four conditions hold, and the municipality does more where one of them is under pressure.
 */
const SOCIAL_QUALITY_CONDITION_DATA = [
	{
		id: 'sociaal-economische-zekerheid',
		condition: {
			nl: 'Sociaal Economische Zekerheid',
			en: 'Socio-economic security'
		},
		via: {
			nl: 'Borgen van essentiële bestaansvoorwaarden voor ieder mens via mensenrechten, wetgeving en voorzieningen',
			en: 'Safeguarding essential living conditions for every person through human rights, legislation and provisions'
		},
		value: {
			nl: 'Sociale rechtvaardigheid',
			en: 'Social justice'
		}
	},
	{
		id: 'sociale-inclusie',
		condition: {
			nl: 'Sociale Inclusie',
			en: 'Social inclusion'
		},
		via: {
			nl: 'Responsiviteit en toegankelijkheid van groepen, gemeenschappen en systemen',
			en: 'Responsiveness and accessibility of groups, communities and systems'
		},
		value: {
			nl: 'Gelijkwaardigheid',
			en: 'Equal worth'
		}
	},
	{
		id: 'sociale-cohesie',
		condition: {
			nl: 'Sociale Cohesie',
			en: 'Social cohesion'
		},
		via: {
			nl: 'Gedeelde normen en waarden, erkenning en respect, wederkerigheid',
			en: 'Shared norms and values, recognition and respect, reciprocity'
		},
		value: {
			nl: 'Solidariteit',
			en: 'Solidarity'
		}
	},
	{
		id: 'sociale-empowerment',
		condition: {
			nl: 'Sociale Empowerment',
			en: 'Social empowerment'
		},
		via: {
			nl: 'Mogelijkheden tot zelfbeschikking/zelfrealisering, ondersteund en versterkt door relaties en structuren',
			en: 'Opportunities for self-determination/self-realisation, supported and strengthened by relationships and structures'
		},
		value: {
			nl: 'Menselijke waardigheid',
			en: 'Human dignity'
		}
	}
] as const satisfies readonly {
	id: string;
	condition: LocalizedText;
	via: LocalizedText;
	value: LocalizedText;
}[];

export type SocialQualityConditionId = (typeof SOCIAL_QUALITY_CONDITION_DATA)[number]['id'];

export interface SocialQualityCondition {
	readonly id: SocialQualityConditionId;
	readonly condition: LocalizedText;
	readonly via: LocalizedText;
	readonly value: LocalizedText;
}

export const SOCIAL_QUALITY_CONDITIONS: readonly SocialQualityCondition[] =
	SOCIAL_QUALITY_CONDITION_DATA;

export function isSocialQualityConditionId(value: unknown): value is SocialQualityConditionId {
	return SOCIAL_QUALITY_CONDITIONS.some((condition) => condition.id === value);
}

export function socialQualityConditionById(id: string): SocialQualityCondition | null {
	return SOCIAL_QUALITY_CONDITIONS.find((condition) => condition.id === id) ?? null;
}

/** The eight principles (uitgangspunten) for a strong sociale basis, seed 000 §4, in seed order. */
const PRINCIPLE_DATA = [
	{
		number: 1,
		id: 'gemeenschapsgericht',
		text: {
			nl: 'We werken gemeenschapsgericht, in dialoog met de samenleving.',
			en: 'We work with a focus on the community, in dialogue with society.'
		}
	},
	{
		number: 2,
		id: 'actieve-betrokkenheid',
		text: {
			nl: 'We faciliteren actieve betrokkenheid van de inwoners en actoren uit de sociale basis en bieden ruimte voor nieuwe concepten uit de samenleving.',
			en: 'We facilitate the active involvement of residents and actors in the social basis and make room for new concepts from society.'
		}
	},
	{
		number: 3,
		id: 'initiatieven-extra-faciliteren',
		text: {
			nl: 'Initiatieven die bijdragen aan onze brede doelstellingen, faciliteren wij extra.',
			en: 'We give extra support to initiatives that contribute to our broad goals.'
		}
	},
	{
		number: 4,
		id: 'bestaanszekerheid',
		text: {
			nl: 'We werken vanuit de gedachte dat bestaanszekerheid nodig is om een actieve bijdrage te leveren aan de sociale basis.',
			en: 'We work from the idea that existential security is needed to contribute actively to the social basis.'
		}
	},
	{
		number: 5,
		id: 'partnerschap',
		text: {
			nl: 'We werken vanuit partnerschap en zorgen samen voor verbinding en samenhang gericht op waarden en kwaliteit.',
			en: 'We work in partnership and together create connection and coherence focused on values and quality.'
		}
	},
	{
		number: 6,
		id: 'ongelijk-investeren',
		text: {
			nl: 'We streven naar een samenleving waarin het voor iedereen mogelijk moet zijn om een goed leven te leiden. Daarom investeren we ongelijk voor gelijke kansen.',
			en: 'We strive for a society in which everyone should be able to lead a good life. That is why we invest unequally for equal opportunities.'
		}
	},
	{
		number: 7,
		id: 'collectief-werken',
		text: {
			nl: 'We werken vanuit de gedachte dat individuele ondersteuning complementair is aan de sociale basis en werken zoveel mogelijk collectief.',
			en: 'We work from the idea that individual support complements the social basis, and we work collectively wherever possible.'
		}
	},
	{
		number: 8,
		id: 'eenvoud-continuiteit',
		text: {
			nl: 'We streven naar eenvoud en continuïteit, door bijvoorbeeld te ontschotten, minder regelgeving en meerjarig commitment.',
			en: 'We strive for simplicity and continuity, for example by breaking down silos, fewer rules and multi-year commitment.'
		}
	}
] as const satisfies readonly { number: number; id: string; text: LocalizedText }[];

export type PrincipleNumber = (typeof PRINCIPLE_DATA)[number]['number'];
export type PrincipleId = (typeof PRINCIPLE_DATA)[number]['id'];

export interface Principle {
	readonly number: PrincipleNumber;
	readonly id: PrincipleId;
	readonly text: LocalizedText;
}

export const PRINCIPLES: readonly Principle[] = PRINCIPLE_DATA;

export function isPrincipleId(value: unknown): value is PrincipleId {
	return PRINCIPLES.some((principle) => principle.id === value);
}

export function principleById(id: string): Principle | null {
	return PRINCIPLES.find((principle) => principle.id === id) ?? null;
}

export function principleByNumber(principleNumber: number): Principle | null {
	return PRINCIPLES.find((principle) => principle.number === principleNumber) ?? null;
}

/**
 * The scale for question 4 ("Hoe staan die ervoor?"): how an element of the social basis is doing.
 * It rates elements, not the Social Quality conditions above. Ordered from best to worst.
 */
const CONDITION_RATING_DATA = [
	{ id: 'goed', label: { nl: 'Goed', en: 'Good' } },
	{ id: 'onder-druk', label: { nl: 'Onder druk', en: 'Under pressure' } },
	{ id: 'ontbreekt', label: { nl: 'Ontbreekt', en: 'Missing' } }
] as const satisfies readonly { id: string; label: LocalizedText }[];

export type ConditionRatingId = (typeof CONDITION_RATING_DATA)[number]['id'];

export interface ConditionRating {
	readonly id: ConditionRatingId;
	readonly label: LocalizedText;
}

export const CONDITION_RATINGS: readonly ConditionRating[] = CONDITION_RATING_DATA;

export function isConditionRatingId(value: unknown): value is ConditionRatingId {
	return CONDITION_RATINGS.some((rating) => rating.id === value);
}

export function conditionRatingById(id: string): ConditionRating | null {
	return CONDITION_RATINGS.find((rating) => rating.id === id) ?? null;
}
