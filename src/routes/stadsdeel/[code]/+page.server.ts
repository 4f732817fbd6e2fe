import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { PUBLIC_CACHE_HEADERS, publicAgendaPage } from '$lib/server/public-pages';

/** Public, no login: only what staff published. */
export const load: PageServerLoad = ({ params, url, setHeaders }) => {
	const page = publicAgendaPage(getAppContext(), params.code);
	if (!page) error(404, m.af_public_unknown_stadsdeel());
	setHeaders(PUBLIC_CACHE_HEADERS);
	return { ...page, afterWorkshop: url.searchParams.has('afgelopen') };
};
