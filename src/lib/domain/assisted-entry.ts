/**
 * "Namens iemand": a facilitator or table helper writes a card for someone without a phone. The
 * request is checked here (no I/O); the server writes the card. Role and buurt are optional, as on
 * the join form; the card's author is shown as "via begeleider", never the helper's or person's name.
 */
import { isParticipantRole, type ParticipantRole } from './participants.ts';

export interface AssistedCardRequest {
	text: string;
	themes: string[];
	role: ParticipantRole;
	buurtCode: string | null;
	/** An earlier assisted person of this workshop, for a second card by the same person. */
	personId: string | null;
}

export type AssistedCardProblem = 'body' | 'text' | 'themes' | 'role' | 'buurt' | 'person';

const MAX_ID_LENGTH = 64;

export function parseAssistedCard(body: unknown): { ok: true; value: AssistedCardRequest } | { ok: false; field: AssistedCardProblem } {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, field: 'body' };
	const { text, themes, role, buurt, personId } = body as Record<string, unknown>;
	if (typeof text !== 'string') return { ok: false, field: 'text' };
	if (themes !== undefined && (!Array.isArray(themes) || !themes.every((t) => typeof t === 'string') || themes.length > 20)) return { ok: false, field: 'themes' };
	const chosenRole = role === undefined || role === null || role === '' ? 'resident' : role;
	if (!isParticipantRole(chosenRole)) return { ok: false, field: 'role' };
	if (buurt !== undefined && buurt !== null && buurt !== '' && (typeof buurt !== 'string' || !/^BU\d{8}$/.test(buurt))) return { ok: false, field: 'buurt' };
	if (personId !== undefined && personId !== null && (typeof personId !== 'string' || personId.length === 0 || personId.length > MAX_ID_LENGTH))
		return { ok: false, field: 'person' };
	return {
		ok: true,
		value: {
			text,
			themes: (themes as string[] | undefined) ?? [],
			role: chosenRole,
			buurtCode: typeof buurt === 'string' && buurt !== '' ? buurt : null,
			personId: typeof personId === 'string' ? personId : null
		}
	};
}
