/**
 * The join limits with an injected clock: minutes of arrivals without waiting.
 */
import { describe, expect, test } from 'vitest';
import { JoinLimiter } from '../../../src/lib/server/join-limits.ts';
import { loadConfig } from '../../../src/lib/server/config.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';

const defaults = loadConfig({});

function setup() {
	let now = Date.UTC(2026, 2, 1, 19, 30, 0);
	const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
	return { clock, limiter: new JoinLimiter(defaults, clock.now) };
}

describe('JoinLimiter', () => {
	test('600 joins from one address within a minute: at most 200 get in', () => {
		const { clock, limiter } = setup();
		let accepted = 0;
		for (let i = 0; i < 600; i++) {
			if (limiter.join('203.0.113.7', 'ABCDEF').ok) accepted++;
			clock.advance(100); // 600 × 100 ms = one minute
		}
		expect(accepted).toBeGreaterThanOrEqual(100);
		expect(accepted).toBeLessThanOrEqual(200);
	});

	test('a 200-person room behind one venue address all gets in within a few minutes, retrying as told', () => {
		const { clock, limiter } = setup();
		const random = seededRandom(12);
		const start = clock.now();
		// Everyone scans the QR code within the first 90 seconds; a refused phone waits Retry-After and tries again.
		type Phone = { at: number; tries: number; inAt: number | null };
		const phones: Phone[] = Array.from({ length: 200 }, () => ({ at: start + Math.floor(random() * 90_000), tries: 0, inAt: null }));
		while (phones.some((p) => p.inAt === null)) {
			const next = phones.filter((p) => p.inAt === null).sort((a, b) => a.at - b.at)[0];
			clock.advance(Math.max(0, next.at - clock.now()));
			const admission = limiter.join('198.51.100.20', 'ABCDEF');
			next.tries++;
			if (admission.ok) next.inAt = clock.now();
			else next.at = clock.now() + admission.retryAfterSeconds * 1000;
		}
		const lastIn = Math.max(...phones.map((p) => p.inAt!));
		expect(lastIn - start).toBeLessThan(3 * 60_000);
		// Nobody had to try more than a few times.
		expect(Math.max(...phones.map((p) => p.tries))).toBeLessThanOrEqual(5);
	});

	test('two addresses each get their own budget, but one code has a ceiling across addresses', () => {
		const { limiter } = setup();
		let accepted = 0;
		for (let address = 0; address < 10; address++) {
			for (let i = 0; i < 100; i++) if (limiter.join(`10.0.0.${address}`, 'ABCDEF').ok) accepted++;
		}
		expect(accepted).toBe(defaults.joinsPerCodePerMinute);
		expect(limiter.join('10.0.1.1', 'GHJKLM').ok).toBe(true);
	});

	test('a refusal says when to come back, and then it works', () => {
		const { clock, limiter } = setup();
		for (let i = 0; i < 100; i++) expect(limiter.join('203.0.113.7', 'ABCDEF').ok).toBe(true);
		const refused = limiter.join('203.0.113.7', 'ABCDEF');
		expect(refused).toMatchObject({ ok: false, scope: 'address' });
		if (refused.ok) return;
		expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
		clock.advance(refused.retryAfterSeconds * 1000);
		expect(limiter.join('203.0.113.7', 'ABCDEF').ok).toBe(true);
	});

	test('guessing codes: ten unknown codes a minute, then every code is refused, known ones too (a 429 leaks nothing)', () => {
		const { clock, limiter } = setup();
		for (let i = 0; i < 10; i++) {
			expect(limiter.beforeLookup('203.0.113.9').ok).toBe(true);
			limiter.unknownCode('203.0.113.9');
		}
		expect(limiter.beforeLookup('203.0.113.9')).toMatchObject({ ok: false, scope: 'guesses' });
		// Another address is not affected.
		expect(limiter.beforeLookup('203.0.113.10').ok).toBe(true);
		clock.advance(6_000);
		expect(limiter.beforeLookup('203.0.113.9').ok).toBe(true);
	});

	test('IPv6 addresses of one /64 share a budget', () => {
		const { limiter } = setup();
		let accepted = 0;
		for (let i = 0; i < 300; i++) if (limiter.join(`2001:db8:1:2::${i.toString(16)}`, 'ABCDEF').ok) accepted++;
		expect(accepted).toBe(100);
	});
});
