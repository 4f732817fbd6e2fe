/**
 * Each question's step component, loaded on demand (see StepExtras.svelte for why). A loaded step is
 * kept, so going back to a question does not wait again; a failed load (offline before the chunk
 * arrived) is forgotten, so "Opnieuw proberen" really tries again.
 */
import type { Component } from 'svelte';
import type { QuestionNumber } from '$lib/domain/questions';
import type { StepProps } from './step-props';

type StepComponent = Component<StepProps>;
type StepModule = { default: StepComponent };

/**
 * Only in the browser. The server renders a step's place as "loading" and never the step itself:
 * otherwise the build counts every step's stylesheet as one the server page may need, and puts all
 * twelve into the participant page's head, render-blocking, on every load. (`import.meta.env.SSR`
 * is fixed at build time, so the server build holds no step imports at all.) A step then brings its
 * own stylesheet when it loads.
 */
const importers: Record<QuestionNumber, () => Promise<StepModule>> | null = import.meta.env.SSR
	? null
	: {
			1: () => import('./CharacterStep.svelte'),
			2: () => import('./NeedsStep.svelte'),
			3: () => import('./ElementsStep.svelte'),
			4: () => import('./ConditionStep.svelte'),
			5: () => import('./KindStep.svelte'),
			6: () => import('./KindStep.svelte'),
			7: () => import('./BudgetStep.svelte'),
			8: () => import('./PriorityStep.svelte')
		};
/** On the server: a load that never ends, so the page renders the "loading" state. */
const neverOnTheServer = new Promise<never>(() => undefined);

const loaded = new Map<QuestionNumber, Promise<StepComponent>>();
const ready = new Map<QuestionNumber, StepComponent>();

/** The step's component if it has already arrived, so a question change shows it without a flicker. */
export function readyStep(questionNumber: QuestionNumber): StepComponent | undefined {
	return ready.get(questionNumber);
}

export function loadStep(questionNumber: QuestionNumber): Promise<StepComponent> {
	if (!importers) return neverOnTheServer;
	let pending = loaded.get(questionNumber);
	if (!pending) {
		pending = importers[questionNumber]().then((module) => {
			ready.set(questionNumber, module.default);
			return module.default;
		});
		pending.catch(() => loaded.delete(questionNumber));
		loaded.set(questionNumber, pending);
	}
	return pending;
}

let prefetched = false;

/** Fetch every step once the browser is idle, so later questions work offline too. */
export function prefetchSteps(): void {
	if (prefetched || !importers) return;
	prefetched = true;
	const fetchAll = () => {
		for (const questionNumber of Object.keys(importers ?? {})) loadStep(Number(questionNumber) as QuestionNumber).catch(() => undefined);
	};
	if ('requestIdleCallback' in window) window.requestIdleCallback(fetchAll, { timeout: 10_000 });
	else setTimeout(fetchAll, 3_000);
}
