/**
 * Write budgets with an injected clock, and the figure behind the document cap: a realistic
 * 200-person, 8-question evening, built with the real schema functions.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { WriteBudget } from '../../../server/sync/budget.ts';
import { CLOSE } from '../../../server/sync/protocol.ts';
import { loadConfig } from '../../../src/lib/server/config.ts';
import { addCard, editCard, ensureSynthesis, togglePlusOne } from '../../../src/lib/sync/agenda-schema.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';

const config = loadConfig({});

function setup() {
	let now = 1_000_000;
	const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
	return { clock, budget: new WriteBudget(config, clock.now) };
}

describe('WriteBudget', () => {
	test('one update over 64 KiB is refused with 4413, whoever sends it', () => {
		const { budget } = setup();
		const doc = new Y.Doc();
		expect(budget.admit('participant:a', doc, 64 * 1024)).toEqual({ ok: true });
		expect(budget.admit('participant:a', doc, 64 * 1024 + 1)).toEqual({ ok: false, close: CLOSE.UPDATE_TOO_LARGE });
		expect(budget.admit('staff:b', doc, 500_000)).toEqual({ ok: false, close: CLOSE.UPDATE_TOO_LARGE });
	});

	test('a participant: 64 KiB at once, 256 KiB a minute ("wait", 4530), 1 MiB in all (4429), over all their docs', () => {
		const { clock, budget } = setup();
		const agenda = new Y.Doc();
		const workshop = new Y.Doc();
		const chunk = 30 * 1024;
		let written = 0;
		for (let i = 0; i < 2; i++) expect(budget.admit('participant:a', i % 2 ? agenda : workshop, chunk).ok).toBe(true);
		written += 2 * chunk;
		expect(budget.admit('participant:a', agenda, chunk)).toEqual({ ok: false, close: CLOSE.WRITE_BUDGET_WAIT });
		// Someone else is not affected.
		expect(budget.admit('participant:b', agenda, chunk).ok).toBe(true);
		// A minute of writing as fast as allowed: about 256 KiB.
		let inMinute = 0;
		for (let second = 0; second < 60; second++) {
			clock.advance(1000);
			while (budget.admit('participant:a', agenda, chunk).ok) inMinute += chunk;
		}
		expect(inMinute).toBeGreaterThan(200 * 1024);
		expect(inMinute).toBeLessThanOrEqual(256 * 1024 + chunk);
		written += inMinute;
		// Over the minutes the total fills up, then nothing more ever goes in.
		for (let second = 0; second < 10 * 60; second++) {
			clock.advance(1000);
			while (budget.admit('participant:a', agenda, chunk).ok) written += chunk;
		}
		expect(written).toBeLessThanOrEqual(config.participantBytesTotal);
		expect(written).toBeGreaterThan(config.participantBytesTotal - chunk);
		expect(budget.writtenBy('participant:a')).toBe(written);
		clock.advance(60 * 60_000);
		expect(budget.admit('participant:a', agenda, chunk)).toEqual({ ok: false, close: CLOSE.WRITE_BUDGET_USED });
	});

	test('twenty 500,000-character writes add nothing', () => {
		const { clock, budget } = setup();
		const doc = new Y.Doc();
		for (let i = 0; i < 20; i++) {
			expect(budget.admit('participant:a', doc, 500_010).ok).toBe(false);
			clock.advance(3000);
		}
		expect(budget.writtenBy('participant:a')).toBe(0);
	});

	test('a document at its cap takes no more writes, from staff either', () => {
		let now = 0;
		const budget = new WriteBudget({ ...config, maxDocBytes: 100_000 }, () => now);
		const doc = new Y.Doc();
		doc.getMap('m').set('x', 'y'.repeat(90_000));
		expect(budget.admit('staff:s', doc, 9_000).ok).toBe(true);
		expect(budget.admit('staff:s', doc, 9_000)).toEqual({ ok: false, close: CLOSE.DOCUMENT_FULL });
		now += 3_600_000;
		expect(budget.admit('participant:p', doc, 2_000)).toEqual({ ok: false, close: CLOSE.DOCUMENT_FULL });
	});

	test('the message rate is per person: five sockets of one token share one budget, and reconnecting does not refill it', () => {
		const { clock, budget } = setup();
		const sockets = Array.from({ length: 5 }, () => budget.personRate('participant:a'));
		let taken = 0;
		for (let round = 0; round < 200; round++) for (const socket of sockets) if (socket.take()) taken++;
		expect(taken).toBe(config.maxMessagesPerSecondPerPerson * 4);
		for (const socket of sockets) socket.release();
		const again = budget.personRate('participant:a');
		expect(again.take()).toBe(false);
		expect(budget.personRate('participant:b').take()).toBe(true);
		clock.advance(1000);
		let refilled = 0;
		while (again.take()) refilled++;
		expect(refilled).toBe(config.maxMessagesPerSecondPerPerson);
	});
});

test('after a refused write the person waits before a new socket (4531): a minute when waiting does not help, 5 s for "wait"; others do not', () => {
	const { clock, budget } = setup();
	expect(budget.connect('participant:a').ok).toBe(true);
	expect(budget.admit('participant:a', new Y.Doc(), 100_000).ok).toBe(false);
	expect(budget.connect('participant:a')).toEqual({ ok: false, close: CLOSE.TOO_MANY_CONNECTIONS });
	expect(budget.connect('participant:b').ok).toBe(true);
	clock.advance(config.hardRefusalCooldownMs - 1);
	expect(budget.connect('participant:a').ok).toBe(false);
	clock.advance(1);
	expect(budget.connect('participant:a').ok).toBe(true);
	// "Wait" is a short pause.
	const refill = new WriteBudget(config, clock.now);
	while (refill.admit('participant:c', new Y.Doc(), 30 * 1024).ok);
	expect(refill.connect('participant:c').ok).toBe(false);
	clock.advance(config.refusalCooldownMs);
	expect(refill.connect('participant:c').ok).toBe(true);
});

describe('the document cap', () => {
	/**
	 * A large evening: 200 people, 8 questions, 0–4 cards each per question (about 3,200 cards),
	 * 30% of them edited once, five +1s per person per question, and a 1,500-character synthesis per
	 * question typed character by character. Each person writes with their own Yjs client id.
	 */
	function evening(): number {
		const random = seededRandom(7);
		const doc = new Y.Doc();
		const people = Array.from({ length: 200 }, (_, i) => ({ id: `p${String(i).padStart(15, '0')}`, clientID: 1_000_000 + i * 7919 }));
		const words = 'de het een buurt speeltuin parkeren groen ouderen jongeren veilig licht straat bankje markt school bus fiets'.split(' ');
		const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
		const cards: string[] = [];
		for (let q = 1 as const; q <= 8; q++) {
			for (const person of people) {
				doc.clientID = person.clientID;
				for (let c = Math.floor(random() * 5); c > 0; c--) {
					const author = { id: person.id, name: `Buur ${person.id.slice(-3)}`, kind: 'participant' as const };
					const added = addCard(doc, { questionNumber: q, text: sentence(12 + Math.floor(random() * 20)).slice(0, 280), workshopId: 'w'.repeat(16), author });
					if (!added.ok) throw new Error(added.reason);
					cards.push(added.id);
					if (random() < 0.3) editCard(doc, added.id, person.id, { text: sentence(15).slice(0, 280) });
				}
			}
			for (const person of people) {
				doc.clientID = person.clientID;
				for (let k = 0; k < 5; k++) togglePlusOne(doc, cards[Math.floor(random() * cards.length)], person.id);
			}
			doc.clientID = 42;
			const synthesis = ensureSynthesis(doc, q as 1);
			for (let i = 0; i < 1500; i++) synthesis.insert(synthesis.length, 'abcdefghij '[i % 11]);
		}
		return Y.encodeStateAsUpdate(doc).byteLength;
	}

	test('a 200-person, 8-question evening is about 1.5 MB; the 32 MiB cap holds about 20 such evenings in one agenda', () => {
		const bytes = evening();
		expect(bytes).toBeGreaterThan(1_000_000);
		expect(bytes).toBeLessThan(2_500_000);
		expect(config.maxDocBytes / bytes).toBeGreaterThan(12);
	}, 60_000);
});
