/**
 * Staff sign-in, first-run setup and hardening, against the real server process.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { join, runCli, type TestServer } from '../helpers/server.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { ADMIN, ADMIN_ENV, addUser, formPost, login, participantCookie, setCookieValue, staffCookie, startServerWithOrigin, userIdOf } from '../helpers/staff.ts';
import { createWorkshopAsStaff } from '../helpers/workshop-http.ts';
import { hashToken } from '../../src/lib/server/auth/tokens.ts';

const { client } = cleanedUpAfterEach();

function countUsers(dataDir: string): number {
	const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { readonly: true });
	try {
		return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

describe('first run', () => {
	let s: TestServer;
	beforeAll(async () => {
		s = await startServerWithOrigin();
	});
	afterAll(() => s.kill());

	test('with an empty database the setup page creates the first admin once; a second attempt is refused', async () => {
		// The way in leads to /setup.
		for (const page of ['/login', '/staff']) {
			const response = await fetch(`${s.url}${page}`, { redirect: 'manual' });
			expect(response.status, page).toBe(303);
			expect(response.headers.get('location')).toBe('/setup');
		}
		const token = /\/setup\?token=([a-z0-9]+)/.exec(s.output())?.[1];
		expect(token, 'setup link in the start-up log').toBeTruthy();

		const fields = { email: 'eerste@maastricht.nl', password: 'eerste-beheerder-123', confirm: 'eerste-beheerder-123' };
		// A request through a proxy is not local: without the token it is refused…
		const remote = { 'x-forwarded-for': '203.0.113.9' };
		const page = await fetch(`${s.url}/setup`, { headers: remote });
		expect(await page.text()).toContain('alleen op de server zelf');
		expect((await formPost(s, '/setup', fields, { headers: remote })).status).toBe(403);
		expect((await formPost(s, '/setup', { ...fields, token: 'a'.repeat(32) }, { headers: remote })).status).toBe(403);
		expect(countUsers(s.dataDir)).toBe(0);

		// …with the token from the log it works, and leads straight on, signed in.
		const created = await formPost(s, '/setup', { ...fields, token: token! }, { headers: remote });
		expect(created.status).toBe(303);
		expect(created.headers.get('location')).toBe('/staff');
		const session = setCookieValue(created, 'wijktafel_staff');
		expect(session).toBeTruthy();
		expect(countUsers(s.dataDir)).toBe(1);

		// Straight on to the first workshop: the staff page offers it, and shows code and links after.
		const staffPage = await (await fetch(`${s.url}/staff`, { headers: { cookie: staffCookie(session!) } })).text();
		expect(staffPage).toContain('Maak je eerste bijeenkomst');
		expect(staffPage).toContain('name="stadsdeel"');
		const workshop = await createWorkshopAsStaff(s, session!, 'zuid', 'Bewonersavond Heugem');
		expect(workshop.joinCode).toMatch(/^[A-Z0-9]{6}$/);

		// A second attempt is refused: from localhost, with the (spent) token, or through a proxy.
		const again = { email: 'tweede@maastricht.nl', password: 'tweede-beheerder-123', confirm: 'tweede-beheerder-123' };
		expect((await formPost(s, '/setup', again)).status).toBe(403);
		expect((await formPost(s, '/setup', { ...again, token: token! }, { headers: remote })).status).toBe(403);
		expect(await (await fetch(`${s.url}/setup`)).text()).toContain('al ingesteld');
		expect(countUsers(s.dataDir)).toBe(1);
		// And the login page no longer leads to setup.
		expect((await fetch(`${s.url}/login`, { redirect: 'manual' })).status).toBe(200);
	});
});

describe('signed in', () => {
	let s: TestServer;
	let adminToken: string;
	let workshop: Awaited<ReturnType<typeof createWorkshopAsStaff>>;

	beforeAll(async () => {
		s = await startServerWithOrigin({ env: ADMIN_ENV });
		adminToken = await login(s, ADMIN.email, ADMIN.password);
		workshop = await createWorkshopAsStaff(s, adminToken);
	});
	afterAll(() => s.kill());

	test('log in with e-mail and password, land on /staff, log out; the old session is gone', async () => {
		const wrong = await formPost(s, '/login', { email: ADMIN.email, password: 'niet-het-wachtwoord' });
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Het e-mailadres of het wachtwoord klopt niet.');

		const response = await formPost(s, '/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/staff');
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('wijktafel_staff='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		const token = setCookieValue(response, 'wijktafel_staff')!;

		const staffPage = await fetch(`${s.url}/staff`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' });
		expect(staffPage.status).toBe(200);
		expect(await staffPage.text()).toContain('Accounts beheren');
		// Signed in: /login goes on to /staff.
		expect((await fetch(`${s.url}/login`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' })).headers.get('location')).toBe('/staff');

		const logout = await formPost(s, '/logout', {}, { cookie: staffCookie(token) });
		expect(logout.status).toBe(303);
		expect(logout.headers.get('location')).toBe('/login');
		const after = await fetch(`${s.url}/staff`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' });
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/login?next=%2Fstaff');
	});

	test('a signed-out visitor comes back to the page they asked for, and `next` never leads off this site', async () => {
		const page = `/facilitate/${workshop.workshopId}/kaart`;
		const asked = await fetch(`${s.url}${page}`, { redirect: 'manual' });
		expect(asked.status).toBe(303);
		const loginPath = asked.headers.get('location')!;
		expect(loginPath).toBe(`/login?next=${encodeURIComponent(page)}`);
		// The login form posts to its own URL, ?next= included.
		const signedIn = await formPost(s, loginPath, ADMIN);
		expect(signedIn.status).toBe(303);
		expect(signedIn.headers.get('location')).toBe(page);

		const cookie = staffCookie(setCookieValue(signedIn, 'wijktafel_staff')!);
		for (const next of ['//evil.example', 'https://evil.example/staff', '/\\evil.example', '%2F%5Cevil.example', '%2F%2Fevil.example', 'javascript:alert(1)']) {
			const query = `?next=${next.startsWith('%') ? next : encodeURIComponent(next)}`;
			const action = await formPost(s, `/login${query}`, ADMIN);
			expect(action.headers.get('location'), `login action, next=${next}`).toBe('/staff');
			const load = await fetch(`${s.url}/login${query}`, { headers: { cookie }, redirect: 'manual' });
			expect(load.headers.get('location'), `login page signed in, next=${next}`).toBe('/staff');
		}
	});

	test('a session used in the second half of its life slides forward, and the browser gets the new cookie date', async () => {
		const token = await login(s, ADMIN.email, ADMIN.password);
		const db = new Database(path.join(s.dataDir, 'wijktafel.sqlite'));
		const inTwoDays = Date.now() + 2 * 24 * 3600 * 1000;
		db.prepare('UPDATE user_sessions SET expires_at = ? WHERE id = ?').run(inTwoDays, hashToken(token));
		db.close();
		const response = await fetch(`${s.url}/staff`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' });
		expect(response.status).toBe(200);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`wijktafel_staff=${token};`));
		const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie ?? '')?.[1] ?? '');
		expect(expires).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

		// A cookie whose session is gone is removed.
		await formPost(s, '/logout', {}, { cookie: staffCookie(token) });
		const after = await fetch(`${s.url}/login`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' });
		expect(after.headers.getSetCookie().some((c) => /^wijktafel_staff=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
	});

	test('the English page when the locale cookie says so', async () => {
		const html = await (await fetch(`${s.url}/login`, { headers: { cookie: 'PARAGLIDE_LOCALE=en' } })).text();
		expect(html).toContain('Staff sign-in');
		expect(html).toContain('E-mail address');
	});

	test("a disabled user's open socket is closed with 4401, and their session ends", async () => {
		const user = await addUser(s, adminToken, 'begeleider.uit@maastricht.nl', 'facilitator');
		const token = await login(s, user.email, user.password);
		const socket = client(s.wsUrl, `workshop-${workshop.workshopId}`, token);
		await socket.synced;

		const userId = await userIdOf(s, adminToken, user.email);
		const disabled = await formPost(s, '/admin/users?/disable', { userId }, { cookie: staffCookie(adminToken) });
		expect(disabled.status).toBe(200);
		expect((await socket.closed).code).toBe(4401);
		expect((await fetch(`${s.url}/staff`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' })).headers.get('location')).toBe('/login?next=%2Fstaff');
		// Logging in again says the account is off.
		const again = await formPost(s, '/login', user);
		expect(again.status).toBe(403);
		expect(await again.text()).toContain('Je account staat uit');
		// Switched on again, they can sign in.
		expect((await formPost(s, '/admin/users?/enable', { userId }, { cookie: staffCookie(adminToken) })).status).toBe(200);
		await login(s, user.email, user.password);
	});

	test('a new password ends the sessions and closes the sockets (4401); the old password stops working', async () => {
		const user = await addUser(s, adminToken, 'ambtenaar.ww@maastricht.nl', 'official');
		const token = await login(s, user.email, user.password);
		const socket = client(s.wsUrl, `workshop-${workshop.workshopId}`, token);
		await socket.synced;
		const userId = await userIdOf(s, adminToken, user.email);
		const reset = await formPost(s, '/admin/users?/password', { userId, password: 'een-nieuw-wachtwoord-1' }, { cookie: staffCookie(adminToken) });
		expect(reset.status).toBe(200);
		expect((await socket.closed).code).toBe(4401);
		expect((await formPost(s, '/login', user)).status).toBe(400);
		await login(s, user.email, 'een-nieuw-wachtwoord-1');
	});

	test('admin form problems come back as Dutch messages tied to their field, never a 500', async () => {
		const cookie = staffCookie(adminToken);
		const short = await formPost(s, '/admin/users?/add', { email: 'kort@maastricht.nl', password: 'kort', role: 'official' }, { cookie });
		expect(short.status).toBe(400);
		const html = await short.text();
		expect(html).toContain('id="new-password-error"');
		expect(html).toContain('Het wachtwoord moet minstens 10 tekens hebben.');
		expect(html).toMatch(/aria-describedby="new-password-hint new-password-error"/);
		const adminId = await userIdOf(s, adminToken, ADMIN.email);
		expect((await formPost(s, '/admin/users?/disable', { userId: adminId }, { cookie })).status).toBe(409);
		expect((await formPost(s, '/admin/users?/disable', { userId: 'bestaatniet' }, { cookie })).status).toBe(404);
		expect((await formPost(s, '/admin/users?/add', {}, { cookie })).status).toBe(400);
	});

	test('CLI: user:password, user:disable and user:enable', async () => {
		const env = { DATA_DIR: s.dataDir };
		const user = await addUser(s, adminToken, 'cli@maastricht.nl', 'facilitator');
		const pw = await runCli(['user:password', '--email', user.email, '--password', 'cli-nieuw-wachtwoord'], env);
		expect(pw.code, pw.stderr).toBe(0);
		expect(JSON.parse(pw.stdout)).toMatchObject({ email: user.email, passwordChanged: true });
		expect((await formPost(s, '/login', user)).status).toBe(400);
		const token = await login(s, user.email, 'cli-nieuw-wachtwoord');

		const disable = await runCli(['user:disable', '--email', user.email], env);
		expect(disable.code, disable.stderr).toBe(0);
		// Its sessions end at once (the next request finds no session).
		expect((await fetch(`${s.url}/staff`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' })).status).toBe(303);
		expect((await formPost(s, '/login', { email: user.email, password: 'cli-nieuw-wachtwoord' })).status).toBe(403);

		const enable = await runCli(['user:enable', '--email', user.email], env);
		expect(enable.code, enable.stderr).toBe(0);
		await login(s, user.email, 'cli-nieuw-wachtwoord');

		const unknown = await runCli(['user:disable', '--email', 'niemand@maastricht.nl'], env);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('no user');
		const lastAdmin = await runCli(['user:disable', '--email', ADMIN.email], env);
		expect(lastAdmin.code).toBe(1);
		expect(lastAdmin.stderr).toContain('last active admin');
	});

	test('security headers are set on pages and API responses', async () => {
		for (const page of ['/', '/login', '/api/me/permissions']) {
			const response = await fetch(`${s.url}${page}`);
			const csp = response.headers.get('content-security-policy') ?? '';
			expect(csp, page).toContain("frame-ancestors 'none'");
			expect(csp).toContain("default-src 'self'");
			expect(csp).toContain("form-action 'self'");
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
		}
	});

	test("SvelteKit's CSRF check stays on: a form post from another origin is refused", async () => {
		const response = await formPost(s, '/login', { email: ADMIN.email, password: ADMIN.password }, { headers: { origin: 'https://evil.example' } });
		expect(response.status).toBe(403);
		expect(setCookieValue(response, 'wijktafel_staff')).toBeNull();
	});

	test('WebSocket: cookie auth with a foreign Origin is refused with 4403; with our own Origin it is accepted', async () => {
		const participant = await join(s, workshop.joinCode);
		const url = `${s.wsUrl}/${participant.agendaDoc}`;
		const closeCode = (origin: string) =>
			new Promise<number>((resolve, reject) => {
				const ws = new WebSocket(url, { headers: { origin, cookie: participantCookie(participant.token) } });
				ws.once('error', reject);
				ws.once('message', () => {
					// A sync message arrived: the connection was accepted.
					ws.close();
					resolve(0);
				});
				ws.once('close', (code) => resolve(code));
			});
		expect(await closeCode('https://evil.example')).toBe(4403);
		expect(await closeCode(s.url)).toBe(0);
	});

	test('no passwords or tokens in the server output after a login, a join and a sync', async () => {
		const user = await addUser(s, adminToken, 'logtest@maastricht.nl', 'facilitator', 'geheim-wachtwoord-logtest');
		await formPost(s, '/login', { email: user.email, password: 'fout-wachtwoord-logtest' });
		const staffToken = await login(s, user.email, user.password);
		const participant = await join(s, workshop.joinCode, { name: 'Logtest' });
		const a = client(s.wsUrl, participant.agendaDoc, participant.token);
		const b = client(s.wsUrl, `workshop-${workshop.workshopId}`, staffToken);
		const bad = client(s.wsUrl, participant.agendaDoc, 'z'.repeat(32));
		await Promise.all([a.synced, b.synced, bad.closed]);
		const output = s.output();
		for (const secret of [user.password, 'fout-wachtwoord-logtest', ADMIN.password, staffToken, adminToken, participant.token, 'z'.repeat(32), workshop.projectorToken]) {
			expect(output.includes(secret), `secret ${secret.slice(0, 4)}… in the log`).toBe(false);
		}
		expect(output).toContain('staff signed in');
	});
});

describe('login rate limit', () => {
	let s: TestServer;
	beforeAll(async () => {
		s = await startServerWithOrigin({ env: ADMIN_ENV });
	});
	afterAll(() => s.kill());

	test('eleven bad passwords from one address lock the login there with a clear message; the right password is refused too', async () => {
		for (let i = 1; i <= 10; i++) {
			const response = await formPost(s, '/login', { email: ADMIN.email, password: `fout-${i}-wachtwoord` });
			expect(response.status, `attempt ${i}`).toBe(400);
		}
		const locked = await formPost(s, '/login', { email: ADMIN.email, password: 'fout-11-wachtwoord' });
		expect(locked.status).toBe(429);
		const html = await locked.text();
		expect(html).toMatch(/Te vaak een verkeerd wachtwoord\. Inloggen is even geblokkeerd\. Probeer het opnieuw om \d{2}:\d{2}:\d{2} \(over \d+ seconden\)\./);
		expect(html).toContain('role="alert"');

		const right = await formPost(s, '/login', { email: ADMIN.email, password: ADMIN.password });
		expect(right.status).toBe(429);
		expect(setCookieValue(right, 'wijktafel_staff')).toBeNull();
		expect(s.output()).toContain('login refused: too many failed attempts');
	});
});

describe('login lock-out from many addresses', () => {
	let s: TestServer;
	beforeAll(async () => {
		// Behind a proxy the client address comes from X-Forwarded-For; that lets the test speak from many addresses.
		s = await startServerWithOrigin({ env: { ...ADMIN_ENV, ADDRESS_HEADER: 'x-forwarded-for' } });
	});
	afterAll(() => s.kill());

	const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

	test('11 wrong passwords from 11 addresses do not lock the real admin out: the right password from a 12th address signs in', async () => {
		for (let i = 1; i <= 11; i++) {
			const response = await formPost(s, '/login', { email: ADMIN.email, password: `fout-${i}-wachtwoord` }, from(`198.51.100.${i}`));
			expect(response.status, `attempt ${i}`).toBe(400);
		}
		const right = await formPost(s, '/login', { email: ADMIN.email, password: ADMIN.password }, from('203.0.113.12'));
		expect(right.status).toBe(303);
		expect(setCookieValue(right, 'wijktafel_staff')).toMatch(/^[a-z0-9]+$/);
	});

	test('30 failures from many addresses lock the account for new addresses; the admin\'s known browser and known address still get in', async () => {
		// The admin signed in before from this laptop: it holds the known-device cookie.
		const before = await formPost(s, '/login', { email: ADMIN.email, password: ADMIN.password }, from('192.0.2.10'));
		expect(before.status).toBe(303);
		const device = setCookieValue(before, 'wijktafel_known_device');
		expect(device).toBeTruthy();
		for (let i = 1; i <= 30; i++) {
			const response = await formPost(s, '/login', { email: ADMIN.email, password: `raden-${i}` }, from(`198.51.100.${100 + i}`));
			expect([400, 429], `attempt ${i}`).toContain(response.status);
		}
		const stranger = await formPost(s, '/login', { email: ADMIN.email, password: ADMIN.password }, from('203.0.113.77'));
		expect(stranger.status).toBe(429);
		expect(await stranger.text()).toContain('Te vaak een verkeerd wachtwoord');
		expect(setCookieValue(stranger, 'wijktafel_staff')).toBeNull();

		const knownAddress = await formPost(s, '/login', { email: ADMIN.email, password: ADMIN.password }, from('192.0.2.10'));
		expect(knownAddress.status).toBe(303);
		const knownBrowser = await formPost(
			s,
			'/login',
			{ email: ADMIN.email, password: ADMIN.password },
			{ headers: { 'x-forwarded-for': '203.0.113.78' }, cookie: `wijktafel_known_device=${device}` }
		);
		expect(knownBrowser.status).toBe(303);
	});
});
