/**
 * Assisted entry: a staff member writes a card for someone without a phone. The person becomes a
 * participant row (role and buurt as told, marked `assisted_by`) so reach counts them, and the card
 * is written into the agenda doc by the server, as that participant, under the name "via begeleider".
 */
import type { AppContext } from './context.ts';
import { listBuurten } from './repositories/areas.ts';
import { findAssistedParticipant, insertAssistedParticipant } from './repositories/participants.ts';
import { getWorkshop } from './repositories/workshops.ts';
import type { AssistedCardRequest } from '../domain/assisted-entry.ts';
import { docName } from '../sync/doc-names.ts';
import { addCard, checkCardText, checkThemes, type CardProblem } from '../sync/agenda-schema.ts';
import { readWorkshopState } from '../sync/workshop-schema.ts';
import { isQuestionNumber, type QuestionNumber } from '../domain/questions.ts';

export const ASSISTED_AUTHOR_NAME = 'via begeleider';

export type AssistedOutcome =
	| { ok: true; cardId: string; personId: string; questionNumber: QuestionNumber }
	| { ok: false; status: 404 | 409 | 400; error: string; field?: string; reason?: CardProblem };

export function addAssistedCard(context: AppContext, workshopId: string, staffUserId: string, request: AssistedCardRequest): AssistedOutcome {
	const workshop = getWorkshop(context.db, workshopId);
	if (!workshop) return { ok: false, status: 404, error: 'unknown workshop' };
	if (workshop.status !== 'open') return { ok: false, status: 409, error: 'the workshop is closed' };
	const buurtCode = request.buurtCode;
	if (buurtCode !== null && !listBuurten(context.db).some((buurt) => buurt.code === buurtCode)) return { ok: false, status: 400, error: 'unknown buurt', field: 'buurt' };
	let personId = request.personId;
	if (personId !== null && !findAssistedParticipant(context.db, workshopId, personId)) {
		return { ok: false, status: 400, error: 'unknown person', field: 'personId' };
	}

	// The card goes to the question everyone is on now, unless that question is locked.
	const state = context.liveDocs.read(docName('workshop', workshopId), (doc) => readWorkshopState(doc, workshop.questions.filter(isQuestionNumber)));
	if (state.lockedQuestions.includes(state.currentQuestion)) return { ok: false, status: 409, error: 'the question is locked' };

	// Check the card before anyone is created for it.
	const text = checkCardText(request.text);
	if (!text.ok) return { ok: false, status: 400, error: 'card refused', field: 'text', reason: text.reason };
	const themes = checkThemes(request.themes);
	if (!themes.ok) return { ok: false, status: 400, error: 'card refused', field: 'themes', reason: themes.reason };
	personId ??= insertAssistedParticipant(context.db, {
		workshopId,
		displayName: ASSISTED_AUTHOR_NAME,
		role: request.role,
		buurtCode: request.buurtCode,
		assistedBy: staffUserId
	}).id;
	let result: ReturnType<typeof addCard> = { ok: false, reason: 'not-found' };
	const author = { id: personId, name: ASSISTED_AUTHOR_NAME, kind: 'participant' as const };
	context.liveDocs.change(docName('agenda', workshop.agendaId), (doc) => {
		result = addCard(doc, { questionNumber: state.currentQuestion, text: request.text, themes: request.themes, workshopId, author });
	});
	const written = result as ReturnType<typeof addCard>;
	if (!written.ok) return { ok: false, status: 400, error: 'card refused', field: 'text', reason: written.reason };
	return { ok: true, cardId: written.id, personId, questionNumber: state.currentQuestion };
}
