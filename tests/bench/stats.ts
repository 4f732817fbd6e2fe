/**
 * Percentiles for the benchmark.
 *
 * Two forms: `percentile` on a plain array (few samples, e.g. cold-load times) and a
 * `LatencyHistogram` for fan-out latencies. A run of W2 produces hundreds of thousands of receipts
 * spread over several client processes; a fixed-bucket histogram keeps memory constant, merges by
 * adding counts, and travels over IPC as a short list of non-empty buckets.
 *
 * Percentiles use the nearest-rank definition: the p-th percentile of n sorted samples is the
 * sample at rank ceil(p/100 · n) (1-based), so it is always a value that was actually observed
 * (or, for the histogram, the upper edge of the bucket that holds that sample).
 */

/** Nearest-rank percentile of `values` (need not be sorted). p in [0, 100]; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[nearestRankIndex(sorted.length, p)];
}

/** 0-based index of the nearest-rank percentile among n sorted samples. */
export function nearestRankIndex(n: number, p: number): number {
	if (n <= 0) throw new RangeError('no samples');
	// p = 0 means the minimum; the rank formula alone would give rank 0.
	const rank = Math.max(1, Math.ceil((p / 100) * n));
	return Math.min(n, rank) - 1;
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/**
 * Bucket layout, in microseconds. Fine where the targets are decided (20 ms, 100 ms), coarse in
 * the tail where only "far too slow" matters:
 *   [0, 10 ms)   in 10 µs steps   → 1,000 buckets
 *   [10 ms, 1 s) in 100 µs steps  → 9,900 buckets
 *   [1 s, 60 s)  in 10 ms steps   → 5,900 buckets
 *   ≥ 60 s and "never arrived"    → one overflow bucket (counts as +∞ in percentiles)
 */
const SEGMENTS = [
	{ fromMicros: 0, toMicros: 10_000, stepMicros: 10 },
	{ fromMicros: 10_000, toMicros: 1_000_000, stepMicros: 100 },
	{ fromMicros: 1_000_000, toMicros: 60_000_000, stepMicros: 10_000 }
] as const;

const SEGMENT_FIRST_BUCKET: number[] = [];
let bucketCount = 0;
for (const segment of SEGMENTS) {
	SEGMENT_FIRST_BUCKET.push(bucketCount);
	bucketCount += (segment.toMicros - segment.fromMicros) / segment.stepMicros;
}
const OVERFLOW_BUCKET = bucketCount;
export const HISTOGRAM_BUCKETS = bucketCount + 1;
/** Largest latency the histogram resolves; anything above lands in the overflow bucket. */
export const HISTOGRAM_MAX_MICROS = SEGMENTS[SEGMENTS.length - 1].toMicros;

export function bucketOf(micros: number): number {
	const value = Math.max(0, micros);
	for (let i = 0; i < SEGMENTS.length; i++) {
		const segment = SEGMENTS[i];
		if (value < segment.toMicros) return SEGMENT_FIRST_BUCKET[i] + Math.floor((value - segment.fromMicros) / segment.stepMicros);
	}
	return OVERFLOW_BUCKET;
}

/** Exclusive upper edge of a bucket in µs; +∞ for the overflow bucket. */
export function bucketUpperMicros(bucket: number): number {
	if (bucket >= OVERFLOW_BUCKET) return Number.POSITIVE_INFINITY;
	for (let i = SEGMENTS.length - 1; i >= 0; i--) {
		if (bucket >= SEGMENT_FIRST_BUCKET[i]) {
			const segment = SEGMENTS[i];
			return segment.fromMicros + (bucket - SEGMENT_FIRST_BUCKET[i] + 1) * segment.stepMicros;
		}
	}
	throw new RangeError(`bad bucket ${bucket}`);
}

/** Sparse wire form: [bucket, count] pairs of the non-empty buckets, plus exact extremes. */
export interface HistogramSnapshot {
	buckets: Array<[number, number]>;
	minMicros: number;
	maxMicros: number;
}

export class LatencyHistogram {
	readonly #counts = new Float64Array(HISTOGRAM_BUCKETS);
	#total = 0;
	#minMicros = Number.POSITIVE_INFINITY;
	#maxMicros = Number.NEGATIVE_INFINITY;

	get count(): number {
		return this.#total;
	}

	record(micros: number): void {
		this.#counts[bucketOf(micros)]++;
		this.#total++;
		if (micros < this.#minMicros) this.#minMicros = micros;
		if (micros > this.#maxMicros) this.#maxMicros = micros;
	}

	/**
	 * Samples that were expected but never observed (a receipt that did not arrive): they count
	 * as slower than anything measured, so a server that drops messages cannot look fast.
	 */
	recordMissing(count: number): void {
		if (count <= 0) return;
		this.#counts[OVERFLOW_BUCKET] += count;
		this.#total += count;
		this.#maxMicros = Number.POSITIVE_INFINITY;
	}

	merge(other: LatencyHistogram | HistogramSnapshot): void {
		const snapshot = other instanceof LatencyHistogram ? other.snapshot() : other;
		for (const [bucket, count] of snapshot.buckets) {
			this.#counts[bucket] += count;
			this.#total += count;
		}
		this.#minMicros = Math.min(this.#minMicros, snapshot.minMicros);
		this.#maxMicros = Math.max(this.#maxMicros, snapshot.maxMicros);
	}

	/**
	 * Nearest-rank percentile in µs: the upper edge of the bucket holding that rank (so it never
	 * understates, and overstates by less than one bucket width), clamped to the exact extremes;
	 * p = 0 is the exact minimum. +∞ when the rank falls among the missing; NaN when empty.
	 */
	percentileMicros(p: number): number {
		if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
		if (this.#total === 0) return Number.NaN;
		if (p === 0) return this.#minMicros;
		const targetRank = nearestRankIndex(this.#total, p) + 1;
		let seen = 0;
		for (let bucket = 0; bucket < HISTOGRAM_BUCKETS; bucket++) {
			seen += this.#counts[bucket];
			if (seen >= targetRank) {
				if (bucket === OVERFLOW_BUCKET) return Number.POSITIVE_INFINITY;
				const upper = bucketUpperMicros(bucket);
				return Math.min(Math.max(upper, this.#minMicros), this.#maxMicros);
			}
		}
		return this.#maxMicros;
	}

	percentileMs(p: number): number {
		return this.percentileMicros(p) / 1000;
	}

	snapshot(): HistogramSnapshot {
		const buckets: Array<[number, number]> = [];
		for (let bucket = 0; bucket < HISTOGRAM_BUCKETS; bucket++) {
			if (this.#counts[bucket] > 0) buckets.push([bucket, this.#counts[bucket]]);
		}
		// JSON (IPC) cannot carry Infinity; empty extremes travel as "nothing known" and merge neutrally.
		return {
			buckets,
			minMicros: Number.isFinite(this.#minMicros) ? this.#minMicros : Number.MAX_VALUE,
			maxMicros: Number.isFinite(this.#maxMicros) ? this.#maxMicros : this.#total > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE
		};
	}

	static from(snapshot: HistogramSnapshot): LatencyHistogram {
		const histogram = new LatencyHistogram();
		histogram.merge(snapshot);
		return histogram;
	}
}
