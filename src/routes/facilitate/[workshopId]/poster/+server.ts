import { error, type RequestHandler } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { facilitatorAccess, joinUrlFor } from '$lib/server/live-workshop';
import { getWorkshop } from '$lib/server/repositories/workshops';
import { writeJoinPoster } from '$lib/server/join-poster';

/** The A4 join poster and handout (PDF) of a workshop, for printing before the evening. */
export const GET: RequestHandler = async (event) => {
	requireStaff(event, 'workshop.control');
	const { params, locals, url } = event;
	const context = getAppContext();
	const access = facilitatorAccess(context.db, params.workshopId ?? '', locals.staff);
	if (!access.ok) error(access.reason === 'not-found' ? 404 : 403, access.reason === 'not-found' ? m.ws_not_found() : m.common_closed_forbidden());
	const { workshop } = access.value;
	const record = getWorkshop(context.db, workshop.id)!;
	const pdf = await writeJoinPoster({
		title: workshop.title,
		stadsdeelName: workshop.stadsdeelName,
		startsAt: record.startsAt,
		place: record.place,
		joinCode: workshop.joinCode,
		joinUrl: joinUrlFor(context.config.origin ?? url.origin, workshop.joinCode)
	});
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="meedoen-${workshop.joinCode}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
