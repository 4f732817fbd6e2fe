/**
 * What `agenda:list` prints: every agenda with its id, stadsdeel, period and last change, so an
 * official can pick the id to export without copying it from a URL.
 */
import type { Db } from '../db.ts';
import { listAgendas, listWorkshops } from '../repositories/workshops.ts';
import { getStadsdeel } from '../repositories/areas.ts';
import { lastStoredChange } from '../repositories/doc-activity.ts';
import { docName } from '../../sync/doc-names.ts';

export interface AgendaSummary {
	id: string;
	title: string;
	stadsdeel: { code: string; name: string };
	period: string;
	workshops: number;
	createdAt: string;
	/** Last stored change of the agenda or one of its workshops (ISO); the creation time when nothing changed yet. */
	lastChangeAt: string;
}

/** Newest change first. */
export function listAgendaSummaries(db: Db): AgendaSummary[] {
	return listAgendas(db)
		.map((agenda) => {
			const workshops = listWorkshops(db, agenda.id);
			const docs = [docName('agenda', agenda.id), docName('record', agenda.id), ...workshops.flatMap((w) => [docName('workshop', w.id), docName('tally', w.id)])];
			const last = Math.max(agenda.createdAt, lastStoredChange(db, docs) ?? 0, ...workshops.map((w) => w.createdAt));
			return {
				id: agenda.id,
				title: agenda.title,
				stadsdeel: { code: agenda.stadsdeelCode, name: getStadsdeel(db, agenda.stadsdeelCode)?.name ?? agenda.stadsdeelCode },
				period: agenda.period,
				workshops: workshops.length,
				createdAt: new Date(agenda.createdAt).toISOString(),
				lastChangeAt: new Date(last).toISOString()
			};
		})
		.sort((a, b) => (a.lastChangeAt < b.lastChangeAt ? 1 : a.lastChangeAt > b.lastChangeAt ? -1 : 0));
}
