import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { followUpOverview } from '$lib/server/follow-up';
import { can } from '$lib/domain/permissions';

export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.followup');
	const overview = followUpOverview(getAppContext(), event.params.agendaId, getLocale());
	if (!overview) error(404, m.ws2_agenda_not_found());
	const { model } = overview;
	return {
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
		mayPublish: can(staff.user.role, 'agenda.publish')
	};
};
