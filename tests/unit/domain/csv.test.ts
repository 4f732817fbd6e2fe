import { describe, expect, it } from 'vitest';
import { detectDelimiter, escapeCsvCell, parseCsv, toCsv, type CsvParseResult } from '../../../src/lib/domain/csv.ts';

function ok(result: CsvParseResult) {
	if (!result.ok) throw new Error(`expected ok, got ${result.reason} on line ${result.line}`);
	return result;
}

describe('parseCsv', () => {
	it('detects ; or , from the header line, ignoring quoted delimiters', () => {
		expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
		expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
		expect(detectDelimiter('"x;y;z",b,c\n')).toBe(',');
		expect(detectDelimiter('\uFEFF\n\nname\n')).toBe(';');
		expect(ok(parseCsv('a,b\n1,2')).delimiter).toBe(',');
	});

	it('reads quoted fields with delimiters, doubled quotes and line breaks, and numbers lines from 1', () => {
		const text = 'naam;omschrijving;bedrag\n"Huiskamer";"Koffie; thee en ""gezelligheid""";12000\n"Twee\nregels";x;1\nlaatste;y;2';
		const result = ok(parseCsv(text));
		expect(result.header).toEqual({ line: 1, cells: ['naam', 'omschrijving', 'bedrag'] });
		expect(result.rows).toEqual([
			{ line: 2, cells: ['Huiskamer', 'Koffie; thee en "gezelligheid"', '12000'] },
			{ line: 3, cells: ['Twee\nregels', 'x', '1'] },
			{ line: 5, cells: ['laatste', 'y', '2'] }
		]);
	});

	it('strips a UTF-8 BOM and accepts CRLF, LF and lone CR', () => {
		for (const lineBreak of ['\r\n', '\n', '\r']) {
			const result = ok(parseCsv(`\uFEFFbuurt;waarde${lineBreak}Amby;47,9${lineBreak}`));
			expect(result.header.cells).toEqual(['buurt', 'waarde']);
			expect(result.rows).toEqual([{ line: 2, cells: ['Amby', '47,9'] }]);
		}
		expect(ok(parseCsv('a;b\r\n"x\r\ny";z\r\n')).rows).toEqual([{ line: 2, cells: ['x\ny', 'z'] }]);
	});

	it('skips blank lines but keeps counting them', () => {
		const result = ok(parseCsv('a;b\n\n1;2\n\n\n3;4\n'));
		expect(result.rows.map((row) => row.line)).toEqual([3, 6]);
	});

	it('keeps empty cells, and a quoted empty field counts as a row', () => {
		expect(ok(parseCsv('a;b;c\n;;\n""\n')).rows).toEqual([
			{ line: 2, cells: ['', '', ''] },
			{ line: 3, cells: [''] }
		]);
	});

	it('keeps a quote inside an unquoted field as text', () => {
		expect(ok(parseCsv('a;b\n5" scherm;x')).rows[0].cells).toEqual(['5" scherm', 'x']);
	});

	it('reports an unclosed quote at the line where it opened', () => {
		expect(parseCsv('a;b\n1;2\n"open;3\n4;5')).toMatchObject({ ok: false, reason: 'unterminated-quote', line: 3 });
	});

	it('refuses text after a closing quote, but allows spaces', () => {
		expect(parseCsv('a;b\n"x"y;2')).toMatchObject({ ok: false, reason: 'text-after-closing-quote', line: 2 });
		expect(ok(parseCsv('a;b\n"x"  ;2')).rows[0].cells).toEqual(['x', '2']);
	});

	it('reports an empty file', () => {
		for (const text of ['', '\uFEFF', '\n\r\n']) {
			const result = parseCsv(text);
			expect(result).toMatchObject({ ok: false, reason: 'empty', line: 1 });
			if (!result.ok) expect(result.message.nl).toMatch(/leeg/);
		}
	});

	it('honours an explicit delimiter', () => {
		expect(ok(parseCsv('a,b;c\n1,2;3', { delimiter: ',' })).rows[0].cells).toEqual(['1', '2;3']);
	});
});

describe('toCsv', () => {
	it('writes ; with a BOM and CRLF by default, quoting where needed', () => {
		const text = toCsv([
			['naam', 'tekst'],
			['Amby', 'a;b'],
			['Quote', 'zei "hoi"'],
			['Regels', 'een\ntwee'],
			['Spatie', ' rand '],
			['Leeg', null],
			['Ook leeg', undefined]
		]);
		expect(text).toBe(
			'\uFEFFnaam;tekst\r\nAmby;"a;b"\r\nQuote;"zei ""hoi"""\r\nRegels;"een\ntwee"\r\nSpatie;" rand "\r\nLeeg;\r\nOok leeg;\r\n'
		);
	});

	it('neutralises cells that Excel would run as a formula', () => {
		expect(escapeCsvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
		expect(escapeCsvCell('+31 43 350 40 00')).toBe("'+31 43 350 40 00");
		expect(escapeCsvCell('-2+3')).toBe("'-2+3");
		expect(escapeCsvCell('@SUM(1)')).toBe("'@SUM(1)");
		expect(escapeCsvCell('\t=1')).toBe("'\t=1");
		expect(escapeCsvCell('\r=1')).toBe(`"'\r=1"`);
		expect(escapeCsvCell('=HYPERLINK("http://x";"klik")')).toBe(`"'=HYPERLINK(""http://x"";""klik"")"`);
		expect(escapeCsvCell('a=b')).toBe('a=b');
		expect(toCsv([['=1+1', '@x']], { bom: false })).toBe("'=1+1;'@x\r\n");
	});

	it('writes numbers as numbers: no apostrophe before a minus, decimal comma in ; files', () => {
		expect(escapeCsvCell(-3)).toBe('-3');
		expect(escapeCsvCell(47.9)).toBe('47,9');
		expect(escapeCsvCell(47.9, ',')).toBe('47.9');
		expect(escapeCsvCell(Number.NaN)).toBe('');
	});

	it('can write , files without BOM and with LF', () => {
		expect(toCsv([['a', 'b,c'], [1.5, 'x;y']], { delimiter: ',', bom: false, lineEnding: '\n' })).toBe(
			'a,"b,c"\n1.5,x;y\n'
		);
	});

	it('round-trips through parseCsv', () => {
		const rows = [
			['buurt', 'omschrijving', 'bedrag'],
			['Nazareth', 'Koffie; thee en "gezelligheid"\nop dinsdag', '12000'],
			['Malberg', '=gevaarlijk', '-5']
		];
		const parsed = ok(parseCsv(toCsv(rows)));
		expect([parsed.header.cells, ...parsed.rows.map((row) => row.cells)]).toEqual([
			rows[0],
			rows[1],
			['Malberg', "'=gevaarlijk", "'-5"]
		]);
	});
});
