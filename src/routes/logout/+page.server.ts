import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { invalidateSession } from '$lib/server/auth/sessions';
import { STAFF_COOKIE } from '$lib/server/auth/cookies';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.staff) redirect(303, '/login');
	return { email: locals.staff.user.email };
};

// Logging out changes state, so it is a POST (a GET could be triggered by any image tag elsewhere).
export const actions: Actions = {
	default: ({ locals, cookies }) => {
		if (locals.staff) {
			const context = getAppContext();
			invalidateSession(context.db, locals.staff.sessionId);
			// Sockets opened with this session's cookie end too.
			context.liveDocs.revalidate();
		}
		cookies.delete(STAFF_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
