/**
 * The fixed words of every export: headings, column names, short explanations. Dutch at language
 * level B1 first, English second. One table, so the five formats say the same thing.
 */
import type { Locale } from '../../domain/i18n-text.ts';

const TEXTS = {
	nl: {
		subtitle: (stadsdeel: string) => `Voor het stadsdeelprogramma ${stadsdeel}`,
		stadsdeel: 'Stadsdeel',
		period: 'Periode',
		date: 'Datum',
		version: 'Versie',
		versionNote: 'Het versienummer telt alle wijzigingen in de agenda. Een hoger nummer is een nieuwere stand.',

		processHeading: 'Hoe is deze agenda gemaakt?',
		processIntro: (workshops: number, cards: number) =>
			`Inwoners, partners en de gemeente maakten deze agenda samen. Dat deden ze in ${workshops} ${workshops === 1 ? 'bijeenkomst' : 'bijeenkomsten'}. ` +
			`Samen schreven ze ${cards} ${cards === 1 ? 'kaartje' : 'kaartjes'}. We tellen alleen hoeveel mensen meededen. Er staan geen namen in dit document.`,
		workshopsHeading: 'Bijeenkomsten',
		workshopColumns: ['Bijeenkomst', 'Datum', 'Plaats', 'Deelnemers'],
		noWorkshops: 'Er waren nog geen bijeenkomsten.',
		unknownDate: 'datum onbekend',
		unknownPlace: 'plaats onbekend',
		participationHeading: 'Wie deden mee?',
		participationIntro: (total: number) =>
			`Zo vaak deed iemand mee: ${total}. Wie bij twee bijeenkomsten was, telt twee keer. Mensen kozen zelf of ze hun buurt en leeftijd noemden.`,
		byRole: 'Rol',
		byBuurt: 'Buurt',
		byAgeBand: 'Leeftijd',
		count: 'Aantal',
		notGiven: 'Niet ingevuld',
		ageBand: (band: string) => `${band.replace('-', ' tot en met ')} jaar`,

		areaHeading: 'Het gebied in cijfers',
		areaIntro: (stadsdeel: string, buurten: number) => `Stadsdeel ${stadsdeel} heeft ${buurten} buurten. Dit zijn de kerncijfers per buurt.`,
		figure: 'Kerncijfer',
		sourceYear: 'Bron en jaar',
		unknownValue: 'onbekend',
		mapHeading: 'Kaart',
		mapLegendIntro: 'Op de kaart zijn de buurten grijze vlakken. De plekken zijn punten met een eigen kleur en vorm. Een plek is een voorziening of een element van de sociale basis uit de bijeenkomsten.',
		noFacilities: 'Er staan nog geen plekken op de kaart.',
		sourcesHeading: 'Bronnen',

		synthesesHeading: 'Samenvatting per vraag',
		synthesesIntro: 'Per vraag staat hier wat de groep samen opschreef.',
		noSynthesis: 'Hier is nog geen samenvatting geschreven.',
		cardsForQuestion: (n: number) => `Bij deze vraag ${n === 1 ? 'is 1 kaartje' : `zijn ${n} kaartjes`} geschreven.`,

		themesHeading: 'Wat gaan we doen? Acties per thema',
		themesIntro: 'Per thema staan de acties in drie lijsten, zoals in het stadsdeelprogramma.',
		noActionsInList: 'Nog niets afgesproken.',
		noActions: 'Er zijn nog geen acties afgesproken.',
		themesWithoutActions: 'Voor deze thema’s zijn nog geen acties:',

		actionTableHeading: 'Overzicht van de acties',
		actionColumns: {
			ref: 'Nr.',
			theme: 'Thema',
			list: 'Lijst',
			title: 'Actie',
			owner: 'Wie doet het',
			quarter: 'Wanneer',
			amount: 'Bedrag',
			budgetLine: 'Begrotingspost',
			cards: 'Kaartjes',
			id: 'Actie-ID'
		},
		notPlanned: 'nog niet gepland',
		noOwner: 'nog niet bekend',
		noAmount: '-',

		cardsHeading: 'Bijlage: alle kaartjes',
		cardsIntro:
			'Hier staan alle kaartjes die mensen schreven, zonder namen. Elk kaartje heeft een nummer, bijvoorbeeld K001. ' +
			'Bij elke actie staat van welke kaartjes die komt. Kaartjes die de begeleider verborg, staan hier niet in. ' +
			'Zeiden kaartjes hetzelfde? Dan voegde de begeleider ze samen tot één kaartje. Daar staat bij hoeveel kaartjes erin zitten. ' +
			'De +1 van al die kaartjes telt mee, maar elke persoon telt één keer.',
		noCards: 'Bij deze vraag zijn geen kaartjes.',
		mergedNote: (count: number) => `(${count} ${count === 1 ? 'kaartje' : 'kaartjes'} samengevoegd)`,
		cardColumns: {
			ref: 'Nr.',
			question: 'Vraag',
			themes: 'Thema’s',
			text: 'Tekst',
			plusOnes: '+1',
			/** In a spreadsheet a cell "+1" would start with a formula trigger. */
			plusOnesCount: 'Aantal +1',
			actions: 'Acties',
			merged: 'Samengevoegde kaartjes',
			id: 'Kaart-ID'
		},

		attributionLabel: 'Gegevens',
		madeWith: 'Gemaakt met Wijktafel'
	},
	en: {
		subtitle: (stadsdeel: string) => `For the district programme ${stadsdeel}`,
		stadsdeel: 'District',
		period: 'Period',
		date: 'Date',
		version: 'Version',
		versionNote: 'The version number counts every change to the agenda. A higher number is a newer state.',

		processHeading: 'How was this agenda made?',
		processIntro: (workshops: number, cards: number) =>
			`Residents, partners and the municipality made this agenda together, in ${workshops} ${workshops === 1 ? 'workshop' : 'workshops'}. ` +
			`Together they wrote ${cards} ${cards === 1 ? 'card' : 'cards'}. We only count how many people took part. This document contains no names.`,
		workshopsHeading: 'Workshops',
		workshopColumns: ['Workshop', 'Date', 'Place', 'Participants'],
		noWorkshops: 'There were no workshops yet.',
		unknownDate: 'date not known',
		unknownPlace: 'place not known',
		participationHeading: 'Who took part?',
		participationIntro: (total: number) =>
			`Number of times someone took part: ${total}. Someone who came to two workshops counts twice. People chose themselves whether to give their neighbourhood and age.`,
		byRole: 'Role',
		byBuurt: 'Neighbourhood',
		byAgeBand: 'Age',
		count: 'Number',
		notGiven: 'Not given',
		ageBand: (band: string) => `${band.replace('-', ' to ')} years`,

		areaHeading: 'The area in figures',
		areaIntro: (stadsdeel: string, buurten: number) => `District ${stadsdeel} has ${buurten} neighbourhoods. These are the key figures per neighbourhood.`,
		figure: 'Key figure',
		sourceYear: 'Source and year',
		unknownValue: 'not available',
		mapHeading: 'Map',
		mapLegendIntro: 'On the map the neighbourhoods are grey areas. Places are dots with their own colour and shape. A place is a facility or an element of the social basis from the workshops.',
		noFacilities: 'There are no places on the map yet.',
		sourcesHeading: 'Sources',

		synthesesHeading: 'Summary per question',
		synthesesIntro: 'For each question, this is what the group wrote down together.',
		noSynthesis: 'No summary has been written here yet.',
		cardsForQuestion: (n: number) => `${n === 1 ? '1 card was' : `${n} cards were`} written for this question.`,

		themesHeading: 'What are we going to do? Actions per theme',
		themesIntro: 'For each theme the actions are in three lists, as in the district programme.',
		noActionsInList: 'Nothing agreed yet.',
		noActions: 'No actions have been agreed yet.',
		themesWithoutActions: 'These themes have no actions yet:',

		actionTableHeading: 'Overview of the actions',
		actionColumns: {
			ref: 'No.',
			theme: 'Theme',
			list: 'List',
			title: 'Action',
			owner: 'Who does it',
			quarter: 'When',
			amount: 'Amount',
			budgetLine: 'Budget line',
			cards: 'Cards',
			id: 'Action ID'
		},
		notPlanned: 'not planned yet',
		noOwner: 'not known yet',
		noAmount: '-',

		cardsHeading: 'Appendix: all cards',
		cardsIntro:
			'These are all the cards people wrote, without names. Every card has a number, for example K001. ' +
			'Each action lists the cards it came from. Cards the facilitator hid are not included. ' +
			'If cards said the same thing, the facilitator merged them into one card, which says how many cards were merged into it. ' +
			'The +1s of all those cards count, but each person counts once.',
		noCards: 'There are no cards for this question.',
		mergedNote: (count: number) => `(${count} ${count === 1 ? 'card' : 'cards'} merged)`,
		cardColumns: {
			ref: 'No.',
			question: 'Question',
			themes: 'Themes',
			text: 'Text',
			plusOnes: '+1',
			plusOnesCount: 'Number of +1s',
			actions: 'Actions',
			merged: 'Cards merged',
			id: 'Card ID'
		},

		attributionLabel: 'Data',
		madeWith: 'Made with Wijktafel'
	}
} as const;

export type ExportTexts = (typeof TEXTS)[Locale];

export function exportTexts(locale: Locale): ExportTexts {
	return TEXTS[locale];
}

/** A card's text as a document shows it: with a note when other cards were merged into it. */
export function cardTextWithNote(texts: ExportTexts, card: { text: string; mergedCount: number }): string {
	return card.mergedCount > 0 ? `${card.text} ${texts.mergedNote(card.mergedCount)}` : card.text;
}
