/**
 * What every per-question step component receives, on the participant page, the facilitator
 * console and the projector. One contract, so StepExtras can hand each question to its component.
 */
import type { DocConnection } from '$lib/sync/connection.svelte';
import type { LiveSession } from '../session/live-session.svelte';
import type { LiveWorkshopInfo } from '$lib/sync/page-data';
import type { QuestionNumber } from '$lib/domain/questions';

export type StepView = 'participant' | 'facilitator' | 'projector';

export interface StepProps {
	view: StepView;
	questionNumber: QuestionNumber;
	workshop: LiveWorkshopInfo;
	/** The page's one live session: steps read docs from it and open no connection of their own. */
	session: LiveSession;
	/** The session's agenda and workshop connections (kept as props for the components that take a connection). */
	agendaConnection: DocConnection;
	workshopConnection: DocConnection;
	/** The participant or staff member using the page; null on the projector. */
	me: { id: string; name: string } | null;
	/** False when the workshop is closed, the question locked or the connection refused. */
	canWrite: boolean;
	/** Projector token (the projector has no cookie), to open the tally doc. */
	token?: string | null;
}
