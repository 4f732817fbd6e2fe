import type { RequestHandler } from './$types';
import { getAppContext } from '$lib/server/context';
import { downloadResponse, kaartDownloadInput, notPublished } from '$lib/server/reports/public-kaart-download';
import { writePaperKaart } from '$lib/server/reports/paper-kaart';
import { listBuurten } from '$lib/server/repositories/areas';

export const GET: RequestHandler = async ({ params, url }) => {
	const context = getAppContext();
	const input = kaartDownloadInput(context, params.code, params.buurt, url);
	if (!input) return notPublished();
	const geometry = listBuurten(context.db, input.snapshot.stadsdeel.code).find((b) => b.code === input.buurt.code)?.geometry ?? null;
	const pdf = await writePaperKaart({ ...input, geometry, correctionContact: context.config.correctionContact });
	return downloadResponse(pdf, 'application/pdf', `papieren-sociale-kaart-${input.buurt.code}.pdf`);
};
