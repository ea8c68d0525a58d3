import { normaliseLabel, normaliseText } from '../normalise/text.ts';
import { InvalidValue } from '../normalise/invalid-value.ts';
import { InputError, type CellValue } from '../readers/sheet-row.ts';

/** Stored answer codes: scale points by label, numeric points as digits, non-answers kept as such. */
export type AnswerCode =
	| 'very_satisfied'
	| 'satisfied'
	| 'basically_satisfied'
	| 'neutral'
	| 'dissatisfied'
	| 'very_dissatisfied'
	| 'yes'
	| 'no'
	| 'na'
	| 'dont_know'
	| 'refused'
	| 'blank'
	| `${number}`;

export const nonAnswerCodes = new Set<AnswerCode>(['na', 'dont_know', 'refused', 'blank']);

/** The answers a site's own words can be mapped to: the scales' labels and the kept non-answers. */
export const mappableAnswerCodes = [
	'very_satisfied',
	'satisfied',
	'basically_satisfied',
	'neutral',
	'dissatisfied',
	'very_dissatisfied',
	'yes',
	'no',
	'na',
	'dont_know',
	'refused'
] as const satisfies readonly AnswerCode[];

const answerLabels: Record<string, AnswerCode> = {};
function addAnswerLabels(code: AnswerCode, labels: string[]): void {
	for (const label of labels) answerLabels[normaliseLabel(label)] = code;
}
addAnswerLabels('very_satisfied', ['非常满意', '很满意', 'very satisfied']);
addAnswerLabels('satisfied', ['满意', '比较满意', 'fairly satisfied', 'satisfied']);
addAnswerLabels('basically_satisfied', ['基本满意', 'basically satisfied']);
addAnswerLabels('neutral', [
	'一般',
	'既不满意也不不满意',
	'中立',
	'说不上',
	'neither',
	'neither satisfied nor dissatisfied',
	'neutral'
]);
addAnswerLabels('dissatisfied', ['不满意', '不太满意', '比较不满意', 'fairly dissatisfied', 'dissatisfied']);
addAnswerLabels('very_dissatisfied', ['非常不满意', '很不满意', 'very dissatisfied']);
// Screening questions (SPEC §5). 没有/无 stay non-answers: on a satisfaction question they mean "not used".
addAnswerLabels('yes', ['是', '是的', '有', 'yes', 'y']);
addAnswerLabels('no', ['否', '不是', 'no', 'n']);
addAnswerLabels('na', ['不适用', '无', '未使用', '没有', 'n/a', 'na', 'not applicable']);
addAnswerLabels('dont_know', ['不清楚', '不知道', '不了解', "don't know", 'dont know', 'dk', 'unknown']);
addAnswerLabels('refused', ['拒答', '拒绝回答', '不愿回答', 'refused', 'prefer not to say']);

const namedAnswerCodes = new Set<string>([...mappableAnswerCodes, ...nonAnswerCodes]);

/** Whether a string is a code answers are stored as: a named scale point, a non-answer or a number 0–10. */
export function isAnswerCode(code: string): code is AnswerCode {
	return namedAnswerCodes.has(code) || /^(?:[0-9]|10)$/.test(code);
}

/** A file's own answer labels (as written in it) → the stored codes, e.g. 很好 → very_satisfied. */
export type AnswerLabels = Record<string, AnswerCode>;

/**
 * An answer parser that tries a file's own labels before the built-in ones, so a questionnaire with
 * 很好/好/差 can be read without adding its words to every other file's vocabulary.
 */
export function createAnswerParser(
	fileLabels: Record<string, string> | undefined
): (value: CellValue) => AnswerCode | InvalidValue {
	if (!fileLabels || Object.keys(fileLabels).length === 0) return parseAnswer;
	const labels = new Map<string, AnswerCode>();
	for (const [label, code] of Object.entries(fileLabels)) {
		if (!isAnswerCode(code))
			throw new InputError(`"${code}" (for the answer "${label}") is not an answer code.`, 'invalid-mapping');
		const key = normaliseText(label);
		if (key !== null) labels.set(normaliseLabel(key), code);
	}
	return (value) => {
		const text = normaliseText(value);
		const code = text === null ? undefined : labels.get(normaliseLabel(text));
		return code ?? parseAnswer(value);
	};
}

/** Parses one answer cell: a label, a 0–10 number, or a non-answer. Never turns a non-answer into zero. */
export function parseAnswer(value: CellValue): AnswerCode | InvalidValue {
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= 0 && value <= 10) return String(value) as AnswerCode;
		return new InvalidValue(`${value} is not a point on the scale (0–10 or 1–5)`);
	}
	const text = normaliseText(value);
	if (text === null) return 'blank';
	if (/^\d{1,2}$/.test(text)) return parseAnswer(Number(text));
	const code = answerLabels[normaliseLabel(text)];
	if (code) return code;
	return new InvalidValue(
		`"${text}" is not an answer; use 非常满意/满意/一般/不满意/非常不满意, 基本满意, a number 1–5 or 0–10, 是/否, or 不适用/不清楚`
	);
}

export const surveyScales = ['likert5', 'sat3', 'score0_10', 'yes_no'] as const;
export type SurveyScale = (typeof surveyScales)[number];

export function isSurveyScale(scale: string): scale is SurveyScale {
	return (surveyScales as readonly string[]).includes(scale);
}

/** The numbers a scale's points run over; a yes/no question has none. A number outside is off the scale. */
export function scaleRange(scale: SurveyScale): { min: number; max: number } | null {
	switch (scale) {
		case 'likert5':
			return { min: 1, max: 5 };
		case 'sat3':
			return { min: 1, max: 3 };
		case 'score0_10':
			return { min: 0, max: 10 };
		case 'yes_no':
			return null;
	}
}

/**
 * The score each labelled answer gets on each scale (numbers score as themselves when on the scale).
 * A 0–10 question answered in words is placed where those words usually fall on that scale.
 */
export const labelScores: Record<SurveyScale, Partial<Record<AnswerCode, number>>> = {
	likert5: {
		very_satisfied: 5,
		satisfied: 4,
		basically_satisfied: 4,
		neutral: 3,
		dissatisfied: 2,
		very_dissatisfied: 1
	},
	sat3: {
		very_satisfied: 3,
		satisfied: 3,
		basically_satisfied: 2,
		neutral: 2,
		dissatisfied: 1,
		very_dissatisfied: 1
	},
	score0_10: {
		very_satisfied: 10,
		satisfied: 8,
		basically_satisfied: 7,
		neutral: 5,
		dissatisfied: 2,
		very_dissatisfied: 0
	},
	yes_no: {}
};

/** Decides a question's scale from every answer code seen in its column. */
export function inferScale(codes: Iterable<string>): SurveyScale {
	let maxNumber = -1;
	let minNumber = 99;
	let hasThreePointLabel = false;
	let onScale = 0;
	let yesOrNo = 0;
	for (const code of codes) {
		if (nonAnswerCodes.has(code as AnswerCode)) continue;
		onScale++;
		if (code === 'yes' || code === 'no') yesOrNo++;
		else if (code === 'basically_satisfied') hasThreePointLabel = true;
		else if (/^\d+$/.test(code)) {
			maxNumber = Math.max(maxNumber, Number(code));
			minNumber = Math.min(minNumber, Number(code));
		}
	}
	if (onScale > 0 && yesOrNo === onScale) return 'yes_no';
	if (hasThreePointLabel) return 'sat3';
	if (maxNumber > 5 || minNumber === 0) return 'score0_10';
	return 'likert5';
}

const questionHeader = /^\s*((?:Q|TP|S)\s*\d{1,3}[A-Za-z]?)(?=$|[\s.\-_:：、．)）])[\s.\-_:：、．)）]*(.*)$/i;

/**
 * Recognises a question column by its code prefix: `Q3 报修维修` → { code: 'Q3', text: '报修维修' }; `S1 …` is a
 * screening question's.
 */
export function parseQuestionHeader(header: string): { code: string; text: string } | null {
	const match = questionHeader.exec(header.normalize('NFKC'));
	if (!match) return null;
	return { code: match[1].replace(/\s+/g, '').toUpperCase(), text: match[2].trim() };
}

const questionMappingPrefix = 'question:';
const questionCode = /^[A-Z][A-Z0-9_]{0,15}$/;

/**
 * Reads a mapping value that makes a column a question: `question:Q3` → 'Q3'. Returns undefined for a
 * value that is no question mapping, null for one whose code is malformed.
 */
export function parseQuestionMapping(value: string): string | null | undefined {
	if (!value.startsWith(questionMappingPrefix)) return undefined;
	const code = value.slice(questionMappingPrefix.length).trim();
	return questionCode.test(code) ? code : null;
}

/** The satisfaction dimensions a question can report under (SPEC §3). */
export const surveyDimensions = [
	'overall',
	'customer_service',
	'repairs',
	'complaint_handling',
	'cleaning',
	'greening',
	'security',
	'parking',
	'communication',
	'value_for_money',
	'building_safety'
] as const;
export type SurveyDimension = (typeof surveyDimensions)[number];

// The first match wins, so 报修服务 is repairs rather than customer service.
const dimensionKeywords: [SurveyDimension, RegExp][] = [
	['overall', /总体|整体|综合|overall/i],
	['repairs', /报修|维修|repair/i],
	['complaint_handling', /投诉|complaint/i],
	['customer_service', /客户服务|客服|服务态度|前台|customer service|service/i],
	['cleaning', /清洁|卫生|保洁|clean/i],
	['greening', /绿化|园林|green|landscap/i],
	['security', /安全秩序|安保|秩序|治安|security/i],
	['parking', /停车|车位|parking/i],
	['communication', /沟通|信息|公开|通知|communicat|inform|listen/i],
	['value_for_money', /性价比|物业费|收费|value for money|value/i],
	['building_safety', /消防|建筑|safe home|building safety|fire/i]
];

/** Guesses a question's dimension from its text (Chinese or English); the user can correct it later. */
export function inferDimension(text: string): SurveyDimension | null {
	for (const [dimension, pattern] of dimensionKeywords) if (pattern.test(text)) return dimension;
	return null;
}
