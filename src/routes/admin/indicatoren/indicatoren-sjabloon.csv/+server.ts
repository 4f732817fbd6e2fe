import type { RequestHandler } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/require-staff';
import { INDICATOR_CSV_TEMPLATE } from '$lib/domain/budget/indicator-import';

/** The CSV template for the indicator import (`;`, UTF-8 with BOM: opens as columns in Dutch Excel). */
export const GET: RequestHandler = (event) => {
	requireStaff(event, 'areas.import');
	return new Response(`\uFEFF${INDICATOR_CSV_TEMPLATE}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="indicatoren-sjabloon.csv"',
			'cache-control': 'no-store'
		}
	});
};
