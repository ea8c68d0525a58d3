import type { RatedScale } from '../settings/survey-settings.ts';
import type { AnswerCount, RespondentCount } from './survey-answer-counts.ts';
import {
	groupAnswerCounts,
	summariseAnswers,
	type FigureOptions,
	type SatisfactionFigure
} from './survey-figures.ts';
import { planSampleSize, type SampleSizePlan } from './survey-statistics.ts';
import type { SurveyQuestion } from './survey-waves.ts';

export interface AreaDimensionCell extends SatisfactionFigure {
	area: string;
	dimension: string;
}

export interface AreaResponse {
	area: string;
	respondents: number;
	/** Units in the register: the response rate's denominator and the planner's population. */
	units: number | null;
	responseRate: number | null;
	/** Responses needed for each planned margin at 95 %. */
	plan: SampleSizePlan[];
	/** Whether the area reached the first (target) margin's sample size; null without a register. */
	meetsTarget: boolean | null;
}

/** The units behind a set of areas, or null when any of them is missing from the register. */
export function sumRegisteredUnits(responses: readonly Pick<RespondentCount, 'units'>[]): number | null {
	if (responses.length === 0 || responses.some((r) => r.units === null)) return null;
	return responses.reduce((sum, r) => sum + (r.units ?? 0), 0);
}

/** Response rate per area against the sample-size planner's target (SPEC §5). */
export function computeAreaResponses(
	respondentCounts: readonly RespondentCount[],
	waveId: string,
	margins: readonly number[]
): AreaResponse[] {
	return respondentCounts
		.filter((count) => count.waveId === waveId)
		.map((count) => {
			const plan = count.units === null ? [] : planSampleSize(count.units, margins);
			return {
				area: count.area,
				respondents: count.respondents,
				units: count.units,
				responseRate: count.units ? count.respondents / count.units : null,
				plan,
				meetsTarget: plan.length > 0 ? count.respondents >= plan[0].needed : null
			};
		});
}

/** Area × dimension: each cell pools the dimension's questions within the area, with the area's units as N. */
export function computeAreaDimensionCells(
	counts: readonly AnswerCount[],
	questions: readonly (SurveyQuestion & { scale: RatedScale })[],
	responses: readonly AreaResponse[],
	options: Omit<FigureOptions, 'population'>
): AreaDimensionCell[] {
	const dimensionOf = new Map(questions.map((q) => [q.code, q.dimension ?? 'unassigned']));
	const cells = groupAnswerCounts(counts, (count) => {
		const dimension = dimensionOf.get(count.questionCode);
		return dimension === undefined ? null : JSON.stringify([count.area, dimension]);
	});
	const unitsOf = new Map(responses.map((r) => [r.area, r.units]));
	return [...cells].map(([key, group]) => {
		const [area, dimension] = JSON.parse(key) as [string, string];
		return {
			area,
			dimension,
			...summariseAnswers(group, { ...options, population: unitsOf.get(area) ?? null })
		};
	});
}
