import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { listUsers, findUserById } from '$lib/server/repositories/users';
import { addStaffUser, disableStaffUser, enableStaffUser, resetStaffPassword } from '$lib/server/auth/staff-accounts';

/** Every load and action here needs `users.manage`. */
export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'users.manage');
	event.setHeaders({ 'cache-control': 'no-store' });
	return { me: staff.user.id, users: listUsers(getAppContext().db) };
};

async function formOf(event: RequestEvent) {
	const form = await event.request.formData();
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	return { text };
}

function emailOf(userId: string): string {
	return findUserById(getAppContext().db, userId)?.email ?? '';
}

export const actions: Actions = {
	add: async (event) => {
		requireStaff(event, 'users.manage');
		const { text } = await formOf(event);
		const result = await addStaffUser(getAppContext(), { email: text('email'), password: text('password'), role: text('role') });
		if (!result.ok) return fail(400, { action: 'add' as const, field: result.field, problem: result.problem, email: text('email').slice(0, 254), role: text('role') });
		return { action: 'add' as const, done: 'added' as const, email: result.value.email };
	},
	disable: async (event) => {
		const staff = requireStaff(event, 'users.manage');
		const { text } = await formOf(event);
		const userId = text('userId');
		const result = disableStaffUser(getAppContext(), { userId, actingUserId: staff.user.id });
		if (!result.ok) return fail(result.problem === 'user-not-found' ? 404 : 409, { action: 'disable' as const, userId, problem: result.problem });
		return { action: 'disable' as const, done: 'disabled' as const, userId, email: result.value.email };
	},
	enable: async (event) => {
		requireStaff(event, 'users.manage');
		const { text } = await formOf(event);
		const userId = text('userId');
		const result = enableStaffUser(getAppContext(), { userId });
		if (!result.ok) return fail(404, { action: 'enable' as const, userId, problem: result.problem });
		return { action: 'enable' as const, done: 'enabled' as const, userId, email: result.value.email };
	},
	password: async (event) => {
		const staff = requireStaff(event, 'users.manage');
		const { text } = await formOf(event);
		const userId = text('userId');
		const result = await resetStaffPassword(getAppContext(), {
			userId,
			password: text('password'),
			// Resetting your own password keeps you signed in here; other devices are signed out.
			keepSessionId: userId === staff.user.id ? staff.sessionId : undefined
		});
		if (!result.ok) {
			return fail(result.problem === 'user-not-found' ? 404 : 400, { action: 'password' as const, userId, problem: result.problem, email: emailOf(userId) });
		}
		return { action: 'password' as const, done: 'password' as const, userId, email: result.value.email };
	}
};
