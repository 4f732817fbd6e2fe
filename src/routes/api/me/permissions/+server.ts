import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { apiRequestInfo, requestPrincipals } from '$lib/server/auth/request-auth';
import { actorOf } from '$lib/server/auth/principal';
import { ACTIONS, can, docAccess, type Action, type DocAccess } from '$lib/domain/permissions';
import { docName } from '$lib/sync/doc-names';

/**
 * What the caller may do, straight from the permission table: lets a client hide controls it cannot
 * use, and lets the tests check every row of the table over HTTP with each kind of credential.
 */
export const GET: RequestHandler = (event) => {
	const found = requestPrincipals(getAppContext().db, apiRequestInfo(event));
	if (!found.ok) return json({ error: found.error }, { status: found.status });
	const [principal] = found.principals;
	if (!principal) return json({ error: 'sign in or send a token' }, { status: 401 });
	const actor = actorOf(principal);
	const actions = Object.fromEntries((Object.keys(ACTIONS) as Action[]).map((action) => [action, can(actor.role, action)]));
	let docs: Record<string, DocAccess> | undefined;
	if (actor.role === 'participant' || actor.role === 'projector') {
		// Their own workshop's docs; staff are not scoped to one workshop.
		docs = {
			[docName('agenda', actor.agendaId)]: docAccess(actor, { kind: 'agenda', id: actor.agendaId }),
			[docName('workshop', actor.workshopId)]: docAccess(actor, { kind: 'workshop', id: actor.workshopId }),
			[docName('tally', actor.workshopId)]: docAccess(actor, { kind: 'tally', id: actor.workshopId }),
			[docName('record', actor.agendaId)]: docAccess(actor, { kind: 'record', id: actor.agendaId })
		};
	}
	return json({
		principal: {
			kind: principal.kind,
			role: actor.role,
			...(actor.role === 'participant' || actor.role === 'projector' ? { workshopId: actor.workshopId, agendaId: actor.agendaId } : {})
		},
		actions,
		...(docs ? { docs } : {})
	});
};
