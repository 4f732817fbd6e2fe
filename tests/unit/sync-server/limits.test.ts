import { expect, test } from 'vitest';
import { MessageRateLimiter, SlowClientGuard } from '../../../server/sync/limits.ts';

test('a burst is allowed, a flood is cut, and the budget refills with time', () => {
	const start = 1_000_000;
	const limiter = new MessageRateLimiter(10, 20, start);
	let allowed = 0;
	for (let i = 0; i < 100; i++) if (limiter.take(start)) allowed++;
	expect(allowed).toBe(20);
	expect(limiter.take(start + 50)).toBe(false);
	expect(limiter.take(start + 200)).toBe(true);
});

const MB = 1024 * 1024;

test('slow-client guard: a phone still loading a 20 MB doc stays while broadcasts queue behind the load', () => {
	let now = 0;
	const guard = new SlowClientGuard(8 * MB, 15_000, now);
	// The doc state goes out first: 20 MB queued.
	expect(guard.admit(0, 20 * MB, now)).toBe(true);
	let buffered = 20 * MB;
	// The phone reads 2 MB/s while a broadcast of 50 KB goes out every 100 ms.
	for (let tick = 0; tick < 150; tick++) {
		now += 100;
		buffered = Math.max(0, buffered - 0.2 * MB);
		expect(guard.admit(buffered, 50 * 1024, now), `tick ${tick}`).toBe(true);
		buffered += 50 * 1024;
	}
});

test('slow-client guard: a client that stops reading is cut off once over the limit and silent for the stall time', () => {
	let now = 0;
	const guard = new SlowClientGuard(8 * MB, 15_000, now);
	let buffered = 0;
	let cutAt: number | null = null;
	for (let tick = 0; tick < 1000 && cutAt === null; tick++) {
		now += 100;
		if (!guard.admit(buffered, 100 * 1024, now)) cutAt = now;
		buffered += 100 * 1024; // nothing is ever read
	}
	expect(cutAt).not.toBeNull();
	// Over 8 MB after about 8 s; then 15 s without reading.
	expect(cutAt!).toBeGreaterThanOrEqual(15_000);
	expect(cutAt!).toBeLessThan(32_000);
});

test('slow-client guard: past four times the limit beyond the load, the client is cut off even while it still reads a little', () => {
	let now = 0;
	const guard = new SlowClientGuard(1 * MB, 15_000, now);
	let buffered = 0;
	let cut = false;
	for (let tick = 0; tick < 200 && !cut; tick++) {
		now += 10;
		buffered = Math.max(0, buffered - 1024);
		cut = !guard.admit(buffered, 100 * 1024, now);
		buffered += 100 * 1024;
	}
	expect(cut).toBe(true);
	expect(buffered).toBeLessThanOrEqual(4 * MB + 200 * 1024);
});

test('slow-client guard: big broadcasts after the first sync are not a load: a client that stops reading them is cut off', () => {
	let now = 0;
	const guard = new SlowClientGuard(1 * MB, 1_000, now);
	expect(guard.admit(0, 100, now)).toBe(true);
	now += 20_000;
	let buffered = 100;
	let cut = false;
	for (let tick = 0; tick < 100 && !cut; tick++) {
		now += 100;
		cut = !guard.admit(buffered, 200 * 1024, now);
		buffered += 200 * 1024;
	}
	expect(cut).toBe(true);
	expect(buffered).toBeLessThanOrEqual(4 * MB + 400 * 1024);
});
