/**
 * Importing facilities (the map's points) from a GeoJSON file of Point features or a CSV file with the
 * columns name;category;lat;lon;address (`,` or `;`, an optional `id` column). Used by the admin page
 * /admin/facilities and the CLI command `facilities:import`.
 *
 * The whole file is checked before anything is written, and the write is one transaction: a file with
 * one bad row changes nothing, and the answer names every bad row (CSV line number, GeoJSON feature
 * index). The buurt of every point is found by point-in-polygon against the buurten in the database,
 * whatever the file says; a point in no Maastricht buurt is refused, because it would show on no map.
 *
 * Modes:
 *  - default: add new facilities and update those with the same id; nothing is removed;
 *  - replace: in addition, every facility from an earlier import that is not in this file is removed.
 *    The shipped OpenStreetMap points stay (a file may update them by their osm_id).
 *
 * Ids: `osm_id` gives the OSM id; otherwise the feature id or the CSV `id` column (prefixed "import-");
 * otherwise an id derived from name and position, so importing the same file twice adds nothing twice.
 * Imported points have source 'import', except features with an `osm_id`, which keep 'osm' so the
 * ODbL attribution stays true.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeTransaction, type Db } from './db.ts';
import {
	FACILITY_CATEGORIES,
	FACILITY_CATEGORY_IDS,
	MAASTRICHT_BOUNDS,
	isFacilityCategory,
	normalizeAreaName,
	parseFacilities,
	type Facility,
	type FacilityCategory
} from '../domain/areas.ts';
import { pointInPolygon, type AreaGeometry } from '../domain/geo.ts';
import { parseCsv, toCsv } from '../domain/csv.ts';
import type { LocalizedText } from '../domain/i18n-text.ts';
import { listBuurten } from './repositories/areas.ts';

export type FacilityFileFormat = 'csv' | 'geojson';

export interface ImportProblem {
	/** "Regel 3" / "Line 3", or "Feature 2 …"; null for the file as a whole. */
	where: LocalizedText | null;
	message: LocalizedText;
	/** 1-based CSV line, when the problem sits on one. */
	line?: number;
	/** 0-based index in the GeoJSON `features` array. */
	featureIndex?: number;
}

export type FacilityValidation = { ok: true; facilities: Facility[] } | { ok: false; problems: ImportProblem[] };

export type FacilityImportResult =
	| { ok: true; added: number; updated: number; removed: number; total: number }
	| { ok: false; problems: ImportProblem[] };

export interface ImportOptions {
	format: FacilityFileFormat;
	replace?: boolean;
}

/** The admin page refuses bigger uploads; a city's facilities are a few hundred kilobytes at most. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The ballot endpoint accepts `facility:<id>` with these ids only. */
const FACILITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const IMPORT_PREFIX = 'import-';

/** The example row of the template: importing it unchanged is refused. */
export const TEMPLATE_EXAMPLE_NAME = 'Voorbeeld: Sportpark De Heeg (haal deze regel weg)';

interface BuurtArea {
	code: string;
	geometry: AreaGeometry;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function text(nl: string, en: string): LocalizedText {
	return { nl, en };
}

function lineWhere(line: number): LocalizedText {
	return text(`Regel ${line}`, `Line ${line}`);
}

function featureWhere(index: number, name: string | null): LocalizedText {
	const named = name ? ` ("${name}")` : '';
	return text(`Feature ${index}${named}, nummer ${index + 1} in de lijst`, `Feature ${index}${named}, number ${index + 1} in the list`);
}

/** Category id, or a Dutch or English label as people type it ("Bibliotheek", "sport en bewegen"). */
export function resolveCategory(value: string): FacilityCategory | null {
	const trimmed = value.trim();
	if (isFacilityCategory(trimmed)) return trimmed;
	const wanted = normalizeAreaName(trimmed);
	if (wanted === '') return null;
	for (const id of FACILITY_CATEGORY_IDS) {
		const { nl, en } = FACILITY_CATEGORIES[id];
		if ([id, nl, en].some((label) => normalizeAreaName(label) === wanted)) return id;
	}
	return null;
}

const CATEGORY_LIST = FACILITY_CATEGORY_IDS.join(', ');

function unknownCategory(value: string): LocalizedText {
	return text(
		`De categorie "${value}" kennen we niet. Kies uit: ${CATEGORY_LIST}.`,
		`The category "${value}" is unknown. Choose from: ${CATEGORY_LIST}.`
	);
}

/** "50.85", "50,85" (Dutch Excel) → 50.85; anything else → null. */
export function parseCoordinate(value: string): number | null {
	const trimmed = value.trim();
	if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return null;
	const number = Number(trimmed.replace(',', '.'));
	return Number.isFinite(number) ? number : null;
}

function inBounds(lat: number, lon: number): boolean {
	const [minLon, minLat, maxLon, maxLat] = MAASTRICHT_BOUNDS;
	return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}

function outsideMaastricht(lat: number, lon: number): LocalizedText {
	const swapped = inBounds(lon, lat)
		? { nl: ' Staan lat en lon omgedraaid?', en: ' Are lat and lon swapped?' }
		: { nl: '', en: '' };
	return text(
		`De plek (lat ${lat}, lon ${lon}) ligt buiten Maastricht.${swapped.nl}`,
		`The position (lat ${lat}, lon ${lon}) lies outside Maastricht.${swapped.en}`
	);
}

const NOT_IN_A_BUURT = text(
	'De plek ligt niet in een buurt van Maastricht. Controleer de coördinaten.',
	'The position lies in no Maastricht buurt. Check the coordinates.'
);

const MISSING_NAME = text('De naam ontbreekt.', 'The name is missing.');
const TEMPLATE_ROW = text('Dit is de voorbeeldregel uit het sjabloon. Haal deze regel weg.', 'This is the example row of the template. Remove it.');

function buurtOf(buurten: readonly BuurtArea[], lat: number, lon: number): string | null {
	return buurten.find((b) => pointInPolygon([lon, lat], b.geometry))?.code ?? null;
}

/** A stable id for a facility the file gives no id: same name and place, same id. */
function derivedId(name: string, lat: number, lon: number): string {
	const key = `${normalizeAreaName(name)}|${lat.toFixed(5)}|${lon.toFixed(5)}`;
	return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function checkOwnId(raw: string): LocalizedText | null {
	if (FACILITY_ID_PATTERN.test(IMPORT_PREFIX + raw)) return null;
	return text(
		`Het id "${raw}" mag alleen letters, cijfers, - en _ bevatten en hoogstens ${64 - IMPORT_PREFIX.length} tekens lang zijn.`,
		`The id "${raw}" may only contain letters, digits, - and _, at most ${64 - IMPORT_PREFIX.length} characters.`
	);
}

// ---------------------------------------------------------------------------------------------
// Format detection

export function detectFormat(fileName: string | null, content: string): FacilityFileFormat {
	const extension = fileName ? path.extname(fileName).toLowerCase() : '';
	if (extension === '.csv' || extension === '.txt') return 'csv';
	if (extension === '.geojson' || extension === '.json') return 'geojson';
	return content.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'geojson' : 'csv';
}

// ---------------------------------------------------------------------------------------------
// CSV

const COLUMN_ALIASES: Record<string, readonly string[]> = {
	id: ['id'],
	name: ['name', 'naam'],
	category: ['category', 'categorie', 'soort'],
	lat: ['lat', 'latitude', 'breedtegraad'],
	lon: ['lon', 'lng', 'long', 'longitude', 'lengtegraad'],
	address: ['address', 'adres']
};
const REQUIRED_COLUMNS = ['name', 'category', 'lat', 'lon'] as const;

interface Candidate {
	/** Without the "import-" prefix; parseFacilities adds it. */
	featureId: string | null;
	osmId: string | null;
	name: string;
	category: FacilityCategory;
	lat: number;
	lon: number;
	address: string | null;
	buurtCode: string;
	where: LocalizedText;
	line?: number;
	featureIndex?: number;
}

function candidateId(candidate: Candidate): string {
	return candidate.osmId !== null ? `osm-${candidate.osmId.replace('/', '-')}` : IMPORT_PREFIX + candidate.featureId;
}

function validateCsv(content: string, buurten: readonly BuurtArea[]): { candidates: Candidate[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	const candidates: Candidate[] = [];
	const parsed = parseCsv(content);
	if (!parsed.ok) {
		problems.push({ where: parsed.reason === 'empty' ? null : lineWhere(parsed.line), message: parsed.message, line: parsed.line });
		return { candidates, problems };
	}

	const columns = new Map<string, number>();
	parsed.header.cells.forEach((cell, index) => {
		const heading = cell.trim().toLowerCase();
		for (const [column, aliases] of Object.entries(COLUMN_ALIASES)) {
			if (aliases.includes(heading) && !columns.has(column)) columns.set(column, index);
		}
	});
	const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
	if (missing.length > 0) {
		problems.push({
			where: lineWhere(parsed.header.line),
			line: parsed.header.line,
			message: text(
				`De eerste regel moet de kolomnamen hebben: name;category;lat;lon;address. Deze ontbreken: ${missing.join(', ')}.`,
				`The first line must hold the column names: name;category;lat;lon;address. Missing: ${missing.join(', ')}.`
			)
		});
		return { candidates, problems };
	}
	const cell = (cells: readonly string[], column: string) => {
		const index = columns.get(column);
		return index === undefined ? '' : (cells[index] ?? '').trim();
	};

	if (parsed.rows.length === 0) {
		problems.push({ where: null, message: text('Het bestand heeft geen regels met voorzieningen.', 'The file has no rows with facilities.') });
	}
	for (const row of parsed.rows) {
		const where = lineWhere(row.line);
		const problem = (message: LocalizedText) => problems.push({ where, message, line: row.line });
		const before = problems.length;

		if (row.cells.length > parsed.header.cells.length) {
			problem(
				text(
					`Deze regel heeft ${row.cells.length} velden, de kopregel ${parsed.header.cells.length}. Staat er een ${parsed.delimiter} in een naam of adres? Zet dat veld dan tussen aanhalingstekens.`,
					`This row has ${row.cells.length} fields, the header ${parsed.header.cells.length}. Is there a ${parsed.delimiter} in a name or address? Then put that field in quotes.`
				)
			);
		}
		const name = cell(row.cells, 'name').replace(/\s+/g, ' ');
		if (name === '') problem(MISSING_NAME);
		else if (name === TEMPLATE_EXAMPLE_NAME) problem(TEMPLATE_ROW);
		const categoryText = cell(row.cells, 'category');
		const category = resolveCategory(categoryText);
		if (category === null) problem(categoryText === '' ? text('De categorie ontbreekt.', 'The category is missing.') : unknownCategory(categoryText));

		const latText = cell(row.cells, 'lat');
		const lonText = cell(row.cells, 'lon');
		const lat = parseCoordinate(latText);
		const lon = parseCoordinate(lonText);
		let buurtCode: string | null = null;
		if (lat === null || lon === null) {
			problem(
				text(
					`lat en lon moeten getallen zijn, zoals 50,8497 en 5,6837 (nu: "${latText}" en "${lonText}").`,
					`lat and lon must be numbers, such as 50.8497 and 5.6837 (now: "${latText}" and "${lonText}").`
				)
			);
		} else if (!inBounds(lat, lon)) {
			problem(outsideMaastricht(lat, lon));
		} else {
			buurtCode = buurtOf(buurten, lat, lon);
			if (buurtCode === null) problem(NOT_IN_A_BUURT);
		}
		const ownId = cell(row.cells, 'id');
		if (ownId !== '') {
			const idProblem = checkOwnId(ownId);
			if (idProblem) problem(idProblem);
		}
		if (problems.length > before) continue;
		candidates.push({
			featureId: ownId !== '' ? ownId : derivedId(name, lat!, lon!),
			osmId: null,
			name,
			category: category!,
			lat: lat!,
			lon: lon!,
			address: cell(row.cells, 'address') || null,
			buurtCode: buurtCode!,
			where,
			line: row.line
		});
	}
	return { candidates, problems };
}

// ---------------------------------------------------------------------------------------------
// GeoJSON

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateGeoJson(content: string, buurten: readonly BuurtArea[]): { candidates: Candidate[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	const candidates: Candidate[] = [];
	let json: unknown;
	try {
		json = JSON.parse(content.replace(/^\uFEFF/, ''));
	} catch (error) {
		const detail = (error as Error).message;
		problems.push({ where: null, message: text(`Dit is geen geldige GeoJSON: ${detail}`, `This is not valid GeoJSON: ${detail}`) });
		return { candidates, problems };
	}
	if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		problems.push({
			where: null,
			message: text('Het bestand moet een GeoJSON FeatureCollection zijn, met een lijst "features".', 'The file must be a GeoJSON FeatureCollection with a "features" array.')
		});
		return { candidates, problems };
	}
	if (json.features.length === 0) {
		problems.push({ where: null, message: text('Het bestand heeft geen features.', 'The file has no features.') });
	}
	json.features.forEach((feature: unknown, index: number) => {
		const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : null;
		const rawName = typeof properties?.name === 'string' ? properties.name.replace(/\s+/g, ' ').trim() : '';
		const where = featureWhere(index, rawName || null);
		const problem = (message: LocalizedText) => problems.push({ where, message, featureIndex: index });
		if (!isObject(feature) || feature.type !== 'Feature' || properties === null) {
			problem(text('Dit is geen Feature met "properties".', 'This is not a Feature with "properties".'));
			return;
		}
		const before = problems.length;
		if (rawName === '') problem(MISSING_NAME);
		else if (rawName === TEMPLATE_EXAMPLE_NAME) problem(TEMPLATE_ROW);
		const categoryValue = typeof properties.category === 'string' ? properties.category : '';
		const category = resolveCategory(categoryValue);
		if (category === null) problem(categoryValue === '' ? text('De categorie ontbreekt.', 'The category is missing.') : unknownCategory(categoryValue));

		const geometry = feature.geometry;
		const coordinates = isObject(geometry) && geometry.type === 'Point' && Array.isArray(geometry.coordinates) ? geometry.coordinates : null;
		const [lon, lat] = coordinates ?? [];
		let buurtCode: string | null = null;
		if (coordinates === null) {
			problem(text('De geometrie moet een Point zijn.', 'The geometry must be a Point.'));
		} else if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
			problem(text('De coördinaten moeten twee getallen zijn: [lon, lat].', 'The coordinates must be two numbers: [lon, lat].'));
		} else if (!inBounds(lat, lon)) {
			problem(outsideMaastricht(lat, lon));
		} else {
			buurtCode = buurtOf(buurten, lat, lon);
			if (buurtCode === null) problem(NOT_IN_A_BUURT);
		}

		const osmId = typeof properties.osm_id === 'string' && properties.osm_id.trim() !== '' ? properties.osm_id.trim() : null;
		if (osmId !== null && !/^(node|way|relation)\/\d+$/.test(osmId)) {
			problem(text(`osm_id "${osmId}" moet eruitzien als node/123, way/123 of relation/123.`, `osm_id "${osmId}" must look like node/123, way/123 or relation/123.`));
		}
		const ownId = typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : null;
		if (osmId === null && ownId !== null) {
			const idProblem = checkOwnId(ownId);
			if (idProblem) problem(idProblem);
		}
		const address = typeof properties.address === 'string' && properties.address.trim() !== '' ? properties.address.trim() : null;
		if (problems.length > before) return;
		candidates.push({
			featureId: osmId !== null ? null : (ownId ?? derivedId(rawName, lat as number, lon as number)),
			osmId,
			name: rawName,
			category: category!,
			lat: lat as number,
			lon: lon as number,
			address,
			buurtCode: buurtCode!,
			where,
			featureIndex: index
		});
	});
	return { candidates, problems };
}

// ---------------------------------------------------------------------------------------------
// Validation of a whole file

export function validateFacilityFile(content: string, format: FacilityFileFormat, buurten: readonly BuurtArea[]): FacilityValidation {
	const { candidates, problems } = format === 'csv' ? validateCsv(content, buurten) : validateGeoJson(content, buurten);

	const firstById = new Map<string, Candidate>();
	for (const candidate of candidates) {
		const id = candidateId(candidate);
		const first = firstById.get(id);
		if (!first) {
			firstById.set(id, candidate);
			continue;
		}
		const firstWhere = first.where;
		problems.push({
			where: candidate.where,
			line: candidate.line,
			featureIndex: candidate.featureIndex,
			message: text(
				`Deze voorziening staat twee keer in het bestand (ook bij ${firstWhere.nl.toLowerCase()}). Geef ze een eigen id of haal er een weg.`,
				`This facility occurs twice in the file (also at ${firstWhere.en.toLowerCase()}). Give each its own id or remove one.`
			)
		});
	}
	if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

	// The shared parser builds the Facility objects, so imports and the shipped data agree on ids and shape.
	const collection = {
		type: 'FeatureCollection',
		features: candidates.map((c) => ({
			type: 'Feature',
			id: c.featureId ?? undefined,
			properties: { name: c.name, category: c.category, address: c.address, osm_id: c.osmId, buurt_code_approx: c.buurtCode },
			geometry: { type: 'Point', coordinates: [c.lon, c.lat] }
		}))
	};
	const parsed = parseFacilities(collection);
	if (!parsed.ok) {
		// Our own checks are stricter, so this means they missed something: say what the parser says.
		return { ok: false, problems: parsed.errors.map((error) => ({ where: null, message: text(error, error) })) };
	}
	return { ok: true, facilities: parsed.items };
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
	const order = (p: ImportProblem) => p.line ?? (p.featureIndex !== undefined ? p.featureIndex : -1);
	return [...problems].sort((a, b) => order(a) - order(b));
}

// ---------------------------------------------------------------------------------------------
// Writing

export function importFacilities(db: Db, content: string, options: ImportOptions): FacilityImportResult {
	const buurten = listBuurten(db).map(({ code, geometry }) => ({ code, geometry }));
	const validation = validateFacilityFile(content, options.format, buurten);
	if (!validation.ok) return validation;
	const { facilities } = validation;

	const upsert = db.prepare(
		`INSERT INTO facilities (id, name, category, lat, lon, buurt_code, address, source, source_ref)
		 VALUES (@id, @name, @category, @lat, @lon, @buurtCode, @address, @source, @sourceRef)
		 ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category, lat = excluded.lat,
		   lon = excluded.lon, buurt_code = excluded.buurt_code, address = excluded.address,
		   source = excluded.source, source_ref = excluded.source_ref`
	);
	const remove = db.prepare('DELETE FROM facilities WHERE id = ?');
	return writeTransaction(db, () => {
		const existing = db.prepare<[], { id: string; source: string }>('SELECT id, source FROM facilities').all();
		const existingIds = new Set(existing.map((row) => row.id));
		const incoming = new Set(facilities.map((f) => f.id));
		let removed = 0;
		if (options.replace) {
			for (const row of existing) {
				if (row.source === 'import' && !incoming.has(row.id)) {
					remove.run(row.id);
					removed++;
				}
			}
		}
		let added = 0;
		let updated = 0;
		for (const facility of facilities) {
			upsert.run(facility);
			if (existingIds.has(facility.id)) updated++;
			else added++;
		}
		const { n } = db.prepare('SELECT count(*) AS n FROM facilities').get() as { n: number };
		return { ok: true as const, added, updated, removed, total: n };
	});
}

export function importFacilitiesFromFile(db: Db, filePath: string, options: { replace?: boolean; format?: FacilityFileFormat } = {}): FacilityImportResult {
	let content: string;
	try {
		content = readFileSync(filePath, 'utf8');
	} catch (error) {
		const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return { ok: false, problems: [{ where: null, message: text(`Het bestand ${filePath} kan niet worden gelezen (${detail}).`, `The file ${filePath} cannot be read (${detail}).`) }] };
	}
	return importFacilities(db, content, { format: options.format ?? detectFormat(filePath, content), replace: options.replace });
}

/** One problem per line, for the CLI and logs. */
export function describeProblems(problems: readonly ImportProblem[], locale: 'nl' | 'en' = 'en'): string {
	return problems.map((p) => (p.where ? `${p.where[locale]}: ${p.message[locale]}` : p.message[locale])).join('\n');
}

/** The downloadable template: `;`-separated with a BOM, as Dutch Excel opens it. */
export function facilityCsvTemplate(): string {
	return toCsv([
		['name', 'category', 'lat', 'lon', 'address'],
		[TEMPLATE_EXAMPLE_NAME, 'sport', 50.8235, 5.7225, 'Voorbeeldstraat 1, 6229 AA Maastricht']
	]);
}
