/**
 * The console's keyboard shortcuts. Presentation clickers send PageDown/PageUp; the letters work
 * too, and can be turned off on the page (WCAG 2.1.4). Never while typing in a field.
 */
export type ShortcutAction = 'next' | 'previous' | 'timer' | 'results' | 'pause';

const KEYS: Record<string, ShortcutAction> = {
	PageDown: 'next',
	PageUp: 'previous',
	n: 'next',
	v: 'previous',
	t: 'timer',
	r: 'results',
	p: 'pause'
};

function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
	if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
	if (isTyping(event.target)) return null;
	return KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key] ?? null;
}
