/**
 * One plain sentence (B1) per buurt saying which indicators its need index used, at which level and
 * of which year, and which were missing. Pure, so the phone, the projector, the afweging page and the
 * export say exactly the same.
 */
import type { LocalizedText } from '../i18n-text.ts';
import { INDICATOR_IDS, type IndicatorId } from './indicators.ts';
import { plainWijkName } from './measures.ts';

/** Short names, as people say them in the room. */
export const INDICATOR_SHORT_NAMES: Readonly<Record<IndicatorId, LocalizedText>> = {
	demografie: { nl: 'bevolking', en: 'population' },
	zelfregie: { nl: 'zelfregie', en: 'self-reliance' },
	ses: { nl: 'SES', en: 'SES' },
	diversiteit: { nl: 'diversiteit', en: 'diversity' },
	tevredenheid: { nl: 'tevredenheid', en: 'satisfaction' },
	zorggebruik: { nl: 'zorggebruik', en: 'use of care' },
	eenzaamheid: { nl: 'eenzaamheid', en: 'loneliness' },
	gezondheid: { nl: 'ervaren gezondheid', en: 'self-rated health' }
};

export interface SentenceFigure {
	readonly indicator: IndicatorId;
	readonly year: number;
	readonly level: 'buurt' | 'wijk';
	readonly levelName: string;
}

function list(items: readonly string[], and: string): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function where(level: 'buurt' | 'wijk', levelName: string, years: readonly number[], lang: 'nl' | 'en'): string {
	const yearText = years.join(lang === 'nl' ? ' en ' : ' and ');
	if (level === 'wijk') {
		const wijk = plainWijkName(levelName) ?? levelName;
		return lang === 'nl' ? `cijfer van wijk ${wijk}, ${yearText}` : `figure for the wijk ${wijk}, ${yearText}`;
	}
	return lang === 'nl' ? `cijfer van de buurt, ${yearText}` : `figure for the buurt, ${yearText}`;
}

/**
 * "Voor Heugem telden mee: bevolking en diversiteit (cijfer van de buurt, 2017 en 2025) en eenzaamheid,
 * ervaren gezondheid en zelfregie (cijfer van wijk Buitenwijk Zuidoost, 2016); er is geen cijfer voor SES."
 */
export function needIndexSentence(buurtName: string, figures: readonly SentenceFigure[], missing: readonly IndicatorId[]): LocalizedText {
	// Group indicators that share level, wijk and years, in the order of the afwegingskader.
	const groups: { level: 'buurt' | 'wijk'; levelName: string; years: number[]; indicators: IndicatorId[] }[] = [];
	for (const indicator of INDICATOR_IDS) {
		const own = figures.filter((figure) => figure.indicator === indicator);
		if (own.length === 0) continue;
		// A buurt's own figure is named before a wijk's when an indicator mixes them.
		const level = own.some((figure) => figure.level === 'buurt') ? 'buurt' : 'wijk';
		const atLevel = own.filter((figure) => figure.level === level);
		const levelName = atLevel[0].levelName;
		const years = [...new Set(own.map((figure) => figure.year))].sort((a, b) => a - b);
		const group = groups.find((g) => g.level === level && (level === 'buurt' || g.levelName === levelName) && g.years.join() === years.join());
		if (group) group.indicators.push(indicator);
		else groups.push({ level, levelName, years, indicators: [indicator] });
	}
	// The buurt's own figures first, then what it took from its wijk (stable within each).
	groups.sort((a, b) => (a.level === b.level ? 0 : a.level === 'buurt' ? -1 : 1));
	const text = (lang: 'nl' | 'en') => {
		const and = lang === 'nl' ? 'en' : 'and';
		const name = (id: IndicatorId) => INDICATOR_SHORT_NAMES[id][lang];
		const used = groups.map((group) => `${list(group.indicators.map(name), and)} (${where(group.level, group.levelName, group.years, lang)})`);
		const missingText =
			missing.length === 0
				? ''
				: lang === 'nl'
					? `; er is geen cijfer voor ${list(missing.map(name), 'en')}`
					: `; there is no figure for ${list(missing.map(name), 'or')}`;
		if (used.length === 0) {
			return lang === 'nl' ? `Voor ${buurtName} telde geen enkel cijfer mee${missingText}.` : `For ${buurtName} no figure counted${missingText}.`;
		}
		return lang === 'nl' ? `Voor ${buurtName} telden mee: ${list(used, 'en')}${missingText}.` : `For ${buurtName} these counted: ${list(used, 'and')}${missingText}.`;
	};
	return { nl: text('nl'), en: text('en') };
}
