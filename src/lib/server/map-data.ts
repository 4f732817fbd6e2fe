/**
 * What the map pages load on the server, and the reachability of facilities for the weighing.
 * Routes stay thin: they check access (live-workshop.ts) and call these.
 */
import { embeddedState } from './embedded-state.ts';
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { getAgenda } from './repositories/workshops.ts';
import { getStadsdeel, listBuurten, listFacilities } from './repositories/areas.ts';
import { docName } from '../sync/doc-names.ts';
import { listElements, reachabilityInventory } from '../sync/elements-schema.ts';
import { DEFAULT_REACHABILITY_RADII_METERS, reachability, type ReachabilityFacility, type ReachabilityResult } from '../domain/geo.ts';
import type { Facility } from '../domain/areas.ts';
import type { LiveWorkshopInfo } from '../sync/page-data.ts';
import type { MapAreaData, MapDocs } from '../components/map/map-types.ts';

/** The stadsdeel of an agenda with its buurten and facilities; null when the agenda is unknown. */
export function mapAreaData(context: AppContext, agendaId: string): MapAreaData | null {
	const agenda = getAgenda(context.db, agendaId);
	if (!agenda) return null;
	const stadsdeel = getStadsdeel(context.db, agenda.stadsdeelCode);
	if (!stadsdeel) return null;
	return {
		stadsdeel: { code: stadsdeel.code, name: stadsdeel.name, geometry: stadsdeel.geometry },
		buurten: listBuurten(context.db, stadsdeel.code).map(({ code, name, geometry }) => ({ code, name, geometry })),
		facilities: listFacilities(context.db, stadsdeel.code),
		tileUrl: context.config.tileUrl
	};
}

/** The three docs of a workshop's map page and their state at load time. */
export function mapDocs(context: AppContext, workshop: LiveWorkshopInfo): MapDocs {
	const tallyDoc = docName('tally', workshop.id);
	const encode = (name: string) => embeddedState(context, name);
	return {
		agendaDoc: workshop.agendaDoc,
		workshopDoc: workshop.workshopDoc,
		tallyDoc,
		agendaState: encode(workshop.agendaDoc),
		workshopState: encode(workshop.workshopDoc),
		tallyState: encode(tallyDoc)
	};
}

export function reachabilityFacilities(db: Db): ReachabilityFacility[] {
	return listFacilities(db).map(toReachabilityFacility);
}

function toReachabilityFacility({ id, name, category, lat, lon }: Facility): ReachabilityFacility {
	return { id, name, category, lat, lon };
}

/**
 * For the weighing (afwegingskader): per buurt of the agenda's stadsdeel, the nearest facility of a
 * category and how many lie within 500 m and 1 km, straight-line (hemelsbreed). Includes accepted
 * elements from the agenda doc. Null when the agenda is unknown.
 */
export function reachabilityForAgenda(
	context: AppContext,
	agendaId: string,
	category: string,
	radiiMeters: readonly number[] = DEFAULT_REACHABILITY_RADII_METERS
): ReachabilityResult | null {
	const agenda = getAgenda(context.db, agendaId);
	if (!agenda) return null;
	const buurten = listBuurten(context.db, agenda.stadsdeelCode);
	const accepted = context.liveDocs.read(docName('agenda', agendaId), (doc) => listElements(doc, { status: 'accepted' }));
	return reachability({
		buurten,
		facilities: reachabilityInventory(reachabilityFacilities(context.db), accepted),
		category,
		radiiMeters
	});
}
