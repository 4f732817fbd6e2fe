/**
 * The two join steps (the code, then name and role): the pages a resident's phone opens first, on
 * whatever network the venue has. They fetch no web fonts (web-fonts.ts) and start fetching the
 * name step's and the participant page's code with their HTML (hooks.server.ts, join-flow-preload.ts).
 */
const JOIN_STEP_ROUTES = new Set(['/join', '/join/[code]']);

export function isJoinStep(routeId: string | null | undefined): boolean {
	return routeId !== null && routeId !== undefined && JOIN_STEP_ROUTES.has(routeId);
}
