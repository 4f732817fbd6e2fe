/**
 * The two join steps (the code, then name and role): the pages a resident's phone opens first, on
 * whatever network the venue has. They fetch no web fonts (web-fonts.ts), and their HTML carries the
 * list of files the next pages need (hooks.server.ts, server/join-flow-preload.ts), which the page
 * fetches while the resident types (join-flow-preloader.ts).
 */
const JOIN_STEP_ROUTES = new Set(['/join', '/join/[code]']);

/** The id of the element with that list, shared by the server that writes it and the page that reads it. */
export const JOIN_FLOW_FILES_ELEMENT_ID = 'wt-join-flow-files';

export function isJoinStep(routeId: string | null | undefined): boolean {
	return routeId !== null && routeId !== undefined && JOIN_STEP_ROUTES.has(routeId);
}
