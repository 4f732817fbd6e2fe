import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { createFirstAdmin, setupAllowed, setupIsDone } from '$lib/server/first-admin';
import { createUserSession } from '$lib/server/auth/sessions';
import { STAFF_COOKIE, sessionCookieSettings } from '$lib/server/auth/cookies';

export const load: PageServerLoad = ({ url, request, getClientAddress, setHeaders }) => {
	// The token is in this page's URL: keep it out of caches.
	setHeaders({ 'cache-control': 'no-store' });
	// No redirect when done: after a refused second attempt the page must still say why.
	if (setupIsDone(getAppContext())) return { done: true, allowed: false, token: null };
	const token = url.searchParams.get('token');
	const allowed = setupAllowed({ clientAddress: getClientAddress(), headers: request.headers, token });
	return { done: false, allowed, token: allowed ? token : null };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const context = getAppContext();
		const form = await request.formData();
		const token = form.get('token');
		if (setupIsDone(context)) return fail(403, { reason: 'done' as const });
		if (!setupAllowed({ clientAddress: getClientAddress(), headers: request.headers, token: typeof token === 'string' ? token : null })) {
			return fail(403, { reason: 'not-allowed' as const });
		}
		const email = form.get('email');
		const outcome = await createFirstAdmin(context, { email, password: form.get('password'), confirm: form.get('confirm') });
		if (!outcome.ok) {
			if (outcome.reason === 'done') return fail(403, { reason: 'done' as const });
			return fail(400, {
				reason: 'invalid' as const,
				field: outcome.field,
				problem: outcome.problem,
				email: typeof email === 'string' ? email.slice(0, 254) : ''
			});
		}
		// Straight on to the first workshop, already signed in as the new admin.
		const session = createUserSession(context.db, outcome.user.id);
		cookies.set(STAFF_COOKIE, session.token, sessionCookieSettings(session.expiresAt, url.protocol === 'https:'));
		redirect(303, '/staff');
	}
};
