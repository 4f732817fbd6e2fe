/**
 * The Content-Security-Policy on the wire: rendered pages get SvelteKit's nonce policy, every other
 * response the same policy without a nonce, neither allows inline scripts, and the tile host of
 * TILE_URL is added to img-src (and nowhere else).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const TILE_URL = 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';

function directives(policy: string): Map<string, string[]> {
	return new Map(
		policy
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((words) => words[0])
			.map(([name, ...sources]) => [name, sources])
	);
}

describe('Content-Security-Policy', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startTestServer({ compiled: true, env: { TILE_URL } });
	});
	afterAll(() => server.kill());

	test('a page: scripts only from us or with this response nonce, which every inline script carries', async () => {
		const response = await fetch(`${server.url}/join`);
		expect(response.status).toBe(200);
		const policy = directives(response.headers.get('content-security-policy') ?? '');
		const scriptSrc = policy.get('script-src') ?? [];
		expect(scriptSrc[0]).toBe("'self'");
		expect(scriptSrc).toHaveLength(2);
		const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[1])?.[1];
		expect(nonce, scriptSrc.join(' ')).toBeTruthy();
		const html = await response.text();
		const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((match) => match[1]);
		expect(inline.length).toBeGreaterThan(0);
		for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
		// A fresh nonce per response.
		const again = (await fetch(`${server.url}/join`)).headers.get('content-security-policy') ?? '';
		expect(again).not.toContain(nonce);
		expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://service.pdok.nl']);
		expect(policy.get('object-src')).toEqual(["'none'"]);
		expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
	});

	test('an API response: the same policy, no inline scripts, tile host only in img-src', async () => {
		const response = await fetch(`${server.url}/api/me/permissions`);
		const raw = response.headers.get('content-security-policy') ?? '';
		const policy = directives(raw);
		expect(policy.get('script-src')).toEqual(["'self'"]);
		expect(policy.get('img-src')).toContain('https://service.pdok.nl');
		expect(policy.get('connect-src')).toEqual(["'self'"]);
		expect(raw.match(/service\.pdok\.nl/g)).toHaveLength(1);
		expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
	});
});
