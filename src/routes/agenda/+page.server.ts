import type { PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { agendaList } from '$lib/server/agenda-view';
import { requireStaff } from '$lib/server/auth/require-staff';

export const load: PageServerLoad = (event) => {
	requireStaff(event, 'agenda.view');
	return { agendas: agendaList(getAppContext().db) };
};
