import { describe, expect, it } from 'vitest';
import {
	INDICATOR_CSV_TEMPLATE,
	completeness,
	parseDecimal,
	parseIndicatorCsv,
	type IndicatorImportResult
} from '../../../../src/lib/domain/budget/indicator-import.ts';
import { INDICATOR_IDS } from '../../../../src/lib/domain/budget/indicators.ts';

const BUURTEN = ['BU09350101', 'BU09350102', 'BU09350103'];
const HEADER = 'buurt_code;indicator;value;year;source';

function csv(...lines: string[]): string {
	return lines.join('\r\n') + '\r\n';
}

function errorsOf(result: IndicatorImportResult) {
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}

function valuesOf(result: IndicatorImportResult) {
	if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors.map((error) => [error.line, error.message.en]))}`);
	return result.values;
}

describe('parseIndicatorCsv', () => {
	it('reads a valid ; file with Dutch decimal commas', () => {
		const values = valuesOf(
			parseIndicatorCsv(
				csv(
					HEADER,
					'BU09350101;eenzaamheid;47,9;2024;GGD Gezondheidsmonitor 2024',
					'bu09350102;SES;-0,15;2022;CBS',
					'BU09350103;tevredenheid;7.4;2024;"Omnibus; buurtmeting"'
				),
				BUURTEN
			)
		);
		expect(values).toEqual([
			{ buurtCode: 'BU09350101', indicator: 'eenzaamheid', value: 47.9, year: 2024, source: 'GGD Gezondheidsmonitor 2024', line: 2 },
			{ buurtCode: 'BU09350102', indicator: 'ses', value: -0.15, year: 2022, source: 'CBS', line: 3 },
			{ buurtCode: 'BU09350103', indicator: 'tevredenheid', value: 7.4, year: 2024, source: 'Omnibus; buurtmeting', line: 4 }
		]);
	});

	it('reads a , file with decimal points and columns in any order', () => {
		const result = parseIndicatorCsv(
			'indicator,buurt_code,year,value,source\nzorggebruik,BU09350101,2023,11.5,Wmo-registratie\n',
			BUURTEN
		);
		expect(valuesOf(result)).toEqual([
			{ buurtCode: 'BU09350101', indicator: 'zorggebruik', value: 11.5, year: 2023, source: 'Wmo-registratie', line: 2 }
		]);
		expect(result.ok && result.delimiter).toBe(',');
	});

	it('returns only errors, naming the one bad line, when one row is wrong', () => {
		const result = parseIndicatorCsv(
			csv(
				HEADER,
				'BU09350101;eenzaamheid;47,9;2024;GGD',
				'BU09350102;eenzaamheid;veel;2024;GGD',
				'BU09350103;eenzaamheid;40;2024;GGD'
			),
			BUURTEN
		);
		expect(result.ok).toBe(false);
		expect(result).not.toHaveProperty('values');
		const errors = errorsOf(result);
		expect(errors).toHaveLength(1);
		expect(errors[0].line).toBe(3);
		expect(errors[0].message.nl).toMatch(/"veel" is geen getal/);
		expect(errors[0].message.en).toMatch(/not a number/);
	});

	it('checks every row before answering and names each bad line', () => {
		const errors = errorsOf(
			parseIndicatorCsv(
				csv(
					HEADER,
					'BU09359999;eenzaamheid;40;2024;GGD',
					'BU09350101;armoede;40;2024;GGD',
					'BU09350101;eenzaamheid;40;;GGD',
					'BU09350101;eenzaamheid;40;24;GGD',
					'BU09350101;eenzaamheid;40;2024;',
					'BU09350101;eenzaamheid;;2024;GGD',
					';eenzaamheid;40;2024;GGD',
					'BU09350101;;40;2024;GGD',
					'BU09350101;eenzaamheid;40;2024',
					'BU09350101;gezondheid;1.234;2024;GGD',
					'BU09350101;gezondheid;1.234,5;2024;GGD',
					'BU09350101;gezondheid;75%;2024;GGD'
				),
				BUURTEN
			)
		);
		expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
		const nl = errors.map((error) => error.message.nl);
		expect(nl[0]).toMatch(/Onbekende buurtcode "BU09359999"/);
		expect(nl[1]).toMatch(/Onbekend cijfer "armoede"/);
		expect(nl[2]).toMatch(/jaar ontbreekt/);
		expect(nl[3]).toMatch(/jaar "24" is niet geldig/);
		expect(nl[4]).toMatch(/bron ontbreekt/);
		expect(nl[5]).toMatch(/waarde ontbreekt/);
		expect(nl[6]).toMatch(/buurtcode ontbreekt/);
		expect(nl[7]).toMatch(/indicator\) ontbreekt/);
		expect(nl[8]).toMatch(/4 kolommen/);
		expect(nl[9]).toMatch(/1234 of 1,234/);
		expect(nl[10]).toMatch(/geen getal/);
		expect(nl[11]).toMatch(/geen getal/);
	});

	it('refuses duplicates and names both lines', () => {
		const errors = errorsOf(
			parseIndicatorCsv(
				csv(
					HEADER,
					'BU09350101;eenzaamheid;40;2024;GGD',
					'BU09350101;eenzaamheid;41;2022;GGD',
					'bu09350101;Eenzaamheid;42;2024;Andere bron'
				),
				BUURTEN
			)
		);
		expect(errors).toHaveLength(1);
		expect(errors[0].line).toBe(4);
		expect(errors[0].message.nl).toMatch(/regel 2/);
	});

	it('refuses a decimal comma in a , file', () => {
		const errors = errorsOf(
			parseIndicatorCsv('buurt_code,indicator,value,year,source\nBU09350101,eenzaamheid,"47,9",2024,GGD\n', BUURTEN)
		);
		expect(errors).toEqual([{ line: 2, message: expect.objectContaining({ nl: expect.stringMatching(/punt/) }) }]);
	});

	it('refuses a header with missing, unknown or doubled columns at line 1', () => {
		const errors = errorsOf(parseIndicatorCsv(csv('buurt_code;indicator;waarde;year;year', 'x;y;z;1;2'), BUURTEN));
		expect(errors.every((error) => error.line === 1)).toBe(true);
		const nl = errors.map((error) => error.message.nl).join(' | ');
		expect(nl).toMatch(/Onbekende kolom "waarde"/);
		expect(nl).toMatch(/"year" staat er twee keer/);
		expect(nl).toMatch(/"value" ontbreekt/);
		expect(nl).toMatch(/"source" ontbreekt/);
	});

	it('explains an empty file and a file with only a header', () => {
		expect(errorsOf(parseIndicatorCsv('', BUURTEN))).toEqual([{ line: 1, message: expect.objectContaining({ nl: 'Het bestand is leeg.' }) }]);
		expect(errorsOf(parseIndicatorCsv(csv(HEADER, ';;;;'), BUURTEN))[0]).toMatchObject({ line: 1 });
	});

	it('reports a CSV syntax problem at its line', () => {
		expect(errorsOf(parseIndicatorCsv(csv(HEADER, 'BU09350101;eenzaamheid;40;2024;"GGD'), BUURTEN))).toEqual([
			{ line: 2, message: expect.objectContaining({ en: expect.stringMatching(/never closed/) }) }
		]);
	});

	it('skips rows Excel left empty and undoes the formula guard of our own export', () => {
		const values = valuesOf(
			parseIndicatorCsv(
				'\uFEFF' + csv(HEADER, ';;;;', "BU09350101;demografie;'-1,5;2024;'=CBS prognose", ';;;;'),
				BUURTEN
			)
		);
		expect(values).toEqual([
			{ buurtCode: 'BU09350101', indicator: 'demografie', value: -1.5, year: 2024, source: '=CBS prognose', line: 3 }
		]);
	});

	it('has a template with one example row per indicator, which is refused until the buurt code is real', () => {
		const lines = INDICATOR_CSV_TEMPLATE.trim().split('\r\n');
		expect(lines[0]).toBe(HEADER);
		expect(lines).toHaveLength(1 + INDICATOR_IDS.length);

		const asIs = errorsOf(parseIndicatorCsv(INDICATOR_CSV_TEMPLATE, BUURTEN));
		expect(asIs.map((error) => error.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);

		const filled = valuesOf(parseIndicatorCsv(INDICATOR_CSV_TEMPLATE, ['BU0935xxxx']));
		expect(filled.map((value) => value.indicator)).toEqual([...INDICATOR_IDS]);
	});
});

describe('parseDecimal', () => {
	it('accepts decimal comma and point in ; files, only point in , files', () => {
		expect(parseDecimal('12,5', ';')).toEqual({ ok: true, value: 12.5 });
		expect(parseDecimal('12.5', ';')).toEqual({ ok: true, value: 12.5 });
		expect(parseDecimal('0.1234', ';')).toEqual({ ok: true, value: 0.1234 });
		expect(parseDecimal('+7', ';')).toEqual({ ok: true, value: 7 });
		expect(parseDecimal('1.234', ',')).toEqual({ ok: true, value: 1.234 });
		expect(parseDecimal('1.234', ';').ok).toBe(false);
		expect(parseDecimal('12,5', ',').ok).toBe(false);
		for (const bad of ['1e3', '12 5', '€5', 'NaN', 'Infinity', '-', '.', '5.']) {
			expect(parseDecimal(bad, ';').ok, bad).toBe(false);
		}
	});
});

describe('completeness', () => {
	it('counts per indicator how many buurten have a value', () => {
		const values = valuesOf(
			parseIndicatorCsv(
				csv(
					HEADER,
					'BU09350101;eenzaamheid;40;2024;GGD',
					'BU09350102;eenzaamheid;41;2022;GGD',
					'BU09350102;eenzaamheid;43;2024;GGD',
					'BU09350101;ses;0,1;2022;CBS'
				),
				BUURTEN
			)
		);
		const all = completeness(values, BUURTEN);
		expect(all.map((entry) => entry.indicator)).toEqual([...INDICATOR_IDS]);
		expect(all.find((entry) => entry.indicator === 'eenzaamheid')).toEqual({
			indicator: 'eenzaamheid',
			buurtenWithValue: 2,
			buurtenTotal: 3,
			missingBuurtCodes: ['BU09350103']
		});
		expect(all.find((entry) => entry.indicator === 'gezondheid')?.buurtenWithValue).toBe(0);

		const in2024 = completeness(values, BUURTEN, 2024);
		expect(in2024.find((entry) => entry.indicator === 'ses')?.buurtenWithValue).toBe(0);
		expect(in2024.find((entry) => entry.indicator === 'eenzaamheid')?.buurtenWithValue).toBe(2);
	});

	it('handles no buurten and no values', () => {
		for (const entry of completeness([], [])) {
			expect(entry).toMatchObject({ buurtenWithValue: 0, buurtenTotal: 0, missingBuurtCodes: [] });
		}
	});
});
