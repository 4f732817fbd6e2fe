import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { getAgenda } from '$lib/server/repositories/workshops';
import { listPublications } from '$lib/server/repositories/publications';
import { listVersions } from '$lib/server/versions';
import { publishVersion } from '$lib/server/publication';

export const load: PageServerLoad = (event) => {
	requireStaff(event, 'agenda.publish');
	const { db } = getAppContext();
	const agenda = getAgenda(db, event.params.agendaId);
	if (!agenda) error(404, m.ws2_agenda_not_found());
	const versions = listVersions(db, agenda.id);
	const versionName = new Map(versions.map((v) => [v.id, v.name]));
	return {
		agenda: { id: agenda.id, title: agenda.title, stadsdeelCode: agenda.stadsdeelCode },
		versions: versions.map((v) => ({ id: v.id, name: v.name, createdAt: v.createdAt })),
		publications: listPublications(db, agenda.id).map((p) => ({
			id: p.id,
			versionName: versionName.get(p.versionId) ?? p.versionId,
			by: p.publishedByEmail ?? p.publishedBy,
			at: p.publishedAt
		}))
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const staff = requireStaff(event, 'agenda.publish');
		const form = await event.request.formData();
		const versionId = form.get('versionId');
		if (typeof versionId !== 'string' || versionId === '') return fail(400, { problem: 'no-version' as const });
		const result = publishVersion(getAppContext(), { agendaId: event.params.agendaId, versionId, userId: staff.user.id });
		if (!result.ok) {
			if (result.reason === 'not-found') error(404, m.ws2_agenda_not_found());
			return fail(400, { problem: 'unknown-version' as const });
		}
		return { published: { at: result.snapshot.publishedAt, stadsdeelCode: result.snapshot.stadsdeel.code } };
	}
};
