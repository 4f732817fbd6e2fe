/** A stock y-websocket client in Node, as a non-browser integration would use it. */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { addCard, listCards } from '../../src/lib/sync/agenda-schema.ts';

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves once the first sync with the server completed. */
	synced: Promise<void>;
	/** Resolves with the close code when the server closed the connection for good (44xx). */
	closed: Promise<{ code: number; reason: string }>;
	destroy(): void;
}

export function connectClient(wsUrl: string, docName: string, token?: string, options: { connect?: boolean } = {}): TestClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsUrl, docName, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: token ? { token } : {},
		connect: options.connect ?? true,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		provider.on('sync', (isSynced: boolean) => isSynced && resolve());
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) => {
		provider.on('closed', (event: { code: number; reason: string }) => resolve({ code: event.code, reason: event.reason }));
	});
	return {
		doc,
		provider,
		synced,
		closed,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Who writes a card, as the honest phone or staff page fills it in (the policy checks each field). */
export interface CardAuthorInfo {
	id: string;
	name: string;
	kind: 'participant' | 'staff';
	workshopId: string;
}

/** Writes a card the way the app's own forms do (agenda-schema's addCard); returns its id. */
export function writeCard(doc: Y.Doc, author: CardAuthorInfo, text: string, questionNumber = 1): string {
	const result = addCard(doc, {
		questionNumber,
		text,
		workshopId: author.workshopId,
		author: { id: author.id, name: author.name, kind: author.kind }
	});
	if (!result.ok) throw new Error(`addCard refused: ${result.reason}`);
	return result.id;
}

export function cardTexts(doc: Y.Doc): string[] {
	return listCards(doc).map((card) => card.text).sort();
}
