import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { participantAccess } from '$lib/server/live-workshop';
import { mapAreaData, mapDocs } from '$lib/server/map-data';

export const load: PageServerLoad = ({ params, locals }) => {
	const context = getAppContext();
	const access = participantAccess(context.db, params.workshopId, locals.participant, locals.staff);
	if (!access.ok) {
		if (access.reason === 'elsewhere') redirect(303, `/facilitate/${params.workshopId}/kaart`);
		if (access.reason === 'join') redirect(303, '/join');
		error(404, m.ws_not_found());
	}
	const { workshop, me } = access.value;
	const map = mapAreaData(context, workshop.agendaId);
	if (!map) error(404, m.ws_not_found());
	return { workshop, me, map, docs: mapDocs(context, workshop) };
};
