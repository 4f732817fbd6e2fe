import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { quoteCandidates, setQuoteMark } from '$lib/server/shareable-quotes';
import { parseQuoteMarkRequest } from '$lib/domain/quotes';

/** Staff mark cards as shareable quotes for the dashboard. The cards are shown without names. */
export const load: PageServerLoad = (event) => {
	requireStaff(event, 'agenda.quotes');
	event.setHeaders({ 'cache-control': 'no-store' });
	const found = quoteCandidates(getAppContext(), event.params.agendaId, getLocale());
	if (!found) error(404, m.ws2_agenda_not_found());
	const { model, cards } = found;
	return {
		agenda: { id: model.agenda.id, title: model.titlePage.title, stadsdeelCode: model.agenda.stadsdeel.code },
		cards: cards.map(({ card, shareable }) => ({
			id: card.id,
			ref: card.ref,
			questionNumber: card.questionNumber,
			text: card.text,
			themes: card.themes,
			workshop: card.workshop,
			shareable
		}))
	};
};

export const actions: Actions = {
	mark: async (event) => {
		const staff = requireStaff(event, 'agenda.quotes');
		const form = await event.request.formData();
		const cardId = form.get('cardId');
		const parsed = parseQuoteMarkRequest({ cardId: typeof cardId === 'string' ? cardId : null, shareable: form.get('shareable') === 'true' });
		if (!parsed.ok) return fail(400, { problem: parsed.reason });
		const result = setQuoteMark(getAppContext(), { agendaId: event.params.agendaId, cardId: parsed.value.cardId, shareable: parsed.value.shareable, userId: staff.user.id });
		if (!result.ok) return fail(404, { problem: 'not-found' as const });
		return { changed: { cardId: parsed.value.cardId, shareable: result.shareable } };
	}
};
