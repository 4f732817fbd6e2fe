import { describe, expect, test } from 'vitest';
import { appMetrics, countLoginFailure, countRefusedUpdate, countStoredUpdate } from '../../../src/lib/server/metrics.ts';

async function sample(name: string): Promise<number | undefined> {
	const text = await appMetrics().registry.metrics();
	const line = text.split('\n').find((l) => l.startsWith(`${name} `));
	return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('metrics', () => {
	test('one registry per process, whichever module graph asks first', () => {
		expect(appMetrics()).toBe(appMetrics());
		expect((globalThis as Record<symbol, unknown>)[Symbol.for('wijktafel.metrics')]).toBe(appMetrics());
	});

	test('refused updates count by a short slug of the reason; a flood of distinct reasons cannot grow the label set past 50', async () => {
		countRefusedUpdate('unknown root key');
		countRefusedUpdate('Unknown root key!');
		expect(await sample('wijktafel_sync_refused_updates_total{reason="unknown-root-key"}')).toBe(2);
		for (let i = 0; i < 200; i++) countRefusedUpdate(`hostile reason ${i} ${'x'.repeat(1000)}`);
		const text = await appMetrics().registry.metrics();
		const labels = text.split('\n').filter((l) => l.startsWith('wijktafel_sync_refused_updates_total{'));
		expect(labels.length).toBeLessThanOrEqual(51);
		expect(labels.every((l) => l.length < 120)).toBe(true);
		expect(await sample('wijktafel_sync_refused_updates_total{reason="other"}')).toBeGreaterThan(0);
	});

	test('login failures by reason, stored updates with their bytes', async () => {
		countLoginFailure('locked');
		expect(await sample('wijktafel_login_failures_total{reason="locked"}')).toBe(1);
		const before = (await sample('wijktafel_sync_updates_total')) ?? 0;
		const bytesBefore = (await sample('wijktafel_sync_update_bytes_total')) ?? 0;
		countStoredUpdate(120);
		countStoredUpdate(30);
		expect(await sample('wijktafel_sync_updates_total')).toBe(before + 2);
		expect(await sample('wijktafel_sync_update_bytes_total')).toBe(bytesBefore + 150);
	});

	test('event-loop delay is exported (prom-client defaults)', async () => {
		const text = await appMetrics().registry.metrics();
		expect(text).toContain('# TYPE nodejs_eventloop_lag_p99_seconds gauge');
		expect(text).toContain('# TYPE wijktafel_sync_refused_updates_total counter');
	});
});
