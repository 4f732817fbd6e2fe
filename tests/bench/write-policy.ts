/**
 * What the write policy costs per update, on a doc of 5,000 cards (a very large evening):
 *
 *   node --import tsx tests/bench/write-policy.ts [--updates 2000]
 *
 * For three kinds of honest update — a new card, an edit of one's own card, a +1 on someone
 * else's card — it times `policy.check` alone and, for scale, `Y.applyUpdate` of the same update on
 * the same doc (what the server does next anyway). Prints one JSON object with µs median and p99.
 * Each update is checked against the doc as it is, then applied, as the sync server does.
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { createWritePolicy, type Writer } from '../../server/sync/write-policy.ts';
import { addCard, editCard, listCards, togglePlusOne } from '../../src/lib/sync/agenda-schema.ts';

const { values } = parseArgs({ options: { updates: { type: 'string', default: '2000' }, cards: { type: 'string', default: '5000' } } });
const UPDATES = Number(values.updates);
const CARDS = Number(values.cards);
const WORKSHOP = 'benchworkshop01';
const AGENDA_ID = 'benchagenda0001';

const policy = createWritePolicy({ participantsMaySynthesise: () => false, workshopFeedsAgenda: () => true });
// 10 people with a phone each: enough to have other people's cards to +1, few enough to keep the run short.
const writers: Writer[] = Array.from({ length: 10 }, (_, i) => ({
	kind: 'participant',
	id: `participant${String(i).padStart(5, '0')}`,
	name: `Deelnemer ${i + 1}`,
	workshopId: WORKSHOP,
	agendaId: AGENDA_ID
}));

function cardInput(writer: Writer, text: string) {
	return { questionNumber: 1 + (text.length % 8), text, workshopId: WORKSHOP, author: { id: writer.id, name: (writer as { name: string }).name, kind: 'participant' as const } };
}

// The room: 5,000 cards by 10 people.
const room = new Y.Doc();
const seeding = new Y.Doc();
for (let i = 0; i < CARDS; i++) addCard(seeding, cardInput(writers[i % writers.length], `Kaart ${i}: meer bankjes en schaduw op het plein bij de school.`));
Y.applyUpdate(room, Y.encodeStateAsUpdate(seeding));
const cardIds = listCards(room).map((card) => ({ id: card.id, authorId: card.authorId }));

/** One phone per writer, synced with the room. */
const phones = writers.map(() => {
	const phone = new Y.Doc();
	Y.applyUpdate(phone, Y.encodeStateAsUpdate(room));
	return phone;
});

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function measure(label: string, make: (i: number) => { update: Uint8Array; writer: Writer }) {
	const checkMicros: number[] = [];
	const applyMicros: number[] = [];
	for (let i = 0; i < UPDATES; i++) {
		const { update, writer } = make(i);
		const t0 = process.hrtime.bigint();
		const verdict = policy.check(`agenda-${AGENDA_ID}`, room, update, writer);
		const t1 = process.hrtime.bigint();
		if (!verdict.ok) throw new Error(`${label}: an honest update was refused (${verdict.reason}: ${verdict.detail})`);
		Y.applyUpdate(room, update);
		const t2 = process.hrtime.bigint();
		checkMicros.push(Number(t1 - t0) / 1000);
		applyMicros.push(Number(t2 - t1) / 1000);
		// Every phone hears it, as they would over the socket.
		for (const phone of phones) Y.applyUpdate(phone, update);
	}
	checkMicros.sort((a, b) => a - b);
	applyMicros.sort((a, b) => a - b);
	const round = (n: number) => Math.round(n * 10) / 10;
	return {
		policyMedianMicros: round(percentile(checkMicros, 50)),
		policyP99Micros: round(percentile(checkMicros, 99)),
		applyMedianMicros: round(percentile(applyMicros, 50)),
		applyP99Micros: round(percentile(applyMicros, 99))
	};
}

function updateOf(phone: Y.Doc, mutate: (doc: Y.Doc) => void): Uint8Array {
	const before = Y.encodeStateVector(phone);
	mutate(phone);
	return Y.encodeStateAsUpdate(phone, before);
}

// Warm up the JIT on a few of each, so the figures describe a running server.
const warm = (i: number) => writers[i % writers.length];
measure('warm-up', (i) => ({ writer: warm(i), update: updateOf(phones[i % writers.length], (doc) => addCard(doc, cardInput(warm(i), `Opwarmen ${i}`))) }));

const results = {
	cards: listCards(room).length,
	updatesPerKind: UPDATES,
	newCard: measure('new card', (i) => {
		const writer = writers[i % writers.length];
		return { writer, update: updateOf(phones[i % writers.length], (doc) => addCard(doc, cardInput(writer, `Nieuwe kaart ${i}: een koffieochtend in het buurthuis.`))) };
	}),
	editOwnCard: measure('edit', (i) => {
		const card = cardIds[i % cardIds.length];
		const index = writers.findIndex((w) => w.id === card.authorId);
		return { writer: writers[index], update: updateOf(phones[index], (doc) => editCard(doc, card.id, card.authorId, { text: `Aangepast ${i}: meer bankjes.` })) };
	}),
	plusOne: measure('+1', (i) => {
		const card = cardIds[(i * 7) % cardIds.length];
		const index = (writers.findIndex((w) => w.id === card.authorId) + 1) % writers.length;
		return { writer: writers[index], update: updateOf(phones[index], (doc) => togglePlusOne(doc, card.id, writers[index].id)) };
	})
};
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
