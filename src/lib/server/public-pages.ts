/**
 * What the public pages (no login) read: the newest published snapshot of a stadsdeel, the public
 * part of each action's follow-up, and the workshops still to come. Everything comes from SQLite;
 * nothing here loads a Yjs doc, so a busy newspaper link never touches the sync server.
 *
 * Public follow-up is what staff wrote for residents: status (and why it stopped), the dated notes,
 * evidence links and money spent. The staff member who wrote it is not shown.
 */
import type { AppContext } from './context.ts';
import { followUpEventsByAction } from './repositories/follow-up.ts';
import { latestSnapshot, upcomingWorkshops } from './repositories/publications.ts';
import { getStadsdeel } from './repositories/areas.ts';
import { findWorkshopByJoinCode, getAgenda } from './repositories/workshops.ts';
import { normaliseJoinCode } from './auth/tokens.ts';
import { foldFollowUp, maastrichtDay, type FollowUpStatus } from '../domain/follow-up.ts';
import { isStadsdeelCode, type PublicSnapshot } from '../domain/sociale-kaart.ts';

/** Public pages may be cached by browsers and proxies for five minutes; they vary by language cookie. */
export const PUBLIC_CACHE_HEADERS = {
	'cache-control': 'public, max-age=300',
	vary: 'Cookie, Accept-Language'
} as const;

export interface PublicProgress {
	status: FollowUpStatus;
	stopReason: string | null;
	owner: string | null;
	spentEuros: number;
	notes: { date: string; text: string }[];
	evidence: { url: string; label: string }[];
}

export interface PublicAgendaPage {
	stadsdeel: { code: string; name: string };
	snapshot: PublicSnapshot | null;
	progress: Record<string, PublicProgress>;
	upcoming: { id: string; title: string; startsAt: string | null; place: string | null }[];
}

/** null for a stadsdeel that does not exist; a page without snapshot while nothing is published. */
export function publicAgendaPage(context: AppContext, code: string, now = new Date()): PublicAgendaPage | null {
	if (!isStadsdeelCode(code)) return null;
	const stadsdeel = getStadsdeel(context.db, code);
	if (!stadsdeel) return null;
	const snapshot = latestSnapshot(context.db, code);
	const progress: Record<string, PublicProgress> = {};
	if (snapshot) {
		const events = followUpEventsByAction(context.db, snapshot.agendaId);
		for (const action of snapshot.actions) {
			const state = foldFollowUp(events.get(action.id) ?? []);
			progress[action.id] = {
				status: state.status,
				stopReason: state.stopReason,
				owner: state.owner,
				spentEuros: state.spentEuros,
				notes: state.notes.map(({ date, text }) => ({ date, text })),
				evidence: state.evidence
			};
		}
	}
	return {
		stadsdeel: { code: stadsdeel.code, name: stadsdeel.name },
		snapshot,
		progress,
		upcoming: upcomingWorkshops(context.db, code, maastrichtDay(now.getTime()))
	};
}

/** The snapshot of the stadsdeel a buurt belongs to, when that buurt is part of it. */
export function publicKaartSnapshot(context: AppContext, code: string, buurtCode: string): { snapshot: PublicSnapshot; buurt: { code: string; name: string } } | null {
	if (!isStadsdeelCode(code)) return null;
	const snapshot = latestSnapshot(context.db, code);
	const buurt = snapshot?.buurten.find((b) => b.code === buurtCode);
	return snapshot && buurt ? { snapshot, buurt } : null;
}

/**
 * Where the join link of a closed workshop leads: its stadsdeel's public page (which says what was
 * agreed, or that nothing is published yet), instead of a dead end. Null for open or unknown codes.
 */
export function publicPageAfterClose(context: AppContext, rawCode: string): string | null {
	const code = normaliseJoinCode(rawCode);
	const workshop = code ? findWorkshopByJoinCode(context.db, code) : null;
	if (!workshop || workshop.status !== 'closed') return null;
	const agenda = getAgenda(context.db, workshop.agendaId);
	return agenda ? `/stadsdeel/${agenda.stadsdeelCode}?afgelopen` : null;
}
