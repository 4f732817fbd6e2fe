/**
 * Many cards at once, written the way a phone writes them: people join with the code over the join
 * API and add their cards through a stock y-websocket client as themselves. Used where clicking 200
 * cards in would only test Playwright's patience.
 */
import { addCard } from '../../../src/lib/sync/agenda-schema.ts';
import { connectClient } from '../../helpers/yclient.ts';

const TEXTS = [
	'Een bankje bij de bushalte, zodat ouderen even kunnen zitten.',
	'Jongeren willen een plek om samen te zijn, ook in de avond.',
	'Meer hulp bij formulieren van de gemeente en de belasting.',
	'De speeltuin aan de Heugemerweg is kapot en niemand repareert hem.',
	'Een buurtkamer waar je zonder afspraak binnen kunt lopen voor koffie en een praatje.',
	'Mantelzorgers hebben weinig tijd; help ze met een dag vrij per maand.',
	'Te weinig groen in de straten.',
	'Ik ken mijn buren niet meer sinds de nieuwe flats er staan. Een straatfeest zou helpen.',
	'Betere verlichting op het fietspad langs de Maas, het is er ’s avonds donker en eng.',
	'Meer activiteiten voor kinderen in de vakanties.'
];

export function cardText(index: number): string {
	return `${TEXTS[(index * 7 + Math.floor(index / TEXTS.length)) % TEXTS.length]} (${index + 1})`;
}

/** `count` cards for question `questionNumber`, from `people` participants, numbered from `from`. */
export async function seedCards(options: {
	joinCode: string;
	workshopId: string;
	questionNumber: number;
	count: number;
	from?: number;
	people?: number;
}): Promise<void> {
	const base = `http://127.0.0.1:${process.env.E2E_PORT}`;
	const people = Math.max(1, Math.min(options.people ?? 10, options.count));
	const from = options.from ?? 0;
	for (let person = 0; person < people; person++) {
		const response = await fetch(`${base}/api/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: base },
			body: JSON.stringify({ code: options.joinCode, name: `Deelnemer ${from + person + 1}`, role: 'resident' })
		});
		if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`);
		const joined = (await response.json()) as { token: string; participantId: string; agendaDoc: string };
		const client = connectClient(`ws://127.0.0.1:${process.env.E2E_PORT}/sync`, joined.agendaDoc, joined.token);
		await client.synced;
		for (let index = from + person; index < from + options.count; index += people) {
			const result = addCard(
				client.doc,
				{
					questionNumber: options.questionNumber,
					text: cardText(index),
					workshopId: options.workshopId,
					author: { id: joined.participantId, name: `Deelnemer ${from + person + 1}`, kind: 'participant' }
				},
				Date.now() + index
			);
			if (!result.ok) throw new Error(`card refused: ${result.reason}`);
		}
		// The server has them once it answers our state vector with nothing missing: wait for that.
		await new Promise<void>((resolve, reject) => {
			const deadline = Date.now() + 10_000;
			const check = () => {
				const pending = (client.provider as unknown as { wsUnsuccessfulReconnects?: number }).wsUnsuccessfulReconnects;
				if (client.provider.wsconnected && client.provider.synced && (client.provider.ws?.bufferedAmount ?? 0) === 0 && !pending) {
					resolve();
					return;
				}
				if (Date.now() > deadline) reject(new Error('cards not sent'));
				else setTimeout(check, 20);
			};
			check();
		});
		client.destroy();
	}
}
