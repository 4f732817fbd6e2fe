/**
 * Merging duplicate cards. When two people write the same thing, the facilitator merges one card
 * (the duplicate) into the other (the target): the duplicate leaves every screen and the export,
 * the target says how many cards were merged into it, and it counts the support of all of them.
 *
 * Merges are stored in the workshop doc as `duplicateId → targetId` (see workshop-schema); the
 * cards themselves stay untouched in the agenda doc, so a merge is undone by deleting one entry.
 *
 * What is stored is not always a clean forest: two facilitators may merge A into B and B into A at
 * the same moment, a card may be deleted by its author after it became a target, an entry may come
 * from an old or foreign writer. So nothing here trusts the entries; `resolveMerges` turns whatever
 * is stored into a consistent answer that every client computes the same way.
 *
 * Pure: no Yjs, no Svelte.
 */
import type { Card } from './agenda-schema.ts';

export interface CardMerges {
	/** Every merged-away card → the card it is now shown as (the end of its chain). */
	targetOf: ReadonlyMap<string, string>;
	/** Every target → the cards merged into it, directly or through a chain, sorted by id. */
	mergedInto: ReadonlyMap<string, readonly string[]>;
}

/** The part of a card that decides whether two cards may be merged. */
export type MergeableCard = Pick<Card, 'id' | 'questionNumber' | 'workshopId'>;

/** A card as the screens show it: merged-away cards folded into it. */
export interface ShownCard extends Card {
	/**
	 * The distinct people who gave a +1 to this card or to any card merged into it: someone who
	 * supported both the original and its duplicate is one person, and counts once.
	 */
	plusOnes: string[];
	/** The cards merged into this one (directly or through a chain), oldest first. */
	mergedIds: string[];
}

export const NO_MERGE_ENTRIES: ReadonlyMap<string, string> = new Map();

/**
 * Resolves stored entries (duplicate → target, as written) into final targets:
 *  - an entry from a card to itself, or one that `keep` rejects, is ignored;
 *  - a chain (A merged into B, later B into C) resolves to the end: A and B are both shown as C;
 *  - a cycle (A into B and B into A, written at the same moment on two laptops) is broken at the
 *    card with the smallest id: that card stays, the others are merged into it. Every client reads
 *    the same entries once synced, so every screen breaks the cycle the same way.
 */
export function resolveMerges(entries: Iterable<readonly [string, string]>, keep: (duplicateId: string, targetId: string) => boolean = () => true): CardMerges {
	const next = new Map<string, string>();
	for (const [from, to] of entries) if (from !== to && keep(from, to)) next.set(from, to);

	// Each card has at most one outgoing entry, so each group of linked cards holds at most one cycle.
	const settled = new Set<string>();
	for (const start of [...next.keys()]) {
		const path: string[] = [];
		const onPath = new Set<string>();
		let node: string | undefined = start;
		while (node !== undefined && next.has(node) && !settled.has(node) && !onPath.has(node)) {
			path.push(node);
			onPath.add(node);
			node = next.get(node);
		}
		if (node !== undefined && onPath.has(node)) {
			const cycle = path.slice(path.indexOf(node));
			next.delete(cycle.reduce((smallest, id) => (id < smallest ? id : smallest)));
		}
		for (const id of path) settled.add(id);
	}

	const targetOf = new Map<string, string>();
	const finalOf = (id: string): string => {
		const known = targetOf.get(id);
		if (known !== undefined) return known;
		const to = next.get(id);
		if (to === undefined) return id;
		const end = finalOf(to);
		targetOf.set(id, end);
		return end;
	};
	const mergedInto = new Map<string, string[]>();
	for (const id of next.keys()) {
		const end = finalOf(id);
		const ids = mergedInto.get(end);
		if (ids) ids.push(id);
		else mergedInto.set(end, [id]);
	}
	for (const ids of mergedInto.values()) ids.sort();
	return { targetOf, mergedInto };
}

/** Two cards may be merged only within one workshop and one question. */
function sameQuestion(a: MergeableCard, b: MergeableCard): boolean {
	return a.workshopId === b.workshopId && a.questionNumber === b.questionNumber;
}

/**
 * Resolves the entries against the cards that exist: an entry to or from a card that is gone (or
 * that belongs to another question) is ignored, so its card simply shows on its own again.
 */
export function resolveCardMerges(cards: readonly MergeableCard[], entries: Iterable<readonly [string, string]>): CardMerges {
	const byId = new Map(cards.map((card) => [card.id, card]));
	return resolveMerges(entries, (from, to) => {
		const duplicate = byId.get(from);
		const target = byId.get(to);
		return duplicate !== undefined && target !== undefined && sameQuestion(duplicate, target);
	});
}

export type MergeProblem = 'not-found' | 'same-card' | 'other-question' | 'cycle';

/**
 * Whether `duplicateId` may be merged into `targetId`, and into which card it really goes: a target
 * that is itself merged stands for the card it was merged into, so the duplicate goes there too.
 * Refused: a card into itself, into a card of another question (or workshop), and into a card that
 * is (through a chain) merged into the duplicate — that would make a cycle.
 */
export function checkMerge(
	cards: readonly MergeableCard[],
	entries: Iterable<readonly [string, string]>,
	duplicateId: string,
	targetId: string
): { ok: true; targetId: string } | { ok: false; reason: MergeProblem } {
	const duplicate = cards.find((card) => card.id === duplicateId);
	const target = cards.find((card) => card.id === targetId);
	if (!duplicate || !target) return { ok: false, reason: 'not-found' };
	if (duplicate.id === target.id) return { ok: false, reason: 'same-card' };
	if (!sameQuestion(duplicate, target)) return { ok: false, reason: 'other-question' };
	const finalTarget = resolveCardMerges(cards, entries).targetOf.get(target.id) ?? target.id;
	if (finalTarget === duplicate.id) return { ok: false, reason: 'cycle' };
	return { ok: true, targetId: finalTarget };
}

/**
 * Entries that the resolution ignores although both cards exist: a card merged into itself, and the
 * one entry per cycle that was broken. They are harmless while the cycle lasts, but would wake up
 * when another entry of the cycle is undone (undoing "B into A" would suddenly merge A into B), so
 * a facilitator's next change removes them.
 */
export function brokenMergeEntries(cards: readonly MergeableCard[], entries: Iterable<readonly [string, string]>): string[] {
	const list = [...entries];
	const byId = new Map(cards.map((card) => [card.id, card]));
	const { targetOf } = resolveCardMerges(cards, list);
	return list
		.filter(([from, to]) => {
			if (from === to) return true;
			const duplicate = byId.get(from);
			const target = byId.get(to);
			return duplicate !== undefined && target !== undefined && sameQuestion(duplicate, target) && !targetOf.has(from);
		})
		.map(([from]) => from);
}

/** The distinct supporters of a group of cards, in the order they are first met. */
export function combinedSupporters(cards: readonly Pick<Card, 'plusOnes'>[]): string[] {
	const supporters = new Set<string>();
	for (const card of cards) for (const id of card.plusOnes) supporters.add(id);
	return [...supporters];
}

/**
 * The cards a screen shows, in the order given: hidden and merged-away cards left out, each target
 * carrying its merged cards and their combined supporters. `cards` must hold the merged-away cards
 * too (a question's or workshop's cards before any filtering), or their support is lost.
 *
 * This is the one place that decides what "shown" means: phones, the projector, the steps, the
 * agenda view and the export all go through it.
 */
export function showCards(cards: readonly Card[], hidden: ReadonlySet<string>, entries: Iterable<readonly [string, string]>): ShownCard[] {
	const merges = resolveCardMerges(cards, entries);
	const byId = new Map(cards.map((card) => [card.id, card]));
	const order = new Map(cards.map((card, index) => [card.id, index]));
	const shown: ShownCard[] = [];
	for (const card of cards) {
		if (hidden.has(card.id) || merges.targetOf.has(card.id)) continue;
		const mergedIds = [...(merges.mergedInto.get(card.id) ?? [])].sort((a, b) => order.get(a)! - order.get(b)!);
		const group = [card, ...mergedIds.map((id) => byId.get(id)!)];
		shown.push({ ...card, plusOnes: mergedIds.length === 0 ? card.plusOnes : combinedSupporters(group), mergedIds });
	}
	return shown;
}

/** What one workshop's doc says about its cards. */
export interface WorkshopCardState {
	hidden: ReadonlySet<string>;
	merges: Iterable<readonly [string, string]>;
}

/**
 * `showCards` for cards of several workshops (the agenda view, a version, the export): hiding and
 * merging are per workshop, so each workshop's doc only speaks about its own cards. Keeps the order
 * of `cards`.
 */
export function showCardsByWorkshop(cards: readonly Card[], stateOf: (workshopId: string) => WorkshopCardState): ShownCard[] {
	const groups = new Map<string, Card[]>();
	for (const card of cards) {
		const group = groups.get(card.workshopId);
		if (group) group.push(card);
		else groups.set(card.workshopId, [card]);
	}
	const shownById = new Map<string, ShownCard>();
	for (const [workshopId, group] of groups) {
		const state = stateOf(workshopId);
		for (const card of showCards(group, state.hidden, state.merges)) shownById.set(card.id, card);
	}
	return cards.flatMap((card) => shownById.get(card.id) ?? []);
}
