/**
 * Binding a plain <textarea> to a Y.Text: turn "old value → new value" into one delete and one
 * insert around the common prefix and suffix. Typing, pasting and deleting are each one such
 * change, so concurrent edits elsewhere in the text survive.
 */
import type * as Y from 'yjs';

export interface TextChange {
	index: number;
	deleteCount: number;
	insert: string;
}

/** The smallest single splice that turns `before` into `after` (UTF-16 indices, as Y.Text uses). */
export function diffText(before: string, after: string): TextChange | null {
	if (before === after) return null;
	let start = 0;
	const maxStart = Math.min(before.length, after.length);
	while (start < maxStart && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	// Do not split a surrogate pair.
	if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
		endBefore--;
		endAfter--;
	}
	if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
		endBefore++;
		endAfter++;
	}
	return { index: start, deleteCount: endBefore - start, insert: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** Applies the textarea's new value as one splice; `origin` lets the binding skip its own echo. */
export function applyTextChange(text: Y.Text, after: string, origin: unknown = null): void {
	const change = diffText(text.toString(), after);
	if (!change) return;
	const apply = () => {
		if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
		if (change.insert !== '') text.insert(change.index, change.insert);
	};
	if (text.doc) text.doc.transact(apply, origin);
	else apply();
}

export type TextDelta = { insert?: unknown; retain?: number; delete?: number }[];

/**
 * Where a caret at `index` ends up after someone else's change (a Y.Text event's delta), so the
 * person typing does not see their cursor jump when a co-author types elsewhere.
 */
export function transformIndex(index: number, delta: TextDelta): number {
	let position = 0;
	let result = index;
	for (const op of delta) {
		if (position > index) break;
		if (op.retain !== undefined) position += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (position < index) result += length;
			position += length;
		} else if (op.delete !== undefined) {
			if (position < index) result -= Math.min(op.delete, index - position);
		}
	}
	return Math.max(0, result);
}
