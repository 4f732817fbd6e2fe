/**
 * Shareable quotes ("deelbaar citaat", issue 17): staff mark a card over HTTP, the dashboard shows
 * its words and nothing of who wrote them; a participant, a projector, a visitor without a session,
 * a sibling site and a disabled staff account are refused with 4xx JSON and nothing changes; and
 * "vergeet mij" takes the forgotten person's card out of the quotes. Real server, real SQLite,
 * real sockets.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { join, staffAccount, type TestServer } from '../helpers/server.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { waitFor } from '../helpers/wait.ts';
import { writeCard } from '../helpers/yclient.ts';
import { ADMIN, ADMIN_ENV, apiPost, formPost, login, participantCookie, staffCookie, startServerWithOrigin } from '../helpers/staff.ts';
import { createWorkshopAsStaff, type CreatedWorkshop } from '../helpers/workshop-http.ts';

const { client } = cleanedUpAfterEach();

function marks(dataDir: string): { agenda_id: string; card_id: string; marked_by: string }[] {
	const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { readonly: true });
	try {
		return db.prepare('SELECT agenda_id, card_id, marked_by FROM shareable_quotes ORDER BY card_id').all() as { agenda_id: string; card_id: string; marked_by: string }[];
	} finally {
		db.close();
	}
}

async function mark(
	s: TestServer,
	agendaId: string,
	body: unknown,
	auth: { bearer?: string; cookie?: string; origin?: string | null } = {}
): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
	if (auth.cookie) headers.cookie = auth.cookie;
	const origin = auth.origin === undefined ? s.url : auth.origin;
	if (origin !== null) headers.origin = origin;
	const response = await fetch(`${s.url}/api/agendas/${agendaId}/quotes`, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
		redirect: 'manual'
	});
	return { status: response.status, type: response.headers.get('content-type'), json: (await response.json()) as Record<string, unknown> };
}

async function dashboardHtml(s: TestServer, token: string, pathName = '/dashboard/zuid'): Promise<string> {
	const response = await fetch(`${s.url}${pathName}`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' });
	expect(response.status).toBe(200);
	return response.text();
}

/** The council report's PDF as text (the stories are in section 4). */
async function councilReportText(s: TestServer, token: string, agendaId: string): Promise<string> {
	const response = await fetch(`${s.url}/agenda/${agendaId}/raadsrapportage?format=pdf`, { headers: { cookie: staffCookie(token) }, redirect: 'manual' });
	expect(response.status).toBe(200);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadsrapportage-'));
	try {
		const file = path.join(dir, 'rapport.pdf');
		fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
		return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe('shareable quotes over HTTP', () => {
	let s: TestServer;
	let adminToken: string;
	let workshop: CreatedWorkshop;
	beforeAll(async () => {
		s = await startServerWithOrigin({ env: ADMIN_ENV });
		adminToken = await login(s, ADMIN.email, ADMIN.password);
		workshop = await createWorkshopAsStaff(s, adminToken, 'zuid', 'Citatenavond');
	});
	afterAll(() => s.kill());

	test('a facilitator marks and unmarks; the dashboard shows the words without name, buurt or age; hostile callers change nothing; forget removes the quote', async () => {
		const ALICE = { name: 'Annemarie Citaatvrouw', text: 'In de Heugemerhof voel ik me eindelijk welkom (citaat-a1)' };
		const BOB = { name: 'Bartholomeus Citaatman', text: 'Een bankje bij de bushalte zou veel schelen (citaat-b2)' };
		const alice = await join(s, workshop.joinCode, { name: ALICE.name, ageBand: '65+', buurt: 'BU09350600' });
		const bob = await join(s, workshop.joinCode, { name: BOB.name, ageBand: '25-44', buurt: 'BU09350600' });
		const agendaId = alice.agendaDoc.replace(/^agenda-/, '');
		const a = client(s.wsUrl, alice.agendaDoc, alice.token);
		const b = client(s.wsUrl, bob.agendaDoc, bob.token);
		await Promise.all([a.synced, b.synced]);
		const aliceCard = writeCard(a.doc, { id: alice.participantId, name: ALICE.name, kind: 'participant', workshopId: workshop.workshopId }, ALICE.text);
		const bobCard = writeCard(b.doc, { id: bob.participantId, name: BOB.name, kind: 'participant', workshopId: workshop.workshopId }, BOB.text);
		await waitFor(() => a.doc.getMap('cards').has(bobCard) && b.doc.getMap('cards').has(aliceCard), { what: 'both cards on the server' });

		const facilitator = await staffAccount(s.dataDir, 'facilitator');
		const asFacilitator = { cookie: staffCookie(facilitator.token) };

		// Before: the dashboard has no stories.
		expect(await dashboardHtml(s, facilitator.token)).not.toContain(ALICE.text);

		// --- Hostile callers: each gets 4xx JSON, and no mark is written.
		const hostile: [string, Parameters<typeof mark>[3], number][] = [
			['no session at all', {}, 401],
			['a participant token (their own card)', { bearer: alice.token }, 403],
			['a participant cookie', { cookie: participantCookie(alice.token) }, 403],
			['the projector link', { bearer: workshop.projectorToken }, 403],
			['a forged token', { bearer: 'f'.repeat(64) }, 401],
			["a sibling site riding the facilitator's cookie", { cookie: staffCookie(facilitator.token), origin: 'https://evil.example' }, 403]
		];
		for (const [who, auth, status] of hostile) {
			const refused = await mark(s, agendaId, { cardId: aliceCard, shareable: true }, auth);
			expect(refused.status, who).toBe(status);
			expect(refused.type, who).toContain('application/json');
			expect(refused.json.error, who).toEqual(expect.any(String));
		}
		expect(marks(s.dataDir)).toEqual([]);

		// Bad input from staff: clear 4xx JSON, never a 500.
		expect((await mark(s, agendaId, '{not json', asFacilitator)).status).toBe(400);
		expect((await mark(s, agendaId, { cardId: aliceCard, shareable: 'ja' }, asFacilitator)).json).toMatchObject({ reason: 'bad-shareable' });
		expect((await mark(s, agendaId, { cardId: 'x'.repeat(5000), shareable: true }, asFacilitator)).status).toBe(413);
		expect((await mark(s, agendaId, { cardId: 'bestaatniet', shareable: true }, asFacilitator)).status).toBe(404);
		expect((await mark(s, 'geenagenda', { cardId: aliceCard, shareable: true }, asFacilitator)).status).toBe(404);
		// A card of this agenda named on another agenda is not found there.
		const elsewhere = await createWorkshopAsStaff(s, adminToken, 'noord', 'Andere avond');
		const otherAgenda = (await join(s, elsewhere.joinCode, { name: 'Iemand anders' })).agendaDoc.replace(/^agenda-/, '');
		expect(otherAgenda).not.toBe(agendaId);
		expect((await mark(s, otherAgenda, { cardId: aliceCard, shareable: true }, asFacilitator)).status).toBe(404);
		expect(marks(s.dataDir)).toEqual([]);

		// --- The facilitator marks both cards.
		for (const cardId of [aliceCard, bobCard]) {
			const done = await mark(s, agendaId, { cardId, shareable: true }, asFacilitator);
			expect(done).toMatchObject({ status: 200, json: { cardId, shareable: true } });
		}
		expect(marks(s.dataDir)).toEqual(
			[aliceCard, bobCard].sort().map((card_id) => ({ agenda_id: agendaId, card_id, marked_by: facilitator.userId }))
		);

		// The dashboard (stadsdeel and city) shows the words, never who wrote them, their buurt or age.
		for (const pathName of ['/dashboard/zuid', '/dashboard']) {
			const html = await dashboardHtml(s, facilitator.token, pathName);
			expect(html, pathName).toContain(ALICE.text);
			expect(html, pathName).toContain(BOB.text);
			// No name anywhere on the page, not even in its data; the reach there is counts only.
			for (const name of [ALICE.name, BOB.name]) expect(html, `${pathName}: ${name}`).not.toContain(name);
			// Next to the words: no buurt, no age.
			const storiesAt = html.indexOf('id="db-stories"');
			const stories = html.slice(storiesAt, html.indexOf('</section>', storiesAt));
			expect(stories).toContain(ALICE.text);
			for (const secret of ['Randwyck', '65+', '25-44', '25–44']) expect(stories, `${pathName}: ${secret}`).not.toContain(secret);
		}
		// The council report tells the same stories, without names.
		const report = await councilReportText(s, facilitator.token, agendaId);
		expect(report).toContain('Verhalen die een begeleider deelbaar maakte (uit de hele periode, zonder namen):');
		expect(report).toContain(ALICE.text);
		for (const name of [ALICE.name, BOB.name]) expect(report).not.toContain(name);
		// The Zuid quotes are not on another stadsdeel's dashboard.
		expect(await dashboardHtml(s, facilitator.token, '/dashboard/noord')).not.toContain(ALICE.text);

		// A disabled staff account can no longer unmark.
		const official = await staffAccount(s.dataDir, 'official');
		const disabled = await formPost(s, '/admin/users?/disable', { userId: official.userId }, { cookie: staffCookie(adminToken) });
		expect(disabled.status).toBe(200);
		const refused = await mark(s, agendaId, { cardId: bobCard, shareable: false }, { cookie: staffCookie(official.token) });
		expect(refused.status).toBeGreaterThanOrEqual(400);
		expect(refused.status).toBeLessThan(500);
		expect(marks(s.dataDir)).toHaveLength(2);

		// Unmark and mark again through the staff page's form.
		const unmarked = await formPost(s, `/agenda/${agendaId}/citaten?/mark`, { cardId: bobCard, shareable: 'false' }, asFacilitator);
		expect(unmarked.status).toBe(200);
		expect(marks(s.dataDir).map((row) => row.card_id)).toEqual([aliceCard]);
		expect(await dashboardHtml(s, facilitator.token)).not.toContain(BOB.text);
		await formPost(s, `/agenda/${agendaId}/citaten?/mark`, { cardId: bobCard, shareable: 'true' }, asFacilitator);
		expect(marks(s.dataDir)).toHaveLength(2);

		// --- "Vergeet mij": Alice goes, and her card leaves the quotes; Bob's stays.
		const forgotten = await apiPost(s, '/api/me/forget', { bearer: alice.token });
		expect(forgotten.status).toBe(200);
		expect(marks(s.dataDir).map((row) => row.card_id)).toEqual([bobCard]);
		const after = await dashboardHtml(s, facilitator.token);
		expect(after).not.toContain(ALICE.text);
		expect(after).toContain(BOB.text);
		const reportAfter = await councilReportText(s, facilitator.token, agendaId);
		expect(reportAfter).not.toContain(ALICE.text);
		expect(reportAfter).toContain(BOB.text);
	});
});
