/** Display names for the map's domain values, in the current language. */
import { m } from '$lib/paraglide/messages.js';
import { FACILITY_CATEGORIES, type FacilityCategory } from '$lib/domain/areas';
import { pick, type Locale } from '$lib/domain/i18n-text';
import { CONDITION_RATINGS, SOCIALE_BASIS_LAYERS, type ConditionRatingId, type LayerId } from '$lib/domain/sociale-basis';
import { CORRECTION_TEXT_MAX, ELEMENT_NAME_MAX, type CorrectionProblem, type ElementProblem, type TargetGroup } from '$lib/sync/elements-schema';
import type { MapPoint } from './map-types';

export function categoryName(category: FacilityCategory, locale: Locale): string {
	return pick(FACILITY_CATEGORIES[category], locale);
}

export function layerName(layer: LayerId, locale: Locale): string {
	const found = SOCIALE_BASIS_LAYERS.find((l) => l.id === layer);
	return found ? pick(found.name, locale) : layer;
}

export function ratingName(rating: ConditionRatingId, locale: Locale): string {
	const found = CONDITION_RATINGS.find((r) => r.id === rating);
	return found ? pick(found.label, locale) : rating;
}

export function targetGroupName(group: TargetGroup): string {
	switch (group) {
		case 'kinderen-jongeren':
			return m.map_group_youth();
		case 'volwassenen':
			return m.map_group_adults();
		case 'ouderen':
			return m.map_group_elderly();
	}
}

export function statusName(point: Pick<MapPoint, 'status'>): string {
	if (point.status === 'proposed') return m.map_status_proposed();
	if (point.status === 'accepted') return m.map_status_accepted();
	return m.map_status_shipped();
}

/** PDOK's own wording for its basemap; any other tile server is named by its host. */
export function tileAttribution(tileUrl: string): string {
	let host = tileUrl;
	try {
		host = new URL(tileUrl.replace(/\{[^}]+\}/g, 'x')).host;
	} catch {
		// keep the template as it is
	}
	return host.endsWith('pdok.nl') ? m.map_tiles_pdok() : m.map_tiles_other({ host });
}

export function elementProblemText(problem: ElementProblem): string {
	switch (problem) {
		case 'empty-name':
			return m.map_problem_empty_name();
		case 'name-too-long':
			return m.map_problem_name_too_long({ max: ELEMENT_NAME_MAX });
		case 'unknown-category':
			return m.map_problem_category();
		case 'unknown-layer':
			return m.map_problem_layer();
		case 'unknown-target-group':
			return m.map_problem_failed();
		case 'no-place':
			return m.map_problem_no_place();
		case 'outside-maastricht':
			return m.map_problem_outside();
		case 'bad-buurt':
		case 'bad-facility':
		case 'not-found':
			return m.map_problem_failed();
		case 'not-author':
			return m.map_problem_not_author();
		case 'already-accepted':
			return m.map_problem_already_accepted();
	}
}

export function correctionProblemText(problem: CorrectionProblem): string {
	switch (problem) {
		case 'empty-text':
			return m.map_correction_empty();
		case 'text-too-long':
			return m.map_correction_too_long({ max: CORRECTION_TEXT_MAX });
		default:
			return m.map_problem_failed();
	}
}
