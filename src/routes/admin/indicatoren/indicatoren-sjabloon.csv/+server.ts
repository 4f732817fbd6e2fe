import { error, redirect, type RequestHandler } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/domain/permissions';
import { INDICATOR_CSV_TEMPLATE } from '$lib/domain/budget/indicator-import';

/** The CSV template for the indicator import (`;`, UTF-8 with BOM: opens as columns in Dutch Excel). */
export const GET: RequestHandler = ({ locals }) => {
	if (!locals.staff) redirect(303, '/login');
	if (!can(locals.staff.user.role, 'areas.import')) error(403, m.auth_forbidden());
	return new Response(`\uFEFF${INDICATOR_CSV_TEMPLATE}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="indicatoren-sjabloon.csv"',
			'cache-control': 'no-store'
		}
	});
};
