/**
 * A hostile participant in its own process (so its CPU does not skew the honest clients' timings):
 * writes valid cards at about 90% of the per-minute budget (six 280-character cards a second, about
 * 3.7 KB/s against 4.4 KB/s allowed) so the server keeps taking them, starts a fresh stock client
 * whenever it is refused, and (with `flood`) floods presence on a second socket. Without `flood` it
 * is simply a very busy honest writer, for comparison. Run with
 * `node --import tsx tests/helpers/attacker.ts <json>`; prints one JSON line of counts when sent SIGTERM.
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { connectClient, type TestClient } from './yclient.ts';
import { addCard } from '../../src/lib/sync/agenda-schema.ts';

const { wsUrl, agendaDoc, workshopDoc, token, participantId, name, workshopId, flood } = JSON.parse(process.argv[2]) as Record<string, string> & {
	flood: boolean;
};

let client: TestClient | null = null;
let clients = 0;
let rounds = 0;
const codes = new Set<number>();
let running = true;

function fresh(): void {
	client?.destroy();
	const next = connectClient(wsUrl, agendaDoc, token);
	client = next;
	clients++;
	next.provider.on('connection-close', (event: CloseEvent | null) => event && codes.add(event.code));
	void next.closed.then(() => running && client === next && setTimeout(fresh, 50));
}
fresh();

const writing = setInterval(() => {
	const current = client;
	if (!current?.provider.wsconnected) return;
	current.doc.transact(() => {
		for (let i = 0; i < 6; i++) {
			addCard(current.doc, {
				questionNumber: 1,
				text: `${rounds}-${i} `.padEnd(280, 'spam spam spam '),
				workshopId,
				author: { id: participantId, name, kind: 'participant' }
			});
		}
	});
	rounds++;
}, 1000);

function presenceFlood(count: number, start: number): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, count);
	for (let i = 0; i < count; i++) {
		encoding.writeVarUint(inner, start + i);
		encoding.writeVarUint(inner, 1);
		encoding.writeVarString(inner, JSON.stringify({ user: { kind: 'participant', name: 'nep'.padEnd(900, '!') } }));
	}
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

let flooder = new WebSocket(`${wsUrl}/${workshopDoc}?token=${token}`);
let floodId = 10_000_000;
const flooding = setInterval(() => {
	if (!flood) return;
	if (flooder.readyState === flooder.OPEN) {
		flooder.send(presenceFlood(50, floodId));
		floodId += 50;
	} else if (flooder.readyState === flooder.CLOSED) {
		flooder = new WebSocket(`${wsUrl}/${workshopDoc}?token=${token}`);
		flooder.on('error', () => undefined);
	}
}, 50);
flooder.on('error', () => undefined);

process.on('SIGTERM', () => {
	running = false;
	clearInterval(writing);
	clearInterval(flooding);
	client?.destroy();
	flooder.terminate();
	process.stdout.write(`${JSON.stringify({ clients, rounds, codes: [...codes] })}\n`, () => process.exit(0));
});
process.stdout.write('READY\n');
