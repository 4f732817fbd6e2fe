/**
 * A newcomer must never face a login page with no way in. When no staff account exists:
 * ADMIN_EMAIL/ADMIN_PASSWORD create the first admin on start; otherwise the /setup page does,
 * once (see routes/setup).
 */
import type { AppContext } from './context.ts';
import { countUsers, insertUser, isPlausibleEmail } from './repositories/users.ts';
import { checkPasswordStrength, hashPassword } from './auth/passwords.ts';

export async function ensureFirstAdmin(context: AppContext): Promise<void> {
	const { config, db, log } = context;
	if (countUsers(db) > 0) return;
	if (config.adminEmail && config.adminPassword) {
		if (!isPlausibleEmail(config.adminEmail)) throw new Error('ADMIN_EMAIL is not an e-mail address');
		const problem = checkPasswordStrength(config.adminPassword);
		if (problem) throw new Error(`ADMIN_PASSWORD is ${problem}`);
		insertUser(db, { email: config.adminEmail, passwordHash: await hashPassword(config.adminPassword), role: 'admin' });
		log.info('first admin created from ADMIN_EMAIL');
		return;
	}
	log.info('no staff account yet: open /setup in a browser on this machine to create the first admin');
}
