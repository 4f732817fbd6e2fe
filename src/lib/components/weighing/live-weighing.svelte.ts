/** The recorded weighing in the agenda's record doc (key `weighing`, written only by the server) as Svelte state. */
import type * as Y from 'yjs';
import type { DocConnection } from '$lib/sync/connection.svelte';
import { readWeighing, weighingMap, type WeighingRecord } from '$lib/sync/weighing-schema';

export class LiveWeighing {
	record = $state.raw<WeighingRecord | null>(null);
	readonly #unbind: () => void;

	constructor(connection: DocConnection) {
		this.#unbind = connection.bind((doc) => this.#follow(doc));
	}

	destroy(): void {
		this.#unbind();
	}

	#follow(doc: Y.Doc): () => void {
		const map = weighingMap(doc);
		const read = () => (this.record = readWeighing(doc));
		read();
		map.observe(read);
		return () => map.unobserve(read);
	}
}
