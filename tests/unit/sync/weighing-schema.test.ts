import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { INDICATOR_IDS, type IndicatorId } from '../../../src/lib/domain/budget/indicators.ts';
import { WEIGHING_KEY, readWeighing, weighingMap, writeWeighing, type WeighingRecord } from '../../../src/lib/sync/weighing-schema.ts';

const weights = Object.fromEntries(INDICATOR_IDS.map((id, index) => [id, index % 3])) as Record<IndicatorId, number>;

function row(code: string, euros: number | null, needIndex: number | null = 0.5) {
	return {
		code,
		name: `Buurt ${code}`,
		stadsdeelCode: 'zuid',
		population: 1000,
		needIndex,
		coverage: needIndex === null ? 0 : 1,
		missing: [],
		needReason: needIndex === null ? 'no-indicator-values' : null,
		euros,
		floorEuros: euros === null ? null : 0,
		proportionalEuros: euros,
		allocationReason: null
	};
}

function record(overrides: Partial<WeighingRecord> = {}): WeighingRecord {
	return {
		weights,
		scope: 'buurten',
		stadsdeelCode: 'zuid',
		budget: { totalEuros: 1001, floorEuros: 0, source: { kind: 'typed' } },
		result: { buurten: [row('A', 334), row('B', 333), row('C', 334)], stadsdelen: null, allocatedEuros: 1001, indicatorYears: { eenzaamheid: [2024] } },
		setBy: 'user1',
		setAt: 42,
		...overrides
	};
}

describe('weighing in the agenda doc', () => {
	test('what is written is read back whole, from any replica', () => {
		const doc = new Y.Doc();
		writeWeighing(doc, record());
		const replica = new Y.Doc();
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
		expect(readWeighing(replica)).toEqual(record());
		expect([...weighingMap(replica).keys()].sort()).toEqual(['budget', 'result', 'scope', 'setAt', 'setBy', 'stadsdeelCode', 'weights']);
		expect(WEIGHING_KEY).toBe('weighing');
	});

	test('a budget line records where the total came from', () => {
		const doc = new Y.Doc();
		const withLine = record({ budget: { totalEuros: 1001, floorEuros: 0, source: { kind: 'line', lineId: 'line-1-2025', label: 'Buurtgericht werken', year: 2025 } } });
		writeWeighing(doc, withLine);
		expect(readWeighing(doc)?.budget?.source).toEqual({ kind: 'line', lineId: 'line-1-2025', label: 'Buurtgericht werken', year: 2025 });
	});

	test('a weighing without a budget has no euros', () => {
		const doc = new Y.Doc();
		writeWeighing(doc, record({ budget: null, result: { buurten: [row('A', null), row('B', null, null)], stadsdelen: null, allocatedEuros: null, indicatorYears: {} } }));
		expect(readWeighing(doc)?.result.allocatedEuros).toBeNull();
	});

	test('an empty doc has no weighing', () => {
		expect(readWeighing(new Y.Doc())).toBeNull();
	});

	test('a record whose euros do not add up to the budget is not read (a hand-made writer)', () => {
		const doc = new Y.Doc();
		writeWeighing(doc, record());
		const result = structuredClone(record().result);
		result.buurten[0].euros = 1_000_000;
		weighingMap(doc).set('result', result);
		expect(readWeighing(doc)).toBeNull();
	});

	test('weights out of range, a missing indicator or a strange scope are not read', () => {
		const doc = new Y.Doc();
		writeWeighing(doc, record());
		weighingMap(doc).set('weights', { ...weights, ses: 11 });
		expect(readWeighing(doc)).toBeNull();
		const { ses: _dropped, ...fewer } = weights;
		weighingMap(doc).set('weights', fewer);
		expect(readWeighing(doc)).toBeNull();
		weighingMap(doc).set('weights', weights);
		expect(readWeighing(doc)).not.toBeNull();
		weighingMap(doc).set('scope', 'wijken');
		expect(readWeighing(doc)).toBeNull();
	});

	test('stadsdeel sums must add up to the budget too', () => {
		const doc = new Y.Doc();
		writeWeighing(doc, record({ scope: 'stadsdelen', stadsdeelCode: null, result: { ...record().result, stadsdelen: [{ code: 'zuid', name: 'Zuid', euros: 1000, buurten: 3, buurtenWithoutIndex: 0 }] } }));
		expect(readWeighing(doc)).toBeNull();
	});
});

describe('provenance in the record (issue #16)', () => {
	const figure = { indicator: 'eenzaamheid', measure: 'pct_eenzaam', value: 48, year: 2016, level: 'wijk', levelCode: 'WK093506', levelName: 'Wijk 06 Buitenwijk Zuidoost', source: 'GGD/RIVM' } as const;
	const summary = { indicator: 'eenzaamheid', measure: 'pct_eenzaam', years: [2016], levels: ['wijk'], wijken: ['Wijk 06 Buitenwijk Zuidoost'], sources: ['GGD/RIVM'], buurtenWithValue: 3, buurtenTotal: 3 } as const;
	const withProvenance = (rowFigures: unknown, measures: unknown, unused: unknown) =>
		record({
			result: {
				buurten: [{ ...row('A', 334), figures: rowFigures }, row('B', 333), row('C', 334)],
				stadsdelen: null,
				allocatedEuros: 1001,
				indicatorYears: { eenzaamheid: [2016] },
				unusedIndicators: unused,
				measures
			} as WeighingRecord['result']
		});
	const roundTrip = (value: WeighingRecord) => {
		const doc = new Y.Doc();
		writeWeighing(doc, value);
		return readWeighing(doc);
	};

	test('figures per buurt, the measures and the unused indicators are read back whole', () => {
		const value = withProvenance([figure], [summary], ['ses']);
		expect(roundTrip(value)?.result).toMatchObject({ unusedIndicators: ['ses'], measures: [summary] });
		expect(roundTrip(value)?.result.buurten[0].figures).toEqual([figure]);
	});

	test('a malformed figure, summary or indicator makes the record unreadable rather than half-shown', () => {
		expect(roundTrip(withProvenance([{ ...figure, level: 'gemeente' }], [summary], []))).toBeNull();
		expect(roundTrip(withProvenance([{ ...figure, year: 16 }], [summary], []))).toBeNull();
		expect(roundTrip(withProvenance([figure], [{ ...summary, sources: 'GGD' }], []))).toBeNull();
		expect(roundTrip(withProvenance([figure], [summary], ['geluk']))).toBeNull();
	});
});
