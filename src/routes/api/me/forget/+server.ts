import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { apiRequestInfo, authorizeApi } from '$lib/server/auth/request-auth';
import { forgetParticipant } from '$lib/server/forget';
import { PARTICIPANT_COOKIE } from '$lib/server/auth/cookies';

/** "Vergeet mij": the participant (cookie or Bearer token) removes themselves and everything they wrote. */
export const POST: RequestHandler = (event) => {
	const { locals, cookies } = event;
	const context = getAppContext();
	const auth = authorizeApi(context.db, apiRequestInfo(event), 'participant.forget-self');
	if (!auth.ok) return json({ error: auth.error }, { status: auth.status });
	if (auth.principal.kind !== 'participant') return json({ error: 'only a participant can be forgotten' }, { status: 403 });
	let outcome: ReturnType<typeof forgetParticipant>;
	try {
		outcome = forgetParticipant(context, auth.principal.participant.id);
	} catch (error) {
		// E.g. a restore is running. The participant row goes last, so they can simply try again.
		context.log.error('forget failed', { error });
		return json({ error: 'could not forget right now; try again in a minute' }, { status: 503 });
	}
	if (!outcome.ok) return json({ error: 'unknown participant' }, { status: 404 });
	if (locals.participant?.participant.id === auth.principal.participant.id) cookies.delete(PARTICIPANT_COOKIE, { path: '/' });
	return json({ forgotten: true, docsRebuilt: outcome.docs.filter((d) => d.rebuilt).map((d) => d.name) });
};
