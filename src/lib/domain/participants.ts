/**
 * Who takes part: pseudonymous, bound to one workshop. Role is self-declared; buurt and age band
 * are optional and used only to show reach ("wie missen we nog?"), never beside someone's words.
 */
export const PARTICIPANT_ROLES = ['resident', 'partner', 'official'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, { nl: string; en: string }> = {
	resident: { nl: 'Inwoner', en: 'Resident' },
	partner: { nl: 'Partner', en: 'Partner organisation' },
	official: { nl: 'Gemeente', en: 'Municipality' }
};

/** CBS age bands (0–14, 15–24, 25–44, 45–64, 65+), so reach can be set against CBS population shares. */
export const AGE_BANDS = ['0-14', '15-24', '25-44', '45-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const MAX_DISPLAY_NAME_LENGTH = 40;

export function isParticipantRole(value: unknown): value is ParticipantRole {
	return typeof value === 'string' && (PARTICIPANT_ROLES as readonly string[]).includes(value);
}

export function isAgeBand(value: unknown): value is AgeBand {
	return typeof value === 'string' && (AGE_BANDS as readonly string[]).includes(value);
}

export interface JoinRequest {
	code: string;
	displayName: string | null;
	role: ParticipantRole;
	buurtCode: string | null;
	ageBand: AgeBand | null;
}

export type JoinField = 'body' | 'code' | 'name' | 'role' | 'buurt' | 'ageBand';
export interface JoinProblem {
	field: JoinField;
	message: { nl: string; en: string };
}

/** Checks the shape of a join request (from JSON or a form); whether the code exists is for the caller. */
export function parseJoinRequest(body: unknown): { ok: true; value: JoinRequest } | { ok: false; problems: JoinProblem[] } {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, problems: [{ field: 'body', message: { nl: 'Stuur een JSON-object.', en: 'Send a JSON object.' } }] };
	}
	const input = body as Record<string, unknown>;
	const problems: JoinProblem[] = [];

	const code = input.code;
	if (typeof code !== 'string' || code.trim() === '') {
		problems.push({ field: 'code', message: { nl: 'Vul de code in.', en: 'Enter the code.' } });
	}

	let displayName: string | null = null;
	if (input.name !== undefined && input.name !== null) {
		if (typeof input.name !== 'string') {
			problems.push({ field: 'name', message: { nl: 'De naam moet tekst zijn.', en: 'The name must be text.' } });
		} else {
			const trimmed = input.name.replace(/\s+/g, ' ').trim();
			if ([...trimmed].length > MAX_DISPLAY_NAME_LENGTH) {
				problems.push({
					field: 'name',
					message: {
						nl: `Gebruik hoogstens ${MAX_DISPLAY_NAME_LENGTH} tekens voor je naam.`,
						en: `Use at most ${MAX_DISPLAY_NAME_LENGTH} characters for your name.`
					}
				});
			}
			displayName = trimmed === '' ? null : trimmed;
		}
	}

	if (!isParticipantRole(input.role)) {
		problems.push({
			field: 'role',
			message: { nl: 'Kies: inwoner, partner of gemeente.', en: 'Choose: resident, partner or municipality.' }
		});
	}

	let buurtCode: string | null = null;
	if (input.buurt !== undefined && input.buurt !== null && input.buurt !== '') {
		if (typeof input.buurt !== 'string' || !/^BU0935\d{4}$/.test(input.buurt)) {
			problems.push({ field: 'buurt', message: { nl: 'Kies een buurt uit de lijst.', en: 'Choose a neighbourhood from the list.' } });
		} else buurtCode = input.buurt;
	}

	let ageBand: AgeBand | null = null;
	if (input.ageBand !== undefined && input.ageBand !== null && input.ageBand !== '') {
		if (!isAgeBand(input.ageBand)) {
			problems.push({ field: 'ageBand', message: { nl: 'Kies een leeftijd uit de lijst.', en: 'Choose an age group from the list.' } });
		} else ageBand = input.ageBand;
	}

	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, value: { code: (code as string).trim(), displayName, role: input.role as ParticipantRole, buurtCode, ageBand } };
}

// Friendly, neutral Maastricht-flavoured pseudonyms for people who leave the name empty.
const PSEUDONYM_WORDS = ['Linde', 'Maas', 'Jeker', 'Kastanje', 'Vlinder', 'Merel', 'Eik', 'Brug', 'Heuvel', 'Mergel', 'Wilg', 'Zwaluw'];

/** `random` returns a number in [0, 1); injected so the domain stays deterministic under test. */
export function pseudonym(random: () => number): string {
	const word = PSEUDONYM_WORDS[Math.floor(random() * PSEUDONYM_WORDS.length)];
	const number = 10 + Math.floor(random() * 90);
	return `${word} ${number}`;
}
