import { describe, expect, test } from 'vitest';
import type { KeyFigure } from '../../../../src/lib/domain/areas.ts';
import {
	figureColumns,
	figureSources,
	formatBuurtFigure,
	WALL_FIGURE_IDS,
	type AreaFiguresBuurt
} from '../../../../src/lib/components/steps/area-figures.ts';

const figure = (id: string, value: number | null, over: Partial<KeyFigure> = {}): KeyFigure => ({
	id,
	value,
	unit: id === 'population' ? 'count' : 'percent',
	label: { nl: id, en: id },
	source: { nl: 'CBS Kerncijfers wijken en buurten 2025', en: 'CBS key figures 2025' },
	year: 2025,
	...over
});
const buurt = (code: string, figures: KeyFigure[]): AreaFiguresBuurt => ({ code, name: code, focus: false, figures });

describe('the columns of a table of buurten', () => {
	test('in the order asked for, as the first buurt that has the figure describes it; a figure no buurt has gets no column', () => {
		const buurten = [
			buurt('B1', [figure('pct_age_15_24', 12), figure('population', 2410)]),
			buurt('B2', [figure('pct_age_15_24', 9, { label: { nl: 'anders', en: 'other' } }), figure('pct_rental_dwellings', 40)])
		];
		const columns = figureColumns(buurten, WALL_FIGURE_IDS);
		expect(columns.map((column) => column.id)).toEqual(['population', 'pct_age_15_24', 'pct_rental_dwellings']);
		expect(columns[1].label.nl).toBe('pct_age_15_24');
		expect(figureColumns([], WALL_FIGURE_IDS)).toEqual([]);
	});
});

describe('a buurt figure in a cell', () => {
	test('as people read it; "onbekend" when the buurt lacks the figure or the source left it out, never 0', () => {
		const row = buurt('B1', [figure('population', 2410), figure('pct_one_person_households', null), figure('pct_age_15_24', 12.5)]);
		expect(formatBuurtFigure(row, 'population', 'nl', 'onbekend')).toBe('2.410');
		expect(formatBuurtFigure(row, 'pct_age_15_24', 'en', 'unknown')).toBe('12.5%');
		expect(formatBuurtFigure(row, 'pct_one_person_households', 'nl', 'onbekend')).toBe('onbekend');
		expect(formatBuurtFigure(row, 'pct_rental_dwellings', 'nl', 'onbekend')).toBe('onbekend');
	});
});

describe('the source lines under a table', () => {
	test('once each; with ids, only the figures the table shows count', () => {
		const other = { source: { nl: 'Eigen telling', en: 'Own count' }, year: 2023 };
		const buurten = [
			buurt('B1', [figure('population', 2410), figure('distance_gp', 0.8, { ...other, unit: 'km' })]),
			buurt('B2', [figure('population', 1990), figure('pct_age_15_24', 9)])
		];
		const line = (f: KeyFigure) => `${f.source.nl} (${f.year})`;
		expect(figureSources(buurten, line)).toEqual(['CBS Kerncijfers wijken en buurten 2025 (2025)', 'Eigen telling (2023)']);
		expect(figureSources(buurten, line, WALL_FIGURE_IDS)).toEqual(['CBS Kerncijfers wijken en buurten 2025 (2025)']);
		expect(figureSources([], line)).toEqual([]);
	});
});
