/**
 * The JSON export: the export model itself, for other systems (a dashboard, the programme's own
 * tooling). It names its schema, published at static/schemas/agenda-export.v2.json, and carries
 * `schemaVersion`, so a reader can tell which shape it gets.
 */
import { EXPORT_SCHEMA_PATH, type AgendaExport } from './agenda-export-model.ts';

/** The schema's address: absolute when the public origin is configured, else the path on this server. */
export function exportSchemaUrl(origin: string | null): string {
	return `${origin ?? ''}${EXPORT_SCHEMA_PATH}`;
}

export function writeJson(model: AgendaExport, options: { origin?: string | null } = {}): string {
	return JSON.stringify({ $schema: exportSchemaUrl(options.origin ?? null), ...model }, null, 2) + '\n';
}
