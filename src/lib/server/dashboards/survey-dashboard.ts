import { error } from '@sveltejs/kit';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { SurveyViewParams } from '$lib/filters/survey-view-params.ts';
import { withConnection } from '../database.ts';
import type { AreaScope } from '../scope.ts';
import { loadSurveySettings, type SurveyCalibre, type SurveySettings } from '../settings/survey-settings.ts';
import {
	computeAreaDimensionCells,
	computeAreaResponses,
	sumRegisteredUnits,
	type AreaDimensionCell,
	type AreaResponse
} from '../metrics/survey-area-results.ts';
import { countRespondentsByArea, countSurveyAnswers } from '../metrics/survey-answer-counts.ts';
import { computeSatisfactionChanges, type SatisfactionChange } from '../metrics/survey-comparison.ts';
import { searchSurveyComments, type SurveyCommentPage } from '../metrics/survey-comments.ts';
import { computeSurveyDrivers, type SurveyDriver } from '../metrics/survey-drivers.ts';
import {
	computeDimensionResults,
	computeQuestionResults,
	listRatedQuestions,
	mapQuestionScales,
	type DimensionResult,
	type QuestionResult
} from '../metrics/survey-question-results.ts';
import { buildTsmTable, type TsmRow } from '../metrics/survey-tsm.ts';
import {
	listSurveyQuestions,
	listSurveyWaves,
	pickSurveyWaves,
	type SurveyQuestion,
	type SurveyWave
} from '../metrics/survey-waves.ts';

export interface SurveyResults {
	wave: SurveyWave;
	previous: SurveyWave | null;
	calibre: SurveyCalibre;
	respondents: number;
	/** Units behind the areas in view (the finite-population correction's N); null without a full register. */
	population: number | null;
	questionnaire: SurveyQuestion[];
	questions: QuestionResult[];
	/** Every declared calibre's rate per question, so calibres can be read side by side. */
	ratesByCalibre: { calibre: SurveyCalibre; rates: Record<string, number | null> }[];
	dimensions: DimensionResult[];
	areaResponses: AreaResponse[];
	areaCells: AreaDimensionCell[];
	changes: { byQuestion: SatisfactionChange[]; byArea: SatisfactionChange[] } | null;
	drivers: SurveyDriver[];
	tsm: TsmRow[];
}

export interface SurveyDashboard {
	waves: SurveyWave[];
	settings: SurveySettings;
	/** null when no survey has been loaded (or none is in the caller's scope). */
	results: SurveyResults | null;
	/** The wave's verbatim comments as searched in the URL, masked. */
	comments: SurveyCommentPage | null;
}

export const commentPageSize = 20;

/** The calibre a view names; an id the site does not declare is the caller's error. */
function resolveCalibre(settings: SurveySettings, id: string | undefined): SurveyCalibre {
	if (id === undefined) return settings.calibres[0];
	const calibre = settings.calibres.find((c) => c.id === id);
	if (!calibre)
		error(
			400,
			`Invalid survey parameter — calibre: "${id}" is not one of ${settings.calibres.map((c) => c.id).join(', ')}`
		);
	return calibre;
}

/** One wave's results in every view of SPEC §5 Satisfaction, for the caller's scope and the page's areas. */
export async function loadSurveyDashboard(
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	view: SurveyViewParams,
	scope: AreaScope
): Promise<SurveyDashboard> {
	return withConnection(async (connection) => {
		const settings = await loadSurveySettings(connection);
		const calibre = resolveCalibre(settings, view.calibre);
		const waves = await listSurveyWaves(connection, scope);
		const picked = pickSurveyWaves(waves, view);
		if (picked.unknown !== null) error(404, `No survey wave "${picked.unknown}"`);
		if (picked.wave === null) return { waves, settings, results: null, comments: null };
		const results = await computeSurveyResults(connection, filters, scope, settings, calibre, {
			wave: picked.wave,
			previous: picked.previous
		});
		const comments = await searchSurveyComments(
			connection,
			{
				waveId: picked.wave.id,
				areas: filters.area,
				text: view.commentText ?? null,
				questionCode: view.commentQuestion ?? null,
				answerGroup: view.commentAnswer,
				page: view.commentPage,
				pageSize: commentPageSize
			},
			scope,
			calibre
		);
		return { waves, settings, results, comments };
	});
}

export async function computeSurveyResults(
	connection: DuckDBConnection,
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	scope: AreaScope,
	settings: SurveySettings,
	calibre: SurveyCalibre,
	{ wave, previous }: { wave: SurveyWave; previous: SurveyWave | null }
): Promise<SurveyResults> {
	const waveIds = previous ? [wave.id, previous.id] : [wave.id];
	const counts = await countSurveyAnswers(connection, waveIds, filters, scope);
	const questionnaire = await listSurveyQuestions(connection, waveIds);
	const respondentCounts = await countRespondentsByArea(connection, [wave.id], filters, scope);
	const currentCounts = counts.filter((c) => c.waveId === wave.id);
	const rated = listRatedQuestions(questionnaire, wave.id);
	const population = sumRegisteredUnits(respondentCounts);
	const base = {
		scaleOf: mapQuestionScales(rated),
		population,
		smallSampleThreshold: settings.smallSampleThreshold
	};
	const questions = computeQuestionResults(currentCounts, rated, { ...base, calibre });
	const dimensions = computeDimensionResults(currentCounts, rated, { ...base, calibre });
	const areaResponses = computeAreaResponses(respondentCounts, wave.id, settings.plannerMargins);
	const defaultResults =
		calibre.id === settings.calibres[0].id
			? questions
			: computeQuestionResults(currentCounts, rated, { ...base, calibre: settings.calibres[0] });
	return {
		wave,
		previous,
		calibre,
		respondents: respondentCounts.reduce((sum, r) => sum + r.respondents, 0),
		population,
		questionnaire: questionnaire.filter((q) => q.waveId === wave.id),
		questions,
		ratesByCalibre: settings.calibres.map((other) => ({
			calibre: other,
			rates: Object.fromEntries(
				computeQuestionResults(currentCounts, rated, { ...base, calibre: other }).map((q) => [q.code, q.rate])
			)
		})),
		dimensions,
		areaResponses,
		areaCells: computeAreaDimensionCells(currentCounts, rated, areaResponses, { ...base, calibre }),
		changes: previous
			? computeSatisfactionChanges(
					counts,
					questionnaire,
					{ current: wave, previous },
					{
						calibre,
						smallSampleThreshold: settings.smallSampleThreshold,
						significanceLevel: settings.significanceLevel
					}
				)
			: null,
		drivers: await computeSurveyDrivers(connection, wave.id, filters, scope, dimensions),
		tsm: buildTsmTable(defaultResults)
	};
}
