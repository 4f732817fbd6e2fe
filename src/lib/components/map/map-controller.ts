/**
 * Everything that touches Leaflet. The Leaflet module is passed in (the component imports it
 * dynamically in the browser), so nothing here pulls Leaflet into a page's first load.
 *
 * Points are drawn as DOM markers (focusable buttons with a name), grid-clustered per zoom level and
 * only inside the visible area plus a margin; markers are diffed by key between renders, so a marker
 * that has keyboard focus survives a pan or a live update instead of being rebuilt under the user.
 */
import type * as Leaflet from 'leaflet';
import { MAASTRICHT_BOUNDS } from '../../domain/areas.ts';
import { polygonCentroid } from '../../domain/geo.ts';
import { gridCluster, type PixelItem } from './grid-cluster.ts';
import { MAP_SYMBOLS } from '../../domain/map-symbols.ts';
import type { MapArea, MapCircle, MapPoint } from './map-types.ts';

type L = typeof Leaflet;

/** From this zoom on every point is drawn on its own. */
export const CLUSTER_UNTIL_ZOOM = 17;
/** Cluster cell in CSS pixels: about a fingertip. */
export const CLUSTER_CELL_PX = 44;

export interface MapLabels {
	/** The map region's accessible name. */
	region: string;
	zoomIn: string;
	zoomOut: string;
	/** Data attribution (CBS/Kadaster, OSM): always shown. */
	attribution: string;
	/** Shown when a tile layer is used. */
	tileAttribution: string | null;
	/** Accessible name of a single point's marker. */
	point(point: MapPoint): string;
	/** Accessible name of a cluster marker. */
	cluster(count: number): string;
	/** The placed (not yet saved) pin. */
	newPin: string;
}

export interface MapControllerOptions {
	tileUrl: string | null;
	labels: MapLabels;
	/** Markers are buttons (Tab, Enter) — off for the projector, which has no controls. */
	interactive: boolean;
	/** Write element names next to their pins (projector). */
	labelElements: boolean;
	/** Keep workshop elements out of clusters, so a new pin is always visible on its own (projector). */
	clusterElements: boolean;
	onselect?: (key: string) => void;
	onpick?: (lat: number, lon: number) => void;
}

interface DesiredMarker {
	key: string;
	lat: number;
	lon: number;
	point: MapPoint | null;
	items: MapPoint[];
}

interface RenderedMarker {
	marker: Leaflet.Marker;
	desired: DesiredMarker;
}

const LABEL_PANE = 'wt-labels';

function toLatLng(point: { lat: number; lon: number }): [number, number] {
	return [point.lat, point.lon];
}

export class MapController {
	readonly map: Leaflet.Map;
	readonly #L: L;
	readonly #container: HTMLElement;
	readonly #options: MapControllerOptions;
	readonly #areaLayer: Leaflet.LayerGroup;
	readonly #labelLayer: Leaflet.LayerGroup;
	readonly #circleLayer: Leaflet.LayerGroup;
	readonly #markerLayer: Leaflet.LayerGroup;
	#pinMarker: Leaflet.Marker | null = null;
	#points: MapPoint[] = [];
	#selected: string | null = null;
	#rendered = new Map<string, RenderedMarker>();
	#stadsdeelBounds: Leaflet.LatLngBounds | null = null;
	#placing = false;
	/** The area (view plus margin) and zoom the markers were last worked out for. */
	#renderedArea: { bounds: Leaflet.LatLngBounds; zoom: number } | null = null;

	constructor(L: L, container: HTMLElement, options: MapControllerOptions) {
		this.#L = L;
		this.#container = container;
		this.#options = options;
		const [minLon, minLat, maxLon, maxLat] = MAASTRICHT_BOUNDS;
		this.map = L.map(container, {
			zoomControl: false,
			attributionControl: false,
			keyboard: true,
			minZoom: 11,
			maxZoom: 19,
			maxBounds: L.latLngBounds([minLat, minLon], [maxLat, maxLon]).pad(0.1),
			// Without tiles the polygons are the map; keep them crisp and cheap while panning.
			zoomSnap: 0.5
		});
		if (options.interactive) {
			L.control.zoom({ position: 'topright', zoomInTitle: options.labels.zoomIn, zoomOutTitle: options.labels.zoomOut }).addTo(this.map);
		}
		const attribution = L.control.attribution({ prefix: false, position: 'bottomright' }).addTo(this.map);
		attribution.addAttribution(escapeHtml(options.labels.attribution));
		if (options.tileUrl) {
			L.tileLayer(options.tileUrl, { maxZoom: 19, attribution: escapeHtml(options.labels.tileAttribution ?? '') }).addTo(this.map);
		}
		this.map.createPane(LABEL_PANE).style.zIndex = '450';
		this.#areaLayer = L.layerGroup().addTo(this.map);
		this.#circleLayer = L.layerGroup().addTo(this.map);
		this.#labelLayer = L.layerGroup().addTo(this.map);
		this.#markerLayer = L.layerGroup().addTo(this.map);

		container.setAttribute('role', 'region');
		container.setAttribute('aria-label', options.labels.region);
		// The render benchmark (tests/bench/map-render.ts) drives the map through this handle.
		Object.defineProperty(container, 'wijktafelMap', { value: this.map, configurable: true });

		// The cluster grid is anchored to world pixels, so a pan that stays inside the margin drawn last
		// time needs no new markers: dragging costs nothing until the view leaves that margin.
		this.map.on('moveend zoomend', () => this.#renderIfNeeded());
		this.map.on('click', (event: Leaflet.LeafletMouseEvent) => {
			if (this.#placing) this.#options.onpick?.(event.latlng.lat, event.latlng.lng);
		});
	}

	/** The stadsdeel outline, its buurten and their names; fits the view to the stadsdeel. */
	setAreas(stadsdeel: MapArea, buurten: readonly MapArea[], options: { largeLabels?: boolean } = {}): void {
		const L = this.#L;
		this.#areaLayer.clearLayers();
		this.#labelLayer.clearLayers();
		for (const buurt of buurten) {
			L.geoJSON(asGeoJson(buurt.geometry), {
				interactive: false,
				style: { color: '#4a5563', weight: 1.5, fillColor: '#ffffff', fillOpacity: 0.55 }
			}).addTo(this.#areaLayer);
			const [lon, lat] = polygonCentroid(buurt.geometry);
			const label = document.createElement('span');
			label.textContent = buurt.name;
			L.marker([lat, lon], {
				pane: LABEL_PANE,
				interactive: false,
				keyboard: false,
				icon: L.divIcon({ className: `wt-buurt-label${options.largeLabels ? ' wt-buurt-label--large' : ''}`, html: label, iconSize: undefined })
			}).addTo(this.#labelLayer);
		}
		const outline = L.geoJSON(asGeoJson(stadsdeel.geometry), {
			interactive: false,
			style: { color: '#9e0b23', weight: 3, fill: false }
		}).addTo(this.#areaLayer);
		// Labels are decoration: the buurt names are in the list and the filters.
		for (const layer of this.#labelLayer.getLayers()) (layer as Leaflet.Marker).getElement()?.setAttribute('aria-hidden', 'true');
		this.#stadsdeelBounds = outline.getBounds();
		this.fit();
	}

	fit(): void {
		if (this.#stadsdeelBounds) this.map.fitBounds(this.#stadsdeelBounds, { padding: [12, 12] });
	}

	setPoints(points: readonly MapPoint[]): void {
		this.#points = [...points];
		this.render();
	}

	setSelected(key: string | null): void {
		if (key === this.#selected) return;
		this.#selected = key;
		this.render();
	}

	/** Shows a point (and zooms in far enough that it is not in a cluster). */
	reveal(key: string): void {
		const point = this.#points.find((p) => p.key === key);
		if (!point) return;
		this.map.setView(toLatLng(point), Math.max(this.map.getZoom(), CLUSTER_UNTIL_ZOOM - 1));
	}

	setPlacing(placing: boolean): void {
		this.#placing = placing;
		this.#container.classList.toggle('wt-map--placing', placing);
	}

	setPin(pin: { lat: number; lon: number } | null): void {
		const L = this.#L;
		if (pin === null) {
			this.#pinMarker?.remove();
			this.#pinMarker = null;
			return;
		}
		if (this.#pinMarker) {
			this.#pinMarker.setLatLng(toLatLng(pin));
			return;
		}
		const element = document.createElement('span');
		element.className = 'wt-new-pin__shape';
		this.#pinMarker = L.marker(toLatLng(pin), {
			interactive: false,
			keyboard: false,
			zIndexOffset: 1000,
			icon: L.divIcon({ className: 'wt-new-pin', html: element, iconSize: [30, 42], iconAnchor: [15, 42] })
		}).addTo(this.map);
		const outer = this.#pinMarker.getElement();
		outer?.setAttribute('role', 'img');
		outer?.setAttribute('aria-label', this.#options.labels.newPin);
	}

	center(): { lat: number; lon: number } {
		const { lat, lng } = this.map.getCenter();
		return { lat, lon: lng };
	}

	setCircles(circles: readonly MapCircle[]): void {
		const L = this.#L;
		this.#circleLayer.clearLayers();
		for (const circle of circles) {
			const near = circle.radiusMeters <= 500;
			L.circle(toLatLng(circle), {
				radius: circle.radiusMeters,
				interactive: false,
				color: near ? '#0b5394' : '#4a5563',
				weight: 2,
				dashArray: near ? undefined : '6 6',
				fillColor: '#0b5394',
				fillOpacity: near ? 0.12 : 0
			}).addTo(this.#circleLayer);
		}
	}

	#renderIfNeeded(): void {
		const area = this.#renderedArea;
		if (area && area.zoom === this.map.getZoom() && area.bounds.contains(this.map.getBounds())) return;
		this.render();
	}

	/** Works out which markers the current view needs and changes only what differs. */
	render(): void {
		const desired = this.#desiredMarkers();
		for (const [key, rendered] of this.#rendered) {
			if (!desired.has(key)) this.#removeMarker(key, rendered);
		}
		for (const [key, want] of desired) {
			const rendered = this.#rendered.get(key);
			if (!rendered) this.#addMarker(want);
			else this.#updateMarker(rendered, want);
		}
		this.#container.dataset.ready = 'true';
		this.#container.dataset.markers = String(this.#rendered.size);
	}

	destroy(): void {
		this.map.off();
		this.map.remove();
		this.#rendered.clear();
	}

	#desiredMarkers(): Map<string, DesiredMarker> {
		const map = this.map;
		const desired = new Map<string, DesiredMarker>();
		// Without a size (hidden container) there is no view to cluster for.
		const size = map.getSize();
		if (size.x === 0 || size.y === 0) {
			this.#renderedArea = null;
			return desired;
		}
		const zoom = map.getZoom();
		const bounds = map.getBounds().pad(0.3);
		this.#renderedArea = { bounds, zoom };
		const visible = this.#points.filter((p) => bounds.contains(toLatLng(p)));
		const single = (point: MapPoint) => desired.set(point.key, { key: point.key, lat: point.lat, lon: point.lon, point, items: [point] });

		const clusterable: PixelItem<MapPoint>[] = [];
		for (const point of visible) {
			const keepApart = point.key === this.#selected || (!this.#options.clusterElements && point.kind === 'element') || zoom >= CLUSTER_UNTIL_ZOOM;
			if (keepApart) single(point);
			else {
				const pixel = map.project(toLatLng(point), zoom);
				clusterable.push({ x: pixel.x, y: pixel.y, item: point });
			}
		}
		const { singles, clusters } = gridCluster(clusterable, CLUSTER_CELL_PX);
		for (const { item } of singles) single(item);
		for (const cluster of clusters) {
			const latlng = map.unproject([cluster.x, cluster.y], zoom);
			const keys = cluster.items.map((p) => p.key).sort();
			const key = `cluster:${keys[0]}:${keys.length}`;
			desired.set(key, { key, lat: latlng.lat, lon: latlng.lng, point: null, items: cluster.items });
		}
		return desired;
	}

	#addMarker(want: DesiredMarker): void {
		const L = this.#L;
		const { interactive } = this.#options;
		const isCluster = want.point === null;
		const inner = document.createElement('span');
		// The shape inside is drawn smaller; the marker itself is the thumb's target (44×44 px).
		const size = 44;
		const marker = L.marker([want.lat, want.lon], {
			keyboard: interactive,
			interactive,
			riseOnHover: true,
			autoPanOnFocus: true,
			title: isCluster ? '' : want.point!.name,
			icon: L.divIcon({ className: isCluster ? 'wt-cluster' : 'wt-pin', html: inner, iconSize: [size, size], iconAnchor: [size / 2, size / 2] })
		});
		marker.addTo(this.#markerLayer);
		const rendered: RenderedMarker = { marker, desired: want };
		this.#rendered.set(want.key, rendered);
		const element = marker.getElement();
		if (element && interactive) {
			const activate = () => {
				const current = this.#rendered.get(want.key)?.desired ?? want;
				if (current.point) this.#options.onselect?.(current.point.key);
				else this.#zoomInto(current.items);
			};
			marker.on('click', activate);
			L.DomEvent.on(element, 'keydown', (event) => {
				const key = (event as KeyboardEvent).key;
				if (key === 'Enter' || key === ' ') {
					L.DomEvent.preventDefault(event);
					activate();
				}
			});
		}
		this.#paint(rendered, true);
	}

	#updateMarker(rendered: RenderedMarker, want: DesiredMarker): void {
		const before = rendered.desired;
		rendered.desired = want;
		if (before.lat !== want.lat || before.lon !== want.lon) rendered.marker.setLatLng([want.lat, want.lon]);
		this.#paint(rendered, false);
	}

	/** Sets the marker's look and name in place (its element stays, and so does keyboard focus). */
	#paint(rendered: RenderedMarker, fresh: boolean): void {
		const element = rendered.marker.getElement();
		if (!element) return;
		const inner = element.firstElementChild as HTMLElement | null;
		if (!inner) return;
		const { point, items } = rendered.desired;
		const labels = this.#options.labels;
		const name = point ? labels.point(point) : labels.cluster(items.length);
		if (element.getAttribute('aria-label') !== name) element.setAttribute('aria-label', name);
		if (!this.#options.interactive && element.getAttribute('role') !== 'img') element.setAttribute('role', 'img');
		if (point === null) {
			if (fresh || inner.textContent !== String(items.length)) inner.textContent = String(items.length);
			inner.className = 'wt-cluster__count';
			return;
		}
		const symbol = MAP_SYMBOLS[point.category];
		const selected = point.key === this.#selected;
		const className = [
			'wt-pin__shape',
			`wt-pin__shape--${symbol.shape}`,
			`wt-pin__shape--${point.status}`,
			point.approximate ? 'wt-pin__shape--approximate' : '',
			selected ? 'wt-pin__shape--selected' : ''
		]
			.filter(Boolean)
			.join(' ');
		if (inner.className !== className) inner.className = className;
		inner.style.setProperty('--pin', symbol.colour);
		element.classList.toggle('wt-pin--selected', selected);
		rendered.marker.setZIndexOffset(selected ? 900 : point.kind === 'element' ? 400 : 0);
		if (this.#options.labelElements && point.kind === 'element') {
			let label = element.querySelector<HTMLElement>('.wt-pin__label');
			if (!label) {
				label = document.createElement('span');
				label.className = 'wt-pin__label';
				label.setAttribute('aria-hidden', 'true');
				element.append(label);
			}
			if (label.textContent !== point.name) label.textContent = point.name;
		}
		if (element.title !== point.name && this.#options.interactive) element.title = point.name;
	}

	#removeMarker(key: string, rendered: RenderedMarker): void {
		const element = rendered.marker.getElement();
		const hadFocus = element !== undefined && element.contains(document.activeElement);
		rendered.marker.remove();
		this.#rendered.delete(key);
		// Never drop a keyboard user's focus on the floor.
		if (hadFocus) this.#container.focus();
	}

	#zoomInto(items: readonly MapPoint[]): void {
		const bounds = this.#L.latLngBounds(items.map(toLatLng));
		this.#container.focus();
		this.map.fitBounds(bounds, { padding: [48, 48], maxZoom: CLUSTER_UNTIL_ZOOM });
	}
}

/** Our geometry types are readonly GeoJSON; Leaflet's typings want mutable arrays but only read them. */
function asGeoJson(geometry: MapArea['geometry']): GeoJSON.Geometry {
	return geometry as unknown as GeoJSON.Geometry;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
