/**
 * Prepares a data directory for our server before it starts: one workshop per room, each on its
 * own agenda (so its own agenda doc), and participant sessions to connect with.
 *
 *   DATA_DIR=… node --import tsx tests/bench/seed-ours.ts '{"rooms":[{"label":"w1","participants":200}]}'
 *
 * Prints {"rooms":[{"label","docName","workshopId","tokens":[…],"authors":[{"id","name"}…]}]} on stdout.
 *
 * Workshops are made by createWorkshopForStadsdeel, the function behind `npm run cli --
 * workshop:create`; participants and sessions by the same repository calls POST /api/join makes
 * (insertParticipant + createParticipantSession). Doing it in one process instead of one CLI
 * start per workshop and one HTTP request per participant saves ~30 s per bench run (W3 alone needs
 * 20 workshops and 1,000 participants) and keeps the quick run under a minute.
 */
import { loadConfig } from '../../src/lib/server/config.ts';
import { createAppContext } from '../../src/lib/server/context.ts';
import { createWorkshopForStadsdeel } from '../../src/lib/server/workshops.ts';
import { insertParticipant } from '../../src/lib/server/repositories/participants.ts';
import { createParticipantSession } from '../../src/lib/server/auth/sessions.ts';
import { docName } from '../../src/lib/sync/doc-names.ts';

interface SeedSpec {
	rooms: Array<{ label: string; participants: number }>;
}

const MAX_PARTICIPANTS = 5_000;

const spec = JSON.parse(process.argv[2] ?? '{"rooms":[]}') as SeedSpec;
const total = spec.rooms.reduce((sum, room) => sum + room.participants, 0);
if (total > MAX_PARTICIPANTS) throw new Error(`refusing to seed ${total} participants (max ${MAX_PARTICIPANTS})`);

const context = createAppContext({ ...loadConfig(), logLevel: 'warn' });
try {
	const rooms = spec.rooms.map((room, index) => {
		const created = createWorkshopForStadsdeel(context, {
			stadsdeel: 'Zuid',
			title: `Bench ${room.label}`,
			// The agenda is found by stadsdeel + period: a distinct period gives each room its own agenda doc.
			period: `bench-${index + 1}-${room.label}`,
			createdBy: null
		});
		if (!created.ok) throw new Error(created.message);
		const participants = context.db.transaction(() =>
			Array.from({ length: room.participants }, (_, i) => {
				const participant = insertParticipant(context.db, {
					workshopId: created.workshop.id,
					displayName: `Deelnemer ${i + 1}`,
					role: 'resident'
				});
				return { token: createParticipantSession(context.db, participant.id).token, id: participant.id, name: `Deelnemer ${i + 1}` };
			})
		)();
		return {
			label: room.label,
			docName: docName('agenda', created.links.agendaId),
			workshopId: created.workshop.id,
			tokens: participants.map((p) => p.token),
			// Who each token is: the write policy only accepts cards written as oneself.
			authors: participants.map((p) => ({ id: p.id, name: p.name }))
		};
	});
	process.stdout.write(JSON.stringify({ rooms }) + '\n');
} finally {
	context.db.close();
}
