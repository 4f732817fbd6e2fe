// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Principal } from '$lib/server/auth/principal';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set by handleError (hooks.server.ts): the id under which the error is in the server log. */
			errorId?: string;
		}
		interface Locals {
			/** The strongest identity of this request: staff if signed in, else the participant. */
			principal: Principal | null;
			staff: Extract<Principal, { kind: 'staff' }> | null;
			participant: Extract<Principal, { kind: 'participant' }> | null;
		}
	}
}

export {};
