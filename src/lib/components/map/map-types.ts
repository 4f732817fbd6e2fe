/**
 * The shapes the map pages receive from their server loads (src/lib/server/map-data.ts returns
 * exactly these) and the points the map draws. Types only, so server and browser can both use them.
 */
import type { AreaGeometry, ReachabilityFacility } from '../../domain/geo.ts';
import type { LiveWorkshopInfo } from '../../sync/page-data.ts';
import type { Facility, FacilityCategory } from '../../domain/areas.ts';
import type { LayerId } from '../../domain/sociale-basis.ts';
import type { ElementPlaceInput } from '../../sync/elements-schema.ts';

export interface MapArea {
	code: string;
	name: string;
	geometry: AreaGeometry;
}

export interface MapAreaData {
	stadsdeel: MapArea;
	/** The stadsdeel's buurten, sorted by name. */
	buurten: MapArea[];
	/** The shipped and imported facilities in the stadsdeel's buurten. */
	facilities: Facility[];
	/** Base-map tile URL template; null: the map shows only buurten and points. */
	tileUrl: string | null;
}

export interface MapDocs {
	agendaDoc: string;
	workshopDoc: string;
	tallyDoc: string;
	/** Base64 Yjs states at load time, so the first paint already shows the points and tallies. */
	agendaState: string;
	workshopState: string;
	tallyState: string;
}

export type PointStatus = 'shipped' | 'proposed' | 'accepted';

/** One thing on the map or in the list: a facility from the data, or an element the workshop added. */
export interface MapPoint {
	/** The rating subject: "facility:<id>" or "element:<id>"; unique across both kinds. */
	key: string;
	kind: 'facility' | 'element';
	id: string;
	/** Never empty: unnamed facilities get "Naamloos (<category>)". */
	name: string;
	category: FacilityCategory;
	/** Facilities from the data are buildings: the physical layer. */
	layer: LayerId;
	lat: number;
	lon: number;
	/** Only the buurt is known: drawn at the buurt's centre. */
	approximate: boolean;
	buurtCode: string | null;
	status: PointStatus;
	/** Elements only. */
	authorId: string | null;
	address: string | null;
}

export interface MapCircle {
	lat: number;
	lon: number;
	radiusMeters: number;
}

/** What the add form hands over; elements-schema checks it again when it writes. */
export interface ElementDraft {
	name: string;
	category: string;
	layer: string;
	targetGroups: string[];
	place: ElementPlaceInput;
	facilityId: string | null;
}

export interface ParticipantMapData {
	workshop: LiveWorkshopInfo;
	me: { id: string; name: string };
	map: MapAreaData;
	docs: MapDocs;
}

export interface ProjectorMapData {
	workshop: LiveWorkshopInfo;
	map: MapAreaData;
	docs: MapDocs;
	/** Only for the token link; staff use their cookie. */
	token: string | null;
	/** For the join bar, which is on every projector view. */
	joinUrl: string;
	qrSvg: string;
	serverNow: number;
}

export interface FacilitatorMapData {
	workshop: LiveWorkshopInfo;
	me: { id: string; email: string };
	map: MapAreaData;
	docs: MapDocs;
	/** Every facility in Maastricht: a facility across the stadsdeel border still serves its buurten. */
	reachabilityFacilities: ReachabilityFacility[];
}
