import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { loadDashboard } from '$lib/server/dashboard';
import { can } from '$lib/domain/permissions';

/** The dashboard of the sociale basis for one stadsdeel. */
export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.view');
	event.setHeaders({ 'cache-control': 'no-store' });
	const code = event.params.code;
	const page = /^[a-z0-9-]{1,40}$/.test(code) ? loadDashboard(getAppContext(), code, getLocale()) : null;
	if (!page) error(404, m.db_not_found());
	return { ...page, mayFollowUp: can(staff.user.role, 'agenda.followup'), mayMarkQuotes: can(staff.user.role, 'agenda.quotes') };
};
