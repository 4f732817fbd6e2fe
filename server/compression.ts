/**
 * Compression of the pages phones open. adapter-node serves the built files precompressed (brotli,
 * gzip), but rendered pages and their data (`__data.json`) go out as they are: the participant page's
 * HTML is 34 KB, about 8 KB compressed. At an old phone's 400 kbit/s that is half a second per load.
 *
 * Only for an allowlist of pages that carry no secret: compressing a response that holds a secret
 * next to text a participant wrote lets someone who can watch the traffic's sizes guess the secret
 * (BREACH). The projector page holds its token, the facilitator console the projector link, and
 * /api/join a session token, so those stay uncompressed; so does everything else not listed.
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import compression from 'compression';

/** Pages a resident's phone or the public opens: the join steps, the participant page, the public pages. */
const COMPRESSED_PATHS = [/^\/$/, /^\/join(\/|$)/, /^\/workshop\/[^/]+(\/__data\.json)?$/, /^\/stadsdeel(\/|$)/, /^\/toegankelijkheid(\/|$)/];

export function isCompressedPath(pathname: string): boolean {
	return COMPRESSED_PATHS.some((pattern) => pattern.test(pathname));
}

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

export function compressPublicPages(): Middleware {
	const middleware = compression({
		// Quick settings: the server renders pages live, and level 4 already gets most of the gain.
		brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
		level: 6,
		threshold: 1024,
		filter: (req, res) => isCompressedPath(new URL(req.url ?? '/', 'http://x').pathname) && compression.filter(req, res)
	}) as unknown as Middleware;
	return middleware;
}
