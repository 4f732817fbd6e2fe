import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { agendaAccess, agendaList } from '$lib/server/agenda-view';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!agendaAccess(locals.staff).ok) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return { agendas: agendaList(getAppContext().db) };
};
