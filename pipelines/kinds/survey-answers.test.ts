import { describe, expect, it } from 'vitest';
import {
	inferScale,
	isAnswerCode,
	isSurveyScale,
	mappableAnswerCodes,
	parseAnswer,
	parseQuestionHeader,
	scaleRange,
	surveyScales
} from './survey-answers.ts';

describe('screening answers', () => {
	it('reads yes and no in Chinese and English, and keeps 没有/无 as not applicable', () => {
		const expected: [string, string][] = [
			['是', 'yes'],
			['是的', 'yes'],
			['有', 'yes'],
			['yes', 'yes'],
			['YES', 'yes'],
			['y', 'yes'],
			['Y', 'yes'],
			['否', 'no'],
			['不是', 'no'],
			['no', 'no'],
			['No', 'no'],
			['n', 'no'],
			['没有', 'na'],
			['无', 'na'],
			['N/A', 'na']
		];
		expect(expected.map(([label]) => [label, parseAnswer(label)])).toEqual(expected);
	});

	it('lets yes and no be chosen by hand and stored', () => {
		expect(mappableAnswerCodes).toEqual(expect.arrayContaining(['yes', 'no']));
		expect(['yes', 'no', 'maybe'].map(isAnswerCode)).toEqual([true, true, false]);
		expect(isSurveyScale('yes_no')).toBe(true);
		expect(surveyScales).toContain('yes_no');
	});
});

describe('inferScale', () => {
	it('makes a column answered only yes/no (besides non-answers) a yes/no question', () => {
		expect(inferScale(['yes', 'no', 'na', 'blank'])).toBe('yes_no');
		expect(inferScale(['no'])).toBe('yes_no');
	});

	it('keeps the other scales as before, and never calls a column without yes/no answers yes/no', () => {
		expect(inferScale(['yes', 'satisfied'])).toBe('likert5');
		expect(inferScale(['yes', 'basically_satisfied'])).toBe('sat3');
		expect(inferScale(['na', 'blank'])).toBe('likert5');
		expect(inferScale(['1', '5'])).toBe('likert5');
		expect(inferScale(['0', '4'])).toBe('score0_10');
		expect(inferScale(['3', '9'])).toBe('score0_10');
	});
});

describe('parseQuestionHeader', () => {
	it('recognises S codes of screening questions besides Q and TP', () => {
		expect(parseQuestionHeader('S1 过去12个月是否报修过')).toEqual({
			code: 'S1',
			text: '过去12个月是否报修过'
		});
		expect(parseQuestionHeader('s2. Had a repair')).toEqual({ code: 'S2', text: 'Had a repair' });
		expect(parseQuestionHeader('TP02 Satisfaction with repairs')).toEqual({
			code: 'TP02',
			text: 'Satisfaction with repairs'
		});
		expect(parseQuestionHeader('Q3、报修维修')).toEqual({ code: 'Q3', text: '报修维修' });
		expect(parseQuestionHeader('Size 3')).toBeNull();
		expect(parseQuestionHeader('SUM')).toBeNull();
	});
});

describe('scaleRange', () => {
	it('gives the numbers each scale runs over, and none for yes/no', () => {
		expect(Object.fromEntries(surveyScales.map((s) => [s, scaleRange(s)]))).toEqual({
			likert5: { min: 1, max: 5 },
			sat3: { min: 1, max: 3 },
			score0_10: { min: 0, max: 10 },
			yes_no: null
		});
	});
});
