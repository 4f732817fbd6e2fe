import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { projectorScreen } from '$lib/server/live-workshop';
import { mapAreaData, mapDocs } from '$lib/server/map-data';

export const load: PageServerLoad = async (event) => {
	const context = getAppContext();
	const screen = await projectorScreen(context, event);
	const map = mapAreaData(context, screen.workshop.agendaId);
	if (!map) error(404, m.ws_not_found());
	return { ...screen, map, docs: mapDocs(context, screen.workshop), serverNow: Date.now() };
};
