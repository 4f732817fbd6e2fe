/**
 * Statements prepared once per connection. better-sqlite3 compiles SQL on every `db.prepare`; for
 * queries on hot paths (every WebSocket upgrade, every 30-s recheck) the compiled statement is kept
 * with its connection and reused. Keyed by the SQL text, so only fixed SQL belongs here (parameters
 * as `?`, never interpolated values).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.ts';

const byConnection = new WeakMap<Db, Map<string, Statement<unknown[], unknown>>>();

export function prepared<Params extends unknown[], Row = unknown>(db: Db, sql: string): Statement<Params, Row> {
	let statements = byConnection.get(db);
	if (!statements) {
		statements = new Map();
		byConnection.set(db, statements);
	}
	let statement = statements.get(sql);
	if (!statement) {
		statement = db.prepare(sql) as Statement<unknown[], unknown>;
		statements.set(sql, statement);
	}
	return statement as unknown as Statement<Params, Row>;
}
