import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { MAX_IMPORT_BYTES, detectFormat, importFacilities } from '$lib/server/facility-import';
import { readImportUpload } from '$lib/server/import-upload';
import type { LocalizedText } from '$lib/domain/i18n-text';

/** Enough to fix a file in one go, not so many that the page becomes a wall. */
const MAX_PROBLEMS_SHOWN = 50;

/** The admin page for facilities: admins and officials ('areas.import'); others sign in or are refused. */
export const load: PageServerLoad = (event) => {
	requireStaff(event, 'areas.import');
	event.setHeaders({ 'cache-control': 'no-store' });
	const { db } = getAppContext();
	const bySource = db.prepare<[], { source: string; n: number }>('SELECT source, count(*) AS n FROM facilities GROUP BY source ORDER BY source').all();
	return { bySource, maxBytes: MAX_IMPORT_BYTES };
};

export const actions: Actions = {
	import: async (event) => {
		requireStaff(event, 'areas.import');
		const { request } = event;
		const upload = await readImportUpload(request, { maxBytes: MAX_IMPORT_BYTES });
		if (!upload.form) return fail(400, { problem: 'no-file' as const });
		const replace = upload.form.get('replace') === 'on';
		if (!upload.ok) {
			if (upload.problem === 'too-big') return fail(413, { problem: 'too-big' as const, replace, fileName: upload.fileName });
			return fail(400, { problem: 'no-file' as const, replace });
		}
		const { content, fileName } = upload;
		const result = importFacilities(getAppContext().db, content, { format: detectFormat(fileName, content), replace });
		if (!result.ok) {
			const problems: { where: LocalizedText | null; message: LocalizedText }[] = result.problems
				.slice(0, MAX_PROBLEMS_SHOWN)
				.map(({ where, message }) => ({ where, message }));
			return fail(400, { problem: 'invalid' as const, replace, fileName, problems, more: Math.max(0, result.problems.length - MAX_PROBLEMS_SHOWN) });
		}
		return { done: { added: result.added, updated: result.updated, removed: result.removed, total: result.total }, fileName };
	}
};
