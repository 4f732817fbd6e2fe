/**
 * GET /agenda/<agendaId>/export?format=docx|pdf|md|csv|json|xlsx&lang=nl|en[&version=ID][&what=…]
 * The agenda as a file for the stadsdeelprogramma. Staff with 'agenda.export' only; `version` exports
 * a named version instead of the current state; `what` picks the CSV table (the action table by
 * default, the cards, or one question's result). All logic is in $lib/server/export.
 */
import { json, type RequestHandler } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/context';
import { exportAgenda, parseExportRequest } from '$lib/server/export/index';
import { can } from '$lib/domain/permissions';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (!locals.staff) {
		// Signed in as a participant is still not staff: forbidden, not "please sign in".
		return locals.principal
			? json({ error: 'Only staff can export an agenda.', reason: 'forbidden' }, { status: 403 })
			: json({ error: 'Sign in as staff to export an agenda.', reason: 'unauthenticated' }, { status: 401 });
	}
	if (!can(locals.staff.user.role, 'agenda.export')) {
		return json({ error: 'Your role may not export agendas.', reason: 'forbidden' }, { status: 403 });
	}
	const request = parseExportRequest({
		format: url.searchParams.get('format'),
		lang: url.searchParams.get('lang'),
		what: url.searchParams.get('what'),
		version: url.searchParams.get('version')
	});
	if (!request.ok) return json({ error: request.message, reason: request.reason }, { status: 400 });

	const context = getAppContext();
	const file = await exportAgenda({ db: context.db, liveDocs: context.liveDocs, origin: context.config.origin }, params.agendaId ?? '', request.value);
	if (!file) {
		return request.value.versionId
			? json({ error: 'This agenda has no version with this id.', reason: 'no-version' }, { status: 404 })
			: json({ error: 'There is no agenda with this id.', reason: 'not-found' }, { status: 404 });
	}
	context.log.info('agenda exported', { agendaId: file.model.agenda.id, format: request.value.format, userId: locals.staff.user.id, versionId: request.value.versionId ?? null });
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': `attachment; filename="${file.fileName}"`,
			'Content-Length': String(file.bytes.byteLength),
			'Cache-Control': 'private, no-store'
		}
	});
};
