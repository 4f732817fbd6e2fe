export type Locale = 'nl' | 'en';

export type LocalizedText = { nl: string; en: string };

export function pick(text: LocalizedText, locale: Locale): string {
	return text[locale];
}
