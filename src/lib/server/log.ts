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

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
	const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
		if (ORDER[lvl] < ORDER[level]) return;
		write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
	};
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
