/**
 * Creating workshops and the links that go with them; shared by the CLI and the staff pages.
 */
import type { AppContext } from './context.ts';
import { writeTransaction } from './db.ts';
import { findStadsdeel } from '../domain/areas.ts';
import { listStadsdelen } from './repositories/areas.ts';
import { findOrCreateAgenda, insertWorkshop, type WorkshopRecord } from './repositories/workshops.ts';

export interface WorkshopLinks {
	workshopId: string;
	agendaId: string;
	joinCode: string;
	joinUrl: string;
	projectorUrl: string;
	facilitateUrl: string;
}

export function workshopLinks(origin: string | null, workshop: WorkshopRecord, projectorToken: string): WorkshopLinks {
	const base = origin ?? '';
	return {
		workshopId: workshop.id,
		agendaId: workshop.agendaId,
		joinCode: workshop.joinCode,
		joinUrl: `${base}/join/${workshop.joinCode}`,
		projectorUrl: `${base}/projector/${workshop.id}?token=${projectorToken}`,
		facilitateUrl: `${base}/facilitate/${workshop.id}`
	};
}

export interface CreateWorkshopInput {
	stadsdeel: string;
	title: string;
	period?: string;
	startsAt?: string | null;
	place?: string | null;
	focusBuurten?: string[];
	questions?: number[];
	createdBy: string | null;
}

export function createWorkshopForStadsdeel(
	context: AppContext,
	input: CreateWorkshopInput,
	now = new Date()
): { ok: true; links: WorkshopLinks; workshop: WorkshopRecord } | { ok: false; message: string } {
	const stadsdelen = listStadsdelen(context.db);
	const stadsdeel = findStadsdeel(stadsdelen, input.stadsdeel);
	if (!stadsdeel) {
		return { ok: false, message: `unknown stadsdeel "${input.stadsdeel}"; choose one of: ${stadsdelen.map((s) => s.name).join(', ')}` };
	}
	const title = input.title.trim();
	if (title === '' || title.length > 120) return { ok: false, message: 'the title must be 1 to 120 characters' };
	const period = input.period?.trim() || String(now.getFullYear());
	const { db } = context;
	return writeTransaction(db, () => {
		const agenda = findOrCreateAgenda(db, { stadsdeelCode: stadsdeel.code, title: `Sociale agenda ${stadsdeel.name} ${period}`, period });
		const { workshop, projectorToken } = insertWorkshop(db, {
			agendaId: agenda.id,
			title,
			startsAt: input.startsAt ?? null,
			place: input.place ?? null,
			focusBuurten: input.focusBuurten,
			questions: input.questions,
			createdBy: input.createdBy
		});
		return { ok: true as const, workshop, links: workshopLinks(context.config.origin, workshop, projectorToken) };
	});
}
