import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { listBuurten, listStadsdelen } from '$lib/server/repositories/areas';
import { MAX_INDICATOR_FILE_BYTES, importIndicatorCsv, indicatorOverview } from '$lib/server/indicators';
import { readImportUpload } from '$lib/server/import-upload';

/** Enough to fix a file in one go, not so many that the page becomes a wall. */
const MAX_ERRORS_SHOWN = 50;

/** Admins and officials ('areas.import'); others sign in or are refused. */
export const load: PageServerLoad = (event) => {
	requireStaff(event, 'areas.import');
	const { url, setHeaders } = event;
	setHeaders({ 'cache-control': 'no-store' });
	const { db } = getAppContext();
	const stadsdelen = listStadsdelen(db);
	const wanted = url.searchParams.get('stadsdeel') ?? '';
	const stadsdeel = stadsdelen.find((s) => s.code === wanted) ?? null;
	const buurten = listBuurten(db, stadsdeel?.code).map((b) => ({ code: b.code, name: b.name }));
	return {
		stadsdelen,
		stadsdeel,
		buurten,
		overview: indicatorOverview(db, buurten.map((b) => b.code)),
		maxBytes: MAX_INDICATOR_FILE_BYTES
	};
};

export const actions: Actions = {
	import: async (event) => {
		const staff = requireStaff(event, 'areas.import');
		const { request } = event;
		const upload = await readImportUpload(request, { maxBytes: MAX_INDICATOR_FILE_BYTES, pasteField: 'text' });
		if (!upload.ok) {
			if (upload.problem === 'too-big') return fail(413, { problem: 'too-big' as const, fileName: upload.fileName });
			return fail(400, { problem: 'no-file' as const });
		}
		const { content, fileName } = upload;
		const { db, log } = getAppContext();
		const yearField = upload.form.get('year');
		const yearText = typeof yearField === 'string' ? yearField.trim() : '';
		if (yearText !== '' && !/^(19|20)\d{2}$/.test(yearText)) return fail(400, { problem: 'bad-year' as const, fileName });
		const outcome = importIndicatorCsv(db, content, Date.now(), { year: yearText === '' ? null : Number(yearText), fileName });
		if (!outcome.ok) {
			return fail(400, {
				problem: 'invalid' as const,
				fileName,
				errors: outcome.errors.slice(0, MAX_ERRORS_SHOWN).map(({ line, message }) => ({ line, message })),
				more: Math.max(0, outcome.errors.length - MAX_ERRORS_SHOWN)
			});
		}
		log.info('indicators imported', { userId: staff.user.id, layout: outcome.layout, values: outcome.imported, replaced: outcome.replaced, keptNewer: outcome.keptNewer });
		return {
			done: { imported: outcome.imported, replaced: outcome.replaced, buurten: outcome.buurten, layout: outcome.layout, keptNewer: outcome.keptNewer, skippedRows: outcome.skippedRows },
			fileName
		};
	}
};
