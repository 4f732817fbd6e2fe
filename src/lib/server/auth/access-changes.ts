/**
 * Workshop changes that take access away. Each is followed by a revalidation of the open sockets on
 * the workshop's docs, because the sync server decides access at the upgrade and would otherwise keep
 * honouring the old decision for as long as the socket stays open.
 */
import type { AppContext } from '../context.ts';
import { getWorkshop, regenerateProjectorToken, setWorkshopStatus, type WorkshopRecord } from '../repositories/workshops.ts';
import { workshopLinks } from '../workshops.ts';
import { docName } from '../../sync/doc-names.ts';
import { markClosed } from '../../sync/workshop-schema.ts';
import { takeVersionOnClose } from '../versions.ts';

/** The docs whose connections can depend on this workshop's state or projector link. */
export function workshopDocNames(workshop: Pick<WorkshopRecord, 'id' | 'agendaId'>): Set<string> {
	return new Set([docName('agenda', workshop.agendaId), docName('workshop', workshop.id), docName('tally', workshop.id)]);
}

function revalidateWorkshop(context: AppContext, workshop: WorkshopRecord): void {
	const names = workshopDocNames(workshop);
	context.liveDocs.revalidate((name) => names.has(name));
}

/**
 * Closes a workshop: its participants keep reading but can no longer write (their agenda-doc sockets
 * are downgraded in place). Closing twice is not an error.
 */
export function closeWorkshop(context: AppContext, workshopId: string): { ok: true; workshop: WorkshopRecord } | { ok: false; reason: 'not-found' } {
	const workshop = getWorkshop(context.db, workshopId);
	if (!workshop) return { ok: false, reason: 'not-found' };
	if (workshop.status !== 'closed') {
		setWorkshopStatus(context.db, workshop.id, 'closed');
		// A named version of the agenda as it stood when this workshop ended.
		takeVersionOnClose(context, workshop.id);
		context.log.info('workshop closed', { workshopId: workshop.id });
	}
	// Open phones learn it at once from the workshop doc, whoever closed it (page, API or CLI).
	context.liveDocs.change(docName('workshop', workshop.id), markClosed);
	revalidateWorkshop(context, workshop);
	return { ok: true, workshop: getWorkshop(context.db, workshop.id)! };
}

/** Revokes the projector link (screens on the old link are closed with 4401) and returns the new one. */
export function renewProjectorLink(
	context: AppContext,
	workshopId: string,
	requestOrigin: string
): { ok: true; projectorUrl: string } | { ok: false; reason: 'not-found' } {
	const workshop = getWorkshop(context.db, workshopId);
	if (!workshop) return { ok: false, reason: 'not-found' };
	const token = regenerateProjectorToken(context.db, workshop.id);
	context.log.info('projector link renewed', { workshopId: workshop.id });
	revalidateWorkshop(context, workshop);
	return { ok: true, projectorUrl: workshopLinks(context.config.origin ?? requestOrigin, workshop, token).projectorUrl };
}
