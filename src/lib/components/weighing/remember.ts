/**
 * What a phone sent last (its weights, its dots), kept in localStorage so the form shows it again
 * after a reload. Only this device's own choice; the server holds the ballot that counts.
 */
const PREFIX = 'wijktafel:ballot:';

export function remember(key: string, value: unknown): void {
	try {
		localStorage.setItem(PREFIX + key, JSON.stringify(value));
	} catch {
		// Private mode or full storage: the ballot was still sent.
	}
}

export function recall<T>(key: string): T | null {
	try {
		const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(PREFIX + key);
		return raw === null ? null : (JSON.parse(raw) as T);
	} catch {
		return null;
	}
}
