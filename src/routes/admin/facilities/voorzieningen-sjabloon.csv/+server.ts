import type { RequestHandler } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/require-staff';
import { facilityCsvTemplate } from '$lib/server/facility-import';

/** The CSV template for the facility import (`;`, UTF-8 with BOM: opens as columns in Dutch Excel). */
export const GET: RequestHandler = (event) => {
	requireStaff(event, 'areas.import');
	return new Response(facilityCsvTemplate(), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="voorzieningen-sjabloon.csv"',
			'cache-control': 'no-store'
		}
	});
};
