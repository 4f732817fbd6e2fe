/** Display texts for the action list's values and problems, in the current language. */
import { m } from '$lib/paraglide/messages.js';
import {
	ACTION_BUDGET_LINE_MAX,
	ACTION_OWNER_MAX,
	ACTION_TITLE_MAX,
	type ActionProblem
} from '$lib/sync/actions-schema';
import { SOCIAL_BASIS_BUDGET_LINES_2024_2026, TAAKVELD_NAMES, VOLUNTEER_SUBSIDY_ACTIVITIES } from '$lib/domain/budget/budget-lines';

export type ActionField = 'title' | 'themeId' | 'list' | 'owner' | 'quarter' | 'amount' | 'budgetLine' | 'card';

export function actionProblemText(problem: ActionProblem): { field: ActionField; text: string } {
	switch (problem) {
		case 'empty-title':
			return { field: 'title', text: m.wg_action_error_title_empty() };
		case 'title-too-long':
			return { field: 'title', text: m.wg_action_error_title_long({ max: ACTION_TITLE_MAX }) };
		case 'unknown-theme':
			return { field: 'themeId', text: m.wg_action_error_theme() };
		case 'unknown-list':
			return { field: 'list', text: m.wg_action_error_list() };
		case 'owner-too-long':
			return { field: 'owner', text: m.wg_action_error_owner_long({ max: ACTION_OWNER_MAX }) };
		case 'bad-quarter':
			return { field: 'quarter', text: m.wg_action_error_quarter() };
		case 'bad-amount':
			return { field: 'amount', text: m.wg_action_error_amount() };
		case 'budget-line-too-long':
			return { field: 'budgetLine', text: m.wg_action_error_budget_line_long({ max: ACTION_BUDGET_LINE_MAX }) };
		case 'unknown-card':
			return { field: 'card', text: m.wg_action_error_card() };
		case 'not-found':
			return { field: 'title', text: m.wg_action_error_gone() };
	}
}

/** Suggestions for the budget-line field: the lines and taakvelden of the social basis, and the volunteer subsidy types. */
export function budgetLineSuggestions(): string[] {
	const lines = SOCIAL_BASIS_BUDGET_LINES_2024_2026.map((row) => `${'expansion' in row ? row.expansion : row.label} (taakveld ${row.taakveld})`);
	const taakvelden = Object.entries(TAAKVELD_NAMES).map(([code, name]) => `Taakveld ${code} ${name}`);
	const subsidies = VOLUNTEER_SUBSIDY_ACTIVITIES.map((activity) => `Subsidieregeling vrijwillige inzet: ${activity.activity}`);
	return [...new Set([...lines, ...taakvelden, ...subsidies])].map((text) => (text.length > ACTION_BUDGET_LINE_MAX ? `${text.slice(0, ACTION_BUDGET_LINE_MAX - 1)}…` : text));
}
