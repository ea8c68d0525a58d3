import { ratedScales, type RatedScale } from '../settings/survey-settings.ts';
import type { AnswerCount } from './survey-answer-counts.ts';
import {
	groupAnswerCounts,
	summariseAnswers,
	type FigureOptions,
	type SatisfactionFigure
} from './survey-figures.ts';
import type { SurveyQuestion } from './survey-waves.ts';

export interface QuestionResult extends SatisfactionFigure {
	code: string;
	textZh: string | null;
	textEn: string | null;
	dimension: string | null;
	scale: RatedScale;
	screeningCode: string | null;
	tsmCode: string | null;
}

export interface DimensionResult extends SatisfactionFigure {
	dimension: string;
	/** The questions pooled into the dimension's figure. */
	questionCodes: string[];
}

export function isRatedScale(scale: string): scale is RatedScale {
	return (ratedScales as readonly string[]).includes(scale);
}

/** The rated questions of one wave (screening yes/no questions have no satisfaction figure). */
export function listRatedQuestions(
	questions: readonly SurveyQuestion[],
	waveId: string
): (SurveyQuestion & { scale: RatedScale })[] {
	return questions.filter(
		(q): q is SurveyQuestion & { scale: RatedScale } => q.waveId === waveId && isRatedScale(q.scale)
	);
}

export function mapQuestionScales(questions: readonly SurveyQuestion[]): Map<string, RatedScale> {
	const scales = new Map<string, RatedScale>();
	for (const question of questions)
		if (isRatedScale(question.scale)) scales.set(question.code, question.scale);
	return scales;
}

/** Per question of the wave, in questionnaire order, each figure from that question's answers only. */
export function computeQuestionResults(
	counts: readonly AnswerCount[],
	questions: readonly (SurveyQuestion & { scale: RatedScale })[],
	options: FigureOptions
): QuestionResult[] {
	const byQuestion = groupAnswerCounts(counts, (count) => count.questionCode);
	return questions.map((question) => ({
		code: question.code,
		textZh: question.textZh,
		textEn: question.textEn,
		dimension: question.dimension,
		scale: question.scale,
		screeningCode: question.screeningCode,
		tsmCode: question.tsmCode,
		...summariseAnswers(byQuestion.get(question.code) ?? [], options)
	}));
}

/** Per dimension: the answers of all its questions pooled (a respondent answering two repair questions counts twice). */
export function computeDimensionResults(
	counts: readonly AnswerCount[],
	questions: readonly (SurveyQuestion & { scale: RatedScale })[],
	options: FigureOptions
): DimensionResult[] {
	const dimensionOf = new Map(questions.map((q) => [q.code, q.dimension ?? 'unassigned']));
	const byDimension = groupAnswerCounts(counts, (count) => dimensionOf.get(count.questionCode) ?? null);
	const order = [...new Set(questions.map((q) => q.dimension ?? 'unassigned'))];
	return order.map((dimension) => ({
		dimension,
		questionCodes: questions.filter((q) => (q.dimension ?? 'unassigned') === dimension).map((q) => q.code),
		...summariseAnswers(byDimension.get(dimension) ?? [], options)
	}));
}
