import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { apiRequestInfo, authorizeApi } from '$lib/server/auth/request-auth';
import { parseAssistedCard } from '$lib/domain/assisted-entry';
import { addAssistedCard } from '$lib/server/assisted-entry';

/**
 * A card on someone's behalf ("namens iemand"), written by the server into the agenda doc.
 * Body: `{"text", "themes"?, "role"?, "buurt"?, "personId"?}`; answers `{"cardId","personId"}`.
 */
export const POST: RequestHandler = async (event) => {
	const { params, request } = event;
	const context = getAppContext();
	const auth = authorizeApi(context.db, apiRequestInfo(event), 'workshop.control', { workshopId: params.id });
	if (!auth.ok) return json({ error: auth.error }, { status: auth.status });
	if (auth.principal.kind !== 'staff') return json({ error: 'staff only' }, { status: 403 });
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return json({ error: 'send JSON', field: 'body' }, { status: 400 });
	}
	const parsed = parseAssistedCard(body);
	if (!parsed.ok) return json({ error: `invalid ${parsed.field}`, field: parsed.field }, { status: 400 });
	const outcome = addAssistedCard(context, params.id ?? '', auth.principal.user.id, parsed.value);
	if (!outcome.ok) return json({ error: outcome.error, field: outcome.field, reason: outcome.reason }, { status: outcome.status });
	return json({ cardId: outcome.cardId, personId: outcome.personId, questionNumber: outcome.questionNumber });
};
