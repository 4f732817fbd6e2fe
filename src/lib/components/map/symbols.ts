/**
 * How each category looks on the map: a colour from the Okabe–Ito palette (safe for colour
 * blindness) and a shape, so no category is told apart by colour alone.
 */
import type { FacilityCategory } from '../../domain/areas.ts';

export type PinShape = 'circle' | 'square' | 'triangle' | 'diamond';

export interface PinSymbol {
	colour: string;
	shape: PinShape;
}

export const PIN_SYMBOLS: Record<FacilityCategory, PinSymbol> = {
	community_centre: { colour: '#0072B2', shape: 'circle' },
	care_social: { colour: '#D55E00', shape: 'circle' },
	library: { colour: '#009E73', shape: 'square' },
	education: { colour: '#B36B00', shape: 'square' },
	childcare: { colour: '#CC79A7', shape: 'triangle' },
	worship: { colour: '#1A1A1A', shape: 'diamond' },
	municipal: { colour: '#3A8FC2', shape: 'diamond' },
	culture: { colour: '#A0527F', shape: 'circle' },
	health: { colour: '#007A5A', shape: 'triangle' },
	sport: { colour: '#B36B00', shape: 'triangle' },
	meeting_place: { colour: '#0072B2', shape: 'square' },
	other: { colour: '#5F5F5F', shape: 'diamond' }
};
