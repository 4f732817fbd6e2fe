import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server.ts';
import { connectClient } from '../helpers/yclient.ts';

let server: TestServer;
let joinCode: string;
let workshopId: string;

beforeAll(async () => {
	server = await startTestServer();
	({ joinCode, workshopId } = await createWorkshop(server.dataDir));
});
afterAll(() => server.stop());

async function post(body: string, contentType = 'application/json') {
	const response = await fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'content-type': contentType }, body });
	return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json(), headers: response.headers };
}

describe('POST /api/join', () => {
	test('a valid join returns a token, the doc names and an HttpOnly cookie, and the token syncs the agenda doc', async () => {
		const result = await post(JSON.stringify({ code: joinCode.toLowerCase(), name: 'Marij', role: 'resident' }));
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ syncPath: '/sync', workshopDoc: `workshop-${workshopId}` });
		expect(result.body.agendaDoc).toMatch(/^agenda-[a-z0-9]+$/);
		expect(result.body.token).toMatch(/^[a-z0-9]{32}$/);
		const cookie = result.headers.get('set-cookie') ?? '';
		expect(cookie).toContain(`wijktafel_participant=${result.body.token}`);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);

		const client = connectClient(server.wsUrl, result.body.agendaDoc, result.body.token);
		await client.synced;
		client.destroy();
	});

	test.each([
		['not JSON', 'garbage', 400, 'body'],
		['a JSON array', '[1,2]', 400, 'body'],
		['null', 'null', 400, 'body'],
		['no code', JSON.stringify({ role: 'resident' }), 400, 'code'],
		['a wrong role', JSON.stringify({ code: 'ABCDEF', role: 'mayor' }), 400, 'role'],
		['a numeric name', JSON.stringify({ code: 'ABCDEF', role: 'resident', name: 42 }), 400, 'name'],
		['a very long name', JSON.stringify({ code: 'ABCDEF', role: 'resident', name: 'x'.repeat(500) }), 400, 'name'],
		['an unknown buurt', JSON.stringify({ code: 'ABCDEF', role: 'resident', buurt: 'BU9999' }), 400, 'buurt'],
		['an unknown code', JSON.stringify({ code: 'ZZZZZZ', role: 'resident' }), 404, 'code'],
		['a code of the wrong shape', JSON.stringify({ code: '<script>', role: 'partner' }), 404, 'code']
	])('%s → %i JSON naming the field', async (_label, body, status, field) => {
		const result = await post(body);
		expect(result.status).toBe(status);
		expect(result.type).toContain('application/json');
		expect(result.body.field).toBe(field);
		expect(typeof result.body.error).toBe('string');
	});

	test('a form-encoded post from another site is refused by the CSRF origin check, not a 500', async () => {
		const response = await fetch(`${server.url}/api/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
			body: `code=${joinCode}&role=resident`
		});
		expect(response.status).toBe(403);
	});

	test('an empty name gets a friendly pseudonym', async () => {
		const result = await post(JSON.stringify({ code: joinCode, name: '  ', role: 'partner' }));
		expect(result.status).toBe(200);
	});
});
