import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectLayout, parseLayoutFile, yearFromFileName, type ImportArea } from '../../../../src/lib/domain/budget/indicator-layouts.ts';

const EXAMPLES = path.resolve(process.cwd(), 'static/indicatoren-voorbeelden');
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
/** The examples are refused as they are; renaming the marker column is what "a real file" looks like here. */
const asRealFile = (text: string) => text.replace(/;VOORBEELD(\r?\n)/, ';opmerking$1');

const ZUIDOOST = 'Wijk 06 Buitenwijk Zuidoost';
const AREAS: ImportArea[] = [
	{ code: 'BU09350401', name: 'Heugemerveld', wijkCode: 'WK093504', wijkName: 'Wijk 04 Buitenwijk Oost' },
	{ code: 'BU09350402', name: 'Scharn', wijkCode: 'WK093504', wijkName: 'Wijk 04 Buitenwijk Oost' },
	{ code: 'BU09350600', name: 'Randwyck', wijkCode: 'WK093506', wijkName: ZUIDOOST },
	{ code: 'BU09350601', name: 'Heugem', wijkCode: 'WK093506', wijkName: ZUIDOOST },
	{ code: 'BU09350602', name: 'Heer', wijkCode: 'WK093506', wijkName: ZUIDOOST },
	{ code: 'BU09350603', name: 'De Heeg', wijkCode: 'WK093506', wijkName: ZUIDOOST },
	{ code: 'BU09350604', name: 'Vroendaal', wijkCode: 'WK093506', wijkName: ZUIDOOST },
	{ code: 'BU09350301', name: 'Bosscherveld', wijkCode: 'WK093503', wijkName: 'Wijk 03 Buitenwijk Noordwest' }
];

function ok(result: ReturnType<typeof parseLayoutFile>) {
	expect(result).not.toBeNull();
	if (!result || !result.ok) throw new Error(`not imported: ${JSON.stringify(result)}`);
	return result;
}

describe('the example files', () => {
	test.each(['kwb-2017-voorbeeld.csv', 'gezondheidsmonitor-2016-voorbeeld.csv', 'ses-woa-2022-voorbeeld.csv'])('%s is refused as it is, with a plain reason', (name) => {
		const result = parseLayoutFile(example(name), AREAS, { fileName: name });
		expect(result?.ok).toBe(false);
		if (result && !result.ok) expect(result.errors[0].message.nl).toMatch(/voorbeeldbestand/);
	});
});

describe('CBS Kerncijfers wijken en buurten (KWB)', () => {
	test('maps p_65_eo_jr, p_00_14_jr and p_n_w_al, takes the year from the file name and keeps the level', () => {
		const result = ok(parseLayoutFile(asRealFile(example('kwb-2017-voorbeeld.csv')), AREAS, { fileName: 'kwb-2017-voorbeeld.csv' }));
		expect(result.layout).toBe('kwb');
		expect(result.measures).toEqual(['pct_65plus', 'pct_0_14', 'pct_niet_westers']);
		const heugem = result.figures.filter((figure) => figure.buurtCode === 'BU09350601');
		expect(heugem).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ indicator: 'demografie', measure: 'pct_65plus', value: 20, year: 2017, level: 'buurt', levelCode: 'BU09350601' }),
				expect.objectContaining({ indicator: 'demografie', measure: 'pct_0_14', value: 10, year: 2017, level: 'buurt' }),
				expect.objectContaining({ indicator: 'diversiteit', measure: 'pct_niet_westers', value: 7, year: 2017, level: 'buurt' })
			])
		);
		expect(heugem[0].source).toBe('CBS, Kerncijfers wijken en buurten 2017 (CC BY 4.0)');
		// Heer has no buurt row: it takes the wijk row, labelled as the wijk's figure. Randwyck keeps its own.
		expect(result.figures.find((figure) => figure.buurtCode === 'BU09350602' && figure.measure === 'pct_65plus')).toMatchObject({
			value: 18,
			level: 'wijk',
			levelCode: 'WK093506',
			levelName: ZUIDOOST
		});
		expect(result.figures.find((figure) => figure.buurtCode === 'BU09350600' && figure.measure === 'pct_65plus')).toMatchObject({ value: 15, level: 'buurt' });
		// CBS's "secret" code is missing, not a number; the gemeente row and other municipalities are skipped.
		expect(result.figures.some((figure) => figure.buurtCode === 'BU09350301')).toBe(false);
		expect(result.skippedRows).toBe(2);
	});

	test('newer KWB tables give counts only: the share is counts ÷ inhabitants', () => {
		const text = 'gwb_code_10;regio;recs;a_inw;a_00_14;a_65_oo\nBU09350601;Heugem;Buurt;4300;430;946\n';
		const result = ok(parseLayoutFile(text, AREAS, { year: 2024 }));
		expect(result.figures.map((figure) => [figure.measure, figure.value, figure.year])).toEqual([
			['pct_65plus', 22, 2024],
			['pct_0_14', 10, 2024]
		]);
	});

	test('without a year column, year field or year in the name the file is refused', () => {
		const result = parseLayoutFile('gwb_code_10;p_65_eo_jr\nBU09350601;20\n', AREAS, { fileName: 'kerncijfers.csv' });
		expect(result?.ok).toBe(false);
		if (result && !result.ok) expect(result.errors[0].message.nl).toMatch(/welk jaar/);
	});

	test('one bad number refuses the whole file and names the line', () => {
		const result = parseLayoutFile('gwb_code_10;p_65_eo_jr\nBU09350601;20\nBU09350603;veel\n', AREAS, { year: 2023 });
		expect(result?.ok).toBe(false);
		if (result && !result.ok) expect(result.errors).toEqual([expect.objectContaining({ line: 3 })]);
	});
});

describe('Gezondheidsmonitor (StatLine keys)', () => {
	test('maps Eenzaam, GoedZeerGoedErvarenGezondheid and VoldoendeRegie, keeps 2016 and gives every buurt its wijk value, labelled', () => {
		const result = ok(parseLayoutFile(asRealFile(example('gezondheidsmonitor-2016-voorbeeld.csv')), AREAS));
		expect(result.layout).toBe('gezondheidsmonitor');
		expect(result.measures).toEqual(['pct_eenzaam', 'pct_goede_gezondheid', 'pct_voldoende_regie']);
		const scharn = result.figures.filter((figure) => figure.buurtCode === 'BU09350402');
		expect(scharn.map((figure) => [figure.indicator, figure.value, figure.year, figure.level, figure.levelCode])).toEqual([
			['eenzaamheid', 50, 2016, 'wijk', 'WK093504'],
			['gezondheid', 71, 2016, 'wijk', 'WK093504'],
			['zelfregie', 87, 2016, 'wijk', 'WK093504']
		]);
		// Only the value row of adults counts: not the lower margin, not the 65+ row.
		expect(result.figures.filter((figure) => figure.buurtCode === 'BU09350601' && figure.measure === 'pct_eenzaam')).toEqual([
			expect.objectContaining({ value: 48, level: 'wijk', levelName: ZUIDOOST })
		]);
		expect(result.figures[0].source).toMatch(/Gezondheidsmonitor 2016/);
	});
});

describe('CBS SES-WOA (StatLine labels)', () => {
	test('finds the code column among the labels, maps the mean score and reads the year from Perioden', () => {
		const result = ok(parseLayoutFile(asRealFile(example('ses-woa-2022-voorbeeld.csv')), AREAS));
		expect(result.layout).toBe('ses-woa');
		expect(result.figures.map((figure) => [figure.buurtCode, figure.indicator, figure.measure, figure.value, figure.year, figure.level])).toEqual([
			['BU09350401', 'ses', 'ses_woa', -0.25, 2022, 'buurt'],
			['BU09350600', 'ses', 'ses_woa', 0.1, 2022, 'buurt'],
			['BU09350601', 'ses', 'ses_woa', 0.05, 2022, 'buurt'],
			['BU09350603', 'ses', 'ses_woa', -0.15, 2022, 'buurt']
		]);
	});
});

test('the plain layout and unrelated files are not taken for a known layout', () => {
	expect(detectLayout(['buurt_code', 'indicator', 'value', 'year', 'source'])).toBeNull();
	expect(detectLayout(['naam', 'adres'])).toBeNull();
	expect(yearFromFileName('kwb-2023.csv')).toBe(2023);
	expect(yearFromFileName('export_20240131.csv')).toBeNull();
});
