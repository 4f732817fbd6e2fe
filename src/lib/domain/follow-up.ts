/**
 * Follow-up of the agreed actions (after the workshop): what happened to each action since it was
 * agreed. Pure rules, no I/O.
 *
 * The follow-up of an action is an append-only list of events (status changes, a new owner, dated
 * progress notes, evidence links, money spent). The current state is the fold of that list, so the
 * history is never lost and every change names the staff member who made it. The events are stored in
 * SQLite (not in a Yjs doc): only staff write them, through the server, which checks the permission.
 */
import type { LocalizedText } from './i18n-text.ts';

export const FOLLOW_UP_STATUSES = ['gepland', 'bezig', 'klaar', 'gestopt'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export function isFollowUpStatus(value: unknown): value is FollowUpStatus {
	return typeof value === 'string' && (FOLLOW_UP_STATUSES as readonly string[]).includes(value);
}

/** The staff label and the B1 sentence residents read on the public page ("wat is ermee gedaan?"). */
export const FOLLOW_UP_STATUS_TEXT: Record<FollowUpStatus, { label: LocalizedText; publicText: LocalizedText }> = {
	gepland: {
		label: { nl: 'Gepland', en: 'Planned' },
		publicText: { nl: 'We gaan dit doen. We zijn nog niet begonnen.', en: 'We are going to do this. We have not started yet.' }
	},
	bezig: {
		label: { nl: 'Bezig', en: 'In progress' },
		publicText: { nl: 'We zijn hiermee bezig.', en: 'We are working on this.' }
	},
	klaar: {
		label: { nl: 'Klaar', en: 'Done' },
		publicText: { nl: 'Dit is klaar.', en: 'This is done.' }
	},
	gestopt: {
		label: { nl: 'Gestopt', en: 'Stopped' },
		publicText: { nl: 'We zijn hiermee gestopt. Hieronder staat waarom.', en: 'We stopped this. The reason is below.' }
	}
};

/** Open actions are carried into the next cycle; done and stopped ones stay behind. */
export function isOpenStatus(status: FollowUpStatus): boolean {
	return status === 'gepland' || status === 'bezig';
}

export const FOLLOW_UP_NOTE_MAX = 1000;
export const FOLLOW_UP_REASON_MAX = 500;
export const FOLLOW_UP_OWNER_MAX = 120;
export const FOLLOW_UP_URL_MAX = 500;
export const FOLLOW_UP_LABEL_MAX = 120;
/** Same ceiling as an action's amount: more than € 100 million spent on one action is a typo. */
export const FOLLOW_UP_SPENT_MAX = 100_000_000;

export type FollowUpEventInput =
	| { kind: 'status'; status: string; reason?: string }
	| { kind: 'owner'; owner: string }
	| { kind: 'note'; date: string; text: string }
	| { kind: 'evidence'; url: string; label: string }
	| { kind: 'spending'; date: string; amountEuros: number; text: string };

export type FollowUpEventData =
	| { kind: 'status'; status: FollowUpStatus; reason: string | null }
	| { kind: 'owner'; owner: string }
	| { kind: 'note'; date: string; text: string }
	| { kind: 'evidence'; url: string; label: string }
	| { kind: 'spending'; date: string; amountEuros: number; text: string };

export type FollowUpKind = FollowUpEventData['kind'];
export const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['status', 'owner', 'note', 'evidence', 'spending'];

export type FollowUpProblem =
	| 'unknown-kind'
	| 'unknown-status'
	| 'reason-required'
	| 'reason-too-long'
	| 'owner-too-long'
	| 'empty-note'
	| 'note-too-long'
	| 'bad-date'
	| 'bad-url'
	| 'label-too-long'
	| 'bad-amount';

export const FOLLOW_UP_PROBLEM_TEXT: Record<FollowUpProblem, LocalizedText> = {
	'unknown-kind': { nl: 'Dit soort wijziging kennen we niet.', en: 'This kind of change is unknown.' },
	'unknown-status': { nl: 'Kies een status: gepland, bezig, klaar of gestopt.', en: 'Choose a status: planned, in progress, done or stopped.' },
	'reason-required': { nl: 'Schrijf op waarom de actie is gestopt.', en: 'Write down why the action stopped.' },
	'reason-too-long': { nl: `De reden is te lang. Gebruik hoogstens ${FOLLOW_UP_REASON_MAX} tekens.`, en: `The reason is too long. Use at most ${FOLLOW_UP_REASON_MAX} characters.` },
	'owner-too-long': { nl: `De naam van de trekker is te lang. Gebruik hoogstens ${FOLLOW_UP_OWNER_MAX} tekens.`, en: `The owner's name is too long. Use at most ${FOLLOW_UP_OWNER_MAX} characters.` },
	'empty-note': { nl: 'Schrijf eerst wat er is gebeurd.', en: 'First write what happened.' },
	'note-too-long': { nl: `De tekst is te lang. Gebruik hoogstens ${FOLLOW_UP_NOTE_MAX} tekens.`, en: `The text is too long. Use at most ${FOLLOW_UP_NOTE_MAX} characters.` },
	'bad-date': { nl: 'Vul een echte datum in, bijvoorbeeld 2026-05-14.', en: 'Enter a real date, for example 2026-05-14.' },
	'bad-url': { nl: 'Een link begint met https:// of http://.', en: 'A link starts with https:// or http://.' },
	'label-too-long': { nl: `De omschrijving is te lang. Gebruik hoogstens ${FOLLOW_UP_LABEL_MAX} tekens.`, en: `The description is too long. Use at most ${FOLLOW_UP_LABEL_MAX} characters.` },
	'bad-amount': { nl: 'Vul een bedrag in hele euro’s in, bijvoorbeeld 2.500.', en: 'Enter an amount in whole euros, for example 2,500.' }
};

export type CheckedEvent = { ok: true; value: FollowUpEventData } | { ok: false; reason: FollowUpProblem };

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function length(text: string): number {
	return [...text].length;
}

/** The calendar day in Maastricht of a moment, "YYYY-MM-DD": notes and the "since" of reports are dated so. */
export function maastrichtDay(ms: number): string {
	// en-CA writes YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** A calendar date "YYYY-MM-DD" that exists, between 2020 and 2099. */
export function isCalendarDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 2020 || year > 2099) return false;
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Only web links: a `javascript:` or `data:` link on a staff page would be a trap. */
export function checkEvidenceUrl(text: string): string | null {
	const trimmed = text.trim();
	if (trimmed === '' || length(trimmed) > FOLLOW_UP_URL_MAX) return null;
	try {
		const url = new URL(trimmed);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
	} catch {
		return null;
	}
}

/** Checks one change as a form or an API sends it; the first problem wins. */
export function checkFollowUpEvent(input: FollowUpEventInput): CheckedEvent {
	switch (input.kind) {
		case 'status': {
			if (!isFollowUpStatus(input.status)) return { ok: false, reason: 'unknown-status' };
			const reason = (input.reason ?? '').trim();
			if (input.status === 'gestopt' && reason === '') return { ok: false, reason: 'reason-required' };
			if (length(reason) > FOLLOW_UP_REASON_MAX) return { ok: false, reason: 'reason-too-long' };
			return { ok: true, value: { kind: 'status', status: input.status, reason: reason === '' ? null : reason } };
		}
		case 'owner': {
			const owner = oneLine(input.owner);
			if (length(owner) > FOLLOW_UP_OWNER_MAX) return { ok: false, reason: 'owner-too-long' };
			return { ok: true, value: { kind: 'owner', owner } };
		}
		case 'note': {
			if (!isCalendarDate(input.date)) return { ok: false, reason: 'bad-date' };
			const text = input.text.trim();
			if (text === '') return { ok: false, reason: 'empty-note' };
			if (length(text) > FOLLOW_UP_NOTE_MAX) return { ok: false, reason: 'note-too-long' };
			return { ok: true, value: { kind: 'note', date: input.date, text } };
		}
		case 'evidence': {
			const url = checkEvidenceUrl(input.url);
			if (url === null) return { ok: false, reason: 'bad-url' };
			const label = oneLine(input.label);
			if (length(label) > FOLLOW_UP_LABEL_MAX) return { ok: false, reason: 'label-too-long' };
			return { ok: true, value: { kind: 'evidence', url, label: label === '' ? url : label } };
		}
		case 'spending': {
			if (!isCalendarDate(input.date)) return { ok: false, reason: 'bad-date' };
			const amount = input.amountEuros;
			if (!Number.isInteger(amount) || amount <= 0 || amount > FOLLOW_UP_SPENT_MAX) return { ok: false, reason: 'bad-amount' };
			const text = oneLine(input.text);
			if (length(text) > FOLLOW_UP_LABEL_MAX) return { ok: false, reason: 'label-too-long' };
			return { ok: true, value: { kind: 'spending', date: input.date, amountEuros: amount, text } };
		}
		default:
			return { ok: false, reason: 'unknown-kind' };
	}
}

/** Reads a stored event back; null for a row this version does not understand. */
export function readFollowUpEventData(kind: string, payload: unknown): FollowUpEventData | null {
	if (typeof payload !== 'object' || payload === null) return null;
	const checked = checkFollowUpEvent({ ...(payload as Record<string, unknown>), kind } as FollowUpEventInput);
	return checked.ok ? checked.value : null;
}

export interface FollowUpEvent {
	id: number;
	data: FollowUpEventData;
	/** Staff user id and, for people, their e-mail address (the account name). */
	byUserId: string;
	byEmail: string | null;
	at: number;
}

export interface FollowUpState {
	status: FollowUpStatus;
	/** Why it stopped; only for 'gestopt'. */
	stopReason: string | null;
	/** The follow-up's owner; null while nobody changed the action's own owner. */
	owner: string | null;
	spentEuros: number;
	notes: { date: string; text: string; at: number }[];
	evidence: { url: string; label: string }[];
	lastChangeAt: number | null;
}

export const INITIAL_FOLLOW_UP: FollowUpState = {
	status: 'gepland',
	stopReason: null,
	owner: null,
	spentEuros: 0,
	notes: [],
	evidence: [],
	lastChangeAt: null
};

/** The current state: events applied oldest first. Notes come out newest date first. */
export function foldFollowUp(events: readonly FollowUpEvent[], start: FollowUpState = INITIAL_FOLLOW_UP): FollowUpState {
	const state: FollowUpState = { ...start, notes: [...start.notes], evidence: [...start.evidence] };
	for (const event of [...events].sort((a, b) => a.at - b.at || a.id - b.id)) {
		const data = event.data;
		switch (data.kind) {
			case 'status':
				state.status = data.status;
				state.stopReason = data.status === 'gestopt' ? data.reason : null;
				break;
			case 'owner':
				state.owner = data.owner;
				break;
			case 'note':
				state.notes.push({ date: data.date, text: data.text, at: event.at });
				break;
			case 'evidence':
				if (!state.evidence.some((e) => e.url === data.url)) state.evidence.push({ url: data.url, label: data.label });
				break;
			case 'spending':
				state.spentEuros += data.amountEuros;
				break;
		}
		state.lastChangeAt = event.at;
	}
	state.notes.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.at - a.at));
	return state;
}

/** Money spent against the amount agreed: share in whole percent, null when no amount was agreed. */
export function spentShare(spentEuros: number, amountEuros: number | null): number | null {
	if (amountEuros === null || amountEuros <= 0) return null;
	return Math.round((spentEuros / amountEuros) * 100);
}
