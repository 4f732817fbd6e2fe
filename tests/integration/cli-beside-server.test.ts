/**
 * The admin CLI runs beside the live server on the same SQLite file. While phones write, each CLI
 * run must wait its turn for the write lock, not fail with "database is locked" (which a deferred
 * read-then-write transaction does at once when the server commits in between; seen in CI).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWorkshop, join, runCli, staffAccount, startTestServer, type TestServer } from '../helpers/server.ts';
import { connectClient, writeCard } from '../helpers/yclient.ts';
import { waitFor } from '../helpers/wait.ts';
import { cardsMap } from '../../src/lib/sync/agenda-schema.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.kill());

test('workshop:create, agenda:list and the account commands succeed, every time, while a phone keeps writing cards', async () => {
	const workshop = await createWorkshop(server.dataDir, 'Zuid', 'Druk-avond');
	const colleague = await staffAccount(server.dataDir, 'facilitator');
	const me = await join(server, workshop.joinCode, { name: 'Schrijver' });
	const phone = connectClient(server.wsUrl, me.agendaDoc, me.token);
	await phone.synced;
	let written = 0;
	let writing = true;
	const writer = (async () => {
		while (writing) {
			writeCard(phone.doc, { id: me.participantId, name: 'Schrijver', kind: 'participant', workshopId: workshop.workshopId }, `Kaartje ${written++}`);
			// A busy phone, well inside its write budget (a quarter MiB a minute).
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();
	try {
		const runs = [];
		for (let run = 0; run < 6; run++) {
			runs.push(await runCli(['workshop:create', '--stadsdeel', 'Zuid', '--title', `Druk ${run}`], { DATA_DIR: server.dataDir }));
			runs.push(await runCli(['agenda:list'], { DATA_DIR: server.dataDir }));
			runs.push(await runCli(['user:password', '--email', colleague.email, '--password', `een-nieuw-wachtwoord-${run}`], { DATA_DIR: server.dataDir }));
			runs.push(await runCli([run % 2 === 0 ? 'user:disable' : 'user:enable', '--email', colleague.email], { DATA_DIR: server.dataDir }));
		}
		for (const result of runs) expect(result.code, result.stderr).toBe(0);
	} finally {
		writing = false;
		await writer;
	}
	// The phone's cards were all stored meanwhile.
	const reader = connectClient(server.wsUrl, me.agendaDoc, me.token);
	await reader.synced;
	await waitFor(() => cardsMap(reader.doc).size === written, { what: 'every card written during the CLI runs' });
	expect(written).toBeGreaterThan(20);
	phone.destroy();
	reader.destroy();
}, 120_000);
