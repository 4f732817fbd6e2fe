import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { can } from '$lib/domain/permissions';
import { requireStaff } from '$lib/server/auth/require-staff';
import { getAgenda } from '$lib/server/repositories/workshops';
import { findUserById } from '$lib/server/repositories/users';
import { listBuurten } from '$lib/server/repositories/areas';
import { loadAreaProfile } from '$lib/server/area-profile';
import { indicatorOverview } from '$lib/server/indicators';
import { loadReach } from '$lib/server/reach';
import {
	budgetLineOptions,
	computeWeighing,
	equalWeights,
	parseWeighingForm,
	proposalsForAgenda,
	readRecordedWeighing,
	recordWeighing,
	sameOutcome,
	weighingInput,
	type WeighingRequest
} from '$lib/server/weighing';
import type { WeighingRecord } from '$lib/sync/weighing-schema';

/** The form's fields as strings, so the page can fill them in again. */
function formValues(request: WeighingRequest, record: WeighingRecord | null) {
	const base = { weights: request.weights, scope: request.scope ?? record?.scope ?? 'buurten' };
	const floor = (euros: number) => (euros > 0 ? String(euros) : '');
	if (request.budget === null || (request.budget === undefined && !record?.budget)) {
		return { ...base, budgetMode: 'none', total: '', line: '', floor: '' };
	}
	if (request.budget !== undefined) {
		return request.budget.kind === 'typed'
			? { ...base, budgetMode: 'typed', total: String(request.budget.totalEuros), line: '', floor: floor(request.budget.floorEuros) }
			: { ...base, budgetMode: 'line', total: '', line: request.budget.lineId, floor: floor(request.budget.floorEuros) };
	}
	const budget = record!.budget!;
	return budget.source.kind === 'line'
		? { ...base, budgetMode: 'line', total: '', line: budget.source.lineId, floor: floor(budget.floorEuros) }
		: { ...base, budgetMode: 'typed', total: String(budget.totalEuros), line: '', floor: floor(budget.floorEuros) };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const load: PageServerLoad = (event) => {
	const staff = requireStaff(event, 'agenda.view');
	const { params, url, setHeaders } = event;
	setHeaders({ 'cache-control': 'no-store' });
	const context = getAppContext();
	const { db } = context;
	const agenda = getAgenda(db, params.agendaId);
	if (!agenda) error(404, m.wg_agenda_not_found());
	const profile = loadAreaProfile(db, agenda.stadsdeelCode);
	if (!profile) error(404, m.wg_agenda_not_found());

	const recorded = readRecordedWeighing(context, agenda.id);
	const proposals = proposalsForAgenda(db, agenda.id);

	// What to show: the form as submitted (?scope=… is always sent), else the recorded choice, else equal weights.
	let request: WeighingRequest;
	let formProblem: { reason: string; field: string; message: { nl: string; en: string } } | null = null;
	if (url.searchParams.has('scope')) {
		const parsed = parseWeighingForm(url.searchParams);
		if (parsed.ok) request = parsed.value;
		else {
			formProblem = { reason: parsed.reason, field: parsed.field, message: parsed.message };
			request = { weights: recorded?.weights ?? equalWeights(), scope: recorded?.scope, budget: undefined };
		}
	} else if (recorded) {
		request = { weights: recorded.weights, scope: recorded.scope };
	} else {
		request = { weights: equalWeights(), scope: 'buurten', budget: null };
	}

	const preview = computeWeighing(db, agenda, weighingInput(request, recorded));
	if (!preview.ok && !formProblem) formProblem = { reason: preview.reason, field: preview.field, message: preview.message };
	const previewValue = preview.ok ? { ...preview.value, result: { ...preview.value.result, buurten: [...preview.value.result.buurten].sort((a, b) => (b.needIndex ?? -1) - (a.needIndex ?? -1) || a.name.localeCompare(b.name, 'nl')) } } : null;

	let recordedStillMatches: boolean | null = null;
	if (recorded) {
		const now = computeWeighing(db, agenda, { weights: recorded.weights, scope: recorded.scope, budget: recorded.budget });
		recordedStillMatches = now.ok && sameOutcome(recorded.result, now.value.result);
	}
	const previewIsRecorded =
		recorded !== null &&
		preview.ok &&
		preview.value.scope === recorded.scope &&
		sameJson(preview.value.weights, recorded.weights) &&
		sameJson(preview.value.budget, recorded.budget) &&
		sameOutcome(recorded.result, preview.value.result);

	const buurtCodes = listBuurten(db, agenda.stadsdeelCode).map((b) => b.code);
	return {
		agenda: { id: agenda.id, title: agenda.title, period: agenda.period, stadsdeelName: profile.stadsdeel.name },
		profile,
		overview: indicatorOverview(db, buurtCodes),
		proposals,
		recorded: recorded ? { ...recorded, setByEmail: findUserById(db, recorded.setBy)?.email ?? null } : null,
		recordedStillMatches,
		preview: previewValue,
		previewIsRecorded,
		formProblem,
		values: formValues(request, recorded),
		budgetLines: budgetLineOptions(),
		mayRecord: can(staff.user.role, 'agenda.weights.set'),
		mayImport: can(staff.user.role, 'areas.import'),
		reach: loadReach(context, { kind: 'agenda', agendaId: agenda.id })
	};
};

export const actions: Actions = {
	record: async (event) => {
		const staff = requireStaff(event, 'agenda.weights.set');
		const { request, params } = event;
		const form = await request.formData();
		const parsed = parseWeighingForm(form);
		if (!parsed.ok) return fail(400, { problem: { reason: parsed.reason, field: parsed.field, message: parsed.message } });
		const context = getAppContext();
		const outcome = recordWeighing(context, params.agendaId, parsed.value, staff.user.id);
		if (!outcome.ok) {
			if (outcome.status === 404) error(404, m.wg_agenda_not_found());
			return fail(400, { problem: { reason: outcome.reason, field: outcome.field, message: outcome.message } });
		}
		context.log.info('weighing recorded', { agendaId: params.agendaId, userId: staff.user.id, scope: outcome.record.scope });
		return { recorded: true };
	}
};
