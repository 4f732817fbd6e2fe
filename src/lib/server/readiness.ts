/** Gathers the facts for the "Klaar voor de bijeenkomst?" check of one workshop (see domain/readiness). */
import type { Db } from './db.ts';
import { listIndicatorValues } from './indicators.ts';
import { listBuurten, listFacilities } from './repositories/areas.ts';
import { getAgenda, getWorkshop } from './repositories/workshops.ts';
import type { ReadinessFacts } from '../domain/readiness.ts';

export function readinessFacts(db: Db, workshopId: string): ReadinessFacts | null {
	const workshop = getWorkshop(db, workshopId);
	const agenda = workshop ? getAgenda(db, workshop.agendaId) : null;
	if (!workshop || !agenda) return null;
	const inStadsdeel = listBuurten(db, agenda.stadsdeelCode).map((buurt) => buurt.code);
	const focus = workshop.focusBuurten.filter((code) => inStadsdeel.includes(code));
	const area = new Set(focus.length > 0 ? focus : inStadsdeel);
	const withIndicators = new Set(listIndicatorValues(db, [...area]).map((value) => value.buurtCode));
	const facilities = listFacilities(db, agenda.stadsdeelCode).filter((facility) => facility.buurtCode !== null && area.has(facility.buurtCode)).length;
	return {
		questions: workshop.questions,
		areaBuurten: area.size,
		focusBuurten: focus.length,
		buurtenWithIndicators: withIndicators.size,
		facilities,
		startsAt: workshop.startsAt,
		place: workshop.place
	};
}
