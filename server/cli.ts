/**
 * Admin CLI: `npm run cli -- <command> [--flag value …]`.
 * Results go to stdout (JSON where a script may read them); errors to stderr with exit code 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/lib/server/config.ts';
import { createAppContext, type AppContext } from '../src/lib/server/context.ts';
import { insertUser, isPlausibleEmail, findUserByEmail } from '../src/lib/server/repositories/users.ts';
import { checkPasswordStrength, hashPassword } from '../src/lib/server/auth/passwords.ts';
import { STAFF_ROLES, type StaffRole } from '../src/lib/domain/permissions.ts';
import { createWorkshopForStadsdeel } from '../src/lib/server/workshops.ts';
import { EXPORT_FORMATS, exportAgenda, parseExportRequest } from '../src/lib/server/export/index.ts';
import { CSV_KINDS } from '../src/lib/server/export/csv.ts';
import { listAgendaSummaries } from '../src/lib/server/export/agenda-list.ts';
import { disableStaffUser, enableStaffUser, resetStaffPassword } from '../src/lib/server/auth/staff-accounts.ts';
import { backupDatabase, restoreDatabase } from '../src/lib/server/backup.ts';

class UsageError extends Error {}

type Command = { usage: string; run(context: AppContext, args: string[]): Promise<unknown> };

function flags(args: string[], spec: Record<string, { required?: boolean }>): Record<string, string | undefined> {
	const { values } = parseArgs({
		args,
		options: Object.fromEntries(Object.keys(spec).map((name) => [name, { type: 'string' as const }])),
		strict: true,
		allowPositionals: false
	});
	for (const [name, { required }] of Object.entries(spec)) {
		if (required && !values[name]) throw new UsageError(`--${name} is required`);
	}
	return values as Record<string, string | undefined>;
}

const COMMANDS: Record<string, Command> = {
	'user:add': {
		usage: 'user:add --email E --password P --role admin|official|facilitator',
		async run({ db }, args) {
			const f = flags(args, { email: { required: true }, password: { required: true }, role: { required: true } });
			if (!isPlausibleEmail(f.email!)) throw new UsageError('--email is not an e-mail address');
			if (!(STAFF_ROLES as readonly string[]).includes(f.role!)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
			const problem = checkPasswordStrength(f.password!);
			if (problem) throw new UsageError(`--password is ${problem} (at least 10 characters)`);
			if (findUserByEmail(db, f.email!)) throw new UsageError(`a user with e-mail ${f.email} already exists`);
			const user = insertUser(db, { email: f.email!, passwordHash: await hashPassword(f.password!), role: f.role as StaffRole });
			return { userId: user.id, email: user.email, role: user.role };
		}
	},
	backup: {
		usage: 'backup --out FILE',
		async run({ db }, args) {
			const f = flags(args, { out: { required: true } });
			const { bytes } = await backupDatabase(db, f.out!);
			return { backup: f.out, bytes };
		}
	},
	restore: {
		usage: 'restore --from FILE   (a running server lets go of its documents during the restore; clients reconnect)',
		async run({ db, config }, args) {
			const f = flags(args, { from: { required: true } });
			const { serverAcknowledged } = await restoreDatabase(db, config.dataDir, f.from!);
			return { restoredFrom: f.from, runningServerPaused: serverAcknowledged };
		}
	},
	'user:disable': {
		usage: 'user:disable --email E   (ends their sessions; a running server closes their open sockets within its 30-second heartbeat)',
		async run(context, args) {
			const f = flags(args, { email: { required: true } });
			const user = findUserByEmail(context.db, f.email!);
			if (!user) throw new UsageError(`no user with e-mail ${f.email}`);
			const result = disableStaffUser(context, { userId: user.id });
			if (!result.ok) throw new UsageError(result.problem === 'last-admin' ? 'this is the last active admin; enable or add another admin first' : result.problem);
			return { userId: user.id, email: user.email, disabled: true };
		}
	},
	'user:enable': {
		usage: 'user:enable --email E',
		async run(context, args) {
			const f = flags(args, { email: { required: true } });
			const user = findUserByEmail(context.db, f.email!);
			if (!user) throw new UsageError(`no user with e-mail ${f.email}`);
			const result = enableStaffUser(context, { userId: user.id });
			if (!result.ok) throw new UsageError(result.problem);
			return { userId: user.id, email: user.email, disabled: false };
		}
	},
	'user:password': {
		usage: 'user:password --email E --password P   (ends all their sessions)',
		async run(context, args) {
			const f = flags(args, { email: { required: true }, password: { required: true } });
			const user = findUserByEmail(context.db, f.email!);
			if (!user) throw new UsageError(`no user with e-mail ${f.email}`);
			const result = await resetStaffPassword(context, { userId: user.id, password: f.password });
			if (!result.ok) {
				throw new UsageError(result.problem.startsWith('password-') ? `--password is ${result.problem.slice(9)} (10 to 256 characters)` : result.problem);
			}
			return { userId: user.id, email: user.email, passwordChanged: true };
		}
	},
	'facilities:import': {
		usage: 'facilities:import --file F [--replace]   (GeoJSON Points or CSV name;category;lat;lon;address; checked in full, written in one transaction; --replace also removes earlier imports not in F)',
		async run({ db }, args) {
			const { values } = parseArgs({ args, options: { file: { type: 'string' }, replace: { type: 'boolean' } }, strict: true, allowPositionals: false });
			if (!values.file) throw new UsageError('--file is required');
			const { importFacilitiesFromFile, describeProblems } = await import('../src/lib/server/facility-import.ts');
			const result = importFacilitiesFromFile(db, values.file, { replace: values.replace === true });
			if (!result.ok) throw new Error(`nothing was imported; ${result.problems.length} problem(s):\n${describeProblems(result.problems)}`);
			return { file: values.file, added: result.added, updated: result.updated, removed: result.removed, total: result.total };
		}
	},
	'workshop:create': {
		usage: 'workshop:create --stadsdeel <name or code> --title T [--period P] [--date YYYY-MM-DD] [--place P]',
		async run(context, args) {
			const f = flags(args, { stadsdeel: { required: true }, title: { required: true }, period: {}, date: {}, place: {} });
			const result = createWorkshopForStadsdeel(context, {
				stadsdeel: f.stadsdeel!,
				title: f.title!,
				period: f.period,
				startsAt: f.date ?? null,
				place: f.place ?? null,
				createdBy: null
			});
			if (!result.ok) throw new UsageError(result.message);
			return result.links;
		}
	},
	'agenda:list': {
		usage: 'agenda:list',
		async run(context, args) {
			flags(args, {});
			return listAgendaSummaries(context.db);
		}
	},
	'agenda:export': {
		usage: `agenda:export --agenda ID --format ${EXPORT_FORMATS.join('|')} --out FILE [--lang nl|en] [--version VERSION_ID] [--what ${CSV_KINDS.join('|')} (csv only)]`,
		async run(context, args) {
			const f = flags(args, { agenda: { required: true }, format: { required: true }, out: { required: true }, lang: {}, what: {}, version: {} });
			const request = parseExportRequest({ format: f.format, lang: f.lang, what: f.what, version: f.version });
			if (!request.ok) throw new UsageError(`--${request.reason.slice(4)}: ${request.message}`);
			// Reads the stored docs: the sync server logs every update before it broadcasts, so this is current.
			const file = await exportAgenda({ db: context.db, liveDocs: context.liveDocs, origin: context.config.origin }, f.agenda!, request.value);
			if (!file) throw new UsageError(f.version ? `agenda ${f.agenda} has no version with id ${f.version}` : `there is no agenda with id ${f.agenda}`);
			const out = path.resolve(f.out!);
			fs.writeFileSync(out, file.bytes);
			return { file: out, bytes: file.bytes.byteLength, format: request.value.format, lang: request.value.locale, version: file.model.titlePage.version?.name ?? null, changes: file.model.titlePage.changes, actions: file.model.actions.length, cards: file.model.cards.length };
		}
	}
};

function help(): string {
	return ['Usage: npm run cli -- <command> [options]', '', 'Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [name, ...args] = argv;
	if (!name || name === '--help' || name === 'help') {
		process.stdout.write(help() + '\n');
		return name ? 0 : 1;
	}
	const command = COMMANDS[name];
	if (!command) {
		process.stderr.write(`Unknown command "${name}".\n${help()}\n`);
		return 1;
	}
	let context: AppContext | undefined;
	try {
		context = createAppContext({ ...loadConfig(), logLevel: process.env.LOG_LEVEL ? loadConfig().logLevel : 'warn' });
		const result = await command.run(context, args);
		process.stdout.write(JSON.stringify(result) + '\n');
		return 0;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`${name}: ${message}\n`);
		if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			process.stderr.write(`usage: npm run cli -- ${command.usage}\n`);
		}
		return 1;
	} finally {
		context?.db.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
