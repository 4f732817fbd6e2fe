import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { versionPageData } from '$lib/server/agenda-view';
import { requireStaff } from '$lib/server/auth/require-staff';
import { restoreVersion } from '$lib/server/versions';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.view');
	const { params, url } = event;
	const page = versionPageData(getAppContext(), params.agendaId, params.versionId, url.searchParams.get('verborgen') === '1');
	if (!page) error(404, m.ws2_version_not_found());
	const mayRestore = can(staff.user.role, 'agenda.versions');
	return { ...page, mayRestore, confirming: mayRestore && url.searchParams.get('herstellen') === '1' };
};

export const actions: Actions = {
	restore: async (event) => {
		const staff = requireStaff(event, 'agenda.versions');
		const { params } = event;
		const result = restoreVersion(getAppContext(), params.agendaId, params.versionId, staff.user.id);
		if (!result.ok) {
			if (result.reason === 'not-found') error(404, m.ws2_version_not_found());
			return fail(503, { problem: result.reason });
		}
		redirect(303, `/agenda/${params.agendaId}?hersteld=${result.backup.id}`);
	}
};
