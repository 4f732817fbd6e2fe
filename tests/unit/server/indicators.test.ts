import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db.ts';
import { seedAreasIfEmpty } from '../../../src/lib/server/repositories/areas.ts';
import Database from 'better-sqlite3';
import { importIndicatorCsv, indicatorOverview, latestIndicatorValues, listIndicatorValues, seedIndicatorValues } from '../../../src/lib/server/indicators.ts';
import { MIGRATIONS, migrate } from '../../../src/lib/server/migrations.ts';
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
			{ ...PLAIN('BU09350601', 'Heugem'), indicator: 'eenzaamheid', measure: 'pct_eenzaam', year: 2024, value: 47.9, source: 'GGD-monitor', importedAt: 1000 },
			{ ...PLAIN('BU09350603', 'De Heeg'), indicator: 'eenzaamheid', measure: 'pct_eenzaam', year: 2024, value: 52, source: 'GGD-monitor', importedAt: 1000 },
			{ ...PLAIN('BU09350603', 'De Heeg'), indicator: 'ses', measure: 'ses_woa', year: 2023, value: -0.2, source: 'CBS', importedAt: 1000 }
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
			{ ...PLAIN('BU09350601', 'Heugem'), indicator: 'eenzaamheid', measure: 'pct_eenzaam', year: 2024, value: 45, source: 'GGD-monitor 2e versie', importedAt: 2000 }
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

describe('the shipped figures (server/seed/maastricht)', () => {
	test('load with source, year and level; a buurt takes its CBS wijk value, labelled as the wijk', () => {
		const counts = seedIndicatorValues(db, SEED_DIR, 5000);
		// 40 buurten × 3 CBS 2017 shares (CBS suppressed 4), 38 population changes (the 2025 table has 38),
		// 44 buurten × 3 Gezondheidsmonitor figures of their wijk.
		expect(counts.written).toBe(40 * 3 + 38 + 44 * 3);
		const heugem = latestIndicatorValues(db, ['BU09350601']).get('BU09350601') ?? {};
		expect(heugem.eenzaamheid).toEqual([
			expect.objectContaining({ measure: 'pct_eenzaam', value: 48, year: 2016, level: 'wijk', levelCode: 'WK093506', levelName: 'Wijk 06 Buitenwijk Zuidoost' })
		]);
		expect(heugem.gezondheid?.[0]).toMatchObject({ measure: 'pct_goede_gezondheid', value: 72, level: 'wijk' });
		expect(heugem.zelfregie?.[0]).toMatchObject({ measure: 'pct_voldoende_regie', value: 88, level: 'wijk' });
		expect(heugem.diversiteit).toEqual([expect.objectContaining({ measure: 'pct_niet_westers', value: 7, year: 2017, level: 'buurt', levelName: 'Heugem' })]);
		expect(heugem.diversiteit?.[0].source).toMatch(/CBS, Wijk- en Buurtkaart 2017.*voor 2022/);
		// 4620 inhabitants in 2017, 4300 in 2025: −6.9 %, from two published counts.
		expect(heugem.demografie?.map((value) => [value.measure, value.value, value.year])).toEqual(
			expect.arrayContaining([
				['bevolkingsgroei_2017_2025', -6.9, 2025],
				['pct_65plus', 20, 2017],
				['pct_0_14', 10, 2017]
			])
		);
		expect(heugem.ses).toBeUndefined();
		expect(heugem.tevredenheid).toBeUndefined();
		expect(heugem.zorggebruik).toBeUndefined();
		// CBS suppressed Bosscherveld's age bands: they stay missing, the wijk's health figure is there.
		const bosscherveld = latestIndicatorValues(db, ['BU09350301']).get('BU09350301') ?? {};
		expect(bosscherveld.demografie).toBeUndefined();
		expect(bosscherveld.eenzaamheid?.[0]).toMatchObject({ level: 'wijk', levelCode: 'WK093503' });
	});

	test('loading again on the next start writes nothing and keeps a correction of the same year', () => {
		seedIndicatorValues(db, SEED_DIR, 5000);
		importIndicatorCsv(db, 'buurt_code;indicator;value;year;source\nBU09350601;diversiteit;8;2017;Correctie gemeente', 6000);
		expect(seedIndicatorValues(db, SEED_DIR, 7000)).toMatchObject({ written: 0 });
		const values = listIndicatorValues(db, ['BU09350601']).filter((value) => value.indicator === 'diversiteit');
		expect(values).toEqual([expect.objectContaining({ measure: 'pct_niet_westers', value: 8, year: 2017, source: 'Correctie gemeente' })]);
	});
});

describe('newer figures replace older ones, never the other way round', () => {
	/** A KWB table has no year column: the year comes from the file name or the form. */
	const kwb = (heugem65: number) => `gwb_code_10;regio;recs;p_65_eo_jr\nBU09350601;Heugem;Buurt;${heugem65}\n`;

	test('a newer KWB year replaces the shipped 2017 figure; an older year then does not replace it', () => {
		seedIndicatorValues(db, SEED_DIR, 1);
		const newer = importIndicatorCsv(db, kwb(24), 2, { fileName: 'kwb-2023.csv' });
		expect(newer).toMatchObject({ ok: true, layout: 'kwb', imported: 1, keptNewer: 0 });
		const latest = () => latestIndicatorValues(db, ['BU09350601']).get('BU09350601')?.demografie?.find((value) => value.measure === 'pct_65plus');
		expect(latest()).toMatchObject({ value: 24, year: 2023, level: 'buurt', source: 'CBS, Kerncijfers wijken en buurten 2023 (CC BY 4.0)' });

		const older = importIndicatorCsv(db, kwb(21), 3, { year: 2020 });
		expect(older).toMatchObject({ ok: true, imported: 0, keptNewer: 1 });
		expect(latest()).toMatchObject({ value: 24, year: 2023 });
		expect(listIndicatorValues(db, ['BU09350601']).some((value) => value.year === 2020)).toBe(false);
	});

	test('a plain-CSV value of a newer year replaces the shipped GGD figure of that indicator', () => {
		seedIndicatorValues(db, SEED_DIR, 1);
		importIndicatorCsv(db, 'buurt_code;indicator;value;year;source\nBU09350601;eenzaamheid;44;2022;GGD Zuid-Limburg', 2);
		expect(latestIndicatorValues(db, ['BU09350601']).get('BU09350601')?.eenzaamheid).toEqual([
			expect.objectContaining({ measure: 'pct_eenzaam', value: 44, year: 2022, level: 'buurt', source: 'GGD Zuid-Limburg' })
		]);
	});

	test("a wijk figure of the same year does not replace the buurt's own figure", () => {
		seedIndicatorValues(db, SEED_DIR, 1);
		const outcome = importIndicatorCsv(db, 'gwb_code_10;regio;recs;p_65_eo_jr\nWK093506;Zuidoost;Wijk;18\n', 2, { year: 2017 });
		expect(outcome).toMatchObject({ ok: true, imported: 0 });
		expect(latestIndicatorValues(db, ['BU09350601']).get('BU09350601')?.demografie?.find((value) => value.measure === 'pct_65plus')).toMatchObject({ value: 20, level: 'buurt' });
	});
});

describe('migration 6 (indicator measures and levels)', () => {
	test('keeps values imported before, as the buurt’s own figure under the measure its indicator names', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-migrate-'));
		try {
			const old = new Database(path.join(dir, 'old.sqlite'));
			migrate(old, MIGRATIONS.filter((migration) => migration.version <= 2));
			old.prepare("INSERT INTO stadsdelen (code, name, geometry) VALUES ('Z', 'Zuid', '{}')").run();
			old.prepare("INSERT INTO buurten (code, name, stadsdeel_code, geometry) VALUES ('BU09350601', 'Heugem', 'Z', '{}')").run();
			old.prepare("INSERT INTO indicator_values VALUES ('BU09350601', 'ses', 2023, -0.2, 'CBS', 10)").run();
			expect(migrate(old)).toMatchObject({ from: 2 });
			expect(old.prepare('SELECT * FROM indicator_values').all()).toEqual([
				{ buurt_code: 'BU09350601', indicator: 'ses', measure: 'ses_woa', year: 2023, value: -0.2, source: 'CBS', level: 'buurt', level_code: 'BU09350601', level_name: 'Heugem', imported_at: 10 }
			]);
			old.close();
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
