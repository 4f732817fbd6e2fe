/**
 * Sessions in the Lucia pattern against a real SQLite file in a temp dir, with explicit clocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../../../src/lib/server/db.ts';
import {
	SESSION_LIFETIME_MS,
	SESSION_RENEW_BEFORE_MS,
	createParticipantSession,
	createUserSession,
	invalidateSession,
	invalidateUserSessions,
	slidingExpiry,
	validateToken
} from '../../../../src/lib/server/auth/sessions.ts';
import { hashToken } from '../../../../src/lib/server/auth/tokens.ts';
import { insertUser, setUserDisabled } from '../../../../src/lib/server/repositories/users.ts';
import { insertAgenda, insertWorkshop, setWorkshopStatus } from '../../../../src/lib/server/repositories/workshops.ts';
import { insertParticipant } from '../../../../src/lib/server/repositories/participants.ts';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

let dir: string;
let db: Db;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijktafel-sessions-'));
	db = openDatabase(dir);
	db.prepare("INSERT INTO stadsdelen (code, name, geometry) VALUES ('zuid', 'Zuid', '{}')").run();
});
afterEach(() => {
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const staffUser = () => insertUser(db, { email: 'Begeleider@Maastricht.nl', passwordHash: 'x', role: 'facilitator' });
const expiresAtOf = (table: 'user_sessions' | 'participant_sessions', token: string) =>
	(db.prepare(`SELECT expires_at FROM ${table} WHERE id = ?`).get(hashToken(token)) as { expires_at: number } | undefined)?.expires_at;

function participantInWorkshop() {
	const agenda = insertAgenda(db, { stadsdeelCode: 'zuid', title: 'Sociale agenda Zuid 2026', period: '2026' });
	const { workshop, projectorToken } = insertWorkshop(db, { agendaId: agenda.id, title: 'Heugem' });
	const participant = insertParticipant(db, { workshopId: workshop.id, displayName: 'Linde 12', role: 'resident' });
	return { agenda, workshop, participant, projectorToken };
}

describe('slidingExpiry (pure)', () => {
	test('no change while more than half the lifetime is left', () => {
		expect(slidingExpiry(T0 + SESSION_LIFETIME_MS, T0 + DAY)).toBeNull();
		expect(slidingExpiry(T0 + SESSION_LIFETIME_MS, T0 + SESSION_LIFETIME_MS - SESSION_RENEW_BEFORE_MS)).toBeNull();
	});
	test('renews to a full lifetime from now once less than half is left', () => {
		const now = T0 + SESSION_LIFETIME_MS - SESSION_RENEW_BEFORE_MS + 1;
		expect(slidingExpiry(T0 + SESSION_LIFETIME_MS, now)).toBe(now + SESSION_LIFETIME_MS);
	});
	test('an expired session is not renewed', () => {
		expect(slidingExpiry(T0, T0)).toBeNull();
		expect(slidingExpiry(T0, T0 + 1)).toBeNull();
	});
});

describe('staff sessions', () => {
	test('a new session is valid for 30 days and only its hash is stored', () => {
		const user = staffUser();
		const session = createUserSession(db, user.id, T0);
		expect(session.expiresAt).toBe(T0 + 30 * DAY);
		expect(db.prepare('SELECT count(*) AS n FROM user_sessions WHERE id = ?').get(session.token)).toEqual({ n: 0 });
		const principal = validateToken(db, session.token, T0 + DAY);
		expect(principal).toMatchObject({ kind: 'staff', sessionId: hashToken(session.token), user: { id: user.id, email: 'begeleider@maastricht.nl', role: 'facilitator' } });
		expect(principal && 'renewedUntil' in principal ? principal.renewedUntil : undefined).toBeUndefined();
	});

	test('use in the first half changes nothing; use in the second half slides expiry to 30 days from then', () => {
		const user = staffUser();
		const session = createUserSession(db, user.id, T0);
		validateToken(db, session.token, T0 + 10 * DAY);
		expect(expiresAtOf('user_sessions', session.token)).toBe(T0 + 30 * DAY);

		const later = T0 + 20 * DAY;
		const principal = validateToken(db, session.token, later);
		expect(principal).toMatchObject({ kind: 'staff', renewedUntil: later + 30 * DAY });
		expect(expiresAtOf('user_sessions', session.token)).toBe(later + 30 * DAY);
		// Still valid long after the original expiry, because it was used.
		expect(validateToken(db, session.token, T0 + 45 * DAY)?.kind).toBe('staff');
	});

	test('an expired session is refused and deleted', () => {
		const user = staffUser();
		const session = createUserSession(db, user.id, T0);
		expect(validateToken(db, session.token, T0 + 30 * DAY)).toBeNull();
		expect(expiresAtOf('user_sessions', session.token)).toBeUndefined();
		// And it stays refused, even "back in time".
		expect(validateToken(db, session.token, T0 + DAY)).toBeNull();
	});

	test("a disabled user's session is refused and deleted", () => {
		const user = staffUser();
		const session = createUserSession(db, user.id, T0);
		setUserDisabled(db, user.id, T0 + 1);
		expect(validateToken(db, session.token, T0 + 2)).toBeNull();
		expect(expiresAtOf('user_sessions', session.token)).toBeUndefined();
	});

	test('invalidateSession ends one session; invalidateUserSessions all of a user (optionally but one)', () => {
		const user = staffUser();
		const [a, b, c] = [createUserSession(db, user.id, T0), createUserSession(db, user.id, T0), createUserSession(db, user.id, T0)];
		invalidateSession(db, hashToken(a.token));
		expect(validateToken(db, a.token, T0 + 1)).toBeNull();
		expect(validateToken(db, b.token, T0 + 1)).not.toBeNull();
		invalidateUserSessions(db, user.id, hashToken(c.token));
		expect(validateToken(db, b.token, T0 + 1)).toBeNull();
		expect(validateToken(db, c.token, T0 + 1)).not.toBeNull();
		invalidateUserSessions(db, user.id);
		expect(validateToken(db, c.token, T0 + 1)).toBeNull();
	});
});

describe('participant sessions', () => {
	test('expire after 30 days unless used, and slide like staff sessions', () => {
		const { participant, workshop, agenda } = participantInWorkshop();
		const idle = createParticipantSession(db, participant.id, T0);
		const active = createParticipantSession(db, participant.id, T0);
		expect(validateToken(db, active.token, T0 + 16 * DAY)).toMatchObject({
			kind: 'participant',
			participant: { id: participant.id, workshopId: workshop.id, agendaId: agenda.id, displayName: 'Linde 12' },
			workshopOpen: true,
			renewedUntil: T0 + 46 * DAY
		});
		expect(validateToken(db, idle.token, T0 + 30 * DAY)).toBeNull();
		expect(expiresAtOf('participant_sessions', idle.token)).toBeUndefined();
		expect(validateToken(db, active.token, T0 + 40 * DAY)?.kind).toBe('participant');
	});

	test('report whether their workshop is still open', () => {
		const { participant, workshop } = participantInWorkshop();
		const session = createParticipantSession(db, participant.id, T0);
		setWorkshopStatus(db, workshop.id, 'closed', T0 + 1);
		expect(validateToken(db, session.token, T0 + 2)).toMatchObject({ kind: 'participant', workshopOpen: false });
	});

	test('end when the participant is deleted (vergeet mij)', () => {
		const { participant } = participantInWorkshop();
		const session = createParticipantSession(db, participant.id, T0);
		db.prepare('DELETE FROM participants WHERE id = ?').run(participant.id);
		expect(validateToken(db, session.token, T0 + 1)).toBeNull();
	});
});

describe('other tokens', () => {
	test('a projector link resolves to a read-only projector principal', () => {
		const { workshop, agenda, projectorToken } = participantInWorkshop();
		expect(validateToken(db, projectorToken, T0)).toEqual({ kind: 'projector', workshopId: workshop.id, agendaId: agenda.id });
	});
	test('unknown, empty, too short and too long tokens are refused without error', () => {
		for (const token of ['', 'short', 'x'.repeat(32), 'x'.repeat(129), null as unknown as string]) {
			expect(validateToken(db, token, T0)).toBeNull();
		}
	});
});
