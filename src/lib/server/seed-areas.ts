/**
 * Reads the shipped Maastricht area data (server/seed/maastricht/) at start-up.
 * A file that does not parse is a bug in what we ship, so this throws instead of
 * returning a result: better to refuse to start than to show a wrong map.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	checkAreaConsistency,
	parseBuurten,
	parseFacilities,
	parseStadsdelen,
	type Buurt,
	type Facility,
	type ParseResult,
	type Stadsdeel
} from '../domain/areas.ts';

export const SEED_FILES = {
	stadsdelen: 'maastricht_stadsdelen_2022.geojson',
	buurten: 'maastricht_buurten_2024.geojson',
	facilities: 'maastricht_social_facilities_osm_2023.geojson'
} as const;

export interface MaastrichtSeed {
	stadsdelen: Stadsdeel[];
	buurten: Buurt[];
	facilities: Facility[];
}

const MAX_ERRORS_IN_MESSAGE = 10;

/**
 * The working directory comes first because a Vite/SvelteKit build moves this module into a
 * chunk elsewhere, where the path relative to the source file no longer points at the data.
 */
export function defaultSeedDir(): string {
	const candidates = [
		path.join(process.cwd(), 'server', 'seed', 'maastricht'),
		fileURLToPath(new URL('../../../server/seed/maastricht/', import.meta.url))
	];
	return candidates.find((dir) => existsSync(path.join(dir, SEED_FILES.buurten))) ?? candidates[0];
}

function readJson(filePath: string): unknown {
	let text: string;
	try {
		text = readFileSync(filePath, 'utf8');
	} catch (error) {
		throw new Error(`Area seed file ${filePath} cannot be read: ${(error as Error).message}`, { cause: error });
	}
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new Error(`Area seed file ${filePath} is not valid JSON: ${(error as Error).message}`, { cause: error });
	}
}

function itemsOrThrow<T>(parsed: ParseResult<T>, filePath: string): T[] {
	if (parsed.ok) return parsed.items;
	const shown = parsed.errors.slice(0, MAX_ERRORS_IN_MESSAGE);
	const more = parsed.errors.length - shown.length;
	throw new Error(
		`Area seed file ${filePath} is invalid (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}):\n- ` +
			shown.join('\n- ') +
			(more > 0 ? `\n- … and ${more} more` : '')
	);
}

export function loadMaastrichtSeed(seedDir: string = defaultSeedDir()): MaastrichtSeed {
	const fileIn = (name: string) => path.join(seedDir, name);
	const stadsdelen = itemsOrThrow(parseStadsdelen(readJson(fileIn(SEED_FILES.stadsdelen))), fileIn(SEED_FILES.stadsdelen));
	const buurten = itemsOrThrow(parseBuurten(readJson(fileIn(SEED_FILES.buurten))), fileIn(SEED_FILES.buurten));
	const facilities = itemsOrThrow(parseFacilities(readJson(fileIn(SEED_FILES.facilities))), fileIn(SEED_FILES.facilities));

	const problems = checkAreaConsistency({ stadsdelen, buurten, facilities });
	if (problems.length > 0) {
		throw new Error(
			`Area seed files in ${seedDir} do not fit together (${SEED_FILES.stadsdelen}, ${SEED_FILES.buurten}, ${SEED_FILES.facilities}):\n- ` +
				problems.slice(0, MAX_ERRORS_IN_MESSAGE).join('\n- ')
		);
	}
	return { stadsdelen, buurten, facilities };
}
