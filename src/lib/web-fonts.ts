/**
 * Fira Sans arrives after the page works, not before.
 *
 * Browsers fetch web fonts at the highest priority, ahead of the scripts that make a page work. On an
 * old phone at 400 kbit/s the two weights (50 KB) cost a second before a resident could type. So the
 * theme uses the phone's own font until Fira Sans is here: once the page is idle, the fonts are
 * fetched, and the theme switches to them. A cookie (no personal data) remembers that this browser
 * has the fonts in its cache, so the server renders later pages in Fira Sans straight away.
 *
 * The two join steps never fetch them: their only job is to be quick on any phone, and the
 * participant page they lead to fetches the fonts once it is live.
 */
export const WEB_FONTS_COOKIE = 'wt_fonts';

const FAMILY = '"Fira Sans"';

/** Fetch both weights when the browser is idle; resolves true when they are ready to use. */
export async function loadWebFontsWhenIdle(): Promise<boolean> {
	await new Promise<void>((resolve) => {
		if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: 5_000 });
		else setTimeout(resolve, 1_000);
	});
	try {
		const faces = await Promise.all([document.fonts.load(`400 1em ${FAMILY}`), document.fonts.load(`700 1em ${FAMILY}`)]);
		if (faces.some((found) => found.length === 0)) return false;
	} catch {
		return false;
	}
	document.cookie = `${WEB_FONTS_COOKIE}=1; path=/; max-age=31536000; samesite=lax`;
	return true;
}
