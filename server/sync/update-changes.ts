/**
 * What an incoming Yjs update would change in a room's doc, read without applying it.
 *
 * The write policy decides on changes, not on bytes, so this module turns an update into a list of
 * inserts and deletes, each with the place it lands: the root key and the map keys below it
 * (`['cards', cardId, 'text']`, `['cards', cardId, 'plusOnes', participantId]`,
 * `['syntheses', '3', '#']` for characters inside a text). It resolves an item's parent the way Yjs
 * does when it integrates one — from the item itself, or from its left or right neighbour, which may
 * be in the doc or earlier in the same update — so a hand-made update cannot hide where it writes.
 *
 * It also finds what Yjs would have to hold back as "pending": structs that start past what the
 * server has of that client, or that point at items nobody has. Those are gaps; the policy refuses
 * them, so the doc never holds content it cannot place (which would otherwise be kept and sent to
 * every new client).
 *
 * Pure Yjs, no I/O. It reads the doc's struct store but never changes it (no item is split).
 */
import * as Y from 'yjs';

/** Map keys from the root down; '#' stands for an element of a sequence (characters of a Y.Text). */
export type Path = readonly string[];

export type Inserted =
	| { kind: 'json'; values: unknown[] }
	| { kind: 'string'; text: string }
	| { kind: 'map' }
	| { kind: 'text' }
	| { kind: 'array' }
	/** Created and deleted before it was sent: takes clock space, holds nothing. */
	| { kind: 'deleted' }
	| { kind: 'unsupported'; name: string };

export interface Insert {
	op: 'insert';
	root: string;
	path: Path;
	value: Inserted;
	/** The item's own id, so the fields of a map created in this update can be found by their parent. */
	id: string;
	/** Id of the item that holds the parent type (null for a child of a root type). */
	parentId: string | null;
	/** Whether the parent is created in this same update. */
	parentIsNew: boolean;
	/** Whether this update also deletes it (a value overwritten in the same transaction). */
	deletedToo: boolean;
}

export interface Delete {
	op: 'delete';
	root: string;
	path: Path;
	/** The item being deleted, as the doc holds it. */
	item: Y.Item;
	parentId: string | null;
}

export type Change = Insert | Delete;

export type Inspection =
	| { ok: true; changes: Change[]; /** True when the update holds nothing the doc does not already have. */ empty: boolean }
	| { ok: false; reason: 'gap' | 'malformed'; detail: string };

type DecodedStruct = Y.Item | Y.GC | Y.Skip;

const idKey = (id: Y.ID): string => `${id.client}:${id.clock}`;

/** Where an item sits: its root, its path and its parent's item id. `null` when it lands nowhere (its parent was collected). */
interface Place {
	root: string;
	path: string[];
	parentId: string | null;
	parentIsNew: boolean;
}

function describeContent(content: unknown): Inserted {
	if (content instanceof Y.ContentAny) return { kind: 'json', values: content.arr };
	if (content instanceof Y.ContentString) return { kind: 'string', text: content.str };
	if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
	if (content instanceof Y.ContentType) {
		const type = content.type;
		// XmlText extends Text and XmlElement/XmlHook extend XmlFragment: check the XML kinds first.
		if (type instanceof Y.XmlText || type instanceof Y.XmlFragment) return { kind: 'unsupported', name: type.constructor.name };
		if (type instanceof Y.Map) return { kind: 'map' };
		if (type instanceof Y.Text) return { kind: 'text' };
		if (type instanceof Y.Array) return { kind: 'array' };
		return { kind: 'unsupported', name: 'type' };
	}
	return { kind: 'unsupported', name: (content as object | null)?.constructor?.name ?? 'unknown' };
}

/** The doc's struct holding this id, or null when the doc does not have it. */
function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
	const structs = doc.store.clients.get(id.client);
	if (!structs || id.clock >= Y.getState(doc.store, id.client)) return null;
	return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
}

/** Root key and path of an item already in the doc; null when it hangs under collected content. */
function placeOfDocItem(item: Y.Item): { root: string; path: string[] } | null {
	const path: string[] = [];
	let current: Y.Item = item;
	for (;;) {
		path.unshift(current.parentSub ?? '#');
		const parent = current.parent as Y.AbstractType<unknown> | null;
		if (!parent || !(parent instanceof Y.AbstractType)) return null;
		if (parent._item === null) {
			let root: string;
			try {
				root = Y.findRootTypeKey(parent);
			} catch {
				return null;
			}
			return { root, path };
		}
		current = parent._item;
	}
}

/**
 * Lists what `update` would insert and delete in `doc`. Items the doc already has are left out, so a
 * client resending its whole state (as every reconnect does) shows only what is new.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
	let decoded: { structs: DecodedStruct[]; ds: { clients: Map<number, Array<{ clock: number; len: number }>> } };
	try {
		decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
	} catch (error) {
		return { ok: false, reason: 'malformed', detail: error instanceof Error ? error.message : String(error) };
	}
	const store = doc.store;
	// Items new in this update, by id, for parents and neighbours that arrive together.
	const newItems = new Map<string, { item: Y.Item; place: Place | null }>();
	const inserts: Insert[] = [];
	// Per client, the clock the next struct must start at for Yjs to integrate it now.
	const nextClock = new Map<number, number>();
	let empty = true;

	// The same items per client in clock order (an update lists each client's structs in order), so a
	// neighbour that points into the middle of a multi-character item is found by binary search.
	const newByClient = new Map<number, Array<{ item: Y.Item; place: Place | null }>>();
	const lookupNew = (id: Y.ID): { item: Y.Item; place: Place | null } | undefined => {
		const exact = newItems.get(idKey(id));
		if (exact) return exact;
		const list = newByClient.get(id.client);
		if (!list) return undefined;
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			const { item } = list[middle];
			if (id.clock < item.id.clock) high = middle - 1;
			else if (id.clock >= item.id.clock + item.length) low = middle + 1;
			else return list[middle];
		}
		return undefined;
	};

	/** Place of a parent given as an item id (the item holding the parent type). */
	const placeUnderParentItem = (parentId: Y.ID, sub: string | null): Place | null | 'missing' => {
		const fresh = lookupNew(parentId);
		if (fresh) {
			if (!fresh.place || !(fresh.item.content instanceof Y.ContentType)) return null;
			return { root: fresh.place.root, path: [...fresh.place.path, sub ?? '#'], parentId: idKey(fresh.item.id), parentIsNew: true };
		}
		const found = findInDoc(doc, parentId);
		if (!found) return 'missing';
		if (!(found instanceof Y.Item) || !(found.content instanceof Y.ContentType)) return null; // collected: Yjs drops the child
		const where = placeOfDocItem(found);
		if (!where) return null;
		return { root: where.root, path: [...where.path, sub ?? '#'], parentId: idKey(found.id), parentIsNew: false };
	};

	/** Place of an item that names only a neighbour: it shares the neighbour's parent and key. */
	const placeBesideNeighbour = (neighbour: Y.ID): Place | null | 'missing' => {
		const fresh = lookupNew(neighbour);
		if (fresh) return fresh.place;
		const found = findInDoc(doc, neighbour);
		if (!found) return 'missing';
		if (!(found instanceof Y.Item)) return null; // next to collected content: Yjs turns the new item into GC
		const where = placeOfDocItem(found);
		if (!where) return null;
		const parent = found.parent as Y.AbstractType<unknown>;
		return { root: where.root, path: where.path, parentId: parent._item ? idKey(parent._item.id) : null, parentIsNew: false };
	};

	for (const struct of decoded.structs) {
		const client = struct.id.client;
		const known = Y.getState(store, client);
		const expected = nextClock.get(client) ?? known;
		const end = struct.id.clock + struct.length;
		if (struct instanceof Y.Skip) {
			// A merged update with a hole in it: what comes after the skip cannot be placed.
			if (end > known) return { ok: false, reason: 'gap', detail: `skip in client ${client}` };
			continue;
		}
		if (end <= known) continue; // the doc has all of it
		if (struct.id.clock > expected) return { ok: false, reason: 'gap', detail: `client ${client} starts at ${struct.id.clock}, server has ${expected}` };
		nextClock.set(client, end);
		empty = false;
		if (struct instanceof Y.GC) continue; // collected content: takes clock space, changes nothing visible
		const item = struct;
		let place: Place | null | 'missing';
		const parent = item.parent as unknown;
		if (typeof parent === 'string') {
			place = { root: parent, path: [item.parentSub ?? '#'], parentId: null, parentIsNew: false };
		} else if (parent instanceof Y.ID) {
			place = placeUnderParentItem(parent, item.parentSub);
		} else if (item.origin) {
			place = placeBesideNeighbour(item.origin);
		} else if (item.rightOrigin) {
			place = placeBesideNeighbour(item.rightOrigin);
		} else {
			return { ok: false, reason: 'malformed', detail: 'item without parent or neighbours' };
		}
		if (place === 'missing') return { ok: false, reason: 'gap', detail: 'item refers to content the server does not have' };
		// Its neighbours must exist too, or Yjs would hold it back as pending.
		for (const neighbour of [item.origin, item.rightOrigin]) {
			if (neighbour && neighbour.client !== client && !lookupNew(neighbour) && !findInDoc(doc, neighbour)) {
				return { ok: false, reason: 'gap', detail: 'item refers to a neighbour the server does not have' };
			}
		}
		const entry = { item, place };
		newItems.set(idKey(item.id), entry);
		const list = newByClient.get(client);
		if (list) list.push(entry);
		else newByClient.set(client, [entry]);
		if (!place) continue; // lands under collected content: Yjs discards it
		inserts.push({
			op: 'insert',
			root: place.root,
			path: place.path,
			value: describeContent(item.content),
			id: idKey(item.id),
			parentId: place.parentId,
			parentIsNew: place.parentIsNew,
			deletedToo: false
		});
	}

	const deletes: Delete[] = [];
	const deletedNewIds = new Set<string>();
	for (const [client, ranges] of decoded.ds.clients) {
		const structs = store.clients.get(client);
		const known = Y.getState(store, client);
		for (const { clock, len } of ranges) {
			let at = clock;
			const rangeEnd = clock + len;
			// Part of the range may delete items that arrive in this update.
			for (const { item } of newByClient.get(client) ?? []) {
				if (item.id.clock < rangeEnd && item.id.clock + item.length > clock) deletedNewIds.add(idKey(item.id));
			}
			const newEnd = nextClock.get(client) ?? known;
			if (rangeEnd > newEnd) return { ok: false, reason: 'gap', detail: `delete of content the server does not have (client ${client})` };
			if (!structs || at >= known) continue;
			let index = Y.findIndexSS(structs, at);
			while (index < structs.length && at < rangeEnd && at < known) {
				const struct = structs[index];
				at = struct.id.clock + struct.length;
				index++;
				if (!(struct instanceof Y.Item) || struct.deleted) continue; // already gone: a no-op
				const where = placeOfDocItem(struct);
				if (!where) continue;
				empty = false;
				const parentType = struct.parent as Y.AbstractType<unknown>;
				deletes.push({ op: 'delete', root: where.root, path: where.path, item: struct, parentId: parentType._item ? idKey(parentType._item.id) : null });
			}
		}
	}
	for (const insert of inserts) if (deletedNewIds.has(insert.id)) insert.deletedToo = true;

	// A delete inside something this update also deletes is part of that delete (removing a card
	// removes its +1s), so only the outermost one is judged.
	const deletedIds = new Set(deletes.map((d) => idKey(d.item.id)));
	const outermost = deletes.filter((d) => !hasDeletedAncestor(d.item, deletedIds));
	return { ok: true, changes: [...inserts, ...outermost], empty };
}

function hasDeletedAncestor(item: Y.Item, deletedIds: Set<string>): boolean {
	let parent = item.parent as Y.AbstractType<unknown> | null;
	while (parent && parent._item) {
		if (deletedIds.has(idKey(parent._item.id))) return true;
		parent = parent._item.parent as Y.AbstractType<unknown> | null;
	}
	return false;
}
