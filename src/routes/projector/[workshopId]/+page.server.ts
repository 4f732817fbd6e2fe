import type { PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { docSnapshots, projectorScreen } from '$lib/server/live-workshop';
import { areaFiguresForWorkshop } from '$lib/server/agenda-view';

export const load: PageServerLoad = async (event) => {
	const context = getAppContext();
	const screen = await projectorScreen(context, event);
	return {
		...screen,
		...docSnapshots(context, screen.workshop),
		areaFigures: areaFiguresForWorkshop(context, screen.workshop.id)
	};
};
