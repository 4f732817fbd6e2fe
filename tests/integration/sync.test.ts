/**
 * The sync server with stock y-websocket clients against the real server process.
 */
import { describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { createWorkshop, join } from '../helpers/server.ts';
import { cleanedUpAfterEach } from '../helpers/per-test.ts';
import { waitFor } from '../helpers/wait.ts';
import { YDocStore } from '../../src/lib/server/ydoc-store.ts';
import { cardTexts, writeCard } from '../helpers/yclient.ts';

const { server, client } = cleanedUpAfterEach();

function storedDoc(dataDir: string, docName: string): Y.Doc {
	const db = new Database(path.join(dataDir, 'wijktafel.sqlite'), { readonly: true });
	try {
		return new YDocStore(db).loadYDoc(docName).doc;
	} finally {
		db.close();
	}
}

describe('sync', () => {
	test('two stock WebsocketProvider clients converge, and the doc survives a restart', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		const alice = await join(s, workshop.joinCode, { name: 'Alice' });
		const bob = await join(s, workshop.joinCode, { name: 'Bob' });
		const a = client(s.wsUrl, alice.agendaDoc, alice.token);
		const b = client(s.wsUrl, bob.agendaDoc, bob.token);
		await Promise.all([a.synced, b.synced]);

		writeCard(a.doc, { id: alice.participantId, name: 'Alice', kind: 'participant', workshopId: workshop.workshopId }, 'Meer bankjes in het park');
		writeCard(b.doc, { id: bob.participantId, name: 'Bob', kind: 'participant', workshopId: workshop.workshopId }, 'Een huiskamer voor ouderen');
		await waitFor(() => cardTexts(a.doc).length === 2 && cardTexts(b.doc).length === 2, { what: 'convergence' });
		expect(cardTexts(a.doc)).toEqual(cardTexts(b.doc));

		await s.stop();
		const restarted = await server({ dataDir: s.dataDir });
		const c = client(restarted.wsUrl, alice.agendaDoc, alice.token);
		await c.synced;
		expect(cardTexts(c.doc)).toEqual(['Een huiskamer voor ouderen', 'Meer bankjes in het park']);
	});

	test('a missing or unknown token is closed with 4401', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		const agendaDoc = `agenda-${workshop.agendaId}`;
		expect((await client(s.wsUrl, agendaDoc).closed).code).toBe(4401);
		expect((await client(s.wsUrl, agendaDoc, 'x'.repeat(32)).closed).code).toBe(4401);
	});

	test("a token of workshop A on workshop B's docs is closed with 4403", async () => {
		const s = await server();
		const a = await createWorkshop(s.dataDir, 'Zuid', 'A');
		const b = await createWorkshop(s.dataDir, 'Noord', 'B');
		const participantA = await join(s, a.joinCode);
		expect((await client(s.wsUrl, `agenda-${b.agendaId}`, participantA.token).closed).code).toBe(4403);
		expect((await client(s.wsUrl, `workshop-${b.workshopId}`, participantA.token).closed).code).toBe(4403);
	});

	test('an update on a read-only connection reaches neither other clients nor the database', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		const mallory = await join(s, workshop.joinCode, { name: 'Mallory' });
		const bob = await join(s, workshop.joinCode, { name: 'Bob' });
		// Participants may read the workshop doc (current step, timer) but not write it.
		const m = client(s.wsUrl, mallory.workshopDoc, mallory.token);
		const b = client(s.wsUrl, bob.workshopDoc, bob.token);
		await Promise.all([m.synced, b.synced]);

		m.doc.getMap('state').set('currentStep', 8);
		// The writer is told (4423), so an honest client can say "niet meer verstuurd" instead of keeping it as sent.
		expect(await m.closed).toMatchObject({ code: 4423 });
		expect(b.doc.getMap('state').get('currentStep')).toBeUndefined();

		await s.stop();
		expect(storedDoc(s.dataDir, mallory.workshopDoc).getMap('state').get('currentStep')).toBeUndefined();
	});

	test('garbage frames and a 10 MiB frame close only their own sockets; others keep syncing', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		const p = await join(s, workshop.joinCode, { name: 'Pim' });
		const author = { id: p.participantId, name: 'Pim', kind: 'participant' as const, workshopId: workshop.workshopId };
		const url = `${s.wsUrl}/${p.agendaDoc}?token=${p.token}`;

		const open = (u: string) =>
			new Promise<WebSocket>((resolve, reject) => {
				const ws = new WebSocket(u);
				ws.once('open', () => resolve(ws));
				ws.once('error', reject);
			});
		const closeCode = (ws: WebSocket) =>
			new Promise<number>((resolve) => {
				if (ws.readyState === WebSocket.CLOSED) resolve(-1);
				ws.once('close', (code) => resolve(code));
			});

		// 1,000 garbage frames over 50 sockets (a socket is closed at its first bad frame).
		const garbage: Promise<number>[] = [];
		for (let i = 0; i < 50; i++) {
			const ws = await open(url);
			const closed = closeCode(ws);
			for (let j = 0; j < 20; j++) {
				const frame = Buffer.alloc(1 + ((i * 20 + j) % 97));
				for (let k = 0; k < frame.length; k++) frame[k] = (i * 31 + j * 17 + k * 7 + 200) % 256;
				frame[0] = 0x7f + (j % 100); // an unknown message type (varUint > 3)
				ws.send(frame, (err) => void err);
			}
			garbage.push(closed);
		}
		const codes = await Promise.all(garbage);
		expect(codes.every((code) => code === 4400)).toBe(true);

		const big = await open(url);
		const bigClosed = closeCode(big);
		big.send(Buffer.alloc(10 * 1024 * 1024, 1), (err) => void err);
		expect(await bigClosed).toBe(1009);

		const a = client(s.wsUrl, p.agendaDoc, p.token);
		const b = client(s.wsUrl, p.agendaDoc, p.token);
		await Promise.all([a.synced, b.synced]);
		writeCard(a.doc, author, 'nog steeds in de lucht');
		await waitFor(() => cardTexts(b.doc).includes('nog steeds in de lucht'), { what: 'sync after abuse' });
		expect(s.process.exitCode).toBeNull();
		expect(s.output()).toMatch(/sync: closing connection.*4400/);
	});

	test('an update another client has received survives kill -9', async () => {
		const s = await server();
		const workshop = await createWorkshop(s.dataDir);
		const p = await join(s, workshop.joinCode, { name: 'Pim' });
		const author = { id: p.participantId, name: 'Pim', kind: 'participant' as const, workshopId: workshop.workshopId };
		const a = client(s.wsUrl, p.agendaDoc, p.token);
		const b = client(s.wsUrl, p.agendaDoc, p.token);
		await Promise.all([a.synced, b.synced]);
		for (let i = 0; i < 50; i++) writeCard(a.doc, author, `kaart ${i}`);
		await waitFor(() => cardTexts(b.doc).length === 50, { what: 'b received all cards' });

		await s.kill();
		const restarted = await server({ dataDir: s.dataDir, port: s.port });
		// The stock client of b reconnects by itself to the same port.
		const c = client(restarted.wsUrl, p.agendaDoc, p.token);
		await c.synced;
		expect(cardTexts(c.doc).length).toBe(50);
		writeCard(b.doc, author, 'na de herstart');
		await waitFor(() => cardTexts(c.doc).length === 51, { what: 'b reconnected and synced' });
	});
});
