import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getAppContext } from '$lib/server/context';
import { findJoinTarget } from '$lib/server/live-workshop';
import { joinLimiter } from '$lib/server/join-limits';

export const actions: Actions = {
	/** Step one: the code. Step two (name, role…) is /join/<code>, which the QR code opens directly. */
	default: async ({ request, getClientAddress, setHeaders }) => {
		const code = String((await request.formData()).get('code') ?? '').trim();
		const { db, config } = getAppContext();
		const limiter = joinLimiter(config);
		const guessing = limiter.beforeLookup(getClientAddress());
		if (!guessing.ok) {
			setHeaders({ 'retry-after': String(guessing.retryAfterSeconds) });
			return fail(429, { code, problem: 'too-many' as const });
		}
		const target = findJoinTarget(db, code);
		if (target.ok) redirect(303, `/join/${target.workshop.joinCode}`);
		if (code !== '') limiter.unknownCode(getClientAddress());
		return fail(code === '' ? 400 : 404, { code, problem: code === '' ? ('empty' as const) : target.reason });
	}
};
