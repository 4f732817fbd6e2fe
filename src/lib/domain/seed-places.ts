/**
 * Meeting places the policy texts name, as a starting inventory for question 3 and the map.
 * Seed 002 (council presentation "Investeren in de Sociale Basis", slide "Ontmoetingsplekken Amby")
 * names them with their target groups; server/seed/maastricht/amby_policy_places_lookup.json holds
 * what open sources say about them. No open source gave coordinates, so `point` is null and every
 * screen says "plek op de kaart onbekend": they are never drawn at a guessed spot (not even the
 * buurt's centre). A place the sources did not find keeps only what the seed says.
 */
import type { LocalizedText } from './i18n-text.ts';
import type { FacilityCategory } from './areas.ts';
import type { LayerId } from './sociale-basis.ts';

export type SeedPlaceTargetGroup = 'kinderen-jongeren' | 'volwassenen' | 'ouderen';

export interface SeedPlace {
	readonly id: string;
	readonly name: string;
	readonly category: FacilityCategory;
	readonly layer: LayerId;
	readonly targetGroups: readonly SeedPlaceTargetGroup[];
	/** What the seed says about the place, quoted. */
	readonly seedDescription: string;
	/** What the open sources add (lookup file), or null when nothing was found. */
	readonly found: LocalizedText | null;
	readonly address: string | null;
	readonly buurtCode: string;
	readonly buurtName: string;
	/** The municipal stadsdeel (2022) of the buurt. */
	readonly stadsdeelName: string;
	/** Always null here: no open source gave a position. */
	readonly point: null;
	readonly source: string;
}

const SEED_002 = 'Seed 002, presentatie gemeenteraad "Investeren in de Sociale Basis", dia "Ontmoetingsplekken Amby"';
const VOLWASSENEN = 'Volwassenen: Amyerhoof (goede bezetting en programmering) en de Koffiepot.';
const OUDEREN = 'Ouderen: Amyerhoof, Koffiepot en twee woonzorgcentra met (sociaal) restaurant en dagactiviteiten Hagerpoort en De Zeven Bronnen.';

const AMBY = { buurtCode: 'BU09350406', buurtName: 'Amby', stadsdeelName: 'Oost', point: null, source: SEED_002 } as const;

export const SEED_PLACES: readonly SeedPlace[] = [
	{
		...AMBY,
		id: 'seed-amyerhoof',
		name: 'Amyerhoof',
		category: 'community_centre',
		layer: 'fysiek',
		targetGroups: ['volwassenen', 'ouderen'],
		seedDescription: `${VOLWASSENEN} ${OUDEREN}`,
		found: {
			nl: 'Gemeenschapshuis van Amby, open sinds 30 april 1968, "de huiskamer van Amby" (amyerhoof.nl, De Limburger 2018).',
			en: 'Community centre of Amby, open since 30 April 1968, "the living room of Amby" (amyerhoof.nl, De Limburger 2018).'
		},
		address: 'Severenplein 27, 6225 AZ Maastricht'
	},
	{
		...AMBY,
		id: 'seed-koffiepot',
		name: 'De Koffiepot',
		category: 'meeting_place',
		layer: 'fysiek',
		targetGroups: ['volwassenen', 'ouderen'],
		seedDescription: `${VOLWASSENEN} ${OUDEREN}`,
		found: null,
		address: null
	},
	{
		...AMBY,
		id: 'seed-hagerpoort',
		name: 'Hagerpoort',
		category: 'care_social',
		layer: 'fysiek',
		targetGroups: ['ouderen'],
		seedDescription: OUDEREN,
		found: {
			nl: 'Woon-zorgcomplex in Amby (aanleunwoningen, verpleeghuis, zorgwoningen), in plaats van zorgcentrum Achter de Hoven (projectpagina van de architect).',
			en: 'Care housing complex in Amby (sheltered flats, nursing home, care homes), replacing care centre Achter de Hoven (architect’s project page).'
		},
		address: null
	},
	{
		...AMBY,
		id: 'seed-zeven-bronnen',
		name: 'De Zeven Bronnen',
		category: 'care_social',
		layer: 'fysiek',
		targetGroups: ['ouderen'],
		seedDescription: OUDEREN,
		found: null,
		address: null
	}
];

/** The seed places in one stadsdeel (by its name as the app shows it), in the seed's order. */
export function seedPlacesIn(stadsdeelName: string | null): SeedPlace[] {
	if (stadsdeelName === null) return [];
	const wanted = stadsdeelName.trim().toLowerCase();
	return SEED_PLACES.filter((place) => place.stadsdeelName.toLowerCase() === wanted);
}
