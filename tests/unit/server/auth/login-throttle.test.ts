/**
 * The login rate limit with an injected clock: no waiting, exact window edges.
 */
import { describe, expect, test } from 'vitest';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, LoginThrottle, addressKey } from '../../../../src/lib/server/auth/login-throttle.ts';

function setup() {
	let now = Date.UTC(2026, 2, 1, 19, 30, 0);
	const clock = {
		now: () => now,
		advance: (ms: number) => {
			now += ms;
		}
	};
	return { clock, throttle: new LoginThrottle({ now: clock.now }) };
}

/** A wrong password: begin an attempt and never call succeeded(). */
function fail(throttle: LoginThrottle, email = 'ana@maastricht.nl', address = '10.0.0.1') {
	const attempt = throttle.begin({ address, email });
	expect(attempt.ok).toBe(true);
}

describe('LoginThrottle', () => {
	test('the defaults are 10 failures per minute', () => {
		expect(LOGIN_MAX_FAILURES).toBe(10);
		expect(LOGIN_WINDOW_MS).toBe(60_000);
	});

	test('ten failures pass; the eleventh attempt in the minute is locked, with the time it opens again', () => {
		const { clock, throttle } = setup();
		const first = clock.now();
		for (let i = 0; i < 10; i++) {
			fail(throttle);
			clock.advance(1000);
		}
		const eleventh = throttle.begin({ address: '10.0.0.1', email: 'ana@maastricht.nl' });
		expect(eleventh).toEqual({ ok: false, retryAt: first + 60_000, scope: 'account' });
	});

	test('the right password during the lock is refused too, until the window ends', () => {
		const { clock, throttle } = setup();
		const first = clock.now();
		for (let i = 0; i < 10; i++) fail(throttle);
		clock.advance(59_999);
		expect(throttle.begin({ address: '10.0.0.1', email: 'ana@maastricht.nl' }).ok).toBe(false);
		clock.advance(1);
		expect(clock.now()).toBe(first + LOGIN_WINDOW_MS);
		const attempt = throttle.begin({ address: '10.0.0.1', email: 'ana@maastricht.nl' });
		expect(attempt.ok).toBe(true);
	});

	test('attempts while locked do not extend the lock', () => {
		const { clock, throttle } = setup();
		const first = clock.now();
		for (let i = 0; i < 10; i++) fail(throttle);
		for (let i = 0; i < 30; i++) {
			clock.advance(1000);
			const attempt = throttle.begin({ address: '10.0.0.1', email: 'ana@maastricht.nl' });
			expect(attempt).toMatchObject({ ok: false, retryAt: first + 60_000 });
		}
	});

	test('the window slides: failures spread over more than a minute never lock', () => {
		const { clock, throttle } = setup();
		for (let i = 0; i < 40; i++) {
			fail(throttle);
			clock.advance(6_001);
		}
	});

	test('a success clears the account and withdraws its own provisional failure', () => {
		const { throttle } = setup();
		for (let i = 0; i < 9; i++) fail(throttle);
		const attempt = throttle.begin({ address: '10.0.0.1', email: 'ana@maastricht.nl' });
		if (!attempt.ok) throw new Error('should not be locked yet');
		attempt.succeeded();
		// Account count is cleared; the address keeps its 9 earlier failures.
		fail(throttle, 'ana@maastricht.nl', '10.0.0.2');
		fail(throttle, 'other@maastricht.nl', '10.0.0.1');
		expect(throttle.begin({ address: '10.0.0.1', email: 'third@maastricht.nl' })).toMatchObject({ ok: false, scope: 'address' });
	});

	test('per address: ten failures on different accounts lock that address, not others', () => {
		const { throttle } = setup();
		for (let i = 0; i < 10; i++) fail(throttle, `user${i}@maastricht.nl`, '192.0.2.7');
		expect(throttle.begin({ address: '192.0.2.7', email: 'new@maastricht.nl' })).toMatchObject({ ok: false, scope: 'address' });
		expect(throttle.begin({ address: '192.0.2.8', email: 'new@maastricht.nl' }).ok).toBe(true);
	});

	test('per account: ten failures from different addresses lock the account everywhere', () => {
		const { throttle } = setup();
		for (let i = 0; i < 10; i++) fail(throttle, 'ana@maastricht.nl', `198.51.100.${i}`);
		expect(throttle.begin({ address: '203.0.113.1', email: 'ANA@maastricht.nl ' })).toMatchObject({ ok: false, scope: 'account' });
	});

	test('parallel attempts count before their passwords are checked', () => {
		const { throttle } = setup();
		const pending = Array.from({ length: 15 }, () => throttle.begin({ address: '10.0.0.1', email: 'ana@maastricht.nl' }));
		expect(pending.filter((a) => a.ok)).toHaveLength(10);
	});

	test('memory stays bounded under a flood of made-up addresses', () => {
		let now = 0;
		const throttle = new LoginThrottle({ now: () => now, maxKeys: 100 });
		for (let i = 0; i < 5000; i++) {
			throttle.begin({ address: `10.${i >> 8}.${i & 255}.1`, email: `x${i}@example.org` });
			now += 1;
		}
		expect(throttle.trackedKeys).toBeLessThanOrEqual(100);
		expect(throttle.trackedKeys).toBeGreaterThan(0);
	});
});

describe('addressKey', () => {
	test('IPv4 and IPv4-mapped IPv6 are the same key', () => {
		expect(addressKey('::ffff:192.0.2.1')).toBe(addressKey('192.0.2.1'));
	});
	test('IPv6 addresses of one /64 share a key', () => {
		expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
		expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
	});
});
