import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getAppContext } from '$lib/server/context';
import { findJoinTarget } from '$lib/server/live-workshop';

export const actions: Actions = {
	/** Step one: the code. Step two (name, role…) is /join/<code>, which the QR code opens directly. */
	default: async ({ request }) => {
		const code = String((await request.formData()).get('code') ?? '').trim();
		const target = findJoinTarget(getAppContext().db, code);
		if (target.ok) redirect(303, `/join/${target.workshop.joinCode}`);
		return fail(code === '' ? 400 : 404, { code, problem: code === '' ? ('empty' as const) : target.reason });
	}
};
