import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { loadDashboard } from '$lib/server/dashboard';
import { can } from '$lib/domain/permissions';

/** The dashboard of the sociale basis for the whole city. */
export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.view');
	event.setHeaders({ 'cache-control': 'no-store' });
	const page = loadDashboard(getAppContext(), null, getLocale());
	if (!page) error(404, m.db_not_found());
	return { ...page, mayFollowUp: can(staff.user.role, 'agenda.followup'), mayMarkQuotes: can(staff.user.role, 'agenda.quotes') };
};
