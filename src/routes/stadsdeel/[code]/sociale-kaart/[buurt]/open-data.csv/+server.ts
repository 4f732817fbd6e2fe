import type { RequestHandler } from './$types';
import { getAppContext } from '$lib/server/context';
import { downloadResponse, kaartDownloadInput, notPublished } from '$lib/server/reports/public-kaart-download';
import { openDataCsv } from '$lib/server/reports/open-data';

export const GET: RequestHandler = ({ params, url }) => {
	const input = kaartDownloadInput(getAppContext(), params.code, params.buurt, url);
	if (!input) return notPublished();
	return downloadResponse(openDataCsv(input), 'text/csv; charset=utf-8', `sociale-kaart-${input.buurt.code}.csv`);
};
