/**
 * "Wie missen we nog?" on the server: who took part in a workshop (or in all workshops of an agenda)
 * and how much they wrote, aggregated by role, buurt and age band, against the area's population.
 *
 * Only counts leave this module. Participants' buurt and age band are read here, joined with the
 * number of cards they wrote, and handed to the domain as anonymous rows (see domain/reach.ts); no id,
 * name or card text goes along.
 *
 * Reference populations:
 *  - buurt: inhabitants per buurt, CBS Kerncijfers wijken en buurten 2025 (the buurten's figures);
 *  - age band: CBS 2017 at the level of the CBS wijk (maastricht_wijk_kerncijfers.csv). CBS age bands
 *    per buurt were not available, so the area's age mix is the mix of the CBS wijken its buurten lie
 *    in, each weighted by the 2025 inhabitants of those buurten. That is the best available level;
 *    the page says so, and names the wijken and the year.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { defaultSeedDir } from './seed-areas.ts';
import { getStadsdeel, listBuurten } from './repositories/areas.ts';
import { getAgenda, getWorkshop, listAgendas, listWorkshops } from './repositories/workshops.ts';
import { countAssistedParticipants } from './repositories/participants.ts';
import { parseCsv } from '../domain/csv.ts';
import { AGE_BANDS, isAgeBand, isParticipantRole, type AgeBand } from '../domain/participants.ts';
import { REACH_MIN_GROUP_SIZE, ageSharesFor, computeReach, type Contributor, type ReachResult } from '../domain/reach.ts';
import { docName } from '../sync/doc-names.ts';
import { listCards } from '../sync/agenda-schema.ts';

export const WIJK_FIGURES_FILE = 'maastricht_wijk_kerncijfers.csv';
export const AGE_REFERENCE_YEAR = 2017;
export const POPULATION_REFERENCE_YEAR = 2025;

const AGE_COLUMNS: Record<AgeBand, string> = {
	'0-14': 'pct_age_0_14_2017',
	'15-24': 'pct_age_15_24_2017',
	'25-44': 'pct_age_25_44_2017',
	'45-64': 'pct_age_45_64_2017',
	'65+': 'pct_age_65plus_2017'
};

export interface WijkAgeMix {
	code: string;
	name: string;
	/** Percentages per CBS age band as published (whole numbers). */
	shares: Record<AgeBand, number>;
}

/** Reads the CBS 2017 age bands per wijk (and the gemeente, code GM0935). Missing file → empty. */
export function readWijkAgeMix(seedDir = defaultSeedDir()): Map<string, WijkAgeMix> {
	const file = path.join(seedDir, WIJK_FIGURES_FILE);
	const result = new Map<string, WijkAgeMix>();
	if (!existsSync(file)) return result;
	const parsed = parseCsv(readFileSync(file, 'utf8'));
	if (!parsed.ok) return result;
	const column = (name: string) => parsed.header.cells.indexOf(name);
	const codeAt = column('code');
	const nameAt = column('name');
	for (const row of parsed.rows) {
		const shares = {} as Record<AgeBand, number>;
		let complete = true;
		for (const band of AGE_BANDS) {
			const raw = row.cells[column(AGE_COLUMNS[band])];
			const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
			if (!Number.isFinite(value)) complete = false;
			shares[band] = value;
		}
		const code = row.cells[codeAt];
		if (complete && code) result.set(code, { code, name: row.cells[nameAt] ?? code, shares });
	}
	return result;
}

let cachedWijkAgeMix: Map<string, WijkAgeMix> | null = null;
function wijkAgeMix(): Map<string, WijkAgeMix> {
	cachedWijkAgeMix ??= readWijkAgeMix();
	return cachedWijkAgeMix;
}

export type ReachScope =
	| { kind: 'workshop'; workshopId: string }
	| { kind: 'agenda'; agendaId: string }
	/** Every workshop of every agenda of a stadsdeel (or, with null, of the city), against its buurten: the dashboard. */
	| { kind: 'area'; stadsdeelCode: string | null };

export interface ReachReport {
	scope: ReachScope;
	stadsdeelName: string | null;
	/** The buurten the comparison is about, with names for the labels. */
	buurten: { code: string; name: string; population: number | null }[];
	/** Names for buurten outside the area are never needed: they are one group, "other". */
	result: ReachResult;
	/** People whose cards a facilitator or table helper entered ("via begeleider"); null when under 3. */
	assisted: number | null;
	reference: {
		populationYear: number;
		ageYear: number;
		/** The CBS wijken whose age mix was used; empty when none was available. */
		ageWijken: { code: string; name: string }[];
	};
}

interface ParticipantRow {
	id: string;
	role: string;
	buurt_code: string | null;
	age_band: string | null;
}

function participantsOf(db: Db, workshopIds: readonly string[]): ParticipantRow[] {
	if (workshopIds.length === 0) return [];
	const placeholders = workshopIds.map(() => '?').join(', ');
	return db
		.prepare<string[], ParticipantRow>(`SELECT id, role, buurt_code, age_band FROM participants WHERE workshop_id IN (${placeholders})`)
		.all(...workshopIds);
}

/** The reach of one workshop (its focus buurten, else its stadsdeel), of an agenda (its stadsdeel), or of an area. */
export function loadReach(context: Pick<AppContext, 'db' | 'liveDocs'>, scope: ReachScope): ReachReport | null {
	const { db } = context;
	let agendaIds: string[];
	let workshopIds: string[];
	let focus: string[] = [];
	let stadsdeelCode: string | null;
	if (scope.kind === 'area') {
		stadsdeelCode = scope.stadsdeelCode;
		if (stadsdeelCode !== null && !getStadsdeel(db, stadsdeelCode)) return null;
		agendaIds = listAgendas(db)
			.filter((agenda) => stadsdeelCode === null || agenda.stadsdeelCode === stadsdeelCode)
			.map((agenda) => agenda.id);
		workshopIds = agendaIds.flatMap((agendaId) => listWorkshops(db, agendaId).map((workshop) => workshop.id));
	} else {
		let agendaId: string;
		if (scope.kind === 'workshop') {
			const workshop = getWorkshop(db, scope.workshopId);
			if (!workshop) return null;
			agendaId = workshop.agendaId;
			workshopIds = [workshop.id];
			focus = workshop.focusBuurten;
		} else {
			agendaId = scope.agendaId;
			workshopIds = listWorkshops(db, agendaId).map((workshop) => workshop.id);
		}
		const agenda = getAgenda(db, agendaId);
		if (!agenda) return null;
		agendaIds = [agendaId];
		stadsdeelCode = agenda.stadsdeelCode;
	}
	const stadsdeelName =
		stadsdeelCode === null ? null : (db.prepare<[string], { name: string }>('SELECT name FROM stadsdelen WHERE code = ?').get(stadsdeelCode)?.name ?? null);

	const inArea = stadsdeelCode === null ? listBuurten(db) : listBuurten(db, stadsdeelCode);
	const focusSet = new Set(focus);
	const area = focus.length > 0 ? listBuurten(db).filter((buurt) => focusSet.has(buurt.code)) : inArea;
	const population = (buurt: (typeof area)[number]) => buurt.figures.find((figure) => figure.id === 'population')?.value ?? null;

	// Cards per participant, from the agenda docs; staff cards are not participation.
	const wanted = new Set(workshopIds);
	const cardsByAuthor = new Map<string, number>();
	for (const agendaId of agendaIds) {
		context.liveDocs.read(docName('agenda', agendaId), (doc) => {
			for (const card of listCards(doc)) {
				if (card.authorKind !== 'participant' || !wanted.has(card.workshopId)) continue;
				cardsByAuthor.set(card.authorId, (cardsByAuthor.get(card.authorId) ?? 0) + 1);
			}
		});
	}
	const contributors: Contributor[] = participantsOf(db, workshopIds)
		.filter((row) => isParticipantRole(row.role))
		.map((row) => ({
			role: row.role as Contributor['role'],
			buurtCode: row.buurt_code,
			ageBand: isAgeBand(row.age_band) ? row.age_band : null,
			cards: cardsByAuthor.get(row.id) ?? 0
		}));

	// Age reference: the CBS wijken of the area's buurten, weighted by their inhabitants.
	const mix = wijkAgeMix();
	const weightByWijk = new Map<string, number>();
	for (const buurt of area) {
		const inhabitants = population(buurt);
		if (inhabitants === null || !mix.has(buurt.wijkCode)) continue;
		weightByWijk.set(buurt.wijkCode, (weightByWijk.get(buurt.wijkCode) ?? 0) + inhabitants);
	}
	const ageShares = ageSharesFor([...weightByWijk].map(([code, weight]) => ({ weight, shares: mix.get(code)?.shares ?? null })));

	const assisted = countAssistedParticipants(db, workshopIds);
	return {
		scope,
		stadsdeelName,
		assisted: assisted >= REACH_MIN_GROUP_SIZE ? assisted : null,
		buurten: area.map((buurt) => ({ code: buurt.code, name: buurt.name, population: population(buurt) })),
		result: computeReach({
			contributors,
			areaBuurten: area.map((buurt) => ({ code: buurt.code, population: population(buurt) })),
			ageShares
		}),
		reference: {
			populationYear: POPULATION_REFERENCE_YEAR,
			ageYear: AGE_REFERENCE_YEAR,
			ageWijken: [...weightByWijk.keys()].sort().map((code) => ({ code, name: mix.get(code)?.name ?? code }))
		}
	};
}
