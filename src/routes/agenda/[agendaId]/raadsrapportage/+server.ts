import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { getAppContext } from '$lib/server/context';
import { requireStaff } from '$lib/server/auth/require-staff';
import { buildCouncilReport } from '$lib/server/reports/council-report';
import { writeCouncilReportDocx, writeCouncilReportPdf } from '$lib/server/reports/council-report-writers';

const TYPES = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
} as const;

/** The 6-month council report of an agenda, as Word or PDF. Staff only, like the export. */
export const GET: RequestHandler = async (event) => {
	requireStaff(event, 'agenda.export');
	const format = event.url.searchParams.get('format') ?? 'docx';
	if (format !== 'docx' && format !== 'pdf') return json({ error: 'Kies format=docx of format=pdf.', field: 'format' }, { status: 400 });
	const context = getAppContext();
	const report = buildCouncilReport(context, event.params.agendaId, { origin: context.config.origin ?? event.url.origin });
	if (!report) error(404, m.ws2_agenda_not_found());
	const body = format === 'docx' ? await writeCouncilReportDocx(report) : await writeCouncilReportPdf(report);
	const fileName = `raadsrapportage-${report.stadsdeel.toLowerCase()}-${report.period}.${format}`.replace(/[^a-z0-9.-]+/g, '-');
	return new Response(body as BodyInit, {
		headers: { 'content-type': TYPES[format], 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, no-store' }
	});
};
