/**
 * Open data of the public sociale kaart of one buurt: CSV and GeoJSON that the municipality's own
 * digitale sociale kaart (and Wijktafel's facility import, src/lib/server/facility-import.ts) can take
 * in. Both carry the licence and the source: ODbL 1.0, because the OpenStreetMap points are ODbL and a
 * database made with them is too.
 *
 * The columns the facility import reads come first (id, name, category, lat, lon, address; GeoJSON:
 * feature id, name, category, address, osm_id); the rest describes the place. Places of which only the
 * buurt is known have no point, so they are left out here (they are on the page and the paper kaart);
 * the GeoJSON says how many. A place without a name gets the page's "Zonder naam (…)" as its name,
 * because an importer needs one.
 */
import { FACILITY_CATEGORIES } from '../../domain/areas.ts';
import { toCsv } from '../../domain/csv.ts';
import { CATEGORY_MEANING, type PublicPlace, type PublicSnapshot } from '../../domain/sociale-kaart.ts';

export const OPEN_DATA_LICENCE = 'ODbL-1.0';
export const OPEN_DATA_LICENCE_URL = 'https://opendatacommons.org/licenses/odbl/1-0/';
export const OPEN_DATA_ATTRIBUTION = 'Wijktafel, Gemeente Maastricht; bevat gegevens van © OpenStreetMap-bijdragers (ODbL)';

export interface OpenDataInput {
	snapshot: PublicSnapshot;
	buurt: { code: string; name: string };
	places: readonly PublicPlace[];
	/** Absolute link of the public kaart page: the source. */
	sourceUrl: string;
}

function nameOf(place: PublicPlace): string {
	return place.name ?? `Zonder naam (${FACILITY_CATEGORIES[place.category].nl})`;
}

/** Ids the import reads back as its own: it adds "import-" itself, so that prefix is not repeated. */
function importableId(place: PublicPlace): string {
	return place.id.startsWith('import-') ? place.id.slice('import-'.length) : place.id;
}

function located(places: readonly PublicPlace[]): PublicPlace[] {
	return places.filter((place) => place.lat !== null && place.lon !== null);
}

function publishedDate(snapshot: PublicSnapshot): string {
	return new Date(snapshot.publishedAt).toISOString().slice(0, 10);
}

export const OPEN_DATA_CSV_COLUMNS = [
	'id',
	'name',
	'category',
	'lat',
	'lon',
	'address',
	'layer',
	'themes',
	'for_whom',
	'offers',
	'condition',
	'condition_voters',
	'buurt_code',
	'source',
	'osm_id',
	'published',
	'licence',
	'attribution'
] as const;

export function openDataCsv(input: OpenDataInput): string {
	const published = publishedDate(input.snapshot);
	return toCsv([
		[...OPEN_DATA_CSV_COLUMNS],
		...located(input.places).map((place) => [
			importableId(place),
			nameOf(place),
			place.category,
			place.lat,
			place.lon,
			place.address ?? '',
			place.layer,
			place.themeIds.join(','),
			place.forWhom.join(','),
			CATEGORY_MEANING[place.category].offers.nl,
			place.condition.verdict ?? '',
			place.condition.voters ?? '',
			place.buurtCode ?? '',
			place.source,
			place.source === 'osm' ? (place.sourceRef ?? '') : '',
			published,
			OPEN_DATA_LICENCE,
			OPEN_DATA_ATTRIBUTION
		])
	]);
}

export function openDataGeoJson(input: OpenDataInput): string {
	const places = located(input.places);
	const collection = {
		type: 'FeatureCollection',
		name: `Sociale kaart ${input.buurt.name}`,
		licence: OPEN_DATA_LICENCE,
		licenceUrl: OPEN_DATA_LICENCE_URL,
		attribution: OPEN_DATA_ATTRIBUTION,
		source: input.sourceUrl,
		published: publishedDate(input.snapshot),
		buurt: input.buurt,
		placesWithoutLocation: input.places.length - places.length,
		features: places.map((place) => ({
			type: 'Feature',
			...(place.source === 'osm' && place.sourceRef ? {} : { id: importableId(place) }),
			geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
			properties: {
				name: nameOf(place),
				category: place.category,
				address: place.address,
				...(place.source === 'osm' && place.sourceRef ? { osm_id: place.sourceRef } : {}),
				layer: place.layer,
				themes: place.themeIds,
				for_whom: place.forWhom,
				offers: CATEGORY_MEANING[place.category].offers.nl,
				condition: place.condition.verdict,
				condition_voters: place.condition.voters,
				buurt_code: place.buurtCode,
				source: place.source
			}
		}))
	};
	return JSON.stringify(collection, null, 1);
}
