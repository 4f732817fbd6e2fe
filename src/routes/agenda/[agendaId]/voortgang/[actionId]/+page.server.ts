import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { actionFollowUpDetail, recordFollowUp } from '$lib/server/follow-up';
import { parseEuros } from '$lib/sync/actions-schema';
import { maastrichtDay, type FollowUpEventInput } from '$lib/domain/follow-up';

export const load: PageServerLoad = (event) => {
	requireStaff(event, 'agenda.followup');
	const detail = actionFollowUpDetail(getAppContext(), event.params.agendaId, event.params.actionId, getLocale());
	if (!detail) error(404, m.af_action_not_found());
	const { model, followed, history } = detail;
	return {
		agenda: { id: model.agenda.id, title: model.titlePage.title },
		action: {
			id: followed.action.id,
			ref: followed.action.ref,
			title: followed.action.title,
			theme: followed.action.theme,
			listLabel: followed.action.listLabel,
			quarter: followed.action.quarter,
			amountEuros: followed.action.amountEuros,
			budgetLine: followed.action.budgetLine,
			agreedOwner: followed.action.owner
		},
		state: followed.state,
		owner: followed.owner,
		history: history.map((event) => ({ id: event.id, data: event.data, by: event.byEmail ?? event.byUserId, at: event.at }))
	};
};

const text = (form: FormData, name: string): string => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

function changeFrom(kind: string, form: FormData): FollowUpEventInput | { problem: 'bad-amount' } {
	switch (kind) {
		case 'status':
			return { kind, status: text(form, 'status'), reason: text(form, 'reason') };
		case 'owner':
			return { kind, owner: text(form, 'owner') };
		case 'note':
			return { kind, date: text(form, 'date') || maastrichtDay(Date.now()), text: text(form, 'text') };
		case 'evidence':
			return { kind, url: text(form, 'url'), label: text(form, 'label') };
		default: {
			const amount = parseEuros(text(form, 'amount'));
			if (!amount.ok || amount.value === null) return { problem: 'bad-amount' };
			return { kind: 'spending', date: text(form, 'date') || maastrichtDay(Date.now()), amountEuros: amount.value, text: text(form, 'text') };
		}
	}
}

function record(kind: FollowUpEventInput['kind']) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const staff = requireStaff(event, 'agenda.followup');
		const form = await event.request.formData();
		const change = changeFrom(kind, form);
		const values = Object.fromEntries([...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value.slice(0, 2000) : '']));
		if ('problem' in change) return fail(400, { kind, problem: change.problem, values });
		const result = recordFollowUp(getAppContext(), { agendaId: event.params.agendaId!, actionId: event.params.actionId!, userId: staff.user.id, change });
		if (!result.ok) {
			if (result.reason === 'not-found') error(404, m.af_action_not_found());
			return fail(400, { kind, problem: result.reason, values });
		}
		return { saved: kind };
	};
}

export const actions: Actions = {
	status: record('status'),
	owner: record('owner'),
	note: record('note'),
	evidence: record('evidence'),
	spending: record('spending')
};
