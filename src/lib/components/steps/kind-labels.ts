/** The words for the kinds of cards of questions 5 and 6, from the message files. */
import { m } from '$lib/paraglide/messages.js';
import type { CardKind } from '$lib/sync/steps-schema';

const LABELS: Record<CardKind, () => string> = {
	nodig: m.ws2_kind_nodig,
	wenselijk: m.ws2_kind_wenselijk,
	overlap: m.ws2_kind_overlap,
	combineren: m.ws2_kind_combineren,
	anders: m.ws2_kind_anders
};

export function kindLabel(kind: CardKind | null): string {
	return kind ? LABELS[kind]() : m.ws2_kind_none();
}
