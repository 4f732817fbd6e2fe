/**
 * Named versions of an agenda ("na de avond in Heugem"): full Yjs states of the agenda doc in
 * `agenda_versions`, taken on demand from the agenda page and automatically when a workshop closes.
 *
 * Restoring happens on a LIVE doc that phones and desks hold copies of. Replacing the doc's history
 * would make every offline copy send the newer content back on reconnect, so a restore is an ordinary
 * change instead: on a private copy of the live state we make every top-level shared type equal to
 * the version's (delete what the version does not have, copy back what it has, replace texts), and
 * apply the difference to the live doc through `liveDocs.change`. Every client receives it as an
 * update and converges; offline edits made before the restore merge in afterwards like any other.
 * Before restoring, the current state is kept as a version of its own, so a restore can be undone.
 *
 * Why a private copy: in a doc loaded from updates, top-level types are untyped until someone asks
 * for them as a map, array or text. We have to guess (from their content) to compare them, and a
 * guess must never re-type the server's live doc (see also forget.ts).
 */
import * as Y from 'yjs';
import type { AppContext } from './context.ts';
import type { Db } from './db.ts';
import { generateId } from './auth/tokens.ts';
import { getAgenda, getWorkshop } from './repositories/workshops.ts';
import { docName } from '../sync/doc-names.ts';
import { diffText } from '../sync/text-diff.ts';

/** Shared types of any kind; Yjs types its event handlers per kind, so a common supertype needs `any`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

export const VERSION_NAME_MAX = 120;

export interface VersionSummary {
	id: string;
	agendaId: string;
	name: string;
	/** Staff user id; null for versions taken automatically. */
	createdBy: string | null;
	/** The creator's e-mail address when the account still exists. */
	createdByEmail: string | null;
	createdAt: number;
}

export type VersionNameProblem = 'empty-name' | 'name-too-long';

/** One line, single spaces, 1–120 characters. */
export function checkVersionName(name: string): { ok: true; value: string } | { ok: false; reason: VersionNameProblem } {
	const value = name.replace(/\s+/g, ' ').trim();
	if (value === '') return { ok: false, reason: 'empty-name' };
	if ([...value].length > VERSION_NAME_MAX) return { ok: false, reason: 'name-too-long' };
	return { ok: true, value };
}

/** Shortens a name that is built from another one ("Voor herstel van …") so it stays valid. */
function fitName(name: string): string {
	const characters = [...name.replace(/\s+/g, ' ').trim()];
	return characters.length <= VERSION_NAME_MAX ? characters.join('') : characters.slice(0, VERSION_NAME_MAX - 1).join('') + '…';
}

interface VersionRow {
	id: string;
	agenda_id: string;
	name: string;
	created_by: string | null;
	created_by_email: string | null;
	created_at: number;
}

const fromRow = (row: VersionRow): VersionSummary => ({
	id: row.id,
	agendaId: row.agenda_id,
	name: row.name,
	createdBy: row.created_by,
	createdByEmail: row.created_by_email,
	createdAt: row.created_at
});

const SELECT_SUMMARY = `SELECT v.id, v.agenda_id, v.name, v.created_by, u.email AS created_by_email, v.created_at
	FROM agenda_versions v LEFT JOIN users u ON u.id = v.created_by`;

/** Newest first. */
export function listVersions(db: Db, agendaId: string): VersionSummary[] {
	return db
		.prepare<[string], VersionRow>(`${SELECT_SUMMARY} WHERE v.agenda_id = ? ORDER BY v.created_at DESC, v.rowid DESC`)
		.all(agendaId)
		.map(fromRow);
}

export function getVersion(db: Db, agendaId: string, versionId: string): VersionSummary | null {
	const row = db.prepare<[string, string], VersionRow>(`${SELECT_SUMMARY} WHERE v.id = ? AND v.agenda_id = ?`).get(versionId, agendaId);
	return row ? fromRow(row) : null;
}

/** The stored state of a version of this agenda; null when there is no such version. */
export function getVersionState(db: Db, agendaId: string, versionId: string): Uint8Array | null {
	const row = db
		.prepare<[string, string], { state: Buffer }>('SELECT state FROM agenda_versions WHERE id = ? AND agenda_id = ?')
		.get(versionId, agendaId);
	return row ? new Uint8Array(row.state) : null;
}

export type TakeVersionResult = { ok: true; version: VersionSummary } | { ok: false; reason: 'not-found' | VersionNameProblem };

/** Stores the agenda doc's current state under a name. */
export function takeVersion(context: AppContext, agendaId: string, name: string, createdBy: string | null, now = Date.now()): TakeVersionResult {
	const checked = checkVersionName(name);
	if (!checked.ok) return checked;
	if (!getAgenda(context.db, agendaId)) return { ok: false, reason: 'not-found' };
	const state = context.liveDocs.encodeState(docName('agenda', agendaId));
	const id = generateId();
	context.db
		.prepare('INSERT INTO agenda_versions (id, agenda_id, name, state, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
		.run(id, agendaId, checked.value, Buffer.from(state), createdBy, now);
	context.log.info('agenda version taken', { agendaId, versionId: id, automatic: createdBy === null });
	return { ok: true, version: getVersion(context.db, agendaId, id)! };
}

/**
 * The version taken when a workshop closes: "Na afsluiten: <title>". Closing twice does not store the
 * same state twice. Null when the workshop is unknown (or the agenda is, which cannot happen).
 */
export function takeVersionOnClose(context: AppContext, workshopId: string, now = Date.now()): VersionSummary | null {
	const workshop = getWorkshop(context.db, workshopId);
	if (!workshop) return null;
	const name = fitName(`Na afsluiten: ${workshop.title}`);
	const latest = context.db
		.prepare<[string], { id: string; name: string; state: Buffer }>(
			'SELECT id, name, state FROM agenda_versions WHERE agenda_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1'
		)
		.get(workshop.agendaId);
	if (latest && latest.name === name) {
		const current = context.liveDocs.encodeState(docName('agenda', workshop.agendaId));
		if (sameState(new Uint8Array(latest.state), current)) return getVersion(context.db, workshop.agendaId, latest.id);
	}
	const taken = takeVersion(context, workshop.agendaId, name, null, now);
	return taken.ok ? taken.version : null;
}

function sameState(a: Uint8Array, b: Uint8Array): boolean {
	// Two encodings of one state can differ byte for byte; a deletion adds no struct, so compare
	// state vectors and delete sets (a Yjs snapshot is exactly those two).
	const docA = new Y.Doc();
	const docB = new Y.Doc();
	try {
		Y.applyUpdate(docA, a);
		Y.applyUpdate(docB, b);
		return Y.equalSnapshots(Y.snapshot(docA), Y.snapshot(docB));
	} finally {
		docA.destroy();
		docB.destroy();
	}
}

export type RestoreResult =
	| { ok: true; version: VersionSummary; backup: VersionSummary; changed: boolean }
	| { ok: false; reason: 'not-found' | 'busy' };

/**
 * Makes the live agenda doc equal to a version, as new changes that reach every client. The state
 * just before is kept as "Voor herstel van ‘<name>’" first, so the restore itself can be undone.
 */
export function restoreVersion(context: AppContext, agendaId: string, versionId: string, restoredBy: string | null, now = Date.now()): RestoreResult {
	const version = getVersion(context.db, agendaId, versionId);
	const state = getVersionState(context.db, agendaId, versionId);
	if (!version || !state) return { ok: false, reason: 'not-found' };
	const backup = takeVersion(context, agendaId, fitName(`Voor herstel van ‘${version.name}’`), restoredBy, now);
	if (!backup.ok) return { ok: false, reason: 'not-found' };
	let changed = false;
	try {
		context.liveDocs.change(docName('agenda', agendaId), (doc) => {
			const update = restoreUpdate(Y.encodeStateAsUpdate(doc), state);
			if (update) {
				Y.applyUpdate(doc, update);
				changed = true;
			}
		});
	} catch (error) {
		// The database is being restored (maintenance): nothing changed, so the backup is not needed.
		context.db.prepare('DELETE FROM agenda_versions WHERE id = ?').run(backup.version.id);
		context.log.warn('agenda version not restored', { agendaId, versionId, error: String(error) });
		return { ok: false, reason: 'busy' };
	}
	context.log.info('agenda version restored', { agendaId, versionId, changed, userId: restoredBy });
	return { ok: true, version, backup: backup.version, changed };
}

// ---------------------------------------------------------------------------------------------
// Making one doc equal to another (pure Yjs)

export type TopLevelKind = 'map' | 'array' | 'text' | 'xml';

/**
 * What a top-level type is. A typed one says so; an untyped one (loaded from an update, never asked
 * for) is judged by its content: keyed entries make a map, characters or formatting a text, XML
 * nodes a fragment, other sequence items an array. Null when nothing is left to judge by.
 */
export function topLevelKind(type: AnyType): TopLevelKind | null {
	if (type instanceof Y.Map) return 'map';
	if (type instanceof Y.Text) return 'text';
	if (type instanceof Y.Array) return 'array';
	if (type instanceof Y.XmlFragment) return 'xml';
	if (type._map.size > 0) return 'map';
	let hasItems = false;
	for (let item = type._start; item !== null; item = item.right) {
		const content = item.content;
		if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) return 'text';
		if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) return 'xml';
		if (!item.deleted) hasItems = true;
	}
	return hasItems ? 'array' : null;
}

function typed(doc: Y.Doc, name: string, kind: TopLevelKind): AnyType {
	switch (kind) {
		case 'map':
			return doc.getMap(name);
		case 'array':
			return doc.getArray(name);
		case 'text':
			return doc.getText(name);
		case 'xml':
			return doc.getXmlFragment(name);
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return Object.prototype.toString.call(value) === '[object Object]';
}

/** Equality of plain values as Yjs stores them (JSON, plus Uint8Array for binary content). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a instanceof Uint8Array || b instanceof Uint8Array) {
		return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
	}
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((element, index) => sameValue(element, b[index]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
	}
	return false;
}

function sameDelta(a: Y.Text, b: Y.Text): boolean {
	return sameValue(a.toDelta(), b.toDelta());
}

function isPlainDelta(delta: { insert?: unknown; attributes?: unknown }[]): boolean {
	return delta.every((op) => typeof op.insert === 'string' && op.attributes === undefined);
}

/** Texts: one splice for plain text (people's carets survive it); formatted text is replaced whole. */
function syncText(target: Y.Text, source: Y.Text): void {
	if (sameDelta(target, source)) return;
	const sourceDelta = source.toDelta();
	if (isPlainDelta(target.toDelta()) && isPlainDelta(sourceDelta)) {
		const change = diffText(target.toString(), source.toString());
		if (!change) return;
		if (change.deleteCount > 0) target.delete(change.index, change.deleteCount);
		if (change.insert !== '') target.insert(change.index, change.insert);
		return;
	}
	target.delete(0, target.length);
	target.applyDelta(sourceDelta);
}

/** Sequences are replaced whole when they differ; they are small in the agenda doc (theme lists, links). */
function syncSequence(target: Y.Array<unknown> | Y.XmlFragment, source: Y.Array<unknown> | Y.XmlFragment): void {
	if (sameValue(target.toJSON(), source.toJSON())) return;
	if (target.length > 0) target.delete(0, target.length);
	const copies = source.toArray().map((value) => (value instanceof Y.AbstractType ? value.clone() : value));
	if (copies.length > 0) (target as Y.Array<unknown>).insert(0, copies);
}

/**
 * Maps are made equal key by key, and nested maps and texts in place: a card that was edited since
 * keeps its identity (and a synthesis its Y.Text, which open editors are bound to).
 */
function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
	for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
	for (const [key, value] of source.entries()) {
		const current = target.get(key);
		if (value instanceof Y.Doc) continue; // subdocuments are not used in the agenda doc
		if (!(value instanceof Y.AbstractType)) {
			if (!target.has(key) || current instanceof Y.AbstractType || !sameValue(current, value)) target.set(key, value);
			continue;
		}
		if (value instanceof Y.Map && current instanceof Y.Map) syncMap(current, value);
		else if (value instanceof Y.Text && current instanceof Y.Text) syncText(current, value);
		else if (value instanceof Y.Array && current instanceof Y.Array) syncSequence(current, value);
		else if (value instanceof Y.XmlFragment && current instanceof Y.XmlFragment && value.constructor === current.constructor) syncSequence(current, value);
		else target.set(key, value.clone());
	}
}

/**
 * Makes every top-level type of `target` equal to `source` (its toJSON), in one transaction. Names
 * that neither doc gives any evidence about (empty, never typed) are left alone.
 */
export function makeDocEqual(target: Y.Doc, source: Y.Doc): void {
	const names = new Set([...target.share.keys(), ...source.share.keys()]);
	target.transact(() => {
		for (const name of names) {
			const inTarget = target.share.get(name);
			const inSource = source.share.get(name);
			const kind = (inTarget && inTarget.constructor !== Y.AbstractType ? topLevelKind(inTarget) : null) ?? (inSource ? topLevelKind(inSource) : null) ?? (inTarget ? topLevelKind(inTarget) : null);
			if (!kind) continue;
			const to = typed(target, name, kind);
			const from = typed(source, name, kind);
			if (kind === 'map') syncMap(to as Y.Map<unknown>, from as Y.Map<unknown>);
			else if (kind === 'text') syncText(to as Y.Text, from as Y.Text);
			else syncSequence(to as Y.Array<unknown>, from as Y.Array<unknown>);
		}
	});
}

/**
 * The update that turns a live state into the content of a version state, or null when they are
 * already equal. Worked out on private copies, so no live type is ever re-typed by our guessing.
 */
export function restoreUpdate(liveState: Uint8Array, versionState: Uint8Array): Uint8Array | null {
	const copy = new Y.Doc();
	const version = new Y.Doc();
	try {
		Y.applyUpdate(copy, liveState);
		Y.applyUpdate(version, versionState);
		const before = Y.encodeStateVector(copy);
		let changed = false;
		copy.on('update', () => (changed = true));
		makeDocEqual(copy, version);
		return changed ? Y.encodeStateAsUpdate(copy, before) : null;
	} finally {
		copy.destroy();
		version.destroy();
	}
}
