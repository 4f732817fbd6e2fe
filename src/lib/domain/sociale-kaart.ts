/**
 * The public sociale kaart and the published agenda: the shape of what goes public, and the rules
 * that keep it safe and useful. Pure, no I/O.
 *
 * A publication is a snapshot made when staff click "publiceren": the agenda version they chose,
 * plus the agreed inventory of the sociale basis (facilities and accepted elements) with their
 * condition as rated. It never holds a participant's name, buurt or age, nor the free-text reasons
 * of ratings (those could name people); a rating count under 3 is never kept.
 */
import { FACILITY_CATEGORIES, STADSDEEL_CODES, type FacilityCategory, type StadsdeelCode } from './areas.ts';
import type { LocalizedText } from './i18n-text.ts';
import type { LayerId } from './sociale-basis.ts';
import type { ActionListId, ThemeId } from './themes.ts';

export const PUBLICATION_SCHEMA = 1;

export function isStadsdeelCode(value: unknown): value is StadsdeelCode {
	return typeof value === 'string' && (STADSDEEL_CODES as readonly string[]).includes(value);
}

/** Counts below this are never shown (privacy rule of the whole app). */
export const MIN_SHOWN_COUNT = 3;

export const RATING_IDS = ['goed', 'onder-druk', 'ontbreekt'] as const;
export type RatingId = (typeof RATING_IDS)[number];

/** Who a place is for; the same ids as the elements' target groups. */
export const FOR_WHOM = ['kinderen-jongeren', 'volwassenen', 'ouderen'] as const;
export type ForWhom = (typeof FOR_WHOM)[number];

export const FOR_WHOM_TEXT: Record<ForWhom, LocalizedText> = {
	'kinderen-jongeren': { nl: 'kinderen en jongeren', en: 'children and young people' },
	volwassenen: { nl: 'volwassenen', en: 'adults' },
	ouderen: { nl: 'ouderen', en: 'older people' }
};

export interface PublicCondition {
	/** null when fewer than 3 people rated it: then nothing about the rating is shown. */
	voters: number | null;
	/** Per rating; null where fewer than 3 people chose it. */
	counts: Record<RatingId, number | null>;
	/** The rating most people chose; null when too few rated it or when it is a tie. */
	verdict: RatingId | null;
}

export interface PublicPlace {
	id: string;
	kind: 'facility' | 'element';
	name: string | null;
	category: FacilityCategory;
	layer: LayerId;
	themeIds: ThemeId[];
	forWhom: ForWhom[];
	address: string | null;
	/** Both numbers, or both null when only the buurt is known. */
	lat: number | null;
	lon: number | null;
	buurtCode: string | null;
	/** osm: OpenStreetMap (ODbL); import: the municipality's own file; workshop: named by residents in a workshop. */
	source: 'osm' | 'import' | 'workshop';
	/** The OSM element ("node/123") for OSM places. */
	sourceRef: string | null;
	condition: PublicCondition;
}

export interface PublicAction {
	id: string;
	ref: string;
	title: string;
	themeId: ThemeId;
	list: ActionListId;
	owner: string;
	quarter: string | null;
	amountEuros: number | null;
	budgetLine: string | null;
}

export interface PublicSnapshot {
	schema: typeof PUBLICATION_SCHEMA;
	agendaId: string;
	title: string;
	period: string;
	stadsdeel: { code: string; name: string };
	buurten: { code: string; name: string }[];
	versionId: string;
	versionName: string;
	publishedAt: number;
	syntheses: { questionNumber: number; text: string }[];
	actions: PublicAction[];
	places: PublicPlace[];
}

// ---------------------------------------------------------------------------------------------
// Conditions: counts under 3 never leave the server

export function publicCondition(tally: { voters: number } & Record<RatingId, number>): PublicCondition {
	const shown = (n: number) => (n >= MIN_SHOWN_COUNT ? n : null);
	const counts = { goed: shown(tally.goed), 'onder-druk': shown(tally['onder-druk']), ontbreekt: shown(tally.ontbreekt) };
	if (tally.voters < MIN_SHOWN_COUNT) return { voters: null, counts: { goed: null, 'onder-druk': null, ontbreekt: null }, verdict: null };
	const best = Math.max(...RATING_IDS.map((id) => tally[id]));
	const leaders = RATING_IDS.filter((id) => tally[id] === best);
	return { voters: tally.voters, counts, verdict: best > 0 && leaders.length === 1 ? leaders[0] : null };
}

export const NO_CONDITION: PublicCondition = { voters: null, counts: { goed: null, 'onder-druk': null, ontbreekt: null }, verdict: null };

// ---------------------------------------------------------------------------------------------
// What a place offers: its theme, layer and the need it answers (the paper kaart's groups)

/** The needs the paper kaart is grouped by, in the order older residents look for them. */
export const NEEDS = ['ontmoeten', 'hulp-thuis', 'informatie-advies', 'actief', 'kinderen-gezin', 'overig'] as const;
export type NeedId = (typeof NEEDS)[number];

export const NEED_TEXT: Record<NeedId, { title: LocalizedText; intro: LocalizedText }> = {
	ontmoeten: {
		title: { nl: 'Mensen ontmoeten', en: 'Meeting people' },
		intro: { nl: 'Hier kunt u andere mensen zien en spreken.', en: 'Here you can see and talk to other people.' }
	},
	'hulp-thuis': {
		title: { nl: 'Hulp en zorg', en: 'Help and care' },
		intro: { nl: 'Hier kunt u hulp vragen, ook voor thuis.', en: 'Here you can ask for help, also at home.' }
	},
	'informatie-advies': {
		title: { nl: 'Informatie en advies', en: 'Information and advice' },
		intro: { nl: 'Hier kunt u vragen stellen en informatie krijgen.', en: 'Here you can ask questions and get information.' }
	},
	actief: {
		title: { nl: 'Actief zijn', en: 'Being active' },
		intro: { nl: 'Hier kunt u sporten, bewegen of iets maken.', en: 'Here you can do sports, move or make things.' }
	},
	'kinderen-gezin': {
		title: { nl: 'Kinderen en gezin', en: 'Children and family' },
		intro: { nl: 'Voor kinderen, jongeren en ouders.', en: 'For children, young people and parents.' }
	},
	overig: {
		title: { nl: 'Andere plekken', en: 'Other places' },
		intro: { nl: 'Nog meer plekken in de buurt.', en: 'More places in the neighbourhood.' }
	}
};

interface CategoryMeaning {
	need: NeedId;
	themes: ThemeId[];
	/** The layer of a shipped facility of this kind (elements carry their own layer). */
	layer: LayerId;
	offers: LocalizedText;
}

/** What each kind of place is for, in the policy's words (themes, layers of the sociale basis). */
export const CATEGORY_MEANING: Record<FacilityCategory, CategoryMeaning> = {
	community_centre: {
		need: 'ontmoeten',
		themes: ['ontmoeten-eenzaamheid', 'initiatieven-vrijwillige-inzet'],
		layer: 'fysiek',
		offers: { nl: 'Een plek voor activiteiten en ontmoeting in de buurt.', en: 'A place for activities and meeting in the neighbourhood.' }
	},
	meeting_place: {
		need: 'ontmoeten',
		themes: ['ontmoeten-eenzaamheid'],
		layer: 'fysiek',
		offers: { nl: 'Een plek om elkaar te ontmoeten.', en: 'A place to meet each other.' }
	},
	worship: {
		need: 'ontmoeten',
		themes: ['ontmoeten-eenzaamheid', 'inclusie-diversiteit'],
		layer: 'fysiek',
		offers: { nl: 'Een gebedshuis. Vaak ook ontmoeting en hulp.', en: 'A place of worship. Often also meeting and help.' }
	},
	care_social: {
		need: 'hulp-thuis',
		themes: ['laagdrempelige-ondersteuning', 'mantelzorg-informele-zorg'],
		layer: 'institutioneel',
		offers: { nl: 'Zorg, welzijn en hulp dichtbij.', en: 'Care, well-being and help close by.' }
	},
	health: {
		need: 'hulp-thuis',
		themes: ['laagdrempelige-ondersteuning'],
		layer: 'institutioneel',
		offers: { nl: 'Huisarts of andere zorg voor uw gezondheid.', en: 'GP or other care for your health.' }
	},
	library: {
		need: 'informatie-advies',
		themes: ['informatie-advies', 'cultuur'],
		layer: 'fysiek',
		offers: { nl: 'Boeken, informatie en hulp met formulieren en de computer.', en: 'Books, information and help with forms and the computer.' }
	},
	municipal: {
		need: 'informatie-advies',
		themes: ['informatie-advies'],
		layer: 'institutioneel',
		offers: { nl: 'Loket van de gemeente.', en: 'Municipal service desk.' }
	},
	culture: {
		need: 'actief',
		themes: ['cultuur'],
		layer: 'fysiek',
		offers: { nl: 'Muziek, theater, kunst en cursussen.', en: 'Music, theatre, art and courses.' }
	},
	sport: {
		need: 'actief',
		themes: ['sport-bewegen'],
		layer: 'fysiek',
		offers: { nl: 'Sporten en bewegen.', en: 'Sports and exercise.' }
	},
	education: {
		need: 'kinderen-gezin',
		themes: ['pedagogische-basis'],
		layer: 'institutioneel',
		offers: { nl: 'School of onderwijs.', en: 'School or education.' }
	},
	childcare: {
		need: 'kinderen-gezin',
		themes: ['pedagogische-basis'],
		layer: 'institutioneel',
		offers: { nl: 'Opvang voor kinderen.', en: 'Care for children.' }
	},
	other: {
		need: 'overig',
		themes: [],
		layer: 'fysiek',
		offers: { nl: 'Een plek van de sociale basis.', en: 'A place of the social basis.' }
	}
};

export function categoryLabel(category: FacilityCategory): LocalizedText {
	return FACILITY_CATEGORIES[category];
}

// ---------------------------------------------------------------------------------------------
// Search: the list is the primary view, so the search must forgive

function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Places whose name, address, kind, offer or for-whom contain every word of the query. */
export function searchPlaces<T extends PublicPlace>(places: readonly T[], query: string): T[] {
	const words = fold(query).split(/\s+/).filter((word) => word !== '');
	if (words.length === 0) return [...places];
	return places.filter((place) => {
		const meaning = CATEGORY_MEANING[place.category];
		const haystack = fold(
			[
				place.name ?? '',
				place.address ?? '',
				categoryLabel(place.category).nl,
				categoryLabel(place.category).en,
				meaning.offers.nl,
				meaning.offers.en,
				NEED_TEXT[meaning.need].title.nl,
				NEED_TEXT[meaning.need].title.en,
				...place.forWhom.flatMap((group) => [FOR_WHOM_TEXT[group].nl, FOR_WHOM_TEXT[group].en])
			].join(' ')
		);
		return words.every((word) => haystack.includes(word));
	});
}

/** By need, then name: the order of the list and of the paper kaart's numbers. */
export function comparePlaces(a: PublicPlace, b: PublicPlace): number {
	const need = NEEDS.indexOf(CATEGORY_MEANING[a.category].need) - NEEDS.indexOf(CATEGORY_MEANING[b.category].need);
	if (need !== 0) return need;
	const name = (a.name ?? '').localeCompare(b.name ?? '', 'nl');
	return name !== 0 ? name : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function placesOfBuurt(snapshot: PublicSnapshot, buurtCode: string): PublicPlace[] {
	return snapshot.places.filter((place) => place.buurtCode === buurtCode).sort(comparePlaces);
}
