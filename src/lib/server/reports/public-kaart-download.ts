/**
 * The downloads of the public sociale kaart (open data CSV, GeoJSON and the paper kaart PDF): one
 * lookup for all three, so each answers 404 the same way while nothing is published, and each is
 * cached like the page.
 */
import type { AppContext } from '../context.ts';
import { PUBLIC_CACHE_HEADERS, publicKaartSnapshot } from '../public-pages.ts';
import { placesOfBuurt } from '../../domain/sociale-kaart.ts';
import type { OpenDataInput } from './open-data.ts';

export function kaartDownloadInput(context: AppContext, code: string, buurtCode: string, requestUrl: URL): OpenDataInput | null {
	const found = publicKaartSnapshot(context, code, buurtCode);
	if (!found) return null;
	const origin = context.config.origin ?? requestUrl.origin;
	return {
		snapshot: found.snapshot,
		buurt: found.buurt,
		places: placesOfBuurt(found.snapshot, found.buurt.code),
		sourceUrl: `${origin}/stadsdeel/${found.snapshot.stadsdeel.code}/sociale-kaart/${found.buurt.code}`
	};
}

export function downloadResponse(body: string | Uint8Array, contentType: string, fileName: string): Response {
	return new Response(body as BodyInit, {
		headers: {
			'content-type': contentType,
			'content-disposition': `inline; filename="${fileName}"`,
			...PUBLIC_CACHE_HEADERS
		}
	});
}

export function notPublished(): Response {
	return new Response(JSON.stringify({ error: 'Voor deze buurt is nog geen sociale kaart gepubliceerd.' }), {
		status: 404,
		headers: { 'content-type': 'application/json; charset=utf-8' }
	});
}
