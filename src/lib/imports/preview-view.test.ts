import { describe, expect, it } from 'vitest';
import { buildSurveyChoices } from './preview-view.ts';

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
