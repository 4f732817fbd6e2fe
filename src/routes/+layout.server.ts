import type { LayoutServerLoad } from './$types';
import { WEB_FONTS_COOKIE } from '$lib/web-fonts';

/**
 * What every page's chrome needs: whether a staff member is signed in (for the header link), and
 * whether this browser already has the web fonts (see web-fonts.ts).
 */
export const load: LayoutServerLoad = ({ locals, cookies }) => ({
	staffSignedIn: locals.staff !== null && locals.staff !== undefined,
	webFonts: cookies.get(WEB_FONTS_COOKIE) === '1'
});
