/**
 * A big agenda and a slow phone: the first sync of a 20 MB document through a socket that reads
 * 2 MB/s, while a facilitator keeps writing, must not trip the slow-client limit. And the pages do
 * not embed that document in their HTML.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createWorkshop, join, makeDataDir, staffAccount, type TestServer } from '../helpers/server.ts';
import { startServerWithOrigin, staffCookie } from '../helpers/staff.ts';
import { connectClient, type TestClient } from '../helpers/yclient.ts';
import { waitFor } from '../helpers/wait.ts';
import { openDatabase } from '../../src/lib/server/db.ts';
import { YDocStore } from '../../src/lib/server/ydoc-store.ts';
import { addCard, cardsMap } from '../../src/lib/sync/agenda-schema.ts';

const MB = 1024 * 1024;
let server: TestServer;
let workshop: Awaited<ReturnType<typeof createWorkshop>>;
let agendaDoc: string;
let proxy: net.Server;
const clients: TestClient[] = [];

/** A TCP proxy that passes the server's bytes on at `bytesPerSecond`, as a slow phone reads them. */
function throttlingProxy(targetPort: number, bytesPerSecond: number): Promise<net.Server> {
	const proxyServer = net.createServer((phone) => {
		const upstream = net.connect(targetPort, '127.0.0.1');
		phone.pipe(upstream);
		upstream.on('data', (chunk: Buffer) => {
			phone.write(chunk);
			upstream.pause();
			setTimeout(() => upstream.resume(), (chunk.length / bytesPerSecond) * 1000);
		});
		upstream.on('close', () => phone.destroy());
		phone.on('close', () => upstream.destroy());
		phone.on('error', () => upstream.destroy());
		upstream.on('error', () => phone.destroy());
	});
	return new Promise((resolve) => proxyServer.listen(0, '127.0.0.1', () => resolve(proxyServer)));
}

beforeAll(async () => {
	const dataDir = makeDataDir();
	// The workshop first (the CLI makes the agenda), then 20 MB of earlier evenings into its agenda doc.
	const first = await startServerWithOrigin({ dataDir });
	workshop = await createWorkshop(dataDir);
	agendaDoc = `agenda-${workshop.agendaId}`;
	await first.stop();
	const db = openDatabase(dataDir);
	const doc = new Y.Doc();
	for (let i = 0; i < 20; i++) doc.getMap('archive').set(`evening-${i}`, `${i}`.padEnd(MB, ' oude kaartjes'));
	new YDocStore(db).replace(agendaDoc, Y.encodeStateAsUpdate(doc));
	db.close();
	server = await startServerWithOrigin({ dataDir });
	proxy = await throttlingProxy(server.port, 2 * MB);
}, 120_000);

afterAll(async () => {
	for (const c of clients) c.destroy();
	proxy?.close();
	await server?.stop();
});

describe('a 20 MB document', () => {
	test('a phone reading 2 MB/s gets the whole first sync while a facilitator writes; it is not cut off', async () => {
		const staff = await staffAccount(server.dataDir);
		const facilitator = connectClient(server.wsUrl, agendaDoc, staff.token);
		clients.push(facilitator);
		await facilitator.synced;

		const me = await join(server, workshop.joinCode);
		const proxyPort = (proxy.address() as net.AddressInfo).port;
		const phone = connectClient(`ws://127.0.0.1:${proxyPort}/sync`, agendaDoc, me.token);
		clients.push(phone);
		const closes: number[] = [];
		phone.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? -1));

		// The facilitator writes a card every 100 ms while the phone loads.
		let written = 0;
		const writing = setInterval(() => {
			addCard(facilitator.doc, {
				questionNumber: 1,
				text: `kaartje ${written++} van de begeleider`,
				workshopId: workshop.workshopId,
				// Written as the facilitator's own account: the write policy checks the author.
				author: { id: staff.userId, name: 'Begeleider', kind: 'staff' }
			});
		}, 100);
		try {
			await Promise.race([
				phone.synced,
				phone.closed.then(({ code }) => {
					throw new Error(`phone closed with ${code}`);
				})
			]);
		} finally {
			clearInterval(writing);
		}
		expect(closes).toEqual([]);
		expect((phone.doc.getMap('archive').get('evening-19') as string).length).toBe(MB);
		// It follows live after the load: it gets every card the facilitator wrote.
		await waitFor(() => cardsMap(phone.doc).size === written, { timeoutMs: 30_000, what: 'the live cards on the phone' });
		expect(written).toBeGreaterThan(20);
		expect(server.output()).not.toContain('slow client disconnected');
	}, 120_000);

	test('pages do not embed the 20 MB state: the facilitator page stays small and loads the doc over the socket', async () => {
		const staff = (await staffAccount(server.dataDir, 'facilitator')).token;
		const page = await fetch(`${server.url}/facilitate/${workshop.workshopId}`, { headers: { cookie: staffCookie(staff) } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html.length).toBeLessThan(2 * MB);
	}, 60_000);
});
