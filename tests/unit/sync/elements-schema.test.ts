import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	ELEMENT_NAME_MAX,
	acceptElement,
	checkPlace,
	correctionsMap,
	elementsMap,
	getElement,
	listCorrections,
	listElements,
	markCorrectionHandled,
	proposeElement,
	reachabilityInventory,
	ratingSubject,
	readElement,
	rejectElement,
	removeOwnCorrection,
	removeOwnElement,
	returnToProposed,
	suggestCorrection,
	type NewElement
} from '../../../src/lib/sync/elements-schema.ts';

const ana = { id: 'participantana01', name: 'Linde 12', kind: 'participant' as const };
const bo = { id: 'participantbo0001', name: 'Maas 40', kind: 'participant' as const };
const HEUGEM = 'BU09350601';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function moestuin(overrides: Partial<NewElement> = {}): NewElement {
	return {
		name: '  Buurtmoestuin   Heugem ',
		category: 'meeting_place',
		layer: 'persoonlijk',
		targetGroups: ['ouderen', 'kinderen-jongeren'],
		place: { point: { lat: 50.8305, lon: 5.7125 }, buurtCode: HEUGEM },
		workshopId: 'workshop0001',
		author: ana,
		...overrides
	};
}

describe('proposing an element', () => {
	test('is a Y.Map in the top-level "elements" map, carrying authorId and every field', () => {
		const doc = new Y.Doc();
		expect(proposeElement(doc, moestuin(), 1000, 'element000000001')).toEqual({ ok: true, id: 'element000000001' });
		// The ballot endpoint checks rating subjects against exactly this map's keys.
		expect(doc.getMap('elements').has('element000000001')).toBe(true);
		const map = elementsMap(doc).get('element000000001');
		expect(map).toBeInstanceOf(Y.Map);
		expect(map!.get('authorId')).toBe(ana.id);
		expect(getElement(doc, 'element000000001')).toEqual({
			id: 'element000000001',
			name: 'Buurtmoestuin Heugem',
			category: 'meeting_place',
			layer: 'persoonlijk',
			targetGroups: ['kinderen-jongeren', 'ouderen'],
			lat: 50.8305,
			lon: 5.7125,
			buurtCode: HEUGEM,
			facilityId: null,
			status: 'proposed',
			authorId: ana.id,
			authorName: 'Linde 12',
			authorKind: 'participant',
			workshopId: 'workshop0001',
			createdAt: 1000,
			acceptedBy: null,
			acceptedAt: null
		});
	});

	test('an element may name only its buurt: lat and lon are then explicitly null', () => {
		const doc = new Y.Doc();
		const result = proposeElement(doc, moestuin({ place: { point: null, buurtCode: HEUGEM } }), 1000, 'element000000002');
		expect(result.ok).toBe(true);
		const element = getElement(doc, 'element000000002')!;
		expect([element.lat, element.lon, element.buurtCode]).toEqual([null, null, HEUGEM]);
		expect(elementsMap(doc).get('element000000002')!.get('lat')).toBeNull();
	});

	test('refuses an element without any place, and never writes 0,0', () => {
		const doc = new Y.Doc();
		expect(proposeElement(doc, moestuin({ place: { point: null, buurtCode: null } }))).toEqual({ ok: false, reason: 'no-place' });
		expect(proposeElement(doc, moestuin({ place: { point: { lat: 0, lon: 0 }, buurtCode: null } }))).toEqual({ ok: false, reason: 'outside-maastricht' });
		expect(proposeElement(doc, moestuin({ place: { point: { lat: Number.NaN, lon: 5.7 }, buurtCode: null } }))).toEqual({ ok: false, reason: 'outside-maastricht' });
		// lat/lon swapped is the classic mistake; it lands in the sea off Somalia, not in Maastricht.
		expect(proposeElement(doc, moestuin({ place: { point: { lat: 5.7125, lon: 50.8305 }, buurtCode: null } }))).toEqual({ ok: false, reason: 'outside-maastricht' });
		expect(proposeElement(doc, moestuin({ place: { point: null, buurtCode: 'Heugem' } }))).toEqual({ ok: false, reason: 'bad-buurt' });
		expect(elementsMap(doc).size).toBe(0);
	});

	test('checks name, category, layer, target groups and facility link', () => {
		const doc = new Y.Doc();
		expect(proposeElement(doc, moestuin({ name: '   ' }))).toEqual({ ok: false, reason: 'empty-name' });
		expect(proposeElement(doc, moestuin({ name: 'x'.repeat(ELEMENT_NAME_MAX + 1) }))).toEqual({ ok: false, reason: 'name-too-long' });
		expect(proposeElement(doc, moestuin({ category: 'swimming' }))).toEqual({ ok: false, reason: 'unknown-category' });
		expect(proposeElement(doc, moestuin({ layer: 'spiritueel' }))).toEqual({ ok: false, reason: 'unknown-layer' });
		expect(proposeElement(doc, moestuin({ targetGroups: ['honden'] }))).toEqual({ ok: false, reason: 'unknown-target-group' });
		expect(proposeElement(doc, moestuin({ facilityId: 'osm/node 1' }))).toEqual({ ok: false, reason: 'bad-facility' });
		expect(proposeElement(doc, moestuin({ facilityId: 'osm-node-2808615723' })).ok).toBe(true);
		expect(elementsMap(doc).size).toBe(1);
	});

	test('checkPlace accepts a point outside the stadsdeel buurten (buurt null) but inside Maastricht', () => {
		expect(checkPlace({ point: { lat: 50.85, lon: 5.69 }, buurtCode: null })).toEqual({ ok: true, value: { lat: 50.85, lon: 5.69, buurtCode: null } });
	});
});

describe('reading', () => {
	test('ignores malformed maps: half a position, a string coordinate, an unknown status', () => {
		const doc = new Y.Doc();
		proposeElement(doc, moestuin(), 1, 'element000000001');
		proposeElement(doc, moestuin(), 2, 'element000000002');
		proposeElement(doc, moestuin(), 3, 'element000000003');
		proposeElement(doc, moestuin(), 4, 'element000000004');
		elementsMap(doc).get('element000000001')!.set('lon', null);
		elementsMap(doc).get('element000000002')!.set('lat', '50.83');
		elementsMap(doc).get('element000000003')!.set('status', 'maybe');
		expect(listElements(doc).map((e) => e.id)).toEqual(['element000000004']);
		expect(readElement('not a map')).toBeNull();
	});

	test('lists oldest first with filters', () => {
		const doc = new Y.Doc();
		proposeElement(doc, moestuin({ category: 'sport', layer: 'fysiek' }), 20, 'element00000000b');
		proposeElement(doc, moestuin({ place: { point: null, buurtCode: 'BU09350600' } }), 10, 'element00000000a');
		acceptElement(doc, 'element00000000b', 'staff0000001', 30);
		expect(listElements(doc).map((e) => e.id)).toEqual(['element00000000a', 'element00000000b']);
		expect(listElements(doc, { status: 'accepted' }).map((e) => e.id)).toEqual(['element00000000b']);
		expect(listElements(doc, { category: 'sport' }).map((e) => e.id)).toEqual(['element00000000b']);
		expect(listElements(doc, { layer: 'persoonlijk' }).map((e) => e.id)).toEqual(['element00000000a']);
		expect(listElements(doc, { buurtCode: 'BU09350600' }).map((e) => e.id)).toEqual(['element00000000a']);
	});
});

describe('accepting and removing', () => {
	test('staff accept a proposal; accepting twice keeps the first acceptance; it can be taken back', () => {
		const doc = new Y.Doc();
		proposeElement(doc, moestuin(), 1000, 'element000000001');
		expect(acceptElement(doc, 'element000000001', 'staff0000001', 2000)).toEqual({ ok: true, id: 'element000000001' });
		acceptElement(doc, 'element000000001', 'staff0000002', 3000);
		expect(getElement(doc, 'element000000001')).toMatchObject({ status: 'accepted', acceptedBy: 'staff0000001', acceptedAt: 2000 });
		returnToProposed(doc, 'element000000001');
		expect(getElement(doc, 'element000000001')).toMatchObject({ status: 'proposed', acceptedBy: null, acceptedAt: null });
		expect(acceptElement(doc, 'nope000000000000', 'staff0000001')).toEqual({ ok: false, reason: 'not-found' });
	});

	test('only the author removes their proposal, and not once it is accepted', () => {
		const doc = new Y.Doc();
		proposeElement(doc, moestuin(), 1000, 'element000000001');
		expect(removeOwnElement(doc, 'element000000001', bo.id)).toEqual({ ok: false, reason: 'not-author' });
		acceptElement(doc, 'element000000001', 'staff0000001');
		expect(removeOwnElement(doc, 'element000000001', ana.id)).toEqual({ ok: false, reason: 'already-accepted' });
		returnToProposed(doc, 'element000000001');
		expect(removeOwnElement(doc, 'element000000001', ana.id)).toEqual({ ok: true, id: 'element000000001' });
		expect(getElement(doc, 'element000000001')).toBeNull();
	});

	test('rejecting removes the element and the corrections about it', () => {
		const doc = new Y.Doc();
		proposeElement(doc, moestuin(), 1000, 'element000000001');
		suggestCorrection(doc, { target: { kind: 'element', id: 'element000000001' }, text: 'Heet anders', workshopId: 'workshop0001', author: bo }, 1, 'correction000001');
		suggestCorrection(doc, { target: { kind: 'facility', id: 'osm-node-1' }, text: 'Dicht', workshopId: 'workshop0001', author: bo }, 2, 'correction000002');
		expect(rejectElement(doc, 'element000000001').ok).toBe(true);
		expect(listElements(doc)).toEqual([]);
		expect(listCorrections(doc).map((c) => c.id)).toEqual(['correction000002']);
	});
});

describe('corrections', () => {
	test('a correction is a Y.Map with authorId and exactly one target', () => {
		const doc = new Y.Doc();
		const result = suggestCorrection(
			doc,
			{ target: { kind: 'facility', id: 'osm-node-2808615723' }, text: ' Heet nu De Hoeskamer ', workshopId: 'workshop0001', author: ana },
			500,
			'correction000001'
		);
		expect(result).toEqual({ ok: true, id: 'correction000001' });
		expect(correctionsMap(doc).get('correction000001')!.get('authorId')).toBe(ana.id);
		expect(listCorrections(doc, { facilityId: 'osm-node-2808615723' })).toEqual([
			{
				id: 'correction000001',
				facilityId: 'osm-node-2808615723',
				elementId: null,
				text: 'Heet nu De Hoeskamer',
				authorId: ana.id,
				authorName: 'Linde 12',
				authorKind: 'participant',
				workshopId: 'workshop0001',
				createdAt: 500,
				handledBy: null,
				handledAt: null
			}
		]);
	});

	test('refuses empty text, unknown elements and ids a ballot subject could not carry', () => {
		const doc = new Y.Doc();
		const base = { workshopId: 'workshop0001', author: ana };
		expect(suggestCorrection(doc, { ...base, target: { kind: 'facility', id: 'osm-node-1' }, text: '  ' })).toEqual({ ok: false, reason: 'empty-text' });
		expect(suggestCorrection(doc, { ...base, target: { kind: 'element', id: 'missing000000000' }, text: 'x' })).toEqual({ ok: false, reason: 'unknown-target' });
		expect(suggestCorrection(doc, { ...base, target: { kind: 'facility', id: 'node/1' }, text: 'x' })).toEqual({ ok: false, reason: 'unknown-target' });
		expect(correctionsMap(doc).size).toBe(0);
	});

	test('staff mark a correction handled; only the author removes their own', () => {
		const doc = new Y.Doc();
		suggestCorrection(doc, { target: { kind: 'facility', id: 'osm-node-1' }, text: 'Dicht', workshopId: 'w', author: ana }, 1, 'correction000001');
		expect(listCorrections(doc, { handled: false })).toHaveLength(1);
		markCorrectionHandled(doc, 'correction000001', 'staff0000001', 9);
		expect(listCorrections(doc, { handled: true })[0]).toMatchObject({ handledBy: 'staff0000001', handledAt: 9 });
		expect(removeOwnCorrection(doc, 'correction000001', bo.id)).toEqual({ ok: false, reason: 'not-author' });
		expect(removeOwnCorrection(doc, 'correction000001', ana.id).ok).toBe(true);
		expect(listCorrections(doc)).toEqual([]);
	});
});

describe('together', () => {
	test('two phones proposing at the same moment both keep their element; acceptance merges', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		proposeElement(a, moestuin(), 1, 'element00000000a');
		proposeElement(b, moestuin({ name: 'Jongerenhonk', author: bo }), 1, 'element00000000b');
		sync(a, b);
		acceptElement(a, 'element00000000b', 'staff0000001', 5);
		sync(a, b);
		expect(listElements(b).map((e) => [e.id, e.status])).toEqual([
			['element00000000a', 'proposed'],
			['element00000000b', 'accepted']
		]);
	});

	test('ratingSubject names elements and facilities the way the ballot endpoint expects', () => {
		expect(ratingSubject({ kind: 'element', id: 'abc' })).toBe('element:abc');
		expect(ratingSubject({ kind: 'facility', id: 'osm-node-1' })).toBe('facility:osm-node-1');
	});
});

describe('reachabilityInventory', () => {
	test('adds accepted elements with a point; proposals and buurt-only elements do not count', () => {
		const doc = new Y.Doc();
		proposeElement(doc, moestuin({ category: 'sport' }), 1, 'element00000000a');
		proposeElement(doc, moestuin({ category: 'sport', place: { point: null, buurtCode: HEUGEM } }), 2, 'element00000000b');
		proposeElement(doc, moestuin({ category: 'sport' }), 3, 'element00000000c');
		acceptElement(doc, 'element00000000a', 'staff0000001');
		acceptElement(doc, 'element00000000b', 'staff0000001');
		const facility = { id: 'osm-node-1', name: 'Bieb', category: 'library', lat: 50.83, lon: 5.71 };
		expect(reachabilityInventory([facility], listElements(doc))).toEqual([
			facility,
			{ id: 'element00000000a', name: 'Buurtmoestuin Heugem', category: 'sport', lat: 50.8305, lon: 5.7125 }
		]);
	});
});
