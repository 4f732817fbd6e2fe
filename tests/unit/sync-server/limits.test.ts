import { expect, test } from 'vitest';
import { MessageRateLimiter } from '../../../server/sync/limits.ts';

test('a burst is allowed, a flood is cut, and the budget refills with time', () => {
	const start = 1_000_000;
	const limiter = new MessageRateLimiter(10, 20, start);
	let allowed = 0;
	for (let i = 0; i < 100; i++) if (limiter.take(start)) allowed++;
	expect(allowed).toBe(20);
	expect(limiter.take(start + 50)).toBe(false);
	expect(limiter.take(start + 200)).toBe(true);
});
