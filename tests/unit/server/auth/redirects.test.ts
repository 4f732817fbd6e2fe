import { expect, test } from 'vitest';
import { loginPathFor, returnPathOf, safeNextPath } from '../../../../src/lib/server/auth/redirects.ts';

/** What a `next` query parameter decodes to when an attacker writes it (URLSearchParams decodes %xx). */
const OFF_SITE = [
	'https://evil.example',
	'http://evil.example/staff',
	'//evil.example',
	'//evil.example/staff',
	'/\\evil.example',
	'\\\\evil.example',
	'/\t/evil.example',
	'/\n/evil.example',
	' //evil.example',
	'javascript:alert(1)',
	'evil.example',
	'/a\nb',
	new URLSearchParams('next=%2F%2Fevil.example').get('next'),
	new URLSearchParams('next=%2F%5Cevil.example').get('next')
];

test('after login only paths on this site are followed', () => {
	expect(safeNextPath('/facilitate/abc')).toBe('/facilitate/abc');
	expect(safeNextPath('/agenda/x?y=1')).toBe('/agenda/x?y=1');
	for (const bad of [null, undefined, '', ...OFF_SITE]) expect(safeNextPath(bad), JSON.stringify(bad)).toBe('/staff');
	expect(safeNextPath(`/${'a'.repeat(600)}`)).toBe('/staff');
});

test('the login link carries a same-site `next` and drops any other', () => {
	expect(loginPathFor('/facilitate/abc')).toBe('/login?next=%2Ffacilitate%2Fabc');
	expect(loginPathFor('/agenda/x/afweging?scope=buurten')).toBe('/login?next=%2Fagenda%2Fx%2Fafweging%3Fscope%3Dbuurten');
	for (const bad of OFF_SITE) expect(loginPathFor(bad ?? ''), JSON.stringify(bad)).toBe('/login');
});

test('a signed-out visitor returns to the page they asked for; after a form post, to the page without its ?/action', () => {
	const url = new URL('http://localhost/agenda/abc12345/afweging?scope=stadsdeel');
	expect(returnPathOf(url, 'GET')).toBe('/agenda/abc12345/afweging?scope=stadsdeel');
	expect(returnPathOf(url, 'HEAD')).toBe('/agenda/abc12345/afweging?scope=stadsdeel');
	expect(returnPathOf(new URL('http://localhost/staff?/createWorkshop'), 'POST')).toBe('/staff');
	// A query too long to carry along is dropped, the page is kept.
	expect(returnPathOf(new URL(`http://localhost/agenda?q=${'x'.repeat(600)}`), 'GET')).toBe('/agenda');
	// A request for `//evil.example` (or `/\evil.example`, which the URL parser makes the same) has
	// that as its path; it is not carried to the login page.
	for (const path of ['//evil.example/x', '/\\evil.example']) {
		expect(loginPathFor(returnPathOf(new URL(`http://localhost${path}`), 'GET')), path).toBe('/login');
	}
});
