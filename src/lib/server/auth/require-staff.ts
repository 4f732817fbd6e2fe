/**
 * The one gate in front of every staff page, form action and download: a visitor without a staff
 * session goes to sign in (and comes back where they were); a staff member whose role lacks the
 * action is refused with 403. The permission is always the one table in domain/permissions.ts.
 * JSON endpoints answer 401/403 instead, through request-auth.ts.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';
import { can, type Action } from '../../domain/permissions.ts';
import type { Principal } from './principal.ts';
import { loginPathFor, returnPathOf } from './redirects.ts';

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/** The parts of a load or action event the gate reads. */
export type StaffGateEvent = Pick<RequestEvent, 'url' | 'request'> & { locals: { staff: StaffPrincipal | null } };

/** The signed-in staff member allowed to do `action`; otherwise throws SvelteKit's redirect to /login or a 403. */
export function requireStaff(event: StaffGateEvent, action: Action): StaffPrincipal {
	const { staff } = event.locals;
	if (staff?.kind !== 'staff') redirect(303, loginPathFor(returnPathOf(event.url, event.request.method)));
	if (!can(staff.user.role, action)) error(403, m.auth_forbidden());
	return staff;
}
