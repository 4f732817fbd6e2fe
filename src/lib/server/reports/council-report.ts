/**
 * The 6-month council report (voortgangsrapportage) of one agenda: what was agreed (the adopted,
 * published version), what happened per action since, money, what residents said since, and what is
 * next. One plain model feeds the DOCX and the PDF, like the stadsdeelprogramma export; it reads the
 * export model read-only and adds the follow-up from SQLite.
 *
 * Privacy as in the export: no participant names, buurt or age; counts under 3 are written as
 * "minder dan 3"; quotes are card texts (pseudonymous) without who wrote them, and the stories are
 * the cards staff marked as shareable quotes (the same as the dashboard's).
 */
import type { AppContext } from '../context.ts';
import { buildAgendaExport, formatEuros } from '../export/agenda-export-model.ts';
import { followUpOverview } from '../follow-up.ts';
import { listPublications, upcomingWorkshops } from '../repositories/publications.ts';
import { listWorkshops } from '../repositories/workshops.ts';
import { listVersions } from '../versions.ts';
import { docName } from '../../sync/doc-names.ts';
import { listCards } from '../../sync/agenda-schema.ts';
import { FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_TEXT, isOpenStatus, maastrichtDay, spentShare, type FollowUpStatus } from '../../domain/follow-up.ts';
import { MIN_SHOWN_COUNT } from '../../domain/sociale-kaart.ts';
import { selectQuotes } from '../../domain/quotes.ts';
import { listQuoteMarks } from '../repositories/shareable-quotes.ts';

export interface CouncilReportAction {
	ref: string;
	title: string;
	theme: string;
	status: FollowUpStatus;
	statusLabel: string;
	stopReason: string | null;
	owner: string;
	quarter: string | null;
	amountText: string;
	spentText: string;
	spentShare: number | null;
	budgetLine: string | null;
	notes: { date: string; text: string }[];
	evidence: { label: string; url: string }[];
}

export interface CouncilReport {
	title: string;
	subtitle: string;
	stadsdeel: string;
	period: string;
	dateText: string;
	/** The adopted version: the newest publication of this agenda; null when nothing was published. */
	adopted: { versionName: string; publishedAtText: string; publicUrl: string } | null;
	/** Since when "since" counts: the adoption, or the start of the agenda. */
	sinceText: string;
	statusCounts: { status: FollowUpStatus; label: string; count: number }[];
	actions: CouncilReportAction[];
	money: { lines: { budgetLine: string; agreedText: string; spentText: string }[]; totalAgreedText: string; totalSpentText: string };
	residents: {
		workshops: { title: string; dateText: string; place: string | null; participantsText: string }[];
		cardCount: number;
		quotes: { ref: string; text: string; plusOnesText: string }[];
		/** Cards staff marked as shareable quotes ("deelbaar citaat"): the words only, the newest marks first. */
		stories: { ref: string; text: string }[];
	};
	next: { openActions: { ref: string; title: string; statusLabel: string; quarter: string | null }[]; workshops: { title: string; dateText: string; place: string | null }[] };
}

const TIME_ZONE = 'Europe/Amsterdam';

function dutchDate(ms: number): string {
	return new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

/** The export already leaves out counts of 1 or 2 (null); they are written as words, never as a number. */
function countText(count: number | null): string {
	return count === null || count < MIN_SHOWN_COUNT ? `minder dan ${MIN_SHOWN_COUNT}` : String(count);
}

/** null when the agenda does not exist. */
export function buildCouncilReport(context: AppContext, agendaId: string, options: { now?: Date; origin: string }): CouncilReport | null {
	const now = options.now ?? new Date();
	const model = buildAgendaExport(context, agendaId, 'nl', { now });
	const overview = model ? followUpOverview(context, agendaId, 'nl', model) : null;
	if (!model || !overview) return null;
	const publication = listPublications(context.db, agendaId)[0] ?? null;
	const versionName = publication ? (listVersions(context.db, agendaId).find((v) => v.id === publication.versionId)?.name ?? publication.versionId) : null;
	const since = publication?.publishedAt ?? Math.min(...[now.getTime(), ...listVersions(context.db, agendaId).map((v) => v.createdAt)]);
	const sinceDay = maastrichtDay(since);

	const actions: CouncilReportAction[] = overview.actions.map(({ action, state, owner }) => ({
		ref: action.ref,
		title: action.title,
		theme: action.theme,
		status: state.status,
		statusLabel: FOLLOW_UP_STATUS_TEXT[state.status].label.nl,
		stopReason: state.stopReason,
		owner: owner || 'nog niemand',
		quarter: action.quarter,
		amountText: action.amountText || 'geen bedrag',
		spentText: formatEuros(state.spentEuros, 'nl'),
		spentShare: spentShare(state.spentEuros, action.amountEuros),
		budgetLine: action.budgetLine,
		notes: state.notes.filter((note) => note.date >= sinceDay).map(({ date, text }) => ({ date, text })),
		evidence: state.evidence
	}));

	const lines = new Map<string, { agreed: number; spent: number }>();
	for (const { action, state } of overview.actions) {
		const key = action.budgetLine ?? 'Zonder begrotingspost';
		const line = lines.get(key) ?? { agreed: 0, spent: 0 };
		line.agreed += action.amountEuros ?? 0;
		line.spent += state.spentEuros;
		lines.set(key, line);
	}

	// Cards made since the adoption, as the export shows them (no hidden or merged-away cards, no names).
	const createdAt = context.liveDocs.read(docName('agenda', agendaId), (doc) => new Map(listCards(doc).map((card) => [card.id, card.createdAt])));
	const newCards = model.cards.filter((card) => (createdAt.get(card.id) ?? 0) >= since);
	const quotes = [...newCards]
		.sort((a, b) => (b.plusOnes ?? 0) - (a.plusOnes ?? 0) || (a.ref < b.ref ? -1 : 1))
		.slice(0, 5)
		.map((card) => ({ ref: card.ref, text: card.text, plusOnesText: countText(card.plusOnes) }));
	const marks = listQuoteMarks(context.db, agendaId);
	const cardsById = new Map(model.cards.map((card) => [card.id, card]));
	const stories = selectQuotes(
		marks.flatMap((mark) => {
			const card = cardsById.get(mark.cardId);
			return card ? [{ id: card.id, ref: card.ref, text: card.text, themes: card.themes, area: model.agenda.stadsdeel.name, markedAt: mark.markedAt }] : [];
		})
	).map(({ ref, text }) => ({ ref, text }));
	// Held since: by its date, or, for one that was never given a date, by the day it was closed (as the dashboard counts it).
	const closedAt = new Map(listWorkshops(context.db, agendaId).map((w) => [w.id, w.closedAt]));
	const heldOn = (w: (typeof model.process.workshops)[number]): { day: string; text: string } | null => {
		if (w.date !== null) return { day: w.date.slice(0, 10), text: w.dateText ?? '' };
		const closed = w.status === 'closed' ? (closedAt.get(w.id) ?? null) : null;
		return closed === null ? null : { day: maastrichtDay(closed), text: `gesloten op ${dutchDate(closed)}` };
	};
	const today = maastrichtDay(now.getTime());
	const workshopsSince = model.process.workshops.flatMap((w) => {
		const held = heldOn(w);
		return held !== null && held.day >= sinceDay && held.day <= today ? [{ ...w, dateText: held.text }] : [];
	});

	return {
		title: `Voortgang sociale agenda ${model.agenda.stadsdeel.name} ${model.agenda.period}`,
		subtitle: `Rapportage voor de gemeenteraad na zes maanden – stadsdeel ${model.agenda.stadsdeel.name}`,
		stadsdeel: model.agenda.stadsdeel.name,
		period: model.agenda.period,
		dateText: dutchDate(now.getTime()),
		adopted:
			publication && versionName
				? { versionName, publishedAtText: dutchDate(publication.publishedAt), publicUrl: `${options.origin}/stadsdeel/${model.agenda.stadsdeel.code}` }
				: null,
		sinceText: dutchDate(since),
		statusCounts: FOLLOW_UP_STATUSES.map((status) => ({
			status,
			label: FOLLOW_UP_STATUS_TEXT[status].label.nl,
			count: actions.filter((a) => a.status === status).length
		})),
		actions,
		money: {
			lines: [...lines].map(([budgetLine, line]) => ({ budgetLine, agreedText: formatEuros(line.agreed, 'nl'), spentText: formatEuros(line.spent, 'nl') })),
			totalAgreedText: formatEuros(overview.totals.amountEuros, 'nl'),
			totalSpentText: formatEuros(overview.totals.spentEuros, 'nl')
		},
		residents: {
			workshops: workshopsSince.map((w) => ({ title: w.title, dateText: w.dateText ?? '', place: w.place, participantsText: countText(w.participantCount) })),
			cardCount: newCards.length,
			quotes,
			stories
		},
		next: {
			openActions: actions.filter((a) => isOpenStatus(a.status)).map((a) => ({ ref: a.ref, title: a.title, statusLabel: a.statusLabel, quarter: a.quarter })),
			workshops: upcomingWorkshops(context.db, model.agenda.stadsdeel.code, maastrichtDay(now.getTime())).map((w) => ({
				title: w.title,
				dateText: w.startsAt ?? '',
				place: w.place
			}))
		}
	};
}

/** The report as sections of plain text blocks, shared by the DOCX and the PDF writer. */
export type ReportBlock =
	| { kind: 'heading'; level: 1 | 2; text: string }
	| { kind: 'paragraph'; text: string; emphasis?: boolean }
	| { kind: 'list'; items: string[] }
	| { kind: 'table'; header: string[]; rows: string[][]; widths: number[]; rightAligned?: number[] };

export function councilReportBlocks(report: CouncilReport): ReportBlock[] {
	const blocks: ReportBlock[] = [];
	const h1 = (text: string) => blocks.push({ kind: 'heading', level: 1, text });
	const h2 = (text: string) => blocks.push({ kind: 'heading', level: 2, text });
	const p = (text: string, emphasis = false) => blocks.push({ kind: 'paragraph', text, emphasis });

	h1('1. Wat is afgesproken');
	if (report.adopted) {
		p(`De sociale agenda ${report.stadsdeel} ${report.period} is vastgesteld in de versie “${report.adopted.versionName}”. Die versie is op ${report.adopted.publishedAtText} gepubliceerd voor inwoners: ${report.adopted.publicUrl}`);
	} else {
		p('De agenda is nog niet gepubliceerd. Deze rapportage gaat over de acties zoals ze nu in de agenda staan.', true);
	}
	p(`Er zijn ${report.actions.length} acties afgesproken. Deze rapportage gaat over de periode vanaf ${report.sinceText} tot ${report.dateText}.`);
	blocks.push({ kind: 'table', header: ['Status', 'Aantal acties'], rows: report.statusCounts.map((s) => [s.label, String(s.count)]), widths: [70, 30], rightAligned: [1] });

	h1('2. Wat is er per actie gebeurd');
	if (report.actions.length === 0) p('Er zijn geen acties.', true);
	for (const action of report.actions) {
		h2(`${action.ref} ${action.title}`);
		const facts = [`Thema: ${action.theme}`, `Status: ${action.statusLabel}`, `Trekker: ${action.owner}`];
		if (action.quarter) facts.push(`Gepland: ${action.quarter}`);
		facts.push(`Geld: ${action.amountText} afgesproken, ${action.spentText} uitgegeven${action.spentShare !== null ? ` (${action.spentShare}%)` : ''}`);
		blocks.push({ kind: 'list', items: facts });
		if (action.stopReason) p(`Waarom gestopt: ${action.stopReason}`);
		if (action.notes.length === 0) p('Geen voortgang genoteerd in deze periode.', true);
		else blocks.push({ kind: 'list', items: action.notes.map((note) => `${note.date}: ${note.text}`) });
		if (action.evidence.length > 0) blocks.push({ kind: 'list', items: action.evidence.map((e) => `Bewijs: ${e.label} (${e.url})`) });
	}

	h1('3. Geld');
	p(`Afgesproken: ${report.money.totalAgreedText}. Uitgegeven: ${report.money.totalSpentText}.`);
	blocks.push({
		kind: 'table',
		header: ['Begrotingspost of subsidie', 'Afgesproken', 'Uitgegeven'],
		rows: [...report.money.lines.map((l) => [l.budgetLine, l.agreedText, l.spentText]), ['Totaal', report.money.totalAgreedText, report.money.totalSpentText]],
		widths: [56, 22, 22],
		rightAligned: [1, 2]
	});

	h1('4. Wat zeiden inwoners sindsdien');
	if (report.residents.workshops.length === 0) p('Er waren in deze periode geen bijeenkomsten.', true);
	else
		blocks.push({
			kind: 'table',
			header: ['Bijeenkomst', 'Datum', 'Plaats', 'Deelnemers'],
			rows: report.residents.workshops.map((w) => [w.title, w.dateText, w.place ?? '', w.participantsText]),
			widths: [36, 24, 24, 16],
			rightAligned: [3]
		});
	p(`Inwoners en partners schreven in deze periode ${report.residents.cardCount} kaartjes.`);
	if (report.residents.quotes.length > 0) {
		p('Wat het meest werd gesteund (zonder namen):');
		blocks.push({ kind: 'list', items: report.residents.quotes.map((q) => `“${q.text}” (${q.ref}, +1 van ${q.plusOnesText} mensen)`) });
	}
	if (report.residents.stories.length > 0) {
		p('Verhalen die een begeleider deelbaar maakte (uit de hele periode, zonder namen):');
		blocks.push({ kind: 'list', items: report.residents.stories.map((q) => `“${q.text}” (${q.ref})`) });
	}

	h1('5. Wat komt er');
	if (report.next.openActions.length === 0) p('Alle acties zijn klaar of gestopt.', true);
	else blocks.push({ kind: 'list', items: report.next.openActions.map((a) => `${a.ref} ${a.title} – ${a.statusLabel}${a.quarter ? `, gepland ${a.quarter}` : ''}`) });
	if (report.next.workshops.length > 0) {
		p('Volgende bijeenkomsten:');
		blocks.push({ kind: 'list', items: report.next.workshops.map((w) => [w.title, w.dateText, w.place].filter(Boolean).join(', ')) });
	}
	return blocks;
}
