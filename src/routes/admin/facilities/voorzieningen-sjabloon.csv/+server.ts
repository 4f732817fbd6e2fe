import { error, redirect, type RequestHandler } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import { facilityCsvTemplate } from '$lib/server/facility-import';

/** The CSV template for the facility import (`;`, UTF-8 with BOM: opens as columns in Dutch Excel). */
export const GET: RequestHandler = ({ locals }) => {
	if (!locals.staff) redirect(303, '/login');
	if (!can(locals.staff.user.role, 'areas.import')) error(403, 'Forbidden');
	return new Response(facilityCsvTemplate(), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="voorzieningen-sjabloon.csv"',
			'cache-control': 'no-store'
		}
	});
};
