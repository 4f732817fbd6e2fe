/**
 * The login rate limit with an injected clock: no waiting, exact window edges.
 */
import { describe, expect, test } from 'vitest';
import { LOGIN_LIMITS, LoginThrottle, addressKey } from '../../../../src/lib/server/auth/login-throttle.ts';

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

const ANA = 'ana@maastricht.nl';

describe('LoginThrottle', () => {
	test('the defaults: 10 per account and address in 15 minutes, 30 per address, 30 per account in 30 minutes', () => {
		expect(LOGIN_LIMITS).toEqual({
			pair: { maxFailures: 10, windowMs: 15 * 60_000 },
			address: { maxFailures: 30, windowMs: 15 * 60_000 },
			account: { maxFailures: 30, windowMs: 30 * 60_000 }
		});
	});

	test('ten failures from one address pass; the eleventh is locked for that pair, with the time it opens again', () => {
		const { clock, throttle } = setup();
		const first = clock.now();
		for (let i = 0; i < 10; i++) {
			fail(throttle);
			clock.advance(1000);
		}
		expect(throttle.begin({ address: '10.0.0.1', email: ANA })).toEqual({ ok: false, retryAt: first + 15 * 60_000, scope: 'pair' });
		// The same account from elsewhere is not locked.
		expect(throttle.begin({ address: '10.0.0.2', email: ANA }).ok).toBe(true);
	});

	test('the right password during the lock is refused too, until the window ends', () => {
		const { clock, throttle } = setup();
		const first = clock.now();
		for (let i = 0; i < 10; i++) fail(throttle);
		clock.advance(15 * 60_000 - 1);
		expect(throttle.begin({ address: '10.0.0.1', email: ANA }).ok).toBe(false);
		clock.advance(1);
		expect(clock.now()).toBe(first + 15 * 60_000);
		expect(throttle.begin({ address: '10.0.0.1', email: ANA }).ok).toBe(true);
	});

	test('attempts while locked do not extend the lock', () => {
		const { clock, throttle } = setup();
		const first = clock.now();
		for (let i = 0; i < 10; i++) fail(throttle);
		for (let i = 0; i < 30; i++) {
			clock.advance(1000);
			expect(throttle.begin({ address: '10.0.0.1', email: ANA })).toMatchObject({ ok: false, retryAt: first + 15 * 60_000 });
		}
	});

	test('the window slides: failures spread out never lock', () => {
		const { clock, throttle } = setup();
		for (let i = 0; i < 40; i++) {
			fail(throttle);
			clock.advance(90_001);
		}
	});

	test('eleven wrong passwords from eleven addresses lock nobody out: the owner signs in from a twelfth, new address', () => {
		const { throttle } = setup();
		for (let i = 0; i < 11; i++) fail(throttle, ANA, `198.51.100.${i}`);
		const owner = throttle.begin({ address: '203.0.113.50', email: ANA });
		expect(owner.ok).toBe(true);
	});

	test('many addresses: 30 failures lock the account for unknown addresses, but the owner from a known address or browser gets in', () => {
		const { throttle } = setup();
		// Ana signed in before from the office and from her laptop (device cookie) at home.
		const office = throttle.begin({ address: '192.0.2.10', email: ANA });
		if (!office.ok) throw new Error('not locked yet');
		const device = office.succeeded();
		for (let i = 0; i < 30; i++) fail(throttle, ANA, `198.51.100.${i}`);
		expect(throttle.begin({ address: '203.0.113.1', email: ANA })).toMatchObject({ ok: false, scope: 'account' });
		expect(throttle.begin({ address: '192.0.2.10', email: ANA }).ok).toBe(true);
		expect(throttle.begin({ address: '203.0.113.99', email: ANA, device }).ok).toBe(true);
		// A made-up device token is no key.
		expect(throttle.begin({ address: '203.0.113.98', email: ANA, device: 'x'.repeat(32) })).toMatchObject({ ok: false, scope: 'account' });
		// A device known for another account does not open this one.
		expect(throttle.begin({ address: '203.0.113.97', email: 'bob@maastricht.nl', device }).ok).toBe(true);
	});

	test('a known address is still held by its own pair limit: guessing from there is slow too', () => {
		const { throttle } = setup();
		const office = throttle.begin({ address: '192.0.2.10', email: ANA });
		if (!office.ok) throw new Error('not locked yet');
		office.succeeded();
		for (let i = 0; i < 10; i++) fail(throttle, ANA, '192.0.2.10');
		expect(throttle.begin({ address: '192.0.2.10', email: ANA })).toMatchObject({ ok: false, scope: 'pair' });
	});

	test('brute force is bounded: over an hour, at most about 60 guesses on one account from any number of addresses', () => {
		const { clock, throttle } = setup();
		let guesses = 0;
		for (let second = 0; second < 3600; second++) {
			for (let a = 0; a < 5; a++) {
				const attempt = throttle.begin({ address: `10.${second % 250}.${a}.${second >> 8}`, email: ANA });
				if (attempt.ok) guesses++;
			}
			clock.advance(1000);
		}
		expect(guesses).toBeLessThanOrEqual(70);
	});

	test('a success clears the pair and withdraws its own provisional failure', () => {
		const { throttle } = setup();
		for (let i = 0; i < 9; i++) fail(throttle);
		const attempt = throttle.begin({ address: '10.0.0.1', email: ANA });
		if (!attempt.ok) throw new Error('should not be locked yet');
		attempt.succeeded();
		for (let i = 0; i < 10; i++) fail(throttle);
		expect(throttle.begin({ address: '10.0.0.1', email: ANA })).toMatchObject({ ok: false, scope: 'pair' });
	});

	test('per address: 30 failures on different accounts lock that address, not others', () => {
		const { throttle } = setup();
		for (let i = 0; i < 30; i++) fail(throttle, `user${i}@maastricht.nl`, '192.0.2.7');
		expect(throttle.begin({ address: '192.0.2.7', email: 'new@maastricht.nl' })).toMatchObject({ ok: false, scope: 'address' });
		expect(throttle.begin({ address: '192.0.2.8', email: 'new@maastricht.nl' }).ok).toBe(true);
	});

	test('parallel attempts count before their passwords are checked', () => {
		const { throttle } = setup();
		const pending = Array.from({ length: 15 }, () => throttle.begin({ address: '10.0.0.1', email: ANA }));
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
