/**
 * The server's refusal reason (4422, "update refused: …", written for logs) in plain Dutch or
 * English for the person whose card it was. Unknown reasons get a general sentence rather than
 * the server's words.
 */
import { m } from '$lib/paraglide/messages.js';

const REASONS: [RegExp, () => string][] = [
	[/too long|length|280|max/i, m.ph_refused_too_long],
	[/empty|blank/i, m.ph_refused_empty],
	[/author|someone else|not yours|not their own|forged/i, m.ph_refused_not_yours]
];

export function refusalReason(serverReason: string): string {
	for (const [pattern, message] of REASONS) if (pattern.test(serverReason)) return message();
	return m.ph_refused_other();
}
