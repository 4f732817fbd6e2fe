import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { PUBLIC_CACHE_HEADERS, publicKaartSnapshot } from '$lib/server/public-pages';
import { listBuurten } from '$lib/server/repositories/areas';
import { placesOfBuurt, searchPlaces } from '$lib/domain/sociale-kaart';

const QUERY_MAX = 100;

/** Public, no login: the agreed inventory of one buurt, from the published snapshot. */
export const load: PageServerLoad = ({ params, url, setHeaders }) => {
	const context = getAppContext();
	const found = publicKaartSnapshot(context, params.code, params.buurt);
	if (!found) error(404, m.af_kaart_not_published());
	const { snapshot, buurt } = found;
	const query = (url.searchParams.get('q') ?? '').slice(0, QUERY_MAX);
	const all = placesOfBuurt(snapshot, buurt.code);
	const geometry = listBuurten(context.db, snapshot.stadsdeel.code).find((b) => b.code === buurt.code)?.geometry ?? null;
	setHeaders(PUBLIC_CACHE_HEADERS);
	return {
		stadsdeel: snapshot.stadsdeel,
		buurt,
		publishedAt: snapshot.publishedAt,
		query,
		total: all.length,
		places: searchPlaces(all, query),
		area: geometry ? { code: buurt.code, name: buurt.name, geometry } : null,
		tileUrl: context.config.tileUrl,
		correctionContact: context.config.correctionContact
	};
};
