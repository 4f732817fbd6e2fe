import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, diffText, transformIndex } from '../../../src/lib/sync/text-diff.ts';

describe('diffText', () => {
	test('one splice around the common prefix and suffix', () => {
		expect(diffText('abc', 'abc')).toBeNull();
		expect(diffText('hallo wereld', 'hallo mooie wereld')).toEqual({ index: 6, deleteCount: 0, insert: 'mooie ' });
		expect(diffText('hallo mooie wereld', 'hallo wereld')).toEqual({ index: 6, deleteCount: 6, insert: '' });
		expect(diffText('kat', 'kast')).toEqual({ index: 2, deleteCount: 0, insert: 's' });
		expect(diffText('', 'nieuw')).toEqual({ index: 0, deleteCount: 0, insert: 'nieuw' });
	});

	test('never splits a surrogate pair', () => {
		const change = diffText('a😀b', 'a😃b');
		expect(change).toEqual({ index: 1, deleteCount: 2, insert: '😃' });
	});
});

describe('applyTextChange', () => {
	test('keeps a concurrent edit elsewhere in the text', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getText('t').insert(0, 'Ouderen willen hulp.');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		applyTextChange(a.getText('t'), 'Veel ouderen willen hulp.');
		applyTextChange(b.getText('t'), 'Ouderen willen hulp bij formulieren.');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
		expect(a.getText('t').toString()).toBe('Veel ouderen willen hulp bij formulieren.');
		expect(b.getText('t').toString()).toBe(a.getText('t').toString());
	});
});

describe('transformIndex', () => {
	test('a caret moves with changes before it and stays put for changes after it', () => {
		// caret after "Ouderen " (index 8)
		expect(transformIndex(8, [{ insert: 'Veel ' }])).toBe(13);
		expect(transformIndex(8, [{ retain: 20 }, { insert: ' bij formulieren' }])).toBe(8);
		expect(transformIndex(8, [{ delete: 3 }])).toBe(5);
		expect(transformIndex(8, [{ retain: 6 }, { delete: 5 }])).toBe(6);
		expect(transformIndex(8, [{ retain: 8 }, { insert: 'x' }])).toBe(8);
	});
});
