import { describe, expect, it } from 'vitest';
import { commitRequestSchema, reportRequestSchema } from './import-requests.ts';

const uploadId = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('import request schemas', () => {
	it('reads a report link carrying the preview choices as JSON parameters', () => {
		const parsed = reportRequestSchema.parse({
			uploadId,
			format: 'xlsx',
			kind: 'surveys',
			mapping: JSON.stringify({ 总体满意度: 'question:Q1' }),
			answerLabels: JSON.stringify({ 很好: 'very_satisfied' }),
			questionScales: JSON.stringify({ Q1: 'sat3' })
		});
		expect(parsed).toEqual({
			uploadId,
			format: 'xlsx',
			kind: 'surveys',
			mapping: { 总体满意度: 'question:Q1' },
			answerLabels: { 很好: 'very_satisfied' },
			questionScales: { Q1: 'sat3' }
		});
	});

	it('accepts yes/no screening answers and scale', () => {
		const parsed = commitRequestSchema.parse({
			uploadId,
			answerLabels: { 有过: 'yes', 没有过: 'no' },
			questionScales: { S1: 'yes_no' }
		});
		expect(parsed).toMatchObject({
			answerLabels: { 有过: 'yes', 没有过: 'no' },
			questionScales: { S1: 'yes_no' }
		});
	});

	it('refuses an answer that is not one the survey stores, a scale it does not know, and broken JSON', () => {
		for (const bad of [
			{ answerLabels: JSON.stringify({ 很好: 'great' }) },
			{ questionScales: JSON.stringify({ Q1: 'likert7' }) },
			{ mapping: '{not json' }
		]) {
			expect(
				reportRequestSchema.safeParse({ uploadId, format: 'csv', ...bad }).success,
				JSON.stringify(bad)
			).toBe(false);
		}
	});

	it('defaults a commit to loading whole files without remembering the mapping', () => {
		expect(commitRequestSchema.parse({ uploadId })).toEqual({
			uploadId,
			acceptPartial: false,
			rememberMapping: false
		});
		expect(commitRequestSchema.safeParse({ uploadId: '../etc' }).success).toBe(false);
	});
});
