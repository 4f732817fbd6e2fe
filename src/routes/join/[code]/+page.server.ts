import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { currentQuestionOf, findJoinTarget } from '$lib/server/live-workshop';
import { joinGate, joinWorkshop } from '$lib/server/join';
import { joinLimiter } from '$lib/server/join-limits';
import { PARTICIPANT_COOKIE, sessionCookieSettings } from '$lib/server/auth/cookies';
import { publicPageAfterClose } from '$lib/server/public-pages';

export const load: PageServerLoad = ({ params, locals, getClientAddress, setHeaders }) => {
	const context = getAppContext();
	const { db, config } = context;
	// Opening /join/<code> is a lookup too: guesses of unknown codes count against the address.
	const limiter = joinLimiter(config);
	const guessing = limiter.beforeLookup(getClientAddress());
	if (!guessing.ok) {
		setHeaders({ 'retry-after': String(guessing.retryAfterSeconds) });
		return { code: params.code, problem: 'too-many' as const, workshop: null, buurten: [], already: null, currentQuestion: null };
	}
	const target = findJoinTarget(db, params.code);
	if (!target.ok && target.reason === 'closed') {
		// After the workshop its QR code and link lead to what was done with it.
		const after = publicPageAfterClose(context, params.code);
		if (after) redirect(303, after);
	}
	if (!target.ok) {
		limiter.unknownCode(getClientAddress());
		return { code: params.code, problem: target.reason, workshop: null, buurten: [], already: null, currentQuestion: null };
	}
	const participant = locals.participant;
	const already =
		participant && participant.participant.workshopId === target.workshop.id ? { name: participant.participant.displayName } : null;
	return {
		code: target.workshop.joinCode,
		problem: null,
		workshop: { id: target.workshop.id, title: target.workshop.title, stadsdeelName: target.workshop.stadsdeelName },
		buurten: target.buurten,
		already,
		// So the page can fetch that question's step while the name is typed (join-flow-preloader.ts).
		currentQuestion: currentQuestionOf(context, target.workshop)
	};
};

const text = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value : '');

export const actions: Actions = {
	default: async ({ request, params, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const values = {
			code: text(form.get('code')) || params.code,
			name: text(form.get('name')),
			role: text(form.get('role')),
			buurt: text(form.get('buurt')),
			ageBand: text(form.get('ageBand'))
		};
		const { db, config } = getAppContext();
		const outcome = joinWorkshop(db, values, joinGate(config, getClientAddress()));
		if (!outcome.ok) {
			if (outcome.status === 429) setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
			// Problems carry their own Dutch and English text; the page picks the reader's language.
			return fail(outcome.status, { values, problems: outcome.problems });
		}
		cookies.set(PARTICIPANT_COOKIE, outcome.token, sessionCookieSettings(outcome.expiresAt, url.protocol === 'https:'));
		redirect(303, `/workshop/${outcome.workshopId}`);
	}
};
