import { describe, expect, it } from 'vitest';
import {
	HISTOGRAM_MAX_MICROS,
	LatencyHistogram,
	bucketOf,
	bucketUpperMicros,
	median,
	nearestRankIndex,
	percentile
} from '../../bench/stats.ts';

describe('percentile (nearest rank)', () => {
	it('picks the sample at rank ceil(p/100 · n)', () => {
		const values = [15, 20, 35, 40, 50];
		expect(percentile(values, 5)).toBe(15);
		expect(percentile(values, 30)).toBe(20);
		expect(percentile(values, 40)).toBe(20);
		expect(percentile(values, 50)).toBe(35);
		expect(percentile(values, 100)).toBe(50);
	});

	it('treats p = 0 as the minimum and does not depend on input order', () => {
		expect(percentile([9, 3, 7], 0)).toBe(3);
		expect(percentile([9, 3, 7], 100)).toBe(9);
		expect(median([9, 3, 7])).toBe(7);
	});

	it('gives the 99th percentile of 1..100 as 99 and of 1..1000 as 990', () => {
		const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
		const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
		expect(percentile(hundred, 99)).toBe(99);
		expect(percentile(thousand, 99)).toBe(990);
		expect(percentile(thousand, 95)).toBe(950);
	});

	it('returns an observed value, never an interpolation', () => {
		expect(percentile([1, 100], 50)).toBe(1);
		expect(percentile([1, 100], 51)).toBe(100);
	});

	it('is NaN without samples and rejects p outside 0..100', () => {
		expect(percentile([], 50)).toBeNaN();
		expect(() => percentile([1], 101)).toThrow(RangeError);
		expect(() => percentile([1], -1)).toThrow(RangeError);
		expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
	});

	it('leaves its input unsorted', () => {
		const values = [3, 1, 2];
		percentile(values, 50);
		expect(values).toEqual([3, 1, 2]);
	});

	it('nearestRankIndex stays within the samples', () => {
		expect(nearestRankIndex(1, 0)).toBe(0);
		expect(nearestRankIndex(1, 100)).toBe(0);
		expect(nearestRankIndex(10, 99.9)).toBe(9);
		expect(nearestRankIndex(200, 99)).toBe(197);
	});
});

describe('histogram buckets', () => {
	it('uses 10 µs steps below 10 ms, 100 µs to 1 s, 10 ms to 60 s', () => {
		expect(bucketUpperMicros(bucketOf(0))).toBe(10);
		expect(bucketUpperMicros(bucketOf(9))).toBe(10);
		expect(bucketUpperMicros(bucketOf(10))).toBe(20);
		expect(bucketUpperMicros(bucketOf(9_999))).toBe(10_000);
		expect(bucketUpperMicros(bucketOf(10_000))).toBe(10_100);
		expect(bucketUpperMicros(bucketOf(99_950))).toBe(100_000);
		expect(bucketUpperMicros(bucketOf(100_000))).toBe(100_100);
		expect(bucketUpperMicros(bucketOf(1_000_000))).toBe(1_010_000);
		expect(bucketUpperMicros(bucketOf(HISTOGRAM_MAX_MICROS))).toBe(Number.POSITIVE_INFINITY);
	});

	it('never places a value above its bucket’s upper edge', () => {
		for (const micros of [0, 1, 5_555, 10_001, 123_456, 2_345_678, 59_999_999]) {
			const upper = bucketUpperMicros(bucketOf(micros));
			expect(upper).toBeGreaterThan(micros);
		}
	});

	it('clamps negative values (clock jitter) into the first bucket', () => {
		expect(bucketOf(-3)).toBe(0);
	});
});

describe('LatencyHistogram', () => {
	it('agrees with the exact percentile within one bucket width', () => {
		const samples = Array.from({ length: 5_000 }, (_, i) => 200 + ((i * 7919) % 150_000));
		const histogram = new LatencyHistogram();
		for (const s of samples) histogram.record(s);
		for (const p of [50, 95, 99]) {
			const exact = percentile(samples, p);
			const approx = histogram.percentileMicros(p);
			expect(approx).toBeGreaterThanOrEqual(exact);
			expect(approx - exact).toBeLessThanOrEqual(exact < 10_000 ? 10 : exact < 1_000_000 ? 100 : 10_000);
		}
	});

	it('reads a single sample back exactly and reports min/max exactly', () => {
		const histogram = new LatencyHistogram();
		histogram.record(1_234);
		expect(histogram.percentileMicros(50)).toBe(1_234);
		histogram.record(77);
		expect(histogram.percentileMicros(0)).toBe(77);
		expect(histogram.percentileMicros(100)).toBe(1_234);
		expect(histogram.percentileMs(100)).toBeCloseTo(1.234, 6);
	});

	it('merges by adding counts, also through its JSON snapshot', () => {
		const a = new LatencyHistogram();
		const b = new LatencyHistogram();
		const all: number[] = [];
		for (let i = 0; i < 1_000; i++) {
			const value = 50 + i * 37;
			(i % 2 === 0 ? a : b).record(value);
			all.push(value);
		}
		const merged = LatencyHistogram.from(JSON.parse(JSON.stringify(a.snapshot())));
		merged.merge(JSON.parse(JSON.stringify(b.snapshot())));
		const direct = new LatencyHistogram();
		for (const v of all) direct.record(v);
		expect(merged.count).toBe(1_000);
		for (const p of [0, 50, 90, 99, 100]) expect(merged.percentileMicros(p)).toBe(direct.percentileMicros(p));
	});

	it('counts missing receipts as slower than anything: more than 1 % missing makes p99 infinite', () => {
		const histogram = new LatencyHistogram();
		for (let i = 0; i < 98; i++) histogram.record(1_000);
		histogram.recordMissing(2);
		expect(histogram.count).toBe(100);
		// The bucket's upper edge: the one-bucket overstatement the histogram allows.
		expect(histogram.percentileMicros(50)).toBe(1_010);
		expect(histogram.percentileMicros(99)).toBe(Number.POSITIVE_INFINITY);

		const fewMissing = new LatencyHistogram();
		for (let i = 0; i < 999; i++) fewMissing.record(1_000);
		fewMissing.recordMissing(1);
		expect(fewMissing.percentileMicros(99)).toBe(1_010);
	});

	it('ignores a negative or zero missing count and is NaN when empty', () => {
		const histogram = new LatencyHistogram();
		histogram.recordMissing(0);
		histogram.recordMissing(-5);
		expect(histogram.count).toBe(0);
		expect(histogram.percentileMicros(50)).toBeNaN();
		const empty = LatencyHistogram.from(JSON.parse(JSON.stringify(histogram.snapshot())));
		expect(empty.count).toBe(0);
	});
});
