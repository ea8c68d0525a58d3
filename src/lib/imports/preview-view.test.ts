import { describe, expect, it } from 'vitest';
import { mappableAnswerCodes, surveyScales } from '$pipelines/kinds/survey-answers.ts';
import { answerChoices, buildSurveyChoices, scaleChoices } from './preview-view.ts';

describe('buildSurveyChoices', () => {
	it('maps question columns to codes and keeps only the label meanings chosen', () => {
		expect(
			buildSurveyChoices(
				{ 'Satisfaction with repairs': ' q3 ', Overall: 'Q1', Ignored: '' },
				{ 很好: 'very_satisfied', 差: '', 没用过: 'na' }
			)
		).toEqual({
			mapping: { 'Satisfaction with repairs': 'question:Q3', Overall: 'question:Q1' },
			answerLabels: { 很好: 'very_satisfied', 没用过: 'na' }
		});
	});
});

describe('survey mapping choices', () => {
	it('offers every scale and every answer a load accepts, yes/no included, each with a label', () => {
		expect(scaleChoices().map((c) => c.value)).toEqual([...surveyScales]);
		expect(answerChoices().map((c) => c.value)).toEqual([...mappableAnswerCodes]);
		for (const choice of [...scaleChoices(), ...answerChoices()]) expect(choice.label).not.toBe('');
	});
});
