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
		versionNote: 'Een benoemde versie is een vaste stand van de agenda. De nummers K001 en A01 blijven altijd hetzelfde.',

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
		cityName: 'Maastricht',
		areaComparisonNote: (stadsdeel: string) =>
			`In de kolommen ${stadsdeel} en Maastricht staat het gemiddelde van de buurten, naar inwoners of woningen. Bij een aantal staat in de kolom ${stadsdeel} het totaal.`,
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
		themesIntro: 'Per thema staan de acties in twee lijsten, zoals in het stadsdeelprogramma. Daarna staat wat dit betekent voor de inwoners.',
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
			workshop: 'Bijeenkomst',
			kind: 'Soort',
			id: 'Kaart-ID'
		},

		attributionLabel: 'Gegevens',
		madeWith: 'Gemaakt met Wijktafel',
		fewerThanThree: 'minder dan 3',
		hiddenCount: 'niet getoond',
		smallCountsNote: 'Groepjes van 1 of 2 mensen tonen we niet. Zo is niemand te herkennen. Soms laten we daarom ook een ander klein getal weg.',
		noTheme: 'Zonder thema',
		unnamedFacility: 'Voorziening zonder naam',
		cardKind: (kind: string | null) =>
			({ nodig: 'Nodig', wenselijk: 'Wenselijk', overlap: 'Overlap', combineren: 'Combineren', anders: 'Anders organiseren' } as Record<string, string>)[kind ?? ''] ?? 'Nog niet gekozen',
		noIndex: 'geen index',
		scopeBuurten: 'over de buurten van het stadsdeel',
		scopeStadsdelen: 'over de stadsdelen',
		typedBudget: 'zelf ingevuld bedrag',
		weighingMethod: [
			'Elke buurt krijgt een behoefte-index tussen 0 en 1: hoe hoger, hoe meer behoefte volgens de cijfers en de gekozen gewichten.',
			'Het budget verdelen we naar het aantal inwoners maal die index, na een eventueel vast bodembedrag per buurt, in hele euro’s die precies optellen tot het totaal.'
		] as [string, string],

		resultsHeading: 'Uitkomsten per vraag',
		resultsIntro: 'Hier staat per vraag wat de bijeenkomsten opleverden, naast de samenvatting.',
		keywordsHeading: 'Vraag 1: kenmerken en trefwoorden',
		keywordColumns: ['Trefwoord', 'Genoemd door'],
		noKeywords: 'Er zijn geen trefwoorden genoemd.',
		needsHeading: 'Vraag 2: behoeften per thema',
		needColumns: ['Thema', 'Kaartjes', 'Aantal +1', 'Kaartjesnummers'],
		noNeeds: 'Bij vraag 2 zijn nog geen kaartjes.',
		elementsHeading: 'Vraag 3: elementen van de sociale basis per laag',
		elementColumns: ['Element', 'Soort', 'Voor wie', 'Hoort bij voorziening', 'Buurt'],
		noElements: 'In deze laag zijn geen elementen aangenomen.',
		ratingsHeading: 'Vraag 4: hoe staan ze ervoor?',
		ratingColumns: ['Element of voorziening', 'Beoordeeld door', 'Goed', 'Onder druk', 'Ontbreekt', 'Oordeel'],
		reasonsHeading: 'Redenen die mensen gaven',
		noRatings: 'Er zijn nog geen beoordelingen.',
		noVerdict: 'geen duidelijk oordeel',
		developmentsHeading: 'Vraag 5: ontwikkelingen, nodig of wenselijk',
		efficiencyHeading: 'Vraag 6: ideeën om het slimmer te doen',
		kindColumns: ['Nr.', 'Kaartje', 'Soort'],
		kindCountColumns: ['Soort', 'Kaartjes'],
		noKindCards: 'Bij deze vraag zijn geen kaartjes.',
		weighingHeading: 'Vraag 7: de afweging',
		noWeighing: 'Er is nog geen afweging vastgelegd.',
		weighingSetAt: (when: string, scope: string) => `Vastgelegd op ${when}, verdeeld ${scope}.`,
		weightColumns: ['Cijfer', 'Gewicht'],
		weighingColumns: ['Buurt', 'Inwoners', 'Behoefte-index', 'Dekking', 'Bedrag'],
		budgetLine: (total: string, floor: string, source: string) => `Budget: ${total}, bodembedrag per buurt ${floor} (bron: ${source}).`,
		total: 'Totaal',
		formulaHeading: 'Bijlage: de rekenregels van de afweging',
		voteHeading: 'Vraag 8: de stemming met stippen',
		voteIntro: (votes: number, voters: string) => `${votes} ${votes === 1 ? 'stemronde' : 'stemrondes'}; aantal mensen dat stemde: ${voters}.`,
		voteColumns: ['Plaats', 'Nr.', 'Kaartje', 'Stippen'],
		noVote: 'Er is nog niet gestemd.',
		statementsHeading: 'Wat betekent dit voor de inwoners',
		noStatements: 'Hier is nog niets over geschreven.',
		themeTotal: (amount: string) => `Totaal bedrag van dit thema: ${amount}.`,
		overallTotal: 'Totaal van alle acties',
		versionLive: 'Werkversie (geen benoemde versie)',
		versionName: 'Versie',
		versionDate: 'Versie van',
		fedBy: 'Gemaakt met de bijeenkomsten',
		contentsHeading: 'Inhoud',
		pageLabel: 'Pagina',
		mapNumbersIntro: 'De nummers op de kaart staan in deze tabel.',
		mapPointColumns: ['Nr.', 'Plek', 'Soort', 'Buurt'],
		/** Where an element lies that is in none of the stadsdeel's buurten (its buurt cell; never left empty). */
		outsideBuurten: (stadsdeel: string) => `buiten de buurten van ${stadsdeel}`,
		pointsOutside: (count: number, stadsdeel: string) =>
			count === 1
				? `1 plek ligt buiten de buurten van ${stadsdeel}. Die staat daarom niet op de kaart:`
				: `${count} plekken liggen buiten de buurten van ${stadsdeel}. Die staan daarom niet op de kaart:`,
		layer: 'Laag',
		needIndexNumber: 'Behoefte-index (0–1)',
		coveragePercent: 'Dekking (%)',
		amountEuros: 'Bedrag (€)',
		sheetNames: {
			actions: 'Acties',
			cards: 'Kaartjes',
			keywords: 'V1 Trefwoorden',
			needs: 'V2 Behoeften',
			elements: 'V3 Elementen',
			ratings: 'V4 Beoordelingen',
			developments: 'V5 Ontwikkelingen',
			efficiency: 'V6 Efficiëntie',
			weighing: 'V7 Afweging',
			vote: 'V8 Stemming',
			about: 'Over dit bestand'
		},
		titleLabel: 'Titel'
	},
	en: {
		subtitle: (stadsdeel: string) => `For the district programme ${stadsdeel}`,
		stadsdeel: 'District',
		period: 'Period',
		date: 'Date',
		version: 'Version',
		versionNote: 'A named version is a fixed state of the agenda. The numbers K001 and A01 never change.',

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
		cityName: 'Maastricht',
		areaComparisonNote: (stadsdeel: string) =>
			`The columns ${stadsdeel} and Maastricht hold the average of the neighbourhoods, by inhabitants or dwellings. For a count, the column ${stadsdeel} holds the total.`,
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
		themesIntro: 'For each theme the actions are in two lists, as in the district programme, followed by what this means for residents.',
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
			workshop: 'Workshop',
			kind: 'Kind',
			id: 'Card ID'
		},

		attributionLabel: 'Data',
		madeWith: 'Made with Wijktafel',
		fewerThanThree: 'fewer than 3',
		hiddenCount: 'not shown',
		smallCountsNote: 'We do not show groups of 1 or 2 people, so nobody can be recognised. Sometimes we leave out another small number for the same reason.',
		noTheme: 'No theme',
		unnamedFacility: 'Facility without a name',
		cardKind: (kind: string | null) =>
			({ nodig: 'Needed', wenselijk: 'Desirable', overlap: 'Overlap', combineren: 'Combine', anders: 'Organise differently' } as Record<string, string>)[kind ?? ''] ?? 'Not chosen yet',
		noIndex: 'no index',
		scopeBuurten: 'over the neighbourhoods of the district',
		scopeStadsdelen: 'over the districts',
		typedBudget: 'amount typed in',
		weighingMethod: [
			'Every neighbourhood gets a need index between 0 and 1: the higher, the more need according to the figures and the chosen weights.',
			'The budget is divided by inhabitants times that index, after an optional fixed floor per neighbourhood, in whole euros that add up exactly to the total.'
		] as [string, string],

		resultsHeading: 'Results per question',
		resultsIntro: 'For each question, this is what the workshops produced, next to the summary.',
		keywordsHeading: 'Question 1: character and keywords',
		keywordColumns: ['Keyword', 'Named by'],
		noKeywords: 'No keywords were named.',
		needsHeading: 'Question 2: needs per theme',
		needColumns: ['Theme', 'Cards', 'Number of +1s', 'Card numbers'],
		noNeeds: 'There are no cards for question 2 yet.',
		elementsHeading: 'Question 3: elements of the social basis per layer',
		elementColumns: ['Element', 'Kind', 'For whom', 'Belongs to facility', 'Neighbourhood'],
		noElements: 'No elements were accepted in this layer.',
		ratingsHeading: 'Question 4: how are they doing?',
		ratingColumns: ['Element or facility', 'Rated by', 'Good', 'Under pressure', 'Missing', 'Verdict'],
		reasonsHeading: 'Reasons people gave',
		noRatings: 'There are no ratings yet.',
		noVerdict: 'no clear verdict',
		developmentsHeading: 'Question 5: developments, needed or desirable',
		efficiencyHeading: 'Question 6: ideas to do it smarter',
		kindColumns: ['No.', 'Card', 'Kind'],
		kindCountColumns: ['Kind', 'Cards'],
		noKindCards: 'There are no cards for this question.',
		weighingHeading: 'Question 7: the weighing',
		noWeighing: 'No weighing has been recorded yet.',
		weighingSetAt: (when: string, scope: string) => `Recorded on ${when}, divided ${scope}.`,
		weightColumns: ['Indicator', 'Weight'],
		weighingColumns: ['Neighbourhood', 'Inhabitants', 'Need index', 'Coverage', 'Amount'],
		budgetLine: (total: string, floor: string, source: string) => `Budget: ${total}, floor per neighbourhood ${floor} (source: ${source}).`,
		total: 'Total',
		formulaHeading: 'Appendix: the rules of the weighing',
		voteHeading: 'Question 8: the dot vote',
		voteIntro: (votes: number, voters: string) => `${votes} ${votes === 1 ? 'round' : 'rounds'} of voting; number of people who voted: ${voters}.`,
		voteColumns: ['Place', 'No.', 'Card', 'Dots'],
		noVote: 'Nobody has voted yet.',
		statementsHeading: 'What this means for residents',
		noStatements: 'Nothing has been written about this yet.',
		themeTotal: (amount: string) => `Total amount for this theme: ${amount}.`,
		overallTotal: 'Total of all actions',
		versionLive: 'Working version (not a named version)',
		versionName: 'Version',
		versionDate: 'Version of',
		fedBy: 'Made with the workshops',
		contentsHeading: 'Contents',
		pageLabel: 'Page',
		mapNumbersIntro: 'The numbers on the map are in this table.',
		mapPointColumns: ['No.', 'Place', 'Kind', 'Neighbourhood'],
		outsideBuurten: (stadsdeel: string) => `outside the neighbourhoods of ${stadsdeel}`,
		pointsOutside: (count: number, stadsdeel: string) =>
			count === 1
				? `1 place lies outside the neighbourhoods of ${stadsdeel}, so it is not on the map:`
				: `${count} places lie outside the neighbourhoods of ${stadsdeel}, so they are not on the map:`,
		layer: 'Layer',
		needIndexNumber: 'Need index (0–1)',
		coveragePercent: 'Coverage (%)',
		amountEuros: 'Amount (€)',
		sheetNames: {
			actions: 'Actions',
			cards: 'Cards',
			keywords: 'Q1 Keywords',
			needs: 'Q2 Needs',
			elements: 'Q3 Elements',
			ratings: 'Q4 Ratings',
			developments: 'Q5 Developments',
			efficiency: 'Q6 Efficiency',
			weighing: 'Q7 Weighing',
			vote: 'Q8 Vote',
			about: 'About this file'
		},
		titleLabel: 'Title'
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

/** C0 controls except tab and newline, U+FFFE/U+FFFF and lone surrogates: not allowed in XML. */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A copy of a plain value with those characters taken out of every string. */
export function withoutInvalidCharacters<T>(value: T): T {
	if (typeof value === 'string') return value.replace(XML_INVALID, '') as T;
	if (Array.isArray(value)) return value.map(withoutInvalidCharacters) as T;
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutInvalidCharacters(inner)])) as T;
	}
	return value;
}
