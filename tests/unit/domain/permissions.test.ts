/**
 * The permission table, one test per row. The expected roles are written out here again on purpose:
 * a change to the table must be a deliberate change to this file too.
 */
import { describe, expect, test } from 'vitest';
import { ACTIONS, ACTOR_ROLES, can, docAccess, scopeAllows, type Action, type Actor, type ActorRole } from '../../../src/lib/domain/permissions.ts';

const STAFF = ['admin', 'official', 'facilitator'] as const;
const EXPECTED: Record<Action, readonly ActorRole[]> = {
	'users.manage': ['admin'],
	'areas.import': ['admin', 'official'],
	'agenda.view': STAFF,
	'agenda.export': STAFF,
	'agenda.versions': STAFF,
	'agenda.weights.set': STAFF,
	'agenda.followup': ['admin', 'official'],
	'agenda.publish': ['admin', 'official'],
	'agenda.quotes': STAFF,
	'workshop.create': STAFF,
	'workshop.control': STAFF,
	'workshop.watch': [...STAFF, 'projector'],
	'agenda-doc.write': [...STAFF, 'participant'],
	'agenda-doc.read': [...STAFF, 'participant', 'projector'],
	'workshop-doc.write': STAFF,
	'workshop-doc.read': [...STAFF, 'participant', 'projector'],
	'tally-doc.read': [...STAFF, 'participant', 'projector'],
	'record-doc.read': [...STAFF, 'participant', 'projector'],
	'ballot.cast': ['participant'],
	'participant.forget-self': ['participant']
};

describe('the permission table', () => {
	test('every row has an expectation here, and nothing here is missing from the table', () => {
		expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	for (const [action, allowed] of Object.entries(EXPECTED) as [Action, readonly ActorRole[]][]) {
		test(`${action}: ${allowed.join(', ')} — and nobody else`, () => {
			for (const role of ACTOR_ROLES) expect(can(role, action), `${role} → ${action}`).toBe(allowed.includes(role));
		});
	}
});

const participant = (workshopOpen = true): Actor => ({ role: 'participant', workshopId: 'w1aaaaaaaa', agendaId: 'a1aaaaaaaa', workshopOpen });
const projector: Actor = { role: 'projector', workshopId: 'w1aaaaaaaa', agendaId: 'a1aaaaaaaa' };

describe('scopeAllows', () => {
	test('staff act on any workshop or agenda', () => {
		for (const role of STAFF) expect(scopeAllows({ role }, { workshopId: 'other', agendaId: 'other' })).toBe(true);
	});
	test('participants and the projector only on their own workshop and agenda', () => {
		for (const actor of [participant(), projector]) {
			expect(scopeAllows(actor, { workshopId: 'w1aaaaaaaa' })).toBe(true);
			expect(scopeAllows(actor, { agendaId: 'a1aaaaaaaa' })).toBe(true);
			expect(scopeAllows(actor, { workshopId: 'w2bbbbbbbb' })).toBe(false);
			expect(scopeAllows(actor, { agendaId: 'a2bbbbbbbb' })).toBe(false);
			expect(scopeAllows(actor, { workshopId: 'w1aaaaaaaa', agendaId: 'a2bbbbbbbb' })).toBe(false);
		}
	});
});

describe('docAccess (the decision at the WebSocket upgrade)', () => {
	test('staff write agenda and workshop docs and read tallies, of any workshop', () => {
		for (const role of STAFF) {
			expect(docAccess({ role }, { kind: 'agenda', id: 'any' })).toBe('write');
			expect(docAccess({ role }, { kind: 'workshop', id: 'any' })).toBe('write');
			expect(docAccess({ role }, { kind: 'tally', id: 'any' })).toBe('read');
		}
	});
	test('a participant of an open workshop writes its agenda doc, only reads its workshop doc and tally', () => {
		expect(docAccess(participant(), { kind: 'agenda', id: 'a1aaaaaaaa' })).toBe('write');
		expect(docAccess(participant(), { kind: 'workshop', id: 'w1aaaaaaaa' })).toBe('read');
		expect(docAccess(participant(), { kind: 'tally', id: 'w1aaaaaaaa' })).toBe('read');
	});
	test('a participant of a closed workshop only reads', () => {
		expect(docAccess(participant(false), { kind: 'agenda', id: 'a1aaaaaaaa' })).toBe('read');
		expect(docAccess(participant(false), { kind: 'workshop', id: 'w1aaaaaaaa' })).toBe('read');
	});
	test('the projector reads its own docs only', () => {
		expect(docAccess(projector, { kind: 'agenda', id: 'a1aaaaaaaa' })).toBe('read');
		expect(docAccess(projector, { kind: 'workshop', id: 'w1aaaaaaaa' })).toBe('read');
		expect(docAccess(projector, { kind: 'tally', id: 'w1aaaaaaaa' })).toBe('read');
	});
	test("the agenda's record doc (final weights, allocation) is read-only for everyone, within scope", () => {
		for (const role of STAFF) expect(docAccess({ role }, { kind: 'record', id: 'any' })).toBe('read');
		expect(docAccess(participant(), { kind: 'record', id: 'a1aaaaaaaa' })).toBe('read');
		expect(docAccess(projector, { kind: 'record', id: 'a1aaaaaaaa' })).toBe('read');
		expect(docAccess(participant(), { kind: 'record', id: 'a2bbbbbbbb' })).toBe('none');
	});
	test("nobody scoped gets anything of another workshop's docs", () => {
		for (const actor of [participant(), projector]) {
			expect(docAccess(actor, { kind: 'agenda', id: 'a2bbbbbbbb' })).toBe('none');
			expect(docAccess(actor, { kind: 'workshop', id: 'w2bbbbbbbb' })).toBe('none');
			expect(docAccess(actor, { kind: 'tally', id: 'w2bbbbbbbb' })).toBe('none');
		}
	});
});
