/**
 * "Vergeet mij": a participant removes everything they contributed.
 *
 * What is removed is decided by the server's own record, never by a field in the doc: the entries
 * the sync server saw this participant create (`entry_changes`, written from the connection, see
 * server/sync/write-policy.ts), and the keys that are their own id (their +1s: the policy lets
 * nobody else write that key). An entry without any record was written before the server kept
 * records; only for those the doc's `authorId` decides. So an attacker who once wrote his id into
 * other people's cards cannot take their words with him.
 * Their ballots go with the participant row, and every tally they were in is counted again from
 * the remaining ballots, so a rating's free-text reason is gone from the tally doc too.
 * Text typed into shared texts (a synthesis) has no author and stays. A removed card that staff had
 * marked as a shareable quote loses its mark (`shareable_quotes`), so no quote points at it.
 *
 * How: the removal is an ordinary Yjs deletion, applied to the live doc and broadcast. It is not a
 * fresh Y.Doc with new item ids, because then any client that was offline during the forget would
 * upload its old copy on reconnect and bring the card back (next to a duplicate of everything else);
 * a deletion of existing items is what the CRDT keeps deleted. Then the stored history is replaced by
 * one snapshot of the (garbage-collected) state, so the text is in no update row any more; connected
 * clients are closed with 4409 and reload from that snapshot.
 * Named versions of the agenda saved since they joined are rewritten the same way.
 * Finally the participant row goes (its sessions and ballots cascade) and their sockets are closed (4401).
 */
import * as Y from 'yjs';

// Shared types of any kind; Yjs types its event handlers per kind, so a common supertype needs `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;
import type { AppContext } from './context.ts';
import { docName } from '../sync/doc-names.ts';
import { entriesCreatedBy, forgetWriter, participantWriter, recordedEntries } from './repositories/entry-changes.ts';
import { recountTallies } from './ballots.ts';
import { pruneQuotesOfAgenda } from './shareable-quotes.ts';
import type { BallotKind } from '../domain/ballots.ts';

export interface ForgottenDoc {
	name: string;
	/** Entries removed from the doc's current state. */
	removed: number;
	/** Whether the stored history was replaced (and connected clients told to reload). */
	rebuilt: boolean;
}

export type ForgetOutcome = { ok: true; docs: ForgottenDoc[] } | { ok: false; reason: 'not-found' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return Object.prototype.toString.call(value) === '[object Object]';
}

function isAuthoredBy(value: unknown, participantId: string): boolean {
	if (value instanceof Y.Map) return value.get('authorId') === participantId;
	return isPlainObject(value) && value.authorId === participantId;
}

/**
 * Whose entries go: `entries` are the keys ('cards/<id>') the server recorded them creating;
 * `recorded` all keys of the doc that have a record, so an entry without one can be told apart.
 */
export interface ForgetPlan {
	participantId: string;
	entries: ReadonlySet<string>;
	recorded: ReadonlySet<string>;
}

/** For a doc or state with no records at all (and in tests): the doc's authorId fields decide. */
export function legacyPlan(participantId: string): ForgetPlan {
	return { participantId, entries: new Set(), recorded: new Set() };
}

/** A copy of plain JSON without the participant's entries, and how many were dropped. */
function scrubJson(value: unknown, participantId: string): { value: unknown; removed: number } {
	if (Array.isArray(value)) {
		let removed = 0;
		const kept: unknown[] = [];
		for (const element of value) {
			if (isAuthoredBy(element, participantId)) {
				removed++;
				continue;
			}
			const inner = scrubJson(element, participantId);
			removed += inner.removed;
			kept.push(inner.value);
		}
		return { value: kept, removed };
	}
	if (isPlainObject(value)) {
		let removed = 0;
		const kept: Record<string, unknown> = {};
		for (const [key, element] of Object.entries(value)) {
			if (key === participantId || isAuthoredBy(element, participantId)) {
				removed++;
				continue;
			}
			const inner = scrubJson(element, participantId);
			removed += inner.removed;
			kept[key] = inner.value;
		}
		return { value: kept, removed };
	}
	return { value, removed: 0 };
}

/**
 * Deletes the participant's entries inside one shared type; returns how many were removed.
 * `rootName` is set for a top-level type: its entries are judged by the plan. Below that only keys
 * that are their id go, and authored maps only inside an entry without a record (`legacy`).
 */
function scrubType(type: AnyType, plan: ForgetPlan, rootName: string | null, legacy: boolean): number {
	const { participantId } = plan;
	let removed = 0;
	const theirs = (key: string | null, value: unknown): { theirs: boolean; legacy: boolean } => {
		if (rootName !== null && key !== null) {
			const entryKey = `${rootName}/${key}`;
			const hasRecord = plan.recorded.has(entryKey);
			return { theirs: plan.entries.has(entryKey) || key === participantId || (!hasRecord && isAuthoredBy(value, participantId)), legacy: !hasRecord };
		}
		return { theirs: key === participantId || (legacy && isAuthoredBy(value, participantId)), legacy };
	};
	if (type instanceof Y.Map) {
		for (const [key, value] of [...type.entries()]) {
			const verdict = theirs(key, value);
			if (verdict.theirs) {
				type.delete(key);
				removed++;
			} else if (value instanceof Y.AbstractType) {
				removed += scrubType(value, plan, null, verdict.legacy);
			} else if (verdict.legacy) {
				// Inside an entry with a record nothing else is theirs; plain JSON is only scrubbed in old entries.
				const inner = scrubJson(value, participantId);
				// Plain JSON is one atomic value in Yjs: write the cleaned copy over it.
				if (inner.removed > 0) type.set(key, inner.value as Json);
				removed += inner.removed;
			}
		}
	} else if (type instanceof Y.Array || type instanceof Y.XmlFragment) {
		const elements: unknown[] = type.toArray();
		// Backwards, so deleting one element does not shift the ones still to visit.
		for (let index = elements.length - 1; index >= 0; index--) {
			const value = elements[index];
			// Elements of a sequence have no key, so no record: only authorId can tell, and only outside recorded entries.
			const unrecorded = legacy || rootName !== null;
			if (unrecorded && isAuthoredBy(value, participantId)) {
				type.delete(index, 1);
				removed++;
			} else if (value instanceof Y.AbstractType) {
				removed += scrubType(value, plan, null, unrecorded);
			} else if (unrecorded && type instanceof Y.Array) {
				const inner = scrubJson(value, participantId);
				if (inner.removed > 0) {
					type.delete(index, 1);
					(type as Y.Array<unknown>).insert(index, [inner.value]);
				}
				removed += inner.removed;
			}
		}
	}
	return removed;
}

/**
 * Top-level types arrive untyped from an update: only the reader knows whether a name is a map, an
 * array or a text. Decide from the content — keyed entries make a map; a sequence holding strings or
 * formatting is a text (left alone: no authorship inside); any other sequence is an array.
 */
function typedTopLevel(doc: Y.Doc, name: string, type: AnyType): AnyType | null {
	if (type instanceof Y.Map || type instanceof Y.Array || type instanceof Y.XmlFragment) return type;
	if (type instanceof Y.Text) return null;
	if (type._map.size > 0) return doc.getMap(name);
	for (let item = type._start; item !== null; item = item.right) {
		if (item.deleted) continue;
		const content = item.content;
		if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) return null;
	}
	return type._start !== null ? doc.getArray(name) : null;
}

/** A private copy of a state with the participant's entries deleted; the caller destroys it. */
function scrubbedCopy(state: Uint8Array, plan: ForgetPlan): { copy: Y.Doc; before: Uint8Array; removed: number } {
	// gc: deleted content is dropped from the copy at the end of each transaction, not kept as history.
	const copy = new Y.Doc({ gc: true });
	Y.applyUpdate(copy, state);
	const before = Y.encodeStateVector(copy);
	let removed = 0;
	copy.transact(() => {
		for (const [name, type] of [...copy.share]) {
			const typed = typedTopLevel(copy, name, type);
			if (typed) removed += scrubType(typed, plan, name, false);
		}
	});
	return { copy, before, removed };
}

/**
 * The update that deletes the participant's entries from a doc state, or null when there are none.
 * Works on a private copy, so the live doc's top-level types are never re-typed by our guessing.
 */
export function forgetUpdate(state: Uint8Array, plan: ForgetPlan): { update: Uint8Array; removed: number } | null {
	const { copy, before, removed } = scrubbedCopy(state, plan);
	try {
		// New structs (cleaned JSON copies) plus the delete set, which now includes the removals.
		return removed === 0 ? null : { update: Y.encodeStateAsUpdate(copy, before), removed };
	} finally {
		copy.destroy();
	}
}

/** A whole state without the participant's entries and without any deleted content (for stored versions). */
export function forgetInState(state: Uint8Array, plan: ForgetPlan): { state: Uint8Array; removed: number } {
	const { copy, removed } = scrubbedCopy(state, plan);
	try {
		return { state: Y.encodeStateAsUpdate(copy), removed };
	} finally {
		copy.destroy();
	}
}

interface ParticipantRow {
	id: string;
	workshop_id: string;
	agenda_id: string;
	created_at: number;
}

export function forgetParticipant(context: AppContext, participantId: string): ForgetOutcome {
	const { db, liveDocs, log } = context;
	const participant = db
		.prepare<[string], ParticipantRow>(
			`SELECT p.id, p.workshop_id, w.agenda_id, p.created_at
			 FROM participants p JOIN workshops w ON w.id = p.workshop_id WHERE p.id = ?`
		)
		.get(participantId);
	if (!participant) return { ok: false, reason: 'not-found' };

	const agendaDoc = docName('agenda', participant.agenda_id);
	const writer = participantWriter(participant.id);
	const plan: ForgetPlan = {
		participantId: participant.id,
		entries: new Set(entriesCreatedBy(db, agendaDoc, writer)),
		recorded: recordedEntries(db, agendaDoc)
	};
	// Participants write only the agenda doc; their ballots are counted into their workshop's tally doc.
	const tallyDoc = docName('tally', participant.workshop_id);
	const names = [agendaDoc, tallyDoc];
	const ballotSubjects = db
		.prepare<[string], { kind: BallotKind; subject: string }>('SELECT DISTINCT kind, subject FROM ballots WHERE participant_id = ?')
		.all(participant.id);

	// Rows that could hold their words even if nothing of theirs is left in the current state (a card
	// they wrote and deleted): update-log rows written since they joined. Snapshots are encoded from a
	// garbage-collected doc, so deleted text is not in them.
	const loggedSinceJoin = db.prepare<[string, number], { one: number }>(
		'SELECT 1 AS one FROM ydoc_updates WHERE doc_name = ? AND created_at >= ? LIMIT 1'
	);

	const previousSecureDelete = db.pragma('secure_delete', { simple: true }) as number;
	// Overwrite freed pages with zeros, so deleted rows are not left readable inside the database file.
	db.pragma('secure_delete = ON');
	const docs: ForgottenDoc[] = [];
	try {
		const found = forgetUpdate(liveDocs.encodeState(agendaDoc), plan);
		if (found) liveDocs.change(agendaDoc, (doc) => Y.applyUpdate(doc, found.update));
		const agendaRebuilt = found !== null || loggedSinceJoin.get(agendaDoc, participant.created_at) !== undefined;
		if (agendaRebuilt) liveDocs.replace(agendaDoc, liveDocs.encodeState(agendaDoc));
		docs.push({ name: agendaDoc, removed: found?.removed ?? 0, rebuilt: agendaRebuilt });
		// A removed card can no longer be a shareable quote: its mark goes with it.
		pruneQuotesOfAgenda(context, participant.agenda_id);

		// Named versions are full states too. One saved before they joined cannot hold their words.
		const versions = db
			.prepare<[string, number], { id: string; state: Buffer }>('SELECT id, state FROM agenda_versions WHERE agenda_id = ? AND created_at >= ?')
			.all(participant.agenda_id, participant.created_at);
		const updateVersion = db.prepare<[Buffer, string]>('UPDATE agenda_versions SET state = ? WHERE id = ?');
		for (const version of versions) {
			const scrubbed = forgetInState(new Uint8Array(version.state), plan);
			updateVersion.run(Buffer.from(scrubbed.state), version.id);
			docs.push({ name: `version:${version.id}`, removed: scrubbed.removed, rebuilt: true });
		}
		// Their ballots go with the row; the tallies they were in are counted again, and the tally doc's
		// history (which held their rating reasons) is replaced by that new count.
		db.prepare('DELETE FROM participants WHERE id = ?').run(participant.id);
		forgetWriter(db, writer);
		recountTallies(context, participant.workshop_id, ballotSubjects);
		if (ballotSubjects.length > 0) liveDocs.replace(tallyDoc, liveDocs.encodeState(tallyDoc));
		docs.push({ name: tallyDoc, removed: ballotSubjects.length, rebuilt: ballotSubjects.length > 0 });
	} finally {
		db.pragma(`secure_delete = ${['OFF', 'ON', 'FAST'][previousSecureDelete] ?? 'OFF'}`);
	}
	try {
		// Old page images in the write-ahead log would still hold the text until they are overwritten.
		db.pragma('wal_checkpoint(TRUNCATE)');
	} catch (error) {
		log.warn('forget: could not checkpoint the write-ahead log', { error: String(error) });
	}
	const affected = new Set(names);
	// Their own sockets: the session is gone, so revalidation closes them (4401).
	liveDocs.revalidate((name) => affected.has(name));
	log.info('participant forgotten', {
		workshopId: participant.workshop_id,
		docsRebuilt: docs.filter((d) => d.rebuilt).length,
		entriesRemoved: docs.reduce((sum, d) => sum + d.removed, 0)
	});
	return { ok: true, docs };
}
