/**
 * Every staff page, form action and download goes through `requireStaff` (src/lib/server/auth/
 * require-staff.ts), so none can forget the sign-in redirect with `next` or the permission check.
 * What the gate does over HTTP is tested per permission row in tests/integration/permissions.test.ts;
 * this test only holds that no handler under the staff routes bypasses it.
 */
import { expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const STAFF_ROUTES = ['admin', 'agenda', 'facilitate', 'projector', 'staff'].map((dir) => path.join(ROOT, 'src/routes', dir));
/** JSON endpoints answer 401/403 through request-auth.ts instead of redirecting to a page. */
const JSON_ENDPOINTS = ['src/routes/agenda/[agendaId]/export/+server.ts'];

function serverFiles(dir: string): string[] {
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /^\+(page\.server|server)\.ts$/.test(entry.name))
		.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

/** The handlers a route file exports: `load`, each form action, each HTTP method. */
function handlerCount(text: string): number {
	const exported = [...text.matchAll(/^export const (load|GET|POST|PUT|PATCH|DELETE)\b/gm)].length;
	const actionsBlock = /^export const actions[^=]*=\s*\{([\s\S]*?)^\};/m.exec(text)?.[1] ?? '';
	const actions = [...actionsBlock.matchAll(/^\t\w+: (async )?\(/gm)].length;
	return exported + actions;
}

test('every load, form action and download of the staff routes calls requireStaff', () => {
	const files = STAFF_ROUTES.flatMap(serverFiles).filter((file) => !JSON_ENDPOINTS.includes(file));
	expect(files.length).toBeGreaterThan(10);
	const short = files.flatMap((file) => {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		const calls = [...text.matchAll(/\brequireStaff\(/g)].length;
		return calls >= handlerCount(text) ? [] : [`${file}: ${calls} requireStaff call(s) for ${handlerCount(text)} handler(s)`];
	});
	expect(short).toEqual([]);
});

test('no route sends anyone to a bare /login except logging out', () => {
	const files = serverFiles(path.join(ROOT, 'src/routes')).filter((file) => !file.startsWith('src/routes/logout/'));
	const offenders = files.filter((file) => /['"`]\/login(\?next=[^'"`]*)?['"`]/.test(fs.readFileSync(path.join(ROOT, file), 'utf8')));
	expect(offenders).toEqual([]);
});
