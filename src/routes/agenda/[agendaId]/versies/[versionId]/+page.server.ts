import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { agendaAccess, versionPageData } from '$lib/server/agenda-view';
import { restoreVersion } from '$lib/server/versions';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = ({ params, locals, url }) => {
	if (!agendaAccess(locals.staff).ok || !locals.staff) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const page = versionPageData(getAppContext(), params.agendaId, params.versionId, url.searchParams.get('verborgen') === '1');
	if (!page) error(404, m.ws2_version_not_found());
	const mayRestore = can(locals.staff.user.role, 'agenda.versions');
	return { ...page, mayRestore, confirming: mayRestore && url.searchParams.get('herstellen') === '1' };
};

export const actions: Actions = {
	restore: async ({ params, locals, url }) => {
		const access = agendaAccess(locals.staff, 'agenda.versions');
		if (!access.ok) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
		const result = restoreVersion(getAppContext(), params.agendaId, params.versionId, access.userId);
		if (!result.ok) {
			if (result.reason === 'not-found') error(404, m.ws2_version_not_found());
			return fail(503, { problem: result.reason });
		}
		redirect(303, `/agenda/${params.agendaId}?hersteld=${result.backup.id}`);
	}
};
