/**
 * Likely duplicate cards, explained: two cards are suggested when they share enough of their
 * meaningful words (Jaccard similarity over word sets, after lower-casing, dropping punctuation and
 * common Dutch and English filler words). The facilitator sees the shared words and the share, so
 * the suggestion can be judged at a glance; nothing is merged without a click. No I/O.
 */

export interface DuplicateCandidate {
	id: string;
	text: string;
}

export interface DuplicateSuggestion {
	/** The older card first: a merge usually keeps it. */
	first: string;
	second: string;
	/** 0…1: shared words divided by all words of both cards. */
	similarity: number;
	/** The words both cards use, in the first card's order. */
	sharedWords: string[];
}

const FILLER = new Set(
	(
		'de het een en of in op aan van voor met bij naar om te is zijn er dat die dit deze ook niet geen wel meer veel ' +
		'we wij je jij ik u ze zij hij men ons onze mijn moet moeten kan kunnen wil willen wordt worden nog al zo als ' +
		'dan maar heel erg hier daar wat wie waar hoe nu door over uit tot the a an and or of to for with on at is are ' +
		'be we our more no not it this that'
	).split(' ')
);

/** The meaningful words of a text, each once, in order. */
export function meaningfulWords(text: string): string[] {
	const words = text
		.toLocaleLowerCase('nl')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((word) => word.length > 1 && !FILLER.has(word));
	return [...new Set(words)];
}

export const DEFAULT_MIN_SIMILARITY = 0.5;
/** Below this many shared words two short cards are alike by chance ("meer groen" / "meer bankjes"). */
export const MIN_SHARED_WORDS = 2;

/**
 * Pairs of cards that are likely the same point, the most alike first. `cards` in age order (oldest
 * first); `dismissed` holds pair keys (see `pairKey`) the facilitator already said are different.
 */
export function suggestDuplicates(
	cards: readonly DuplicateCandidate[],
	options: { minSimilarity?: number; limit?: number; dismissed?: ReadonlySet<string> } = {}
): DuplicateSuggestion[] {
	const minSimilarity = options.minSimilarity ?? DEFAULT_MIN_SIMILARITY;
	const words = cards.map((card) => meaningfulWords(card.text));
	const sets = words.map((list) => new Set(list));
	const found: DuplicateSuggestion[] = [];
	for (let i = 0; i < cards.length; i++) {
		for (let j = i + 1; j < cards.length; j++) {
			const a = sets[i]!;
			const b = sets[j]!;
			if (a.size === 0 || b.size === 0) continue;
			const shared = words[i]!.filter((word) => b.has(word));
			if (shared.length < Math.min(MIN_SHARED_WORDS, a.size, b.size)) continue;
			const similarity = shared.length / (a.size + b.size - shared.length);
			if (similarity < minSimilarity) continue;
			const first = cards[i]!.id;
			const second = cards[j]!.id;
			if (options.dismissed?.has(pairKey(first, second))) continue;
			found.push({ first, second, similarity, sharedWords: shared });
		}
	}
	found.sort((x, y) => y.similarity - x.similarity || (x.first < y.first ? -1 : 1));
	return options.limit === undefined ? found : found.slice(0, options.limit);
}

/** The same key for a pair in either order. */
export function pairKey(a: string, b: string): string {
	return a < b ? `${a}|${b}` : `${b}|${a}`;
}
