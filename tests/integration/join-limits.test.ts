/**
 * The join limits over real HTTP, with the default settings: a loop from one address, a full room
 * behind one venue address, code guessing, the participant cap, and reach counting only who got in.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { createWorkshop, type TestServer } from '../helpers/server.ts';
import { formPost, startServerWithOrigin } from '../helpers/staff.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { YDocStore } from '../../src/lib/server/ydoc-store.ts';
import { StoredDocs } from '../../src/lib/server/live-docs.ts';
import { loadReach } from '../../src/lib/server/reach.ts';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

async function start(env: Record<string, string> = {}) {
	const server = await startServerWithOrigin({ env });
	servers.push(server);
	return { server, ...(await createWorkshop(server.dataDir)) };
}

async function postJoin(server: TestServer, body: Record<string, unknown>) {
	const response = await fetch(`${server.url}/api/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ role: 'resident', ...body })
	});
	return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

/** Runs `count` tasks with at most `parallel` at a time. */
async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
	const results: T[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < count) {
				const i = next++;
				results[i] = await task(i);
			}
		})
	);
	return results;
}

describe('join limits over HTTP', () => {
	test('a 600-join burst from one address within a minute: at most 200 accepted, the rest 429 with Retry-After; reach counts only those who got in', async () => {
		const { server, joinCode, workshopId } = await start();
		const started = Date.now();
		const results = await inParallel(600, 8, (i) => postJoin(server, { code: joinCode, name: `Bot ${i}`, buurt: null }));
		expect(Date.now() - started).toBeLessThan(60_000);
		const accepted = results.filter((r) => r.status === 200);
		const refused = results.filter((r) => r.status === 429);
		expect(accepted.length).toBeGreaterThanOrEqual(100);
		expect(accepted.length).toBeLessThanOrEqual(200);
		expect(accepted.length + refused.length).toBe(600);
		for (const r of refused) {
			expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
			expect(r.body.retryAfterSeconds).toBe(Number(r.retryAfter));
			expect(r.body.field).toBe('code');
			expect((r.body.problems as { message: { nl: string } }[])[0].message.nl).toMatch(/^Er komen nu veel mensen tegelijk binnen\. Wacht \d+ seconden/);
		}
		// The success response is unchanged.
		expect(Object.keys(accepted[0].body).sort()).toEqual(['agendaDoc', 'participantId', 'syncPath', 'token', 'workshopDoc']);

		const db = openDatabase(server.dataDir);
		try {
			const report = loadReach({ db, liveDocs: new StoredDocs(new YDocStore(db)) }, { kind: 'workshop', workshopId });
			expect(report?.result.people).toBe(accepted.length);
		} finally {
			db.close();
		}
	}, 90_000);

	test('a 200-person room behind one venue Wi-Fi address all gets in within a few minutes, each phone retrying as Retry-After says', async () => {
		const { server, joinCode } = await start();
		const started = Date.now();
		const tries: number[] = [];
		const joinedAt = await inParallel(200, 200, async (i) => {
			tries[i] = 0;
			for (;;) {
				tries[i]++;
				const r = await postJoin(server, { code: joinCode, name: `Buur ${i}` });
				if (r.status === 200) return Date.now() - started;
				expect(r.status).toBe(429);
				// Honour Retry-After: what a phone does (the page says how long to wait).
				await new Promise((resolve) => setTimeout(resolve, Number(r.retryAfter) * 1000));
			}
		});
		expect(joinedAt).toHaveLength(200);
		expect(Math.max(...joinedAt)).toBeLessThan(3 * 60_000);
		// The first hundred are in at once.
		expect(joinedAt.filter((t) => t < 15_000).length).toBeGreaterThanOrEqual(100);
	}, 200_000);

	test('guessing codes: after ten unknown codes the address is refused, for a real code too, with a Dutch message on the page', async () => {
		const { server, joinCode } = await start();
		for (let i = 0; i < 10; i++) expect((await postJoin(server, { code: `ZZZZZ${'ABCDEFGHJK'[i]}` })).status).toBe(404);
		const refused = await postJoin(server, { code: joinCode });
		expect(refused.status).toBe(429);
		expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);

		// The join page's first step says it in Dutch, with the same status.
		const page = await formPost(server, '/join', { code: joinCode }, { headers: { 'accept-language': 'nl' } });
		expect(page.status).toBe(429);
		expect(await page.text()).toContain('Je hebt veel codes geprobeerd. Wacht een minuut');
	}, 60_000);

	test('the participant cap: the workshop takes JOIN_MAX_PARTICIPANTS people, then says it is full (409) on the API and the join page', async () => {
		const { server, joinCode } = await start({ JOIN_MAX_PARTICIPANTS: '3' });
		for (let i = 0; i < 3; i++) expect((await postJoin(server, { code: joinCode, name: `Buur ${i}` })).status).toBe(200);
		const full = await postJoin(server, { code: joinCode, name: 'Nummer vier' });
		expect(full.status).toBe(409);
		expect((full.body.problems as { message: { nl: string } }[])[0].message.nl).toBe('Deze bijeenkomst is vol. Vraag de begeleider om hulp.');

		const page = await formPost(server, `/join/${joinCode}`, { code: joinCode, name: 'Vijf', role: 'resident' }, { headers: { 'accept-language': 'nl' } });
		expect(page.status).toBe(409);
		expect(await page.text()).toContain('Deze bijeenkomst is vol.');
	}, 60_000);
});
