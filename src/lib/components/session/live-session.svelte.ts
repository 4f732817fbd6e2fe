/**
 * One live session per page: the phone, the facilitator console and the projector each make one,
 * and it owns every doc connection of the page for as long as the page lives (agenda, workshop,
 * tally, record). Steps read from it; none opens or closes a socket when the question changes.
 *
 * The tally and record docs are opened the first time a step asks for them (question 4, 7 or 8, or
 * the map) and then stay open: the first paint of a phone needs only the agenda and the workshop.
 *
 * On a phone it also keeps the participant's promises honest:
 *  - cards written here are marked pending until the server has them (`isPending`);
 *  - when the server refuses our writes (4422, 4423) the local doc is dropped and started afresh
 *    (by DocConnection), and the texts of our cards it never got are kept in `unsent`, with why;
 *  - ballots wait offline in `ballots` and go out when the network is back.
 */
import { fromBase64 } from 'lib0/buffer';
import { DocConnection, READ_ONLY_CODE, type ConnectionEnvironment, type Presence, type Refusal } from '$lib/sync/connection.svelte';
import { LiveAgenda } from '$lib/sync/live-agenda.svelte';
import { LiveWorkshop } from '$lib/sync/live-workshop.svelte';
import { docName } from '$lib/sync/doc-names';
import { storedList, type StoredList } from '$lib/sync/stored-list';
import { cardsMap, readCard, type CardAuthor, type CardResult } from '$lib/sync/agenda-schema';
import type { LiveWorkshopInfo } from '$lib/sync/page-data';
import { LiveCardKinds, LiveElementList, LiveKeywords } from '../steps/live-steps.svelte';
import { LiveRatings } from '../map/live-ratings.svelte';
import { LiveTally } from '../weighing/live-tally.svelte';
import { LiveWeighing } from '../weighing/live-weighing.svelte';
import { LiveVote } from '../priorities/live-vote.svelte';
import { BallotQueue } from './ballot-queue.svelte';

export interface LiveSessionOptions {
	workshop: Pick<LiveWorkshopInfo, 'id' | 'agendaId' | 'questions' | 'agendaDoc' | 'workshopDoc'>;
	/** base64 snapshots from the page load (SSR paints them; the sockets bring the rest). */
	agendaState?: string | null;
	workshopState?: string | null;
	tallyState?: string | null;
	recordState?: string | null;
	/** Projector link token (no cookie); also sent with ballots when set. */
	token?: string | null;
	/** Announced on the workshop doc (counted as people present). */
	presence?: Presence;
	/** Keep agenda and workshop in IndexedDB (phones and the console: yes; a shared projector PC: no). */
	persist?: boolean;
	/** The participant using the page, for pending marks, unsent cards and the ballot queue. Null: staff or screen. */
	participantId?: string | null;
	syncUrl?: string;
	environment?: ConnectionEnvironment;
	/** Ballots endpoint (default '/api/ballots'); tests point it at a test server. */
	ballotsUrl?: string;
	fetch?: typeof fetch;
}

export type UnsentWhy = 'closed' | 'refused';

/** A card of ours the server never got, kept so the person keeps their words. */
export interface UnsentCard {
	id: string;
	text: string;
	questionNumber: number;
	why: UnsentWhy;
	/** The server's own reason (4422), for the page to put in plain words. */
	reason: string;
}

export function cardKey(cardId: string): string {
	return `card:${cardId}`;
}

function snapshot(state: string | null | undefined): Uint8Array | null {
	return state ? fromBase64(state) : null;
}

function isUnsentCard(value: unknown): value is UnsentCard {
	if (typeof value !== 'object' || value === null) return false;
	const card = value as Record<string, unknown>;
	return typeof card.id === 'string' && typeof card.text === 'string' && typeof card.questionNumber === 'number' && (card.why === 'closed' || card.why === 'refused');
}

export class LiveSession {
	readonly agendaConnection: DocConnection;
	readonly workshopConnection: DocConnection;
	readonly agenda: LiveAgenda;
	readonly live: LiveWorkshop;
	readonly keywords: LiveKeywords;
	readonly kinds: LiveCardKinds;
	readonly elements: LiveElementList;
	readonly vote: LiveVote;
	readonly ballots: BallotQueue;
	/** Our cards the server refused or never got before it stopped taking writes, newest last. */
	unsent = $state.raw<UnsentCard[]>([]);

	readonly workshop: LiveSessionOptions['workshop'];
	readonly #options: LiveSessionOptions;
	#tallyConnection: DocConnection | null = null;
	#recordConnection: DocConnection | null = null;
	#ratings: LiveRatings | null = null;
	#tally: LiveTally | null = null;
	#weighing: LiveWeighing | null = null;
	readonly #stopRefusals: () => void;
	/** Per participant and workshop; staff and screens keep none across reloads. */
	readonly #unsentStore: StoredList<UnsentCard>;
	#destroyed = false;

	constructor(options: LiveSessionOptions) {
		this.#options = options;
		this.workshop = options.workshop;
		const { token, persist = true, syncUrl, environment } = options;
		const common = { token: token ?? undefined, persist, syncUrl, environment };
		this.agendaConnection = new DocConnection({ ...common, docName: options.workshop.agendaDoc, initialState: snapshot(options.agendaState) });
		this.workshopConnection = new DocConnection({
			...common,
			docName: options.workshop.workshopDoc,
			initialState: snapshot(options.workshopState),
			presence: options.presence
		});
		this.agenda = new LiveAgenda(this.agendaConnection);
		this.live = new LiveWorkshop(this.workshopConnection, options.workshop.questions);
		this.keywords = new LiveKeywords(this.agendaConnection);
		this.kinds = new LiveCardKinds(this.agendaConnection);
		this.elements = new LiveElementList(this.agendaConnection);
		this.vote = new LiveVote(this.workshopConnection);
		this.ballots = new BallotQueue({
			storageKey: `wijktafel:ballots:${options.participantId ?? 'staff'}:${options.workshop.id}`,
			endpoint: options.ballotsUrl,
			token,
			fetch: options.fetch,
			environment: environment ?? undefined
		});
		this.#unsentStore = storedList(options.participantId ? `wijktafel:unsent:${options.participantId}:${options.workshop.id}` : null, isUnsentCard);
		this.unsent = this.#unsentStore.load();
		this.#stopRefusals = this.agendaConnection.onRefused((refusal) => this.#keepUnsent(refusal));
	}

	/** The workshop's tally doc (ballot results; only the server writes it). Opened once, on first use. */
	get tallyConnection(): DocConnection {
		this.#tallyConnection ??= this.#readOnlyConnection(docName('tally', this.workshop.id), this.#options.tallyState);
		return this.#tallyConnection;
	}

	/** The agenda's record doc (the recorded weighing; only the server writes it). Opened once, on first use. */
	get recordConnection(): DocConnection {
		this.#recordConnection ??= this.#readOnlyConnection(docName('record', this.workshop.agendaId), this.#options.recordState);
		return this.#recordConnection;
	}

	get ratings(): LiveRatings {
		this.#ratings ??= new LiveRatings(this.tallyConnection);
		return this.#ratings;
	}

	get tally(): LiveTally {
		this.#tally ??= new LiveTally(this.tallyConnection);
		return this.#tally;
	}

	get weighing(): LiveWeighing {
		this.#weighing ??= new LiveWeighing(this.recordConnection);
		return this.#weighing;
	}

	/** Every connection opened so far (the tally and record ones only once a step used them). */
	get connections(): DocConnection[] {
		return [this.agendaConnection, this.workshopConnection, this.#tallyConnection, this.#recordConnection].filter((c): c is DocConnection => c !== null);
	}

	addCard(input: { questionNumber: number; text: string; themes: readonly string[]; author: CardAuthor }): CardResult {
		const result = this.agenda.add({ ...input, workshopId: this.workshop.id });
		if (result.ok) this.agendaConnection.track(cardKey(result.id));
		return result;
	}

	editCard(cardId: string, authorId: string, change: { text?: string; themes?: readonly string[] }): CardResult {
		const result = this.agenda.edit(cardId, authorId, change);
		if (result.ok) this.agendaConnection.track(cardKey(cardId));
		return result;
	}

	removeCard(cardId: string, authorId: string): CardResult {
		return this.agenda.remove(cardId, authorId);
	}

	/** True while the server does not have the latest change of this card that was made here. */
	isPending(cardId: string): boolean {
		return this.agendaConnection.pending.has(cardKey(cardId));
	}

	/** The person has read it (or copied their words): forget an unsent card. */
	dismissUnsent(cardId: string): void {
		this.#saveUnsent(this.unsent.filter((card) => card.id !== cardId));
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#stopRefusals();
		this.ballots.destroy();
		for (const live of [this.agenda, this.live, this.keywords, this.kinds, this.elements, this.vote, this.#ratings, this.#tally, this.#weighing]) live?.destroy();
		for (const connection of this.connections) connection.destroy();
	}

	#readOnlyConnection(name: string, state: string | null | undefined): DocConnection {
		const { token, syncUrl, environment } = this.#options;
		// Only the server writes these docs, and a ballot's result must be fresh: no local copy.
		return new DocConnection({ docName: name, token: token ?? undefined, persist: false, syncUrl, environment, initialState: snapshot(state) });
	}

	#keepUnsent(refusal: Refusal): void {
		const cards = cardsMap(refusal.doc);
		const why: UnsentWhy = refusal.code === READ_ONLY_CODE ? 'closed' : 'refused';
		const kept = new Map(this.unsent.map((card) => [card.id, card]));
		for (const write of refusal.unsent) {
			if (!write.key.startsWith('card:')) continue;
			const id = write.key.slice('card:'.length);
			const card = readCard(cards.get(id));
			if (!card) continue;
			kept.delete(id);
			kept.set(id, { id, text: card.text, questionNumber: card.questionNumber, why, reason: refusal.reason });
		}
		this.#saveUnsent([...kept.values()]);
	}

	#saveUnsent(cards: UnsentCard[]): void {
		this.unsent = cards;
		this.#unsentStore.save(cards);
	}
}
