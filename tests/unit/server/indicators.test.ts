import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { seedAreasIfEmpty } from '../../../src/lib/server/repositories/areas.ts';
import { importIndicatorCsv, indicatorOverview, latestIndicatorValues, listIndicatorValues } from '../../../src/lib/server/indicators.ts';
import { INDICATOR_CSV_TEMPLATE } from '../../../src/lib/domain/budget/indicator-import.ts';

const SEED_DIR = path.resolve(process.cwd(), 'server/seed/maastricht');
const ZUID = ['BU09350300', 'BU09350401', 'BU09350600', 'BU09350601', 'BU09350603', 'BU09350604'];

let dataDir: string;
let db: Db;

beforeEach(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-indicators-'));
	db = openDatabase(dataDir);
	seedAreasIfEmpty(db, SEED_DIR);
});

afterEach(() => {
	db.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A plain-CSV value is the buurt's own figure. */
const PLAIN = (buurtCode: string, name: string) => ({ buurtCode, level: 'buurt', levelCode: buurtCode, levelName: name });

const GOOD = ['buurt_code;indicator;value;year;source', 'BU09350601;eenzaamheid;47,9;2024;GGD-monitor', 'BU09350603;eenzaamheid;52;2024;GGD-monitor', 'bu09350603;ses;-0,2;2023;CBS'].join('\r\n');

describe('importIndicatorCsv', () => {
	test('stores every row of a good file, with the buurt code spelled as we know it', () => {
		const outcome = importIndicatorCsv(db, GOOD, 1000);
		expect(outcome).toMatchObject({ ok: true, imported: 3, replaced: 0, delimiter: ';', buurten: 2, importedAt: 1000 });
		expect(listIndicatorValues(db)).toEqual([
			{ ...PLAIN('BU09350601', 'Heugem'), indicator: 'eenzaamheid', measure: 'eenzaamheid', year: 2024, value: 47.9, source: 'GGD-monitor', importedAt: 1000 },
			{ ...PLAIN('BU09350603', 'De Heeg'), indicator: 'eenzaamheid', measure: 'eenzaamheid', year: 2024, value: 52, source: 'GGD-monitor', importedAt: 1000 },
			{ ...PLAIN('BU09350603', 'De Heeg'), indicator: 'ses', measure: 'ses', year: 2023, value: -0.2, source: 'CBS', importedAt: 1000 }
		]);
	});

	test('one bad row refuses the whole file: nothing is imported and the line is named', () => {
		importIndicatorCsv(db, GOOD, 1000);
		const before = JSON.stringify(listIndicatorValues(db));
		const bad = ['buurt_code,indicator,value,year,source', 'BU09350601,eenzaamheid,40,2025,GGD', 'BU09359999,eenzaamheid,41,2025,GGD', 'BU09350603,zorggebruik,12,2025,Wmo'].join('\n');
		const outcome = importIndicatorCsv(db, bad, 2000);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.errors).toHaveLength(1);
		expect(outcome.errors[0].line).toBe(3);
		expect(outcome.errors[0].message.nl).toMatch(/Onbekende buurtcode "BU09359999"/);
		expect(JSON.stringify(listIndicatorValues(db))).toBe(before);
	});

	test('the unchanged template is refused, so no example figures get loaded', () => {
		const outcome = importIndicatorCsv(db, INDICATOR_CSV_TEMPLATE);
		expect(outcome.ok).toBe(false);
		expect(listIndicatorValues(db)).toEqual([]);
	});

	test('importing the same buurt, indicator and year again replaces the value', () => {
		importIndicatorCsv(db, GOOD, 1000);
		const outcome = importIndicatorCsv(db, 'buurt_code;indicator;value;year;source\nBU09350601;eenzaamheid;45;2024;GGD-monitor 2e versie', 2000);
		expect(outcome).toMatchObject({ ok: true, imported: 1, replaced: 1 });
		expect(listIndicatorValues(db, ['BU09350601'])).toEqual([
			{ ...PLAIN('BU09350601', 'Heugem'), indicator: 'eenzaamheid', measure: 'eenzaamheid', year: 2024, value: 45, source: 'GGD-monitor 2e versie', importedAt: 2000 }
		]);
	});
});

describe('reading values back', () => {
	test('latest value per buurt and indicator is the most recent year', () => {
		importIndicatorCsv(db, 'buurt_code;indicator;value;year;source\nBU09350601;eenzaamheid;40;2022;A\nBU09350601;eenzaamheid;44;2024;B\nBU09350601;eenzaamheid;42;2023;C', 1);
		const latest = latestIndicatorValues(db, ['BU09350601', 'BU09350603']);
		// 2023 came after 2024 in the file: an older figure does not replace a newer one, it is not stored.
		expect(latest.get('BU09350601')?.eenzaamheid).toMatchObject([{ value: 44, year: 2024, source: 'B', level: 'buurt' }]);
		expect(listIndicatorValues(db, ['BU09350601']).map((value) => value.year)).toEqual([2024, 2022]);
		expect(latest.get('BU09350603')).toEqual({});
	});

	test('the overview says per indicator how many buurten have a value, the years and the sources', () => {
		importIndicatorCsv(db, GOOD, 1234);
		const overview = indicatorOverview(db, ZUID);
		const loneliness = overview.completeness.find((row) => row.indicator === 'eenzaamheid');
		expect(loneliness).toMatchObject({ buurtenWithValue: 2, buurtenTotal: 6 });
		expect(loneliness?.missingBuurtCodes).toEqual(['BU09350300', 'BU09350401', 'BU09350600', 'BU09350604']);
		expect(overview.completeness.find((row) => row.indicator === 'gezondheid')).toMatchObject({ buurtenWithValue: 0, buurtenTotal: 6 });
		expect(overview.years.eenzaamheid).toEqual([2024]);
		expect(overview.sources.ses).toEqual(['CBS']);
		expect(overview.totalValues).toBe(3);
		expect(overview.lastImportAt).toBe(1234);
	});
});
