import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { setupIsDone } from '$lib/server/first-admin';
import { loginWithPassword } from '$lib/server/auth/login';
import { loginThrottle } from '$lib/server/auth/login-throttle';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_DAYS, STAFF_COOKIE, sessionCookieSettings } from '$lib/server/auth/cookies';
import { safeNextPath } from '$lib/server/auth/redirects';
import { countLoginFailure } from '$lib/server/metrics';

export const load: PageServerLoad = ({ locals, url }) => {
	// A fresh install has no account to log in with: the way in is the one-time setup.
	if (!setupIsDone(getAppContext())) redirect(303, '/setup');
	if (locals.staff) redirect(303, safeNextPath(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = form.get('email');
		const outcome = await loginWithPassword(getAppContext(), loginThrottle(), {
			email,
			password: form.get('password'),
			address: getClientAddress(),
			device: cookies.get(KNOWN_DEVICE_COOKIE) ?? null
		});
		if (outcome.ok) {
			const secure = url.protocol === 'https:';
			cookies.set(STAFF_COOKIE, outcome.token, sessionCookieSettings(outcome.expiresAt, secure));
			cookies.set(KNOWN_DEVICE_COOKIE, outcome.knownDevice, sessionCookieSettings(Date.now() + KNOWN_DEVICE_DAYS * 86_400_000, secure));
			redirect(303, safeNextPath(url.searchParams.get('next')));
		}
		countLoginFailure(outcome.reason);
		// The password is never sent back; the address is, so it need not be typed again.
		const emailValue = typeof email === 'string' ? email.slice(0, 254) : '';
		switch (outcome.reason) {
			case 'locked':
				return fail(429, {
					email: emailValue,
					reason: outcome.reason,
					retryAt: outcome.retryAt,
					waitSeconds: Math.max(1, Math.ceil((outcome.retryAt - Date.now()) / 1000))
				});
			case 'disabled':
				return fail(403, { email: emailValue, reason: outcome.reason });
			default:
				return fail(400, { email: emailValue, reason: outcome.reason });
		}
	}
};
