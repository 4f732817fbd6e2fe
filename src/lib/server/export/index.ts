/**
 * One call for every way out of the app (the export endpoint and the CLI): read the agenda into the
 * export model once, then hand it to the writer of the format asked for.
 */
import type { Locale } from '../../domain/i18n-text.ts';
import { buildAgendaExport, type AgendaExport, type BuildOptions, type ExportSources } from './agenda-export-model.ts';
import { isCsvKind, CSV_KINDS, type CsvKind } from './csv.ts';
import { writeOffThread } from './write-off-thread.ts';
import { withoutInvalidCharacters } from './texts.ts';

export const EXPORT_FORMATS = ['docx', 'pdf', 'md', 'csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_LOCALES: readonly Locale[] = ['nl', 'en'];

const CONTENT_TYPES: Record<ExportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	md: 'text/markdown; charset=utf-8',
	csv: 'text/csv; charset=utf-8',
	json: 'application/json; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

export interface ExportRequest {
	format: ExportFormat;
	locale: Locale;
	/** Only for CSV: the action table (default), the cards, or one question's result. */
	csvKind?: CsvKind;
	/** A named version of the agenda instead of its current state. */
	versionId?: string;
}

export type ExportRequestProblem = 'bad-format' | 'bad-lang' | 'bad-what' | 'bad-version';

const VERSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Checks the options as they come from a query string or the command line. Empty lang means Dutch;
 * `what` is only allowed with CSV, where empty means the action table.
 */
export function parseExportRequest(input: { format: string | null | undefined; lang?: string | null; what?: string | null; version?: string | null }):
	| { ok: true; value: ExportRequest }
	| { ok: false; reason: ExportRequestProblem; message: string } {
	const format = input.format ?? '';
	if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
		return { ok: false, reason: 'bad-format', message: `format must be one of ${EXPORT_FORMATS.join(', ')}` };
	}
	const lang = input.lang || 'nl';
	if (!(EXPORT_LOCALES as readonly string[]).includes(lang)) return { ok: false, reason: 'bad-lang', message: 'lang must be nl or en' };
	const what = input.what || null;
	if (what !== null && (format !== 'csv' || !isCsvKind(what))) {
		return { ok: false, reason: 'bad-what', message: `what is only for format=csv and must be one of ${CSV_KINDS.join(', ')}` };
	}
	const version = input.version || null;
	if (version !== null && !VERSION_ID.test(version)) return { ok: false, reason: 'bad-version', message: 'version must be the id of a named version' };
	return { ok: true, value: { format: format as ExportFormat, locale: lang as Locale, csvKind: what ?? undefined, versionId: version ?? undefined } };
}

export interface ExportFile {
	bytes: Uint8Array;
	contentType: string;
	fileName: string;
	model: AgendaExport;
}

function slug(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** "sociale-agenda-zuid-2026.docx"; English and the cards CSV say so in the name. */
export function exportFileName(model: AgendaExport, request: ExportRequest): string {
	const parts = ['sociale-agenda', slug(model.agenda.stadsdeel.code), slug(model.agenda.period)].filter((p) => p !== '');
	if (model.titlePage.version) parts.push(slug(model.titlePage.version.name).slice(0, 40));
	if (request.format === 'csv' && request.csvKind && request.csvKind !== 'actions') parts.push(request.csvKind === 'cards' ? (model.locale === 'nl' ? 'kaartjes' : 'cards') : request.csvKind);
	if (request.locale !== 'nl') parts.push(request.locale);
	return `${parts.join('-')}.${request.format}`;
}

export interface ExportContext extends ExportSources {
	/** Public origin, for the JSON's `$schema` address. */
	origin?: string | null;
}

/** The file for an agenda; null when the agenda does not exist. */
export async function exportAgenda(context: ExportContext, agendaId: string, request: ExportRequest, options: BuildOptions = {}): Promise<ExportFile | null> {
	const built = buildAgendaExport(context, agendaId, request.locale, { ...options, versionId: request.versionId ?? options.versionId });
	if (!built) return null;
	// U+FFFE, U+FFFF, lone surrogates and C0 controls make XML invalid: they never reach any format.
	const model = withoutInvalidCharacters(built);
	const bytes = await writeOffThread(model, request.format, { csvKind: request.csvKind, origin: context.origin ?? null });
	return { bytes, contentType: CONTENT_TYPES[request.format], fileName: exportFileName(model, request), model };
}

export type { AgendaExport } from './agenda-export-model.ts';
