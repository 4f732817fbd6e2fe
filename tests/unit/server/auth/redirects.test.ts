import { expect, test } from 'vitest';
import { loginPathFor, safeNextPath } from '../../../../src/lib/server/auth/redirects.ts';

test('after login only paths on this site are followed', () => {
	expect(safeNextPath('/facilitate/abc')).toBe('/facilitate/abc');
	expect(safeNextPath('/agenda/x?y=1')).toBe('/agenda/x?y=1');
	for (const bad of [null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb']) {
		expect(safeNextPath(bad)).toBe('/staff');
	}
	expect(loginPathFor('/facilitate/abc')).toBe('/login?next=%2Ffacilitate%2Fabc');
});
