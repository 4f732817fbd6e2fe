/**
 * The seam for signing staff in with an external identity provider (OpenID Connect, e.g. the
 * municipality's Entra ID or Keycloak). Not implemented yet: today staff sign in with a password
 * (login.ts). What stays the same when a provider is added: the provider only proves who someone is;
 * Wijktafel still decides what they may do (their `users` row and role) and still issues its own
 * session (sessions.ts), so hooks, the sync server and the permission table do not change.
 *
 * A provider plugs in at two routes, `/login/<provider id>` (redirect to the provider) and
 * `/login/<provider id>/callback` (come back with a code), which call the two methods below and then
 * `createUserSession` for the matched account.
 */
import type { StaffRole } from '../../domain/permissions.ts';

export interface AuthorizationRequest {
	/** Where to send the browser. */
	url: URL;
	/**
	 * Values the callback must see again (OIDC `state`, PKCE `code_verifier`, `nonce`), to be kept in a
	 * short-lived HttpOnly cookie; never in a log.
	 */
	verifier: Record<string, string>;
}

export interface VerifiedIdentity {
	/** Stable subject id at the provider (`sub`), not the e-mail: addresses change. */
	subject: string;
	email: string;
	emailVerified: boolean;
	/** A role suggested by the provider's groups, if the installation maps groups to roles. */
	suggestedRole?: StaffRole;
}

export type IdentityFailure = 'state-mismatch' | 'provider-error' | 'email-not-verified' | 'expired';

export interface IdentityProvider {
	/** Short id used in routes and stored next to the account, e.g. "maastricht-entra". */
	readonly id: string;
	/** Button text on the login page, e.g. "Inloggen met je gemeente-account". */
	readonly label: { nl: string; en: string };
	createAuthorizationRequest(redirectUri: URL): Promise<AuthorizationRequest>;
	/** Exchanges the callback's code; every failure is a reason code, never a thrown secret. */
	verifyCallback(
		callbackUrl: URL,
		verifier: Record<string, string>
	): Promise<{ ok: true; identity: VerifiedIdentity } | { ok: false; reason: IdentityFailure }>;
}

/**
 * How a verified identity becomes a Wijktafel account. Deliberately conservative: only an existing,
 * enabled account with the same (verified) e-mail is matched; nobody gets an account just because the
 * provider knows them. Linking by `subject` needs a migration (users.identity_provider, users.subject)
 * when this is implemented.
 */
export type AccountMatchPolicy = 'existing-accounts-only';
