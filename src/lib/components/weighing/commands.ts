/**
 * Commands to the server for question 7: the final weights (staff). Participants' ballots go through
 * the page session's queue (session/ballot-queue.svelte.ts), which waits offline.
 */
import type { LocalizedText } from '$lib/domain/i18n-text';
import type { WeighingRecord } from '$lib/sync/weighing-schema';

export type CommandOutcome<T> = { ok: true; value: T } | { ok: false; offline: boolean; message: LocalizedText | null };

async function post<T>(url: string, body: unknown, pick: (json: Record<string, unknown>) => T | undefined, token?: string | null): Promise<CommandOutcome<T>> {
	try {
		const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
		if (token) headers.authorization = `Bearer ${token}`;
		const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
		const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
		const value = response.ok && json ? pick(json) : undefined;
		if (value !== undefined) return { ok: true, value };
		return { ok: false, offline: false, message: (json?.message as LocalizedText | undefined) ?? null };
	} catch {
		return { ok: false, offline: true, message: null };
	}
}

/** Staff only: the server computes and records the weighing; `budget` left out keeps the recorded budget. */
export function setFinalWeights(agendaId: string, weights: Record<string, number>): Promise<CommandOutcome<WeighingRecord>> {
	return post(`/api/agendas/${agendaId}/weighing`, { weights }, (json) => json.weighing as WeighingRecord | undefined);
}
