/**
 * Stadsdelen, buurten and facilities in SQLite. The shipped Maastricht data is loaded on first
 * start, so a fresh install shows Maastricht without any import step.
 */
import { writeTransaction, type Db } from '../db.ts';
import type { Buurt, Facility, KeyFigure, Stadsdeel, StadsdeelCode, FacilityCategory, FacilitySource } from '../../domain/areas.ts';
import { loadMaastrichtSeed } from '../seed-areas.ts';

export interface StadsdeelSummary {
	code: StadsdeelCode;
	name: string;
}

export function seedAreasIfEmpty(db: Db, seedDir?: string): { stadsdelen: number; buurten: number; facilities: number } | null {
	const { n } = db.prepare('SELECT count(*) AS n FROM stadsdelen').get() as { n: number };
	if (n > 0) return null;
	const seed = loadMaastrichtSeed(seedDir);
	const insertStadsdeel = db.prepare('INSERT INTO stadsdelen (code, name, geometry) VALUES (?, ?, ?)');
	const insertBuurt = db.prepare(
		`INSERT INTO buurten (code, name, stadsdeel_code, wijk_code, wijk_name, area_ha, geometry, figures)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	writeTransaction(db, () => {
		for (const s of seed.stadsdelen) insertStadsdeel.run(s.code, s.name, JSON.stringify(s.geometry));
		for (const b of seed.buurten) {
			insertBuurt.run(b.code, b.name, b.stadsdeelCode, b.wijkCode, b.wijkName, b.areaHa, JSON.stringify(b.geometry), JSON.stringify(b.figures));
		}
		insertFacilities(db, seed.facilities);
	});
	return { stadsdelen: seed.stadsdelen.length, buurten: seed.buurten.length, facilities: seed.facilities.length };
}

export function insertFacilities(db: Db, facilities: readonly Facility[]): void {
	const insert = db.prepare(
		`INSERT INTO facilities (id, name, category, lat, lon, buurt_code, address, source, source_ref)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	for (const f of facilities) insert.run(f.id, f.name, f.category, f.lat, f.lon, f.buurtCode, f.address, f.source, f.sourceRef);
}

export function listStadsdelen(db: Db): StadsdeelSummary[] {
	return db.prepare<[], StadsdeelSummary>('SELECT code, name FROM stadsdelen ORDER BY name').all();
}

export function getStadsdeel(db: Db, code: string): Stadsdeel | null {
	const row = db.prepare<[string], { code: StadsdeelCode; name: string; geometry: string }>('SELECT * FROM stadsdelen WHERE code = ?').get(code);
	return row ? { code: row.code, name: row.name, geometry: JSON.parse(row.geometry) } : null;
}

interface BuurtRow {
	code: string;
	name: string;
	stadsdeel_code: StadsdeelCode;
	wijk_code: string;
	wijk_name: string;
	area_ha: number;
	geometry: string;
	figures: string;
}

export function listBuurten(db: Db, stadsdeelCode?: string): Buurt[] {
	const rows = stadsdeelCode
		? db.prepare<[string], BuurtRow>('SELECT * FROM buurten WHERE stadsdeel_code = ? ORDER BY name').all(stadsdeelCode)
		: db.prepare<[], BuurtRow>('SELECT * FROM buurten ORDER BY name').all();
	return rows.map((row) => ({
		code: row.code,
		name: row.name,
		stadsdeelCode: row.stadsdeel_code,
		wijkCode: row.wijk_code,
		wijkName: row.wijk_name,
		areaHa: row.area_ha,
		geometry: JSON.parse(row.geometry),
		figures: JSON.parse(row.figures) as KeyFigure[]
	}));
}

interface FacilityRow {
	id: string;
	name: string | null;
	category: FacilityCategory;
	lat: number;
	lon: number;
	buurt_code: string | null;
	address: string | null;
	source: FacilitySource;
	source_ref: string | null;
}

export function listFacilities(db: Db, stadsdeelCode?: string): Facility[] {
	const rows = stadsdeelCode
		? db
				.prepare<[string], FacilityRow>(
					`SELECT f.* FROM facilities f JOIN buurten b ON b.code = f.buurt_code WHERE b.stadsdeel_code = ? ORDER BY f.name`
				)
				.all(stadsdeelCode)
		: db.prepare<[], FacilityRow>('SELECT * FROM facilities ORDER BY name').all();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		category: row.category,
		lat: row.lat,
		lon: row.lon,
		buurtCode: row.buurt_code,
		address: row.address,
		source: row.source,
		sourceRef: row.source_ref
	}));
}
