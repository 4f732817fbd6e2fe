import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config.ts';

describe('loadConfig', () => {
	test('defaults need nothing set', () => {
		const config = loadConfig({});
		expect(config.port).toBe(3000);
		expect(config.origin).toBeNull();
		expect(config.tileUrl).toBeNull();
		expect(config.dataDir).toMatch(/data$/);
		expect(config.logLevel).toBe('info');
		expect(config.loadShippedFigures).toBe(true);
	});
	test('SHIPPED_FIGURES: load or skip, nothing else', () => {
		expect(loadConfig({ SHIPPED_FIGURES: 'load' }).loadShippedFigures).toBe(true);
		expect(loadConfig({ SHIPPED_FIGURES: 'skip' }).loadShippedFigures).toBe(false);
		expect(() => loadConfig({ SHIPPED_FIGURES: 'no' })).toThrow(/SHIPPED_FIGURES/);
	});
	test('bad values are refused with the variable named', () => {
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
		expect(() => loadConfig({ ORIGIN: 'example.org/path' })).toThrow(/ORIGIN/);
	});
	test('values from the environment are used', () => {
		const config = loadConfig({ PORT: '8080', ORIGIN: 'https://wijktafel.example', TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' });
		expect(config).toMatchObject({ port: 8080, origin: 'https://wijktafel.example', tileUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
	});
});
