/** What the map and the list show: the same filters for both views, so switching keeps the selection. */
import { FACILITY_CATEGORY_IDS, type FacilityCategory } from '$lib/domain/areas';
import { SOCIALE_BASIS_LAYERS, type LayerId } from '$lib/domain/sociale-basis';
import { filterPoints } from './map-points';
import type { MapPoint } from './map-types';

export class PointFilters {
	categories = $state.raw<ReadonlySet<FacilityCategory>>(new Set(FACILITY_CATEGORY_IDS));
	layers = $state.raw<ReadonlySet<LayerId>>(new Set(SOCIALE_BASIS_LAYERS.map((l) => l.id)));
	buurtCode = $state<string | null>(null);
	query = $state('');

	get active(): boolean {
		return (
			this.categories.size !== FACILITY_CATEGORY_IDS.length ||
			this.layers.size !== SOCIALE_BASIS_LAYERS.length ||
			this.buurtCode !== null ||
			this.query.trim() !== ''
		);
	}

	setCategory(category: FacilityCategory, shown: boolean): void {
		const next = new Set(this.categories);
		if (shown) next.add(category);
		else next.delete(category);
		this.categories = next;
	}

	setAllCategories(shown: boolean): void {
		this.categories = new Set(shown ? FACILITY_CATEGORY_IDS : []);
	}

	setLayer(layer: LayerId, shown: boolean): void {
		const next = new Set(this.layers);
		if (shown) next.add(layer);
		else next.delete(layer);
		this.layers = next;
	}

	reset(): void {
		this.categories = new Set(FACILITY_CATEGORY_IDS);
		this.layers = new Set(SOCIALE_BASIS_LAYERS.map((l) => l.id));
		this.buurtCode = null;
		this.query = '';
	}

	apply(points: readonly MapPoint[]): MapPoint[] {
		return filterPoints(points, { categories: this.categories, layers: this.layers, buurtCode: this.buurtCode, query: this.query });
	}
}
