import { describe, expect, test } from 'vitest';
import { isCompressedPath } from '../../../server/compression.ts';

describe('isCompressedPath: only pages without a secret', () => {
	test('the join steps, the participant page and its data, the public pages', () => {
		for (const path of ['/', '/join', '/join/ABC123', '/workshop/abc', '/workshop/abc/__data.json', '/stadsdeel/zuid', '/stadsdeel/zuid/kaart', '/toegankelijkheid']) expect(isCompressedPath(path), path).toBe(true);
	});

	test('not the projector (its token), the console (the projector link), the API (session tokens), staff pages', () => {
		for (const path of ['/projector/abc', '/projector/abc/__data.json', '/facilitate/abc', '/api/join', '/agenda/abc', '/login', '/staff', '/workshop/abc/extra', '/joinx']) expect(isCompressedPath(path), path).toBe(false);
	});
});
