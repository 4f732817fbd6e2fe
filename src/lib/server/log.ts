/**
 * A small structured logger: one JSON line per event on stderr.
 * Never pass tokens, passwords or card texts in `fields`.
 */
import type { LogLevel } from './config.ts';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
	debug(msg: string, fields?: Record<string, unknown>): void;
	info(msg: string, fields?: Record<string, unknown>): void;
	warn(msg: string, fields?: Record<string, unknown>): void;
	error(msg: string, fields?: Record<string, unknown>): void;
}

/** An Error as JSON keeps its stack (and its cause's); JSON.stringify alone would write `{}`. */
export function errorFields(error: unknown, depth = 0): unknown {
	if (!(error instanceof Error)) return error;
	const fields: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
	const code = (error as { code?: unknown }).code;
	if (code !== undefined) fields.code = code;
	if (error.cause !== undefined && depth < 3) fields.cause = errorFields(error.cause, depth + 1);
	return fields;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
	const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
		if (ORDER[lvl] < ORDER[level]) return;
		const serialised = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, errorFields(value)]));
		write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...serialised }));
	};
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
