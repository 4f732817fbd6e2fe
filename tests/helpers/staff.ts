/**
 * Staff over HTTP, as a browser does it: form posts with our own Origin (SvelteKit's CSRF check
 * refuses form posts without it), session cookie from Set-Cookie.
 */
import net from 'node:net';
import { startTestServer, type StartOptions, type TestServer } from './server.ts';

export const ADMIN = { email: 'beheer@maastricht.nl', password: 'test-beheer-wachtwoord-1' };
/** Environment for startTestServer that creates the first admin on start. */
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

/**
 * Starts the server with ORIGIN set to its own address, as a deployment must: without ORIGIN,
 * adapter-node assumes https://<host>, and same-origin form posts from http:// would be refused.
 */
export async function startServerWithOrigin(options: Omit<StartOptions, 'port'> = {}): Promise<TestServer> {
	const port = await new Promise<number>((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
	return startTestServer({ ...options, port, env: { ORIGIN: `http://127.0.0.1:${port}`, ...options.env } });
}

export function formPost(
	server: TestServer,
	pathAndQuery: string,
	fields: Record<string, string>,
	options: { cookie?: string; headers?: Record<string, string> } = {}
): Promise<Response> {
	return fetch(`${server.url}${pathAndQuery}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			// A browser's form post; with fetch's default */* SvelteKit would answer as to use:enhance (JSON).
			accept: 'text/html',
			origin: server.url,
			...(options.cookie ? { cookie: options.cookie } : {}),
			...options.headers
		},
		body: new URLSearchParams(fields).toString()
	});
}

/** The value of one cookie from a response's Set-Cookie headers, or null. */
export function setCookieValue(response: Response, name: string): string | null {
	for (const header of response.headers.getSetCookie()) {
		const [pair] = header.split(';');
		const eq = pair.indexOf('=');
		if (pair.slice(0, eq).trim() === name) return decodeURIComponent(pair.slice(eq + 1).trim());
	}
	return null;
}

export const staffCookie = (token: string) => `wijktafel_staff=${token}`;
export const participantCookie = (token: string) => `wijktafel_participant=${token}`;

/** Logs in through the /login form; returns the session token. */
export async function login(server: TestServer, email: string, password: string): Promise<string> {
	const response = await formPost(server, '/login', { email, password });
	const token = setCookieValue(response, 'wijktafel_staff');
	if (response.status !== 303 || !token) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	return token;
}

/** Adds a staff account through the admin page (as the given admin session). */
export async function addUser(server: TestServer, adminToken: string, email: string, role: 'admin' | 'official' | 'facilitator', password = 'test-wachtwoord-12345'): Promise<{ email: string; password: string }> {
	const response = await formPost(server, '/admin/users?/add', { email, password, role }, { cookie: staffCookie(adminToken) });
	if (response.status !== 200) throw new Error(`add user failed: ${response.status}`);
	return { email, password };
}

/** The id of a user, read from the admin page's forms. */
export async function userIdOf(server: TestServer, adminToken: string, email: string): Promise<string> {
	const html = await (await fetch(`${server.url}/admin/users`, { headers: { cookie: staffCookie(adminToken) } })).text();
	const at = html.indexOf(`>${email}`);
	if (at < 0) throw new Error(`user ${email} not on the admin page`);
	const match = /name="userId" value="([a-z0-9]+)"/.exec(html.slice(at));
	if (!match) throw new Error(`no user id for ${email}`);
	return match[1];
}

export function apiPost(server: TestServer, path: string, auth: { bearer?: string; cookie?: string; origin?: string | null } = {}): Promise<Response> {
	const headers: Record<string, string> = {};
	if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
	if (auth.cookie) headers.cookie = auth.cookie;
	const origin = auth.origin === undefined ? server.url : auth.origin;
	if (origin !== null) headers.origin = origin;
	return fetch(`${server.url}${path}`, { method: 'POST', headers, redirect: 'manual' });
}
