import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { castBallot } from '$lib/server/ballots';
import { authorizeApi } from '$lib/server/auth/request-auth';

/** One ballot per participant, kind and subject; a new one replaces the old. Body: {kind, subject, value}. */
export const POST: RequestHandler = async ({ request, locals, url }) => {
	const context = getAppContext();
	const auth = authorizeApi(
		context.db,
		{ method: request.method, headers: request.headers, origin: url.origin, cookiePrincipals: [locals.participant, locals.staff] },
		'ballot.cast'
	);
	if (!auth.ok) return json({ error: auth.error, reason: auth.status === 401 ? 'unauthenticated' : 'forbidden' }, { status: auth.status });
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ error: 'Body must be JSON: {"kind","subject","value"}', reason: 'not-json' }, { status: 400 });
	}
	const result = castBallot(context, auth.principal, body);
	if (!result.ok) return json({ error: result.message.en, message: result.message, reason: result.reason }, { status: result.status });
	return json({ kind: result.kind, subject: result.subject, tally: result.tally });
};
