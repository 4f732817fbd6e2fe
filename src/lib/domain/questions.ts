import type { LocalizedText } from './i18n-text.ts';

/**
 * The eight questions of the area-based process (gebiedsgericht proces), seed 000 §8.
 * The Dutch `text` quotes the seed character for character — including the missing question
 * mark on question 7 and the quotes around 'ongelijk' — because the municipality recognises
 * its own wording; explanations and examples are ours, written at language level B1.
 */
const QUESTION_DATA = [
	{
		number: 1,
		id: 'karakter',
		text: {
			nl: 'Wat is het karakter van het gebied?',
			en: 'What is the character of the area?'
		},
		explanation: {
			nl: 'We beschrijven hoe het gebied is. Denk aan de mensen, de huizen, de sfeer en wat het gebied bijzonder maakt.',
			en: 'We describe what the area is like. Think of the people, the homes, the atmosphere and what makes the area special.'
		},
		example: {
			nl: 'Amby is een oud dorp dat bij de stad hoort. Veel mensen wonen er al lang en kennen elkaar. Er wonen veel ouderen.',
			en: 'Amby is an old village that is part of the city. Many people have lived there for a long time and know each other. Many older people live there.'
		},
		needs: 'keywords'
	},
	{
		number: 2,
		id: 'behoeften',
		text: {
			nl: 'Welke behoeften zijn er?',
			en: 'What needs are there?'
		},
		explanation: {
			nl: 'We noemen wat mensen in het gebied nodig hebben. Dat kan gaan over ontmoeten, zorg, sport, informatie of iets anders.',
			en: 'We name what people in the area need. That can be about meeting others, care, sport, information or something else.'
		},
		example: {
			nl: "Jongeren in Malberg willen een plek waar ze 's avonds samen kunnen zijn. Ouderen willen meer hulp bij formulieren.",
			en: 'Young people in Malberg want a place where they can be together in the evening. Older people want more help with forms.'
		},
		needs: 'needs-by-theme'
	},
	{
		number: 3,
		id: 'elementen',
		text: {
			nl: 'Welke elementen van de sociale basis zijn er al?',
			en: 'Which elements of the social basis are already there?'
		},
		explanation: {
			nl: 'We maken een lijst van wat er al is. Wat doen bewoners zelf, welke hulp is er en welke gebouwen en plekken zijn er?',
			en: 'We make a list of what is already there. What do residents do themselves, what help is there and which buildings and places are there?'
		},
		example: {
			nl: 'In Amby zijn de Amyerhoof en de Koffiepot. Er is een scouting en er zijn sportclubs. Buren doen boodschappen voor elkaar.',
			en: 'Amby has the Amyerhoof and the Koffiepot. There is a scouting group and there are sports clubs. Neighbours do the shopping for each other.'
		},
		needs: 'elements-by-layer'
	},
	{
		number: 4,
		id: 'staat',
		text: {
			nl: 'Hoe staan die ervoor?',
			en: 'How are they doing?'
		},
		explanation: {
			nl: 'We kijken hoe het gaat met wat er al is. Voor elk onderdeel kiezen we: goed, onder druk of ontbreekt.',
			en: 'We look at how things are going with what is already there. For each part we choose: good, under pressure or missing.'
		},
		example: {
			nl: 'De Amyerhoof gaat goed: er is veel te doen. De huiskamer is onder druk, want er zijn te weinig vrijwilligers. Een plek voor jongeren ontbreekt.',
			en: 'The Amyerhoof is doing well: there is a lot going on. The living-room meeting place is under pressure, because there are too few volunteers. A place for young people is missing.'
		},
		needs: 'condition-ratings'
	},
	{
		number: 5,
		id: 'ontwikkelingen',
		text: {
			nl: 'Welke ontwikkelingen zijn dan nodig/wenselijk?',
			en: 'Which developments are then needed/desirable?'
		},
		explanation: {
			nl: 'We bedenken wat er moet veranderen of wat erbij moet komen. Dat kan iets nieuws zijn, of iets wat al bestaat en beter kan.',
			en: 'We think about what should change or what should be added. That can be something new, or something that already exists and can be better.'
		},
		example: {
			nl: 'In Nazareth is een vaste plek nodig waar ouders elkaar kunnen ontmoeten. De huiskamer in het gemeenschapshuis mag vaker open.',
			en: 'Nazareth needs a regular place where parents can meet each other. The living-room meeting place in the community centre could open more often.'
		},
		needs: 'developments'
	},
	{
		number: 6,
		id: 'efficienter',
		text: {
			nl: 'Hoe kunnen dingen efficiënter?',
			en: 'How can things be done more efficiently?'
		},
		explanation: {
			nl: 'We zoeken manieren om slimmer te werken. Bijvoorbeeld door samen te werken, ruimtes te delen of minder papierwerk te vragen.',
			en: 'We look for ways to work smarter. For example by working together, sharing rooms or asking for less paperwork.'
		},
		example: {
			nl: 'De sportclub en het jongerenwerk kunnen dezelfde zaal gebruiken. Dan is er geen nieuwe ruimte nodig.',
			en: 'The sports club and the youth workers can use the same hall. Then no new room is needed.'
		},
		needs: 'efficiency-ideas'
	},
	{
		number: 7,
		id: 'budget',
		text: {
			nl: "Welk budget is beschikbaar (op basis van analyse 'ongelijk' investeren)",
			en: "What budget is available (based on an analysis of 'unequal' investment)"
		},
		explanation: {
			nl: 'We kijken hoeveel geld er is voor het gebied. Een gebied dat meer nodig heeft, kan meer geld krijgen.',
			en: 'We look at how much money there is for the area. An area that needs more can get more money.'
		},
		example: {
			nl: 'Pottenberg heeft meer steun nodig dan veel andere buurten. Daarom mag hier meer geld naartoe, bijvoorbeeld voor een sociaal restaurant.',
			en: 'Pottenberg needs more support than many other neighbourhoods. So more money may go here, for example for a social restaurant.'
		},
		needs: 'budget'
	},
	{
		number: 8,
		id: 'prioriteit',
		text: {
			nl: 'Wat krijgt prioriteit, wat gaan we doen?',
			en: 'What gets priority, what are we going to do?'
		},
		explanation: {
			nl: 'We kiezen samen wat het belangrijkst is. Dat spreken we af en het komt in het stadsdeelprogramma.',
			en: 'Together we choose what matters most. We agree on it and it goes into the district programme.'
		},
		example: {
			nl: 'Eerst komt er een vaste ontmoetingsplek voor jongeren in Malberg. Daarna komt er meer hulp bij formulieren in het wijkservicepunt.',
			en: 'First there will be a regular meeting place for young people in Malberg. After that there will be more help with forms at the wijkservicepunt.'
		},
		needs: 'priorities'
	}
] as const satisfies readonly {
	number: number;
	id: string;
	text: LocalizedText;
	explanation: LocalizedText;
	example: LocalizedText;
	needs: string;
}[];

export type QuestionNumber = (typeof QUESTION_DATA)[number]['number'];
export type QuestionId = (typeof QUESTION_DATA)[number]['id'];
/** The extra structure a step collects besides free-text answers. */
export type QuestionNeed = (typeof QUESTION_DATA)[number]['needs'];

export interface Question {
	readonly number: QuestionNumber;
	readonly id: QuestionId;
	readonly text: LocalizedText;
	readonly explanation: LocalizedText;
	readonly example: LocalizedText;
	readonly needs: QuestionNeed;
}

export const QUESTIONS: readonly Question[] = QUESTION_DATA;

export function isQuestionNumber(value: unknown): value is QuestionNumber {
	return QUESTIONS.some((question) => question.number === value);
}

export function isQuestionId(value: unknown): value is QuestionId {
	return QUESTIONS.some((question) => question.id === value);
}

export function questionByNumber(questionNumber: number): Question | null {
	return QUESTIONS.find((question) => question.number === questionNumber) ?? null;
}

export function questionById(id: string): Question | null {
	return QUESTIONS.find((question) => question.id === id) ?? null;
}
