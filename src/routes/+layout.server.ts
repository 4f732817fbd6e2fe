import type { LayoutServerLoad } from './$types';

/** What every page's chrome needs: whether a staff member is signed in (for the header link). */
export const load: LayoutServerLoad = ({ locals }) => ({
	staffSignedIn: locals.staff !== null && locals.staff !== undefined
});
