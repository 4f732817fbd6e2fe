/** The shapes the live pages receive from their server loads (shared by server helpers and components). */
import type { QuestionNumber } from '../domain/questions.ts';

export interface LiveWorkshopInfo {
	id: string;
	agendaId: string;
	title: string;
	/** The workshop's questions in order (a workshop may cover only some of the eight). */
	questions: QuestionNumber[];
	open: boolean;
	joinCode: string;
	stadsdeelName: string | null;
	agendaDoc: string;
	workshopDoc: string;
}

/**
 * Both docs' state at load time (base64 Yjs updates) and the server's clock. A state over
 * PAGE_MAX_EMBEDDED_STATE_BYTES is '' (see server/embedded-state.ts): the client then loads it over the socket.
 */
export interface DocSnapshots {
	agendaState: string;
	workshopState: string;
	serverNow: number;
}

export interface ParticipantPageData extends DocSnapshots {
	workshop: LiveWorkshopInfo;
	me: { id: string; name: string };
}

export interface ProjectorPageData extends DocSnapshots {
	workshop: LiveWorkshopInfo;
	joinUrl: string;
	qrSvg: string;
	/** Only for the token link; staff use their cookie. */
	token: string | null;
}

export interface FacilitatorPageData extends DocSnapshots {
	workshop: LiveWorkshopInfo;
	me: { id: string; email: string };
	joinUrl: string;
	/** For the console's preview of the projector. */
	qrSvg: string;
	/** The stadsdeel's buurten with their figures (checked with `isAreaFigures` where read). */
	areaFigures?: unknown;
	details: { startsAt: string | null; place: string | null; focusBuurten: string[] };
	readiness: { facts: import('../domain/readiness.ts').ReadinessFacts; items: import('../domain/readiness.ts').ReadinessItem[] } | null;
}
