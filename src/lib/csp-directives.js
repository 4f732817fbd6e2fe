// The Content-Security-Policy, in one place: svelte.config.js hands it to SvelteKit (`kit.csp`), which
// adds a nonce for its own inline start-up script to every page it renders (a hash on prerendered
// pages), and hooks.server.ts sends the same policy on every other response and adds the map's tile
// host (TILE_URL, known only at run time) to img-src. Plain JavaScript, because svelte.config.js is
// loaded by Node without a TypeScript loader.
//
// Scripts: only our own files and the nonced start-up script; no 'unsafe-inline', no eval.
// Styles keep 'unsafe-inline': Svelte transitions and Leaflet set style attributes.

/** @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'connect-src': ['self'],
	'font-src': ['self'],
	'object-src': ['none'],
	'frame-ancestors': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes', 'report-sample', 'wasm-unsafe-eval']);

/**
 * The policy as a header value, for responses SvelteKit does not render (endpoints, static files).
 * @returns {string}
 */
export function cspHeaderValue() {
	return Object.entries(CSP_DIRECTIVES)
		.map(([name, sources]) => [name, ...(sources ?? []).map((/** @type {string} */ source) => (KEYWORDS.has(String(source)) ? `'${source}'` : String(source)))].join(' '))
		.join('; ');
}

/**
 * Adds a source to one directive of a policy header value (e.g. the tile host to img-src).
 * @param {string} policy
 * @param {string} directive
 * @param {string} source
 * @returns {string}
 */
export function withSource(policy, directive, source) {
	return policy
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => (part.split(/\s+/)[0] === directive ? `${part} ${source}` : part))
		.join('; ');
}
