import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { followUpOverview } from '$lib/server/follow-up';
import { can } from '$lib/domain/permissions';
import { PERIOD_MAX, startNextCycle } from '$lib/server/next-cycle';

export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.followup');
	const overview = followUpOverview(getAppContext(), event.params.agendaId, getLocale());
	if (!overview) error(404, m.ws2_agenda_not_found());
	const { model } = overview;
	const carried = event.url.searchParams.get('overgenomen');
	return {
		carried: carried !== null && /^\d{1,4}$/.test(carried) ? Number(carried) : null,
		agenda: { id: model.agenda.id, title: model.titlePage.title, stadsdeelName: model.agenda.stadsdeel.name, period: model.agenda.period },
		actions: overview.actions.map(({ action, state, owner }) => ({
			id: action.id,
			ref: action.ref,
			title: action.title,
			theme: action.theme,
			owner,
			amountEuros: action.amountEuros,
			budgetLine: action.budgetLine,
			status: state.status,
			spentEuros: state.spentEuros,
			lastChangeAt: state.lastChangeAt
		})),
		totals: overview.totals,
		mayPublish: can(staff.user.role, 'agenda.publish'),
		periodMax: PERIOD_MAX
	};
};

export const actions: Actions = {
	nextCycle: async (event) => {
		const staff = requireStaff(event, 'agenda.followup');
		const form = await event.request.formData();
		const raw = form.get('period');
		const period = typeof raw === 'string' ? raw.slice(0, 200) : '';
		const result = startNextCycle(getAppContext(), { agendaId: event.params.agendaId, period, userId: staff.user.id });
		if (!result.ok) {
			if (result.reason === 'not-found') error(404, m.ws2_agenda_not_found());
			return fail(400, { period, problem: result.reason });
		}
		redirect(303, `/agenda/${result.agendaId}/voortgang?overgenomen=${result.carriedActions}`);
	}
};
