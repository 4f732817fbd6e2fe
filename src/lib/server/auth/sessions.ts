/**
 * The whole session story, in the Lucia pattern: a random token goes to the client, its SHA-256 is
 * the session id in SQLite, expiry slides forward while the session is used. Every failure → null.
 * Staff sessions, participant sessions (from a join code) and projector links resolve through here.
 */
import { preparedOnce, type Db } from '../db.ts';
import type { Principal } from './principal.ts';
import { generateToken, hashToken } from './tokens.ts';
import type { StaffRole } from '../../domain/permissions.ts';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** Renew when less than half the lifetime is left, so an active user is never logged out. */
export const SESSION_RENEW_BEFORE_MS = 15 * DAY;

export interface IssuedSession {
	token: string;
	expiresAt: number;
}

/** Pure: the new expiry for a session used at `now`, or null when nothing needs to change. */
export function slidingExpiry(expiresAt: number, now: number): number | null {
	if (now >= expiresAt) return null;
	return expiresAt - now < SESSION_RENEW_BEFORE_MS ? now + SESSION_LIFETIME_MS : null;
}

export function createUserSession(db: Db, userId: string, now = Date.now()): IssuedSession {
	const token = generateToken();
	const expiresAt = now + SESSION_LIFETIME_MS;
	db.prepare('INSERT INTO user_sessions (id, user_id, expires_at) VALUES (?, ?, ?)').run(hashToken(token), userId, expiresAt);
	return { token, expiresAt };
}

export function createParticipantSession(db: Db, participantId: string, now = Date.now()): IssuedSession {
	const token = generateToken();
	const expiresAt = now + SESSION_LIFETIME_MS;
	db.prepare('INSERT INTO participant_sessions (id, participant_id, expires_at) VALUES (?, ?, ?)').run(
		hashToken(token),
		participantId,
		expiresAt
	);
	return { token, expiresAt };
}

interface UserSessionRow {
	session_id: string;
	expires_at: number;
	user_id: string;
	email: string;
	role: StaffRole;
	disabled_at: number | null;
}

interface ParticipantSessionRow {
	session_id: string;
	expires_at: number;
	participant_id: string;
	display_name: string;
	workshop_id: string;
	agenda_id: string;
	status: 'open' | 'closed';
}

/** Resolves any token — staff, participant or projector — to a principal, renewing sliding sessions. */
export function validateToken(db: Db, token: string, now = Date.now()): Principal | null {
	if (typeof token !== 'string' || token.length < 16 || token.length > 128) return null;
	const id = hashToken(token);

	const user = preparedOnce<[string], UserSessionRow>(
		db,
		`SELECT s.id AS session_id, s.expires_at, u.id AS user_id, u.email, u.role, u.disabled_at
		 FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`
	).get(id);
	if (user) {
		if (now >= user.expires_at || user.disabled_at !== null) {
			preparedOnce(db, 'DELETE FROM user_sessions WHERE id = ?').run(id);
			return null;
		}
		const renewed = slidingExpiry(user.expires_at, now);
		if (renewed !== null) preparedOnce(db, 'UPDATE user_sessions SET expires_at = ? WHERE id = ?').run(renewed, id);
		return {
			kind: 'staff',
			sessionId: id,
			user: { id: user.user_id, email: user.email, role: user.role },
			...(renewed !== null ? { renewedUntil: renewed } : {})
		};
	}

	const participant = preparedOnce<[string], ParticipantSessionRow>(
		db,
		`SELECT s.id AS session_id, s.expires_at, p.id AS participant_id, p.display_name, w.id AS workshop_id,
		        w.agenda_id, w.status
		 FROM participant_sessions s
		 JOIN participants p ON p.id = s.participant_id
		 JOIN workshops w ON w.id = p.workshop_id
		 WHERE s.id = ?`
	).get(id);
	if (participant) {
		if (now >= participant.expires_at) {
			preparedOnce(db, 'DELETE FROM participant_sessions WHERE id = ?').run(id);
			return null;
		}
		const renewed = slidingExpiry(participant.expires_at, now);
		if (renewed !== null) preparedOnce(db, 'UPDATE participant_sessions SET expires_at = ? WHERE id = ?').run(renewed, id);
		return {
			kind: 'participant',
			sessionId: id,
			participant: {
				id: participant.participant_id,
				displayName: participant.display_name,
				workshopId: participant.workshop_id,
				agendaId: participant.agenda_id
			},
			workshopOpen: participant.status === 'open',
			...(renewed !== null ? { renewedUntil: renewed } : {})
		};
	}

	const projector = preparedOnce<[string], { id: string; agenda_id: string }>(
		db,
		'SELECT id, agenda_id FROM workshops WHERE projector_token_hash = ?'
	).get(id);
	if (projector) return { kind: 'projector', workshopId: projector.id, agendaId: projector.agenda_id };

	return null;
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.prepare('DELETE FROM user_sessions WHERE id = ?').run(sessionId);
	db.prepare('DELETE FROM participant_sessions WHERE id = ?').run(sessionId);
}

/** Ends every session of a user (disabled, password reset), optionally keeping the one making the change. */
export function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string): void {
	if (exceptSessionId) {
		db.prepare('DELETE FROM user_sessions WHERE user_id = ? AND id != ?').run(userId, exceptSessionId);
	} else {
		db.prepare('DELETE FROM user_sessions WHERE user_id = ?').run(userId);
	}
}

