import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { joinGate, joinWorkshop } from '$lib/server/join';
import { PARTICIPANT_COOKIE, sessionCookieSettings } from '$lib/server/auth/cookies';

export const POST: RequestHandler = async ({ request, cookies, url, getClientAddress }) => {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ error: 'Body must be JSON: {"code","name","role"}', field: 'body' }, { status: 400 });
	}
	const context = getAppContext();
	const outcome = joinWorkshop(context.db, body, joinGate(context.config, getClientAddress()));
	if (!outcome.ok) {
		const [first] = outcome.problems;
		const retryAfter = outcome.status === 429 ? { retryAfterSeconds: outcome.retryAfterSeconds } : {};
		return json(
			{ error: first.message.en, field: first.field, problems: outcome.problems.map((p) => ({ field: p.field, message: p.message })), ...retryAfter },
			{ status: outcome.status, headers: outcome.status === 429 ? { 'retry-after': String(outcome.retryAfterSeconds) } : {} }
		);
	}
	cookies.set(PARTICIPANT_COOKIE, outcome.token, sessionCookieSettings(outcome.expiresAt, url.protocol === 'https:'));
	return json({
		token: outcome.token,
		participantId: outcome.participantId,
		agendaDoc: outcome.agendaDoc,
		workshopDoc: outcome.workshopDoc,
		syncPath: '/sync'
	});
};
