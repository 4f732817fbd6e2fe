/**
 * Every row of the permission table (src/lib/domain/permissions.ts), against the real server:
 *  - over HTTP, for every kind of credential: what /api/me/permissions reports, and — where an
 *    endpoint or page enforces the row — whether that endpoint lets each one through;
 *  - where the row is about a Yjs doc, through stock y-websocket clients holding real tokens.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { ACTIONS, can, type Action, type ActorRole } from '../../src/lib/domain/permissions.ts';
import { join, type TestServer } from '../helpers/server.ts';
import { cardTexts, writeCard, type TestClient } from '../helpers/yclient.ts';
import { ensureSynthesis, readSynthesis } from '../../src/lib/sync/agenda-schema.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { waitFor } from '../helpers/wait.ts';
import { ADMIN, ADMIN_ENV, addUser, apiPost, formPost, login, participantCookie, staffCookie, startServerWithOrigin } from '../helpers/staff.ts';
import { createWorkshopAsStaff, type CreatedWorkshop } from '../helpers/workshop-http.ts';

type Who = 'anonymous' | 'admin' | 'official' | 'facilitator' | 'participant' | 'projector';
const EVERYONE: Who[] = ['anonymous', 'admin', 'official', 'facilitator', 'participant', 'projector'];
const isStaff = (who: Who) => who === 'admin' || who === 'official' || who === 'facilitator';
const allowed = (who: Who, action: Action) => who !== 'anonymous' && can(who as ActorRole, action);

let s: TestServer;
const staffTokens: Record<'admin' | 'official' | 'facilitator', string> = { admin: '', official: '', facilitator: '' };
let A: CreatedWorkshop; // the participants' and projector's own workshop
let B: CreatedWorkshop; // someone else's workshop, for scope
let C: CreatedWorkshop; // target of workshop.control probes
let participantA: Awaited<ReturnType<typeof join>>;
let participantB: Awaited<ReturnType<typeof join>>;
let agendaA: string;
let agendaIdA: string; // agendaA without its doc prefix
let agendaIdC: string; // C's agenda: target of the version probes, so agendaA's content stays as the doc tests expect
let versionIdC: string;

const { client } = cleanedUpAfterEach();

beforeAll(async () => {
	s = await startServerWithOrigin({ env: ADMIN_ENV });
	staffTokens.admin = await login(s, ADMIN.email, ADMIN.password);
	for (const role of ['official', 'facilitator'] as const) {
		const user = await addUser(s, staffTokens.admin, `${role}@maastricht.nl`, role);
		staffTokens[role] = await login(s, user.email, user.password);
	}
	A = await createWorkshopAsStaff(s, staffTokens.facilitator, 'zuid', 'A');
	B = await createWorkshopAsStaff(s, staffTokens.facilitator, 'noord', 'B');
	C = await createWorkshopAsStaff(s, staffTokens.facilitator, 'west', 'C');
	participantA = await join(s, A.joinCode, { name: 'Anna' });
	participantB = await join(s, B.joinCode, { name: 'Bram' });
	agendaA = participantA.agendaDoc;
	agendaIdA = agendaA.replace(/^agenda-/, '');
	agendaIdC = (await join(s, C.joinCode, { name: 'Carla' })).agendaDoc.replace(/^agenda-/, '');
	await formPost(s, `/agenda/${agendaIdC}?/takeVersion`, { name: 'Startversie' }, { cookie: staffCookie(staffTokens.admin) });
	versionIdC = new RegExp(`/agenda/${agendaIdC}/versies/([a-z0-9]+)`).exec(await agendaPageAsAdmin(agendaIdC))![1];
});
afterAll(() => s.kill());

/** How each kind of caller presents itself: staff and participants with their cookie, the projector with its token. */
function cookieOf(who: Who): string | undefined {
	if (who === 'admin' || who === 'official' || who === 'facilitator') return staffCookie(staffTokens[who]);
	if (who === 'participant') return participantCookie(participantA.token);
	return undefined;
}
function apiAuth(who: Who): { bearer?: string; cookie?: string } {
	if (who === 'participant') return { bearer: participantA.token };
	if (who === 'projector') return { bearer: A.projectorToken };
	return { cookie: cookieOf(who) };
}
function pageGet(path: string, who: Who): Promise<Response> {
	const cookie = cookieOf(who);
	return fetch(`${s.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

function agendaPageAsAdmin(agendaId: string): Promise<string> {
	return fetch(`${s.url}/agenda/${agendaId}`, { headers: { cookie: cookieOf('admin')! } }).then((r) => r.text());
}

/**
 * Whether a page, download or form action let the caller through (`through`: by default a 200). A
 * refusal must be the right one: without a staff session, a 303 to `/login?next=<returnTo>` — the
 * exact page they were on, so signing in brings them back; a staff member whose role lacks the row,
 * a 403 (sending them to sign in again would loop).
 */
function pageAllows(response: Response, who: Who, returnTo: string, through: (r: Response) => boolean = (r) => r.status === 200): boolean {
	const location = response.headers.get('location') ?? '';
	if (response.status === 303 && location.startsWith('/login')) {
		expect(location, `${who} is sent to sign in and back to ${returnTo}`).toBe(`/login?next=${encodeURIComponent(returnTo)}`);
		expect(isStaff(who), `${who}, signed in as staff, is refused rather than sent to sign in`).toBe(false);
		return false;
	}
	if (response.status === 403) {
		expect(isStaff(who), `${who}, without a staff session, is sent to sign in rather than refused`).toBe(true);
		return false;
	}
	if (through(response)) return true;
	throw new Error(`unexpected ${response.status} ${location}`);
}
/** GET a page (or download) as `who`: does it let them in? */
async function getAllows(path: string, who: Who): Promise<boolean> {
	return pageAllows(await pageGet(path, who), who, path);
}
/** POST a form action (`/page?/action`) as `who`; a refusal sends them back to the page itself. */
async function actionAllows(pathAndAction: string, fields: Record<string, string>, who: Who, through?: (r: Response) => boolean): Promise<boolean> {
	const response = await formPost(s, pathAndAction, fields, { cookie: cookieOf(who) });
	return pageAllows(response, who, pathAndAction.split('?')[0], through);
}
/** Every probe of one row must agree; the row's answer. */
function agreeing(results: Record<string, boolean>): boolean {
	const [first, ...rest] = Object.entries(results);
	for (const [where, allows] of rest) expect(allows, `${where} agrees with ${first[0]}`).toBe(first[1]);
	return first[1];
}
/** An API refuses with 401/403; anything else means the permission check let the caller through. */
function apiAllows(response: Response): boolean {
	if (response.status === 401 || response.status === 403) return false;
	if (response.status >= 500) throw new Error(`server error ${response.status}`);
	return true;
}

/** The endpoints and pages that enforce a row, probed as each caller. */
const ENFORCED_BY: Partial<Record<Action, { where: string; probe(who: Who): Promise<boolean> }>> = {
	'users.manage': {
		where: 'GET /admin/users and POST /admin/users?/enable',
		probe: async (who) =>
			agreeing({
				page: await getAllows('/admin/users', who),
				// An unknown account: a 404 means the permission check let the caller through.
				action: await actionAllows('/admin/users?/enable', { userId: 'onbekend00000000' }, who, (r) => r.status === 404)
			})
	},
	'agenda.view': {
		where: 'GET /staff, /agenda, /agenda/[id], /agenda/[id]/afweging, /agenda/[id]/versies/[id], /dashboard and /dashboard/[stadsdeel]',
		probe: async (who) =>
			agreeing({
				staff: await getAllows('/staff', who),
				dashboard: await getAllows('/dashboard', who),
				dashboardStadsdeel: await getAllows('/dashboard/zuid', who),
				agendas: await getAllows('/agenda', who),
				agenda: await getAllows(`/agenda/${agendaIdA}`, who),
				weighing: await getAllows(`/agenda/${agendaIdA}/afweging`, who),
				version: await getAllows(`/agenda/${agendaIdC}/versies/${versionIdC}`, who)
			})
	},
	'agenda.versions': {
		where: 'POST /agenda/[id]?/takeVersion and POST /agenda/[id]/versies/[id]?/restore',
		probe: async (who) => {
			const name = `Proefversie van ${who}`;
			const take = await actionAllows(`/agenda/${agendaIdC}?/takeVersion`, { name }, who);
			expect((await agendaPageAsAdmin(agendaIdC)).includes(name), `a version by ${who} exists exactly when they may take one`).toBe(take);
			const restore = await actionAllows(`/agenda/${agendaIdC}/versies/${versionIdC}?/restore`, {}, who, (r) =>
				r.status === 303 && (r.headers.get('location') ?? '').startsWith(`/agenda/${agendaIdC}?hersteld=`)
			);
			return agreeing({ take, restore });
		}
	},
	'agenda.followup': {
		where: 'GET /agenda/[id]/voortgang, /agenda/[id]/voortgang/[actionId] and POST …/voortgang/[actionId]?/status',
		// An action that does not exist: a 404 means the permission check let the caller through.
		probe: async (who) =>
			agreeing({
				overview: await getAllows(`/agenda/${agendaIdC}/voortgang`, who),
				detail: pageAllows(await pageGet(`/agenda/${agendaIdC}/voortgang/onbekend00000000`, who), who, `/agenda/${agendaIdC}/voortgang/onbekend00000000`, (r) => r.status === 404),
				form: await actionAllows(`/agenda/${agendaIdC}/voortgang/onbekend00000000?/status`, { status: 'klaar' }, who, (r) => r.status === 404)
			})
	},
	'agenda.publish': {
		where: 'GET /agenda/[id]/publiceren and POST /agenda/[id]/publiceren?/publish',
		// No version chosen: a 400 means the permission check let the caller through (and nothing is published).
		probe: async (who) =>
			agreeing({
				page: await getAllows(`/agenda/${agendaIdC}/publiceren`, who),
				form: await actionAllows(`/agenda/${agendaIdC}/publiceren?/publish`, {}, who, (r) => r.status === 400)
			})
	},
	'agenda.quotes': {
		where: 'GET /agenda/[id]/citaten, POST /agenda/[id]/citaten?/mark and POST /api/agendas/[id]/quotes',
		// A card that does not exist: a 404 (a 400 for the body-less API call) means the check let the caller through.
		probe: async (who) =>
			agreeing({
				page: await getAllows(`/agenda/${agendaIdC}/citaten`, who),
				form: await actionAllows(`/agenda/${agendaIdC}/citaten?/mark`, { cardId: 'onbekend00000000', shareable: 'true' }, who, (r) => r.status === 404),
				api: apiAllows(await apiPost(s, `/api/agendas/${agendaIdC}/quotes`, apiAuth(who)))
			})
	},
	'workshop.create': {
		where: 'POST /staff?/createWorkshop',
		probe: async (who) => {
			const response = await formPost(s, '/staff?/createWorkshop', { stadsdeel: 'zuid-west', title: `Probe ${who}` }, { cookie: cookieOf(who) });
			const ok = pageAllows(response, who, '/staff');
			if (ok) expect(await response.text()).toMatch(/\/join\/[A-Z0-9]{6}/);
			return ok;
		}
	},
	'workshop.control': {
		where: 'POST /api/workshops/[id]/projector-link and GET /facilitate/[id], /facilitate/[id]/kaart, /facilitate/[id]/bereik',
		probe: async (who) =>
			agreeing({
				api: apiAllows(await apiPost(s, `/api/workshops/${C.workshopId}/projector-link`, apiAuth(who))),
				console: await getAllows(`/facilitate/${C.workshopId}`, who),
				map: await getAllows(`/facilitate/${C.workshopId}/kaart`, who),
				reach: await getAllows(`/facilitate/${C.workshopId}/bereik`, who)
			})
	},
	'areas.import': {
		where: 'GET /admin/indicatoren, /admin/facilities and their CSV templates',
		probe: async (who) =>
			agreeing({
				indicators: await getAllows('/admin/indicatoren', who),
				facilities: await getAllows('/admin/facilities', who),
				indicatorTemplate: await getAllows('/admin/indicatoren/indicatoren-sjabloon.csv', who),
				facilityTemplate: await getAllows('/admin/facilities/voorzieningen-sjabloon.csv', who)
			})
	},
	'agenda.export': {
		where: 'GET /agenda/[id]/export',
		probe: async (who) => {
			const auth = apiAuth(who);
			const response = await fetch(`${s.url}/agenda/${agendaIdA}/export?format=json`, {
				redirect: 'manual',
				headers: { ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}), ...(auth.cookie ? { cookie: auth.cookie } : {}) }
			});
			return apiAllows(response);
		}
	},
	'agenda.weights.set': {
		where: 'POST /api/agendas/[id]/weighing and POST /agenda/[id]/afweging?/record',
		// Empty input: a 400 means the permission check let the caller through to the input check.
		probe: async (who) =>
			agreeing({
				api: apiAllows(await apiPost(s, `/api/agendas/${agendaIdA}/weighing`, apiAuth(who))),
				form: await actionAllows(`/agenda/${agendaIdA}/afweging?/record`, {}, who, (r) => r.status === 400)
			})
	},
	'workshop.watch': {
		where: 'GET /projector/[id] and /projector/[id]/kaart (projector with its link, staff with their session)',
		probe: async (who) => {
			const query = who === 'projector' ? `?token=${A.projectorToken}` : '';
			const allows = async (path: string) => pageAllows(await pageGet(path + query, who), who, path);
			return agreeing({ screen: await allows(`/projector/${A.workshopId}`), map: await allows(`/projector/${A.workshopId}/kaart`) });
		}
	},
	'ballot.cast': {
		where: 'POST /api/ballots',
		probe: async (who) => {
			const auth = apiAuth(who);
			const response = await fetch(`${s.url}/api/ballots`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					origin: s.url,
					...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
					...(auth.cookie ? { cookie: auth.cookie } : {})
				},
				body: '{}'
			});
			return apiAllows(response);
		}
	},
	'participant.forget-self': {
		where: 'POST /api/me/forget',
		probe: async (who) => {
			// Forgetting is for real, so the participant probe uses a throwaway participant.
			const auth = who === 'participant' ? { bearer: (await join(s, A.joinCode, { name: 'Wegwerp' })).token } : apiAuth(who);
			return apiAllows(await apiPost(s, '/api/me/forget', auth));
		}
	}
};
/** Rows that act on a doc, and are therefore tested through WebSocket clients below. */
const DOC_ROWS: Action[] = ['agenda-doc.write', 'agenda-doc.read', 'workshop-doc.write', 'workshop-doc.read', 'tally-doc.read', 'record-doc.read'];

describe('every row over HTTP', () => {
	const reported = new Map<Who, Record<string, boolean> | null>();
	beforeAll(async () => {
		for (const who of EVERYONE) {
			const auth = apiAuth(who);
			const response = await fetch(`${s.url}/api/me/permissions`, {
				headers: { ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}), ...(auth.cookie ? { cookie: auth.cookie } : {}) }
			});
			reported.set(who, response.status === 200 ? (await response.json()).actions : null);
			expect(response.status, who).toBe(who === 'anonymous' ? 401 : 200);
		}
	});

	for (const action of Object.keys(ACTIONS) as Action[]) {
		test(`${action}: /api/me/permissions reports it for exactly ${ACTIONS[action].join(', ')}`, () => {
			for (const who of EVERYONE) expect(reported.get(who)?.[action] ?? false, who).toBe(allowed(who, action));
		});
		const enforcement = ENFORCED_BY[action];
		if (enforcement) {
			test(`${action}: ${enforcement.where} lets in exactly ${ACTIONS[action].join(', ')}`, async () => {
				for (const who of EVERYONE) expect(await enforcement.probe(who), who).toBe(allowed(who, action));
			});
		}
	}

	test('every permission row is enforced by a probe above or, for doc rows, by the y-websocket test', () => {
		const unprobed = (Object.keys(ACTIONS) as Action[]).filter((action) => !ENFORCED_BY[action] && !DOC_ROWS.includes(action));
		expect(unprobed).toEqual([]);
	});

	test('a participant token never reaches another workshop over HTTP', async () => {
		const auth = { bearer: participantB.token };
		expect((await apiPost(s, `/api/workshops/${A.workshopId}/close`, auth)).status).toBe(403);
		const me = await (await fetch(`${s.url}/api/me/permissions`, { headers: { authorization: `Bearer ${participantB.token}` } })).json();
		expect(Object.keys(me.docs)).not.toContain(agendaA);
	});

	test('cookie credentials on a state-changing API need our own Origin; a bearer token does not', async () => {
		const path = `/api/workshops/${C.workshopId}/projector-link`;
		expect((await apiPost(s, path, { cookie: cookieOf('facilitator'), origin: null })).status).toBe(403);
		expect((await apiPost(s, path, { cookie: cookieOf('facilitator'), origin: 'https://evil.example' })).status).toBe(403);
		expect((await apiPost(s, path, { bearer: staffTokens.facilitator, origin: null })).status).toBe(200);
		expect((await apiPost(s, '/api/workshops/onbekend12345/projector-link', { bearer: staffTokens.facilitator })).status).toBe(404);
	});
});

/**
 * A write the server must refuse: the writer is closed with `code` (4423 read-only, 4422 refused),
 * nothing reached the observers, and a fresh reader of the server's copy does not have it either.
 */
async function expectRefused(writer: TestClient, code: number, observers: TestClient[], reached: (doc: Y.Doc) => boolean, freshReader: () => TestClient) {
	expect((await writer.closed).code).toBe(code);
	for (const observer of observers) expect(reached(observer.doc)).toBe(false);
	const fresh = freshReader();
	await fresh.synced;
	expect(reached(fresh.doc)).toBe(false);
}

const annaAuthor = () => ({ id: participantA.participantId, name: 'Anna', kind: 'participant' as const, workshopId: A.workshopId });
const hasCard = (text: string) => (doc: Y.Doc) => cardTexts(doc).includes(text);

describe('every doc row through stock y-websocket clients', () => {
	test("agenda-doc.write: a participant's card reaches the others; staff write too", async () => {
		const other = await join(s, A.joinCode, { name: 'Otto' });
		const anna = client(s.wsUrl, agendaA, participantA.token);
		const otto = client(s.wsUrl, agendaA, other.token);
		const staff = client(s.wsUrl, agendaA, staffTokens.official);
		await Promise.all([anna.synced, otto.synced, staff.synced]);
		writeCard(anna.doc, annaAuthor(), 'Een buurthuis dat ook in het weekend open is');
		ensureSynthesis(staff.doc, 1).insert(0, 'Wat kost een extra avond?');
		await waitFor(() => hasCard('Een buurthuis dat ook in het weekend open is')(otto.doc) && readSynthesis(otto.doc, 1) === 'Wat kost een extra avond?', {
			what: 'card and synthesis everywhere'
		});
		expect(hasCard('Een buurthuis dat ook in het weekend open is')(staff.doc)).toBe(true);
	});

	test('agenda-doc.read: the projector reads the agenda doc; a write from it is refused with 4423 and reaches nobody', async () => {
		const anna = client(s.wsUrl, agendaA, participantA.token);
		const screen = client(s.wsUrl, agendaA, A.projectorToken);
		await Promise.all([anna.synced, screen.synced]);
		writeCard(anna.doc, annaAuthor(), 'Zichtbaar op het scherm');
		await waitFor(() => hasCard('Zichtbaar op het scherm')(screen.doc), { what: 'the projector reads' });
		writeCard(screen.doc, annaAuthor(), 'mag niet');
		await expectRefused(screen, 4423, [anna], hasCard('mag niet'), () => client(s.wsUrl, agendaA, participantA.token));
	});

	test("a participant of workshop B gets none of workshop A's docs (4403)", async () => {
		for (const doc of [agendaA, `workshop-${A.workshopId}`, `tally-${A.workshopId}`]) {
			expect((await client(s.wsUrl, doc, participantB.token).closed).code, doc).toBe(4403);
		}
	});

	test("workshop-doc.write: a resident's socket cannot change the workshop doc (current step, hidden cards): refused with 4423, it reaches no other client", async () => {
		const workshopDoc = `workshop-${A.workshopId}`;
		const mallory = client(s.wsUrl, workshopDoc, participantA.token);
		const neighbour = await join(s, A.joinCode, { name: 'Buurvrouw' });
		const other = client(s.wsUrl, workshopDoc, neighbour.token);
		const facilitator = client(s.wsUrl, workshopDoc, staffTokens.facilitator);
		const screen = client(s.wsUrl, workshopDoc, A.projectorToken);
		await Promise.all([mallory.synced, other.synced, facilitator.synced, screen.synced]);

		mallory.doc.transact(() => {
			mallory.doc.getMap('state').set('currentStep', 8);
			mallory.doc.getMap('hiddenCards').set('kaart-anna', true);
		});
		const reached = (doc: Y.Doc) => doc.getMap('state').get('currentStep') === 8 || doc.getMap('hiddenCards').has('kaart-anna');
		await expectRefused(mallory, 4423, [other, facilitator, screen], reached, () => client(s.wsUrl, workshopDoc, neighbour.token));
	});

	test("workshop-doc.write / workshop-doc.read: the facilitator's step reaches participants and the projector", async () => {
		const workshopDoc = `workshop-${A.workshopId}`;
		const facilitator = client(s.wsUrl, workshopDoc, staffTokens.facilitator);
		const anna = client(s.wsUrl, workshopDoc, participantA.token);
		const screen = client(s.wsUrl, workshopDoc, A.projectorToken);
		await Promise.all([facilitator.synced, anna.synced, screen.synced]);
		facilitator.doc.getMap('state').set('currentStep', 3);
		await waitFor(() => anna.doc.getMap('state').get('currentStep') === 3 && screen.doc.getMap('state').get('currentStep') === 3, {
			what: 'the step everywhere'
		});
	});

	test('tally-doc.read: participants read the tally doc; writes from anyone are refused with 4423 (only the server writes it)', async () => {
		const tallyDoc = `tally-${A.workshopId}`;
		const anna = client(s.wsUrl, tallyDoc, participantA.token);
		const facilitator = client(s.wsUrl, tallyDoc, staffTokens.facilitator);
		await Promise.all([anna.synced, facilitator.synced]);
		anna.doc.getMap('tallies').set('stemming', { kaart: 9999 });
		await expectRefused(anna, 4423, [facilitator], (doc) => doc.getMap('tallies').has('stemming'), () => client(s.wsUrl, tallyDoc, staffTokens.facilitator));
		// Staff may not write it either: the tally is the server's count.
		facilitator.doc.getMap('tallies').set('stemming2', { kaart: 1 });
		await expectRefused(facilitator, 4423, [], (doc) => doc.getMap('tallies').has('stemming2'), () => client(s.wsUrl, tallyDoc, participantA.token));
	});

	test("record-doc.read: participants read the agenda's record (final weighing); writes from anyone are refused with 4423", async () => {
		const recordDoc = agendaA.replace(/^agenda-/, 'record-');
		const anna = client(s.wsUrl, recordDoc, participantA.token);
		const facilitator = client(s.wsUrl, recordDoc, staffTokens.facilitator);
		await Promise.all([anna.synced, facilitator.synced]);
		anna.doc.getMap('weighing').set('weights', { eenzaamheid: 10 });
		await expectRefused(anna, 4423, [facilitator], (doc) => doc.getMap('weighing').has('weights'), () => client(s.wsUrl, recordDoc, staffTokens.facilitator));
		facilitator.doc.getMap('weighing').set('setBy', 'iemand');
		await expectRefused(facilitator, 4423, [], (doc) => doc.getMap('weighing').has('setBy'), () => client(s.wsUrl, recordDoc, participantA.token));
		const elsewhere = await join(s, B.joinCode, { name: 'Bert' });
		const other = client(s.wsUrl, elsewhere.agendaDoc.replace(/^agenda-/, 'record-'), participantA.token);
		expect((await other.closed).code).toBe(4403);
	});
});

describe('access that shrinks while sockets are open', () => {
	test('closing a workshop makes its participants read-only within seconds: their updates are refused with 4423', async () => {
		const D = await createWorkshopAsStaff(s, staffTokens.facilitator, 'oost', 'D');
		const anna = await join(s, D.joinCode, { name: 'Anna D' });
		const otto = await join(s, D.joinCode, { name: 'Otto D' });
		const a = client(s.wsUrl, anna.agendaDoc, anna.token);
		const o = client(s.wsUrl, otto.agendaDoc, otto.token);
		const staff = client(s.wsUrl, anna.agendaDoc, staffTokens.facilitator);
		await Promise.all([a.synced, o.synced, staff.synced]);
		const annaD = { id: anna.participantId, name: 'Anna D', kind: 'participant' as const, workshopId: D.workshopId };
		writeCard(a.doc, annaD, 'nog open');
		await waitFor(() => hasCard('nog open')(staff.doc), { what: 'a write while open' });

		// Only staff with workshop.control may close.
		expect((await apiPost(s, `/api/workshops/${D.workshopId}/close`, { bearer: anna.token })).status).toBe(403);
		expect((await apiPost(s, `/api/workshops/${D.workshopId}/close`, {})).status).toBe(401);
		const closed = await apiPost(s, `/api/workshops/${D.workshopId}/close`, { cookie: staffCookie(staffTokens.facilitator) });
		expect(closed.status).toBe(200);
		expect(await closed.json()).toMatchObject({ workshopId: D.workshopId, status: 'closed' });

		writeCard(a.doc, annaD, 'te laat');
		await expectRefused(a, 4423, [staff, o], hasCard('te laat'), () => client(s.wsUrl, anna.agendaDoc, staffTokens.facilitator));
		// They still read: staff writes reach them.
		ensureSynthesis(staff.doc, 1).insert(0, 'dank jullie wel');
		await waitFor(() => readSynthesis(o.doc, 1) === 'dank jullie wel', { what: 'closed participants still read' });
		const me = await (await fetch(`${s.url}/api/me/permissions`, { headers: { authorization: `Bearer ${anna.token}` } })).json();
		expect(me.docs[anna.agendaDoc]).toBe('read');
		// A new socket of theirs is read-only from the start.
		const late = client(s.wsUrl, anna.agendaDoc, anna.token);
		await late.synced;
		writeCard(late.doc, annaD, 'ook te laat');
		await expectRefused(late, 4423, [staff], hasCard('ook te laat'), () => client(s.wsUrl, anna.agendaDoc, staffTokens.facilitator));
	});

	test('a new projector link revokes the old one: screens on it are closed with 4401', async () => {
		const E = await createWorkshopAsStaff(s, staffTokens.facilitator, 'centrum', 'E');
		const workshopDoc = `workshop-${E.workshopId}`;
		const screen = client(s.wsUrl, workshopDoc, E.projectorToken);
		await screen.synced;
		expect((await apiPost(s, `/api/workshops/${E.workshopId}/projector-link`, { bearer: E.projectorToken })).status).toBe(403);
		const response = await apiPost(s, `/api/workshops/${E.workshopId}/projector-link`, { cookie: staffCookie(staffTokens.official) });
		expect(response.status).toBe(200);
		const { projectorUrl } = await response.json();
		const newToken = new URL(projectorUrl).searchParams.get('token')!;
		expect(new URL(projectorUrl).pathname).toBe(`/projector/${E.workshopId}`);
		expect(newToken).not.toBe(E.projectorToken);

		expect((await screen.closed).code).toBe(4401);
		const fresh = client(s.wsUrl, workshopDoc, newToken);
		await fresh.synced;
		expect((await client(s.wsUrl, workshopDoc, E.projectorToken).closed).code).toBe(4401);
	});
});
