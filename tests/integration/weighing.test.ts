/**
 * The final weights of question 7: staff send weights and a budget, the server computes the need
 * index and the allocation with the domain and records them in the agenda doc. Whole euros that add
 * up exactly; participants and bad input are refused with JSON.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { createWorkshop, join, staffToken, type TestServer } from '../helpers/server.ts';
import { formPost, participantCookie, staffCookie, startServerWithOrigin } from '../helpers/staff.ts';
import { waitFor } from '../helpers/wait.ts';
import { readWeighing, type WeighingRecord } from '../../src/lib/sync/weighing-schema.ts';
import { INDICATOR_IDS } from '../../src/lib/domain/budget/indicators.ts';

const ZUID = { Boschpoort: 'BU09350300', Heugemerveld: 'BU09350401', Randwyck: 'BU09350600', Heugem: 'BU09350601', 'De Heeg': 'BU09350603', Vroendaal: 'BU09350604' };

let server: TestServer;
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
let official: string;
const clients: TestClient[] = [];

function weighing(body: unknown, auth: { bearer?: string; cookie?: string } = { bearer: official }, raw = false) {
	const headers: Record<string, string> = { 'content-type': 'application/json', origin: server.url };
	if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
	if (auth.cookie) headers.cookie = auth.cookie;
	return fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, { method: 'POST', headers, body: raw ? (body as string) : JSON.stringify(body) });
}

const weights = { eenzaamheid: 6, zorggebruik: 4, ses: 3, gezondheid: 2 };

function sum(record: WeighingRecord): number {
	return record.result.buurten.reduce((total, row) => total + (row.euros ?? 0), 0);
}

beforeAll(async () => {
	server = await startServerWithOrigin();
	workshop = await createWorkshop(server.dataDir, 'Zuid', 'Afweging-avond');
	official = await staffToken(server.dataDir, 'official');
	// Indicators for five of the six Zuid buurten (Vroendaal has none), through the admin page.
	const rows = [
		['Boschpoort', 44, 14, -0.1, 72],
		['Heugemerveld', 52, 16, -0.4, 66],
		['Randwyck', 49, 6, 0.2, 80],
		['Heugem', 41, 11, 0.1, 77],
		['De Heeg', 47, 12, 0, 74]
	] as const;
	const csv = [
		'buurt_code;indicator;value;year;source',
		...rows.flatMap(([name, loneliness, care, ses, health]) => [
			`${ZUID[name]};eenzaamheid;${String(loneliness).replace('.', ',')};2024;GGD Zuid-Limburg`,
			`${ZUID[name]};zorggebruik;${care};2024;Wmo-registratie`,
			`${ZUID[name]};ses;${String(ses).replace('.', ',')};2023;CBS SES-WOA`,
			`${ZUID[name]};gezondheid;${health};2024;GGD Zuid-Limburg`
		])
	].join('\r\n');
	const imported = await formPost(server, '/admin/indicatoren?/import', { text: csv }, { cookie: staffCookie(official) });
	expect(imported.status).toBe(200);
}, 60_000);

afterAll(async () => {
	for (const client of clients) client.destroy();
	await server?.stop();
});

describe('POST /api/agendas/<id>/weighing', () => {
	test('computes the need index and the allocation on the server, in whole euros that add up exactly, and records them in the agenda doc', async () => {
		const response = await weighing({ weights, scope: 'buurten', budget: { totalEuros: 1_000_003, floorEuros: 10_000 } });
		expect(response.status).toBe(200);
		const { weighing: record } = (await response.json()) as { weighing: WeighingRecord };

		expect(record.budget).toEqual({ totalEuros: 1_000_003, floorEuros: 10_000, source: { kind: 'typed' } });
		expect(record.result.allocatedEuros).toBe(1_000_003);
		expect(sum(record)).toBe(1_000_003);
		expect(record.result.buurten.map((row) => row.code).sort()).toEqual(Object.values(ZUID).sort());
		for (const row of record.result.buurten) {
			expect(Number.isInteger(row.euros)).toBe(true);
			expect(row.euros).toBeGreaterThanOrEqual(10_000);
		}
		// Vroendaal is not in the file: it keeps the shipped figures, its wijk's 2016 Gezondheidsmonitor
		// values, labelled as the wijk's; it has no SES or zorggebruik figure, and the record says so.
		const vroendaal = record.result.buurten.find((row) => row.code === ZUID.Vroendaal)!;
		expect(vroendaal.needIndex).not.toBeNull();
		expect(vroendaal.missing).toEqual(['ses', 'zorggebruik']);
		expect(vroendaal.figures).toEqual(
			expect.arrayContaining([expect.objectContaining({ indicator: 'eenzaamheid', year: 2016, level: 'wijk', levelCode: 'WK093506', levelName: 'Wijk 06 Buitenwijk Zuidoost' })])
		);
		expect(record.result.buurten.find((row) => row.code === ZUID.Heugem)!.figures).toEqual(
			expect.arrayContaining([expect.objectContaining({ indicator: 'eenzaamheid', year: 2024, level: 'buurt', source: 'GGD Zuid-Limburg' })])
		);
		// Heugemerveld has the most need on every weighted indicator.
		const heugemerveld = record.result.buurten.find((row) => row.code === ZUID.Heugemerveld)!;
		expect(heugemerveld.needIndex).toBe(1);
		expect(record.result.indicatorYears).toEqual({ eenzaamheid: [2016, 2024], zorggebruik: [2024], ses: [2023], gezondheid: [2016, 2024] });
		expect(record.weights).toEqual(Object.fromEntries(INDICATOR_IDS.map((id) => [id, weights[id as keyof typeof weights] ?? 0])));
		expect(typeof record.setBy).toBe('string');
		expect(Math.abs(record.setAt - Date.now())).toBeLessThan(60_000);

		// Everyone in the agenda reads the same record from the agenda doc.
		const participant = await join(server, workshop.joinCode);
		// The record doc: only the server writes it, every client of the agenda reads it.
		const reader = connectClient(server.wsUrl, `record-${workshop.agendaId}`, participant.token);
		clients.push(reader);
		await reader.synced;
		await waitFor(() => readWeighing(reader.doc)?.setAt === record.setAt, { what: 'the weighing in the record doc' });
		expect(readWeighing(reader.doc)).toEqual(record);
	});

	test('a budget line from the seeds, or all stadsdelen: still exact to the euro', async () => {
		const line = await weighing({ weights, budget: { lineId: 'total-2025' } });
		expect(line.status).toBe(200);
		const lineRecord = ((await line.json()) as { weighing: WeighingRecord }).weighing;
		expect(lineRecord.budget).toMatchObject({ totalEuros: 22_485_000, floorEuros: 0, source: { kind: 'line', lineId: 'total-2025', year: 2025 } });
		expect(sum(lineRecord)).toBe(22_485_000);

		const city = await weighing({ weights, scope: 'stadsdelen', budget: { totalEuros: 7_777_777 } });
		expect(city.status).toBe(200);
		const cityRecord = ((await city.json()) as { weighing: WeighingRecord }).weighing;
		expect(cityRecord.result.buurten).toHaveLength(44);
		expect(sum(cityRecord)).toBe(7_777_777);
		expect(cityRecord.result.stadsdelen).toHaveLength(7);
		expect(cityRecord.result.stadsdelen!.reduce((total, row) => total + row.euros, 0)).toBe(7_777_777);
		// The shipped GGD figures cover the whole city, so every stadsdeel shares in the budget.
		for (const stadsdeel of cityRecord.result.stadsdelen!) expect(stadsdeel.euros).toBeGreaterThan(0);
	});

	test('leaving the budget out keeps the one recorded before (the facilitator records only weights)', async () => {
		await weighing({ weights, budget: { totalEuros: 500_000 } });
		const facilitator = await staffToken(server.dataDir, 'facilitator');
		const response = await weighing({ weights: { eenzaamheid: 10 } }, { bearer: facilitator });
		expect(response.status).toBe(200);
		const record = ((await response.json()) as { weighing: WeighingRecord }).weighing;
		expect(record.budget?.totalEuros).toBe(500_000);
		expect(record.weights.eenzaamheid).toBe(10);
		expect(record.weights.ses).toBe(0);
		expect(sum(record)).toBe(500_000);
	});

	test('refuses participants (403), with a token or with their cookie, and strangers (401)', async () => {
		const participant = await join(server, workshop.joinCode);
		for (const auth of [{ bearer: participant.token }, { cookie: participantCookie(participant.token) }]) {
			const response = await weighing({ weights }, auth);
			expect(response.status).toBe(403);
			expect(response.headers.get('content-type')).toMatch(/application\/json/);
			expect((await response.json()).reason).toBe('forbidden');
		}
		const stranger = await weighing({ weights }, {});
		expect(stranger.status).toBe(401);
		// A staff cookie from another site is refused too.
		const crossSite = await fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: staffCookie(official), origin: 'https://elders.example' },
			body: JSON.stringify({ weights })
		});
		expect(crossSite.status).toBe(403);
	});

	test('refuses bad input with 400 and a JSON reason, and records nothing', async () => {
		const before = ((await (await fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, { headers: { authorization: `Bearer ${official}` } })).json()) as { weighing: WeighingRecord }).weighing;
		const cases: [unknown, string][] = [
			[{}, 'no-weights'],
			[[1, 2], 'not-an-object'],
			[{ weights: { eenzaamheid: 11 } }, 'bad-weight'],
			[{ weights: { eenzaamheid: -1 } }, 'bad-weight'],
			[{ weights: { eenzaamheid: '5' } }, 'bad-weight'],
			[{ weights: { geluk: 5 } }, 'unknown-indicator'],
			[{ weights: { eenzaamheid: 0 } }, 'all-weights-zero'],
			[{ weights, scope: 'wijken' }, 'bad-scope'],
			[{ weights, budget: { totalEuros: -5 } }, 'bad-total'],
			[{ weights, budget: { totalEuros: 100.5 } }, 'bad-total'],
			[{ weights, budget: { totalEuros: 1000, floorEuros: 500 } }, 'floor-exceeds-total'],
			[{ weights, budget: { lineId: 'bestaat-niet' } }, 'unknown-budget-line'],
			[{ weights, budget: 'veel' }, 'bad-budget']
		];
		for (const [body, reason] of cases) {
			const response = await weighing(body);
			expect(response.status, JSON.stringify(body)).toBe(400);
			const json = await response.json();
			expect(json.reason, JSON.stringify(body)).toBe(reason);
			expect(json.message.nl).toBeTruthy();
		}
		const notJson = await weighing('{gewichten', undefined, true);
		expect(notJson.status).toBe(400);
		expect((await notJson.json()).reason).toBe('not-json');
		const after = ((await (await fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, { headers: { authorization: `Bearer ${official}` } })).json()) as { weighing: WeighingRecord }).weighing;
		expect(after).toEqual(before);
	});

	test('an unknown agenda is 404', async () => {
		const response = await fetch(`${server.url}/api/agendas/onbekend12345/weighing`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${official}` },
			body: JSON.stringify({ weights })
		});
		expect(response.status).toBe(404);
		expect((await response.json()).reason).toBe('no-such-agenda');
	});

	test("GET shows staff the participants' mean proposal, counted from their ballots", async () => {
		const a = await join(server, workshop.joinCode);
		const b = await join(server, workshop.joinCode);
		for (const [p, value] of [
			[a, { eenzaamheid: 8, ses: 2 }],
			[b, { eenzaamheid: 4 }]
		] as const) {
			const cast = await fetch(`${server.url}/api/ballots`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
				body: JSON.stringify({ kind: 'weights', subject: 'weights', value })
			});
			expect(cast.status).toBe(200);
		}
		const response = await fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, { headers: { authorization: `Bearer ${official}` } });
		expect(response.status).toBe(200);
		expect((await response.json()).proposals).toEqual({ voters: 2, mean: { eenzaamheid: 6, ses: 2 } });
		const asParticipant = await fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, { headers: { authorization: `Bearer ${a.token}` } });
		expect(asParticipant.status).toBe(403);
	});
});

describe('the afweging page records through the same server code', () => {
	test('a form post records the weighing; a bad amount is a Dutch message, not a 500', async () => {
		const path = `/agenda/${workshop.agendaId}/afweging?/record`;
		const fields = { w_eenzaamheid: '7', w_zorggebruik: '2,5', scope: 'buurten', budgetMode: 'typed', total: '€ 120.000', floor: '' };
		const ok = await formPost(server, path, fields, { cookie: staffCookie(official) });
		expect(ok.status).toBe(200);
		const recorded = ((await (await fetch(`${server.url}/api/agendas/${workshop.agendaId}/weighing`, { headers: { authorization: `Bearer ${official}` } })).json()) as { weighing: WeighingRecord }).weighing;
		expect(recorded.budget).toEqual({ totalEuros: 120_000, floorEuros: 0, source: { kind: 'typed' } });
		expect(recorded.weights).toMatchObject({ eenzaamheid: 7, zorggebruik: 2.5, ses: 0 });
		expect(sum(recorded)).toBe(120_000);

		const bad = await formPost(server, path, { ...fields, total: '12,34' }, { cookie: staffCookie(official) });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Het budget is een heel aantal euro');
		const participant = await join(server, workshop.joinCode);
		const refused = await formPost(server, path, fields, { cookie: participantCookie(participant.token) });
		expect(refused.status).toBe(303);
		expect(refused.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/agenda/${workshop.agendaId}/afweging`)}`);
	});
});

describe('GET /api/agendas/<id>/area-profile', () => {
	test('participants of the agenda get the key figures; strangers do not', async () => {
		const p = await join(server, workshop.joinCode);
		const response = await fetch(`${server.url}/api/agendas/${workshop.agendaId}/area-profile`, { headers: { authorization: `Bearer ${p.token}` } });
		expect(response.status).toBe(200);
		const { profile } = await response.json();
		expect(profile.stadsdeel.name).toBe('Zuid');
		expect(profile.figures.length).toBeGreaterThan(0);
		expect((await fetch(`${server.url}/api/agendas/${workshop.agendaId}/area-profile`)).status).toBe(401);
	});
});
