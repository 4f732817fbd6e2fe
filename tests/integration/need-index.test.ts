/**
 * GET /api/agendas/<id>/need-index: question 7's need index as it stands, for the phone and the
 * projector. On a fresh server the shipped figures give every Zuid buurt an index with provenance;
 * the weights follow the participants' proposals; people outside the agenda get nothing.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWorkshop, join, type TestServer } from '../helpers/server.ts';
import { startServerWithOrigin } from '../helpers/staff.ts';
import type { WeighingRecord } from '../../src/lib/sync/weighing-schema.ts';

let server: TestServer;
let zuid: Awaited<ReturnType<typeof createWorkshop>>;
let oost: Awaited<ReturnType<typeof createWorkshop>>;

beforeAll(async () => {
	server = await startServerWithOrigin();
	zuid = await createWorkshop(server.dataDir, 'Zuid', 'Behoefte Zuid');
	oost = await createWorkshop(server.dataDir, 'Oost', 'Behoefte Oost');
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

type Preview = { weighing: Omit<WeighingRecord, 'setBy' | 'setAt'> | null; weightsFrom: string; voters: number; problem: unknown };

const get = (agendaId: string, token?: string) =>
	fetch(`${server.url}/api/agendas/${agendaId}/need-index`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

test('a fresh server: every Zuid buurt has an index, each figure with year, level and source, equal weights', async () => {
	const participant = await join(server, zuid.joinCode);
	const response = await get(zuid.agendaId, participant.token);
	expect(response.status).toBe(200);
	const preview = (await response.json()) as Preview;
	expect(preview).toMatchObject({ weightsFrom: 'equal', voters: 0, problem: null });
	const rows = preview.weighing!.result.buurten;
	expect(rows).toHaveLength(6);
	for (const row of rows) {
		expect(row.needIndex, row.name).not.toBeNull();
		expect(row.figures!.length).toBeGreaterThanOrEqual(6);
		for (const figure of row.figures!) {
			expect(figure.year).toBeGreaterThanOrEqual(2016);
			expect(['buurt', 'wijk']).toContain(figure.level);
			expect(figure.source.length).toBeGreaterThan(10);
		}
	}
	expect(preview.weighing!.result.unusedIndicators).toEqual(['ses', 'tevredenheid', 'zorggebruik']);
	expect(preview.weighing!.budget).toBeNull();
});

test('the weights follow the proposals; a proposal that is all on indicators without figures gives an explanation, not an error', async () => {
	const participant = await join(server, oost.joinCode);
	const ballot = await fetch(`${server.url}/api/ballots`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${participant.token}` },
		body: JSON.stringify({ kind: 'weights', subject: 'weights', value: { ses: 10, tevredenheid: 4 } })
	});
	expect(ballot.status).toBe(200);
	const response = await get(oost.agendaId, participant.token);
	expect(response.status).toBe(200);
	const preview = (await response.json()) as Preview & { problem: { reason: string; message: { nl: string } } | null };
	expect(preview.weightsFrom).toBe('proposals');
	expect(preview.weighing).toBeNull();
	expect(preview.problem?.reason).toBe('weights-only-on-missing');
	expect(preview.problem?.message.nl).toMatch(/alleen op cijfers die er niet zijn: ses, tevredenheid/);
});

test('strangers (401), participants of another agenda (403) and unknown agendas (404) get JSON, not figures', async () => {
	expect((await get(zuid.agendaId)).status).toBe(401);
	const other = await join(server, oost.joinCode);
	const forbidden = await get(zuid.agendaId, other.token);
	expect(forbidden.status).toBe(403);
	expect(await forbidden.json()).toMatchObject({ reason: 'forbidden' });
	const participant = await join(server, zuid.joinCode);
	const unknown = await get('geen-agenda', participant.token);
	expect([403, 404]).toContain(unknown.status);
	expect((await unknown.json()).reason).toBeDefined();
});
