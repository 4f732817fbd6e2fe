import { describe, expect, test } from 'vitest';
import {
	FOLLOW_UP_NOTE_MAX,
	checkEvidenceUrl,
	checkFollowUpEvent,
	foldFollowUp,
	isCalendarDate,
	readFollowUpEventData,
	spentShare,
	type FollowUpEvent,
	type FollowUpEventData
} from '../../../src/lib/domain/follow-up.ts';

const event = (id: number, data: FollowUpEventData, at = id * 1000): FollowUpEvent => ({ id, data, byUserId: 'u1', byEmail: 'a@b.nl', at });

describe('checking a change', () => {
	test('stopping needs a reason; other statuses do not', () => {
		expect(checkFollowUpEvent({ kind: 'status', status: 'gestopt', reason: '  ' })).toEqual({ ok: false, reason: 'reason-required' });
		expect(checkFollowUpEvent({ kind: 'status', status: 'gestopt', reason: 'Geen ruimte' })).toEqual({ ok: true, value: { kind: 'status', status: 'gestopt', reason: 'Geen ruimte' } });
		expect(checkFollowUpEvent({ kind: 'status', status: 'bezig' })).toEqual({ ok: true, value: { kind: 'status', status: 'bezig', reason: null } });
		expect(checkFollowUpEvent({ kind: 'status', status: 'afgerond' })).toEqual({ ok: false, reason: 'unknown-status' });
	});
	test('notes need a real date and text within the limit', () => {
		expect(checkFollowUpEvent({ kind: 'note', date: '2026-02-30', text: 'x' })).toEqual({ ok: false, reason: 'bad-date' });
		expect(checkFollowUpEvent({ kind: 'note', date: '2026-02-28', text: ' ' })).toEqual({ ok: false, reason: 'empty-note' });
		expect(checkFollowUpEvent({ kind: 'note', date: '2026-02-28', text: 'x'.repeat(FOLLOW_UP_NOTE_MAX + 1) })).toEqual({ ok: false, reason: 'note-too-long' });
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(isCalendarDate('1999-01-01')).toBe(false);
	});
	test('evidence must be a web link: no javascript: or data: traps', () => {
		expect(checkEvidenceUrl('javascript:alert(1)')).toBeNull();
		expect(checkEvidenceUrl('data:text/html,hoi')).toBeNull();
		expect(checkEvidenceUrl('https://www.gemeentemaastricht.nl/x')).toBe('https://www.gemeentemaastricht.nl/x');
		expect(checkFollowUpEvent({ kind: 'evidence', url: 'https://x.nl', label: '' })).toEqual({ ok: true, value: { kind: 'evidence', url: 'https://x.nl/', label: 'https://x.nl/' } });
	});
	test('spending is whole, positive euros below the ceiling', () => {
		for (const amountEuros of [0, -5, 1.5, 100_000_001, Number.NaN]) {
			expect(checkFollowUpEvent({ kind: 'spending', date: '2026-01-01', amountEuros, text: '' })).toEqual({ ok: false, reason: 'bad-amount' });
		}
	});
	test('a stored row that does not check out is ignored, not trusted', () => {
		expect(readFollowUpEventData('status', { status: 'gestopt' })).toBeNull();
		expect(readFollowUpEventData('evidence', { url: 'javascript:x', label: 'x' })).toBeNull();
		expect(readFollowUpEventData('nonsense', {})).toBeNull();
	});
});

describe('the state is the fold of the history', () => {
	test('status, owner, notes (newest date first), evidence once, money summed; a later status clears the stop reason', () => {
		const state = foldFollowUp([
			event(1, { kind: 'status', status: 'gestopt', reason: 'Te duur' }),
			event(2, { kind: 'note', date: '2026-03-01', text: 'eerste' }),
			event(3, { kind: 'spending', date: '2026-03-02', amountEuros: 1000, text: '' }),
			event(4, { kind: 'evidence', url: 'https://x.nl/', label: 'x' }),
			event(5, { kind: 'evidence', url: 'https://x.nl/', label: 'x again' }),
			event(6, { kind: 'note', date: '2026-04-01', text: 'tweede' }),
			event(7, { kind: 'spending', date: '2026-04-02', amountEuros: 500, text: '' }),
			event(8, { kind: 'owner', owner: 'Trajekt' }),
			event(9, { kind: 'status', status: 'bezig', reason: null })
		]);
		expect(state.status).toBe('bezig');
		expect(state.stopReason).toBeNull();
		expect(state.owner).toBe('Trajekt');
		expect(state.spentEuros).toBe(1500);
		expect(state.notes.map((n) => n.text)).toEqual(['tweede', 'eerste']);
		expect(state.evidence).toEqual([{ url: 'https://x.nl/', label: 'x' }]);
		expect(state.lastChangeAt).toBe(9000);
	});
	test('no events: planned, nothing spent', () => {
		expect(foldFollowUp([])).toMatchObject({ status: 'gepland', spentEuros: 0, owner: null, lastChangeAt: null });
	});
	test('spent against the amount', () => {
		expect(spentShare(3000, 12000)).toBe(25);
		expect(spentShare(3000, null)).toBeNull();
		expect(spentShare(3000, 0)).toBeNull();
	});
});
