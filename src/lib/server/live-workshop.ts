/**
 * What the live-workshop pages (join, participant, projector, facilitator) load on the server.
 * Routes stay thin: they call these and map the outcome to a redirect, an error or page data.
 */
import QRCode from 'qrcode';
import { embeddedState } from './embedded-state.ts';
import type { AppContext } from './context.ts';
import type { Principal } from './auth/principal.ts';
import { normaliseJoinCode } from './auth/tokens.ts';
import { validateToken } from './auth/sessions.ts';
import { findWorkshopByJoinCode, getAgenda, getWorkshop, type WorkshopRecord } from './repositories/workshops.ts';
import { docName } from '../sync/doc-names.ts';
import { can } from '../domain/permissions.ts';
import { isQuestionNumber, type QuestionNumber } from '../domain/questions.ts';
import { readWorkshopState } from '../sync/workshop-schema.ts';
import type { Db } from './db.ts';
import type { DocSnapshots, LiveWorkshopInfo } from '../sync/page-data.ts';

export type { DocSnapshots, LiveWorkshopInfo };

export function liveWorkshopInfo(db: Db, workshop: WorkshopRecord): LiveWorkshopInfo {
	const agenda = getAgenda(db, workshop.agendaId);
	const stadsdeel = agenda
		? db.prepare<[string], { name: string }>('SELECT name FROM stadsdelen WHERE code = ?').get(agenda.stadsdeelCode)
		: undefined;
	const questions = workshop.questions.filter(isQuestionNumber);
	return {
		id: workshop.id,
		agendaId: workshop.agendaId,
		title: workshop.title,
		questions: questions.length > 0 ? questions : [1, 2, 3, 4, 5, 6, 7, 8],
		open: workshop.status === 'open',
		joinCode: workshop.joinCode,
		stadsdeelName: stadsdeel?.name ?? null,
		agendaDoc: docName('agenda', workshop.agendaId),
		workshopDoc: docName('workshop', workshop.id)
	};
}

export function docSnapshots(context: AppContext, info: LiveWorkshopInfo, now = Date.now()): DocSnapshots {
	return {
		agendaState: embeddedState(context, info.agendaDoc),
		workshopState: embeddedState(context, info.workshopDoc),
		serverNow: now
	};
}

/** The question the room is on now (the facilitator moves it), from the live workshop doc. */
export function currentQuestionOf(context: AppContext, info: LiveWorkshopInfo): QuestionNumber {
	return context.liveDocs.read(info.workshopDoc, (doc) => readWorkshopState(doc, info.questions)).currentQuestion;
}

export function joinUrlFor(origin: string, joinCode: string): string {
	return `${origin}/join/${joinCode}`;
}

/** The join QR as inline SVG, rendered here so the projector ships no QR code library. */
export function joinQrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}

// ---------------------------------------------------------------------------------------------
// Join

export interface BuurtOption {
	code: string;
	name: string;
}

export type JoinTarget =
	| { ok: true; workshop: LiveWorkshopInfo; buurten: BuurtOption[] }
	| { ok: false; reason: 'not-a-code' | 'unknown' | 'closed' };

/** The workshop behind a typed or scanned code, with the buurten to choose from (focus buurten first). */
export function findJoinTarget(db: Db, rawCode: string): JoinTarget {
	const code = normaliseJoinCode(rawCode);
	if (!code) return { ok: false, reason: 'not-a-code' };
	const workshop = findWorkshopByJoinCode(db, code);
	if (!workshop) return { ok: false, reason: 'unknown' };
	if (workshop.status !== 'open') return { ok: false, reason: 'closed' };
	const agenda = getAgenda(db, workshop.agendaId);
	const all = agenda
		? db.prepare<[string], BuurtOption>('SELECT code, name FROM buurten WHERE stadsdeel_code = ? ORDER BY name').all(agenda.stadsdeelCode)
		: [];
	const focus = new Set(workshop.focusBuurten);
	const buurten = [...all.filter((b) => focus.has(b.code)), ...all.filter((b) => !focus.has(b.code))];
	return { ok: true, workshop: liveWorkshopInfo(db, workshop), buurten };
}

// ---------------------------------------------------------------------------------------------
// Who may open which page

export type PageAccess<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'sign-in' | 'join' | 'forbidden' | 'elsewhere' };

export interface ParticipantView {
	workshop: LiveWorkshopInfo;
	me: { id: string; name: string };
}

/** The participant page: only for someone who joined this workshop. */
export function participantAccess(db: Db, workshopId: string, participant: Principal | null, staff: Principal | null): PageAccess<ParticipantView> {
	const workshop = getWorkshop(db, workshopId);
	if (!workshop) return { ok: false, reason: 'not-found' };
	if (participant?.kind === 'participant' && participant.participant.workshopId === workshop.id) {
		return {
			ok: true,
			value: { workshop: liveWorkshopInfo(db, workshop), me: { id: participant.participant.id, name: participant.participant.displayName } }
		};
	}
	// Staff have the facilitator's page; anyone else joins first.
	if (staff?.kind === 'staff') return { ok: false, reason: 'elsewhere' };
	return { ok: false, reason: 'join' };
}

/** The projector: its token link, or a signed-in staff member. */
export function projectorAccess(db: Db, workshopId: string, token: string | null, staff: Principal | null): PageAccess<LiveWorkshopInfo> {
	const workshop = getWorkshop(db, workshopId);
	if (!workshop) return { ok: false, reason: 'not-found' };
	if (token) {
		const principal = validateToken(db, token);
		if (principal?.kind === 'projector' && principal.workshopId === workshop.id) return { ok: true, value: liveWorkshopInfo(db, workshop) };
		if (!(staff?.kind === 'staff' && can(staff.user.role, 'workshop.watch'))) return { ok: false, reason: 'forbidden' };
	}
	if (staff?.kind === 'staff' && can(staff.user.role, 'workshop.watch')) return { ok: true, value: liveWorkshopInfo(db, workshop) };
	return { ok: false, reason: staff ? 'forbidden' : 'sign-in' };
}

export interface FacilitatorView {
	workshop: LiveWorkshopInfo;
	me: { id: string; email: string };
}

export function facilitatorAccess(db: Db, workshopId: string, staff: Principal | null): PageAccess<FacilitatorView> {
	if (staff?.kind !== 'staff') return { ok: false, reason: 'sign-in' };
	if (!can(staff.user.role, 'workshop.control')) return { ok: false, reason: 'forbidden' };
	const workshop = getWorkshop(db, workshopId);
	if (!workshop) return { ok: false, reason: 'not-found' };
	return { ok: true, value: { workshop: liveWorkshopInfo(db, workshop), me: { id: staff.user.id, email: staff.user.email } } };
}
