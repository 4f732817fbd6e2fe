/**
 * A small list kept in localStorage as JSON (pending marks, waiting ballots, unsent cards), read back
 * through a check so a damaged or foreign value never reaches the page. Without localStorage (server
 * rendering, Node) or when it refuses (full, blocked), the list lives in memory for this page.
 */
export interface StoredList<T> {
	load(): T[];
	save(items: readonly T[]): void;
}

/** `key` null: memory only (e.g. staff pages, which keep nothing across reloads). */
export function storedList<T>(key: string | null, isItem: (value: unknown) => value is T): StoredList<T> {
	const storage = key !== null && typeof localStorage !== 'undefined' ? localStorage : null;
	let memory: T[] = [];
	return {
		load() {
			if (!storage) return memory;
			try {
				const parsed: unknown = JSON.parse(storage.getItem(key as string) ?? '[]');
				return Array.isArray(parsed) ? parsed.filter(isItem) : [];
			} catch {
				return [];
			}
		},
		save(items) {
			memory = [...items];
			if (!storage) return;
			try {
				if (items.length === 0) storage.removeItem(key as string);
				else storage.setItem(key as string, JSON.stringify(items));
			} catch {
				// Storage full or blocked: the memory copy lasts for this page.
			}
		}
	};
}
