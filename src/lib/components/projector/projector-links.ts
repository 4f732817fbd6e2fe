/** The projector's two pages share one link (and its token); these turn one into the other. */

/** `/projector/<id>?token=…` → `/projector/<id>/kaart?token=…` */
export function projectorMapHref(url: URL): string {
	const path = url.pathname.replace(/\/kaart\/?$/, '');
	return `${path}/kaart${url.search}`;
}

/** `/projector/<id>/kaart?token=…` → `/projector/<id>?token=…` */
export function projectorWallHref(url: URL): string {
	return `${url.pathname.replace(/\/kaart\/?$/, '')}${url.search}`;
}
