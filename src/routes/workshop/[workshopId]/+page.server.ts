import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { docSnapshots, participantAccess } from '$lib/server/live-workshop';
import { areaFiguresForWorkshop } from '$lib/server/agenda-view';

export const load: PageServerLoad = ({ params, locals }) => {
	const context = getAppContext();
	const access = participantAccess(context.db, params.workshopId, locals.participant, locals.staff);
	if (!access.ok) {
		if (access.reason === 'elsewhere') redirect(303, `/facilitate/${params.workshopId}`);
		if (access.reason === 'join') redirect(303, '/join');
		error(404, 'Not found');
	}
	return { ...access.value, ...docSnapshots(context, access.value.workshop), areaFigures: areaFiguresForWorkshop(context, params.workshopId) };
};
