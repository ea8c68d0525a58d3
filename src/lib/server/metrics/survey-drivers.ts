import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { screenedAnswersSql, selectRespondents } from './survey-answer-counts.ts';
import type { DimensionResult } from './survey-question-results.ts';
import { classifyDriverQuadrants, type DriverQuadrant } from './survey-statistics.ts';

export interface SurveyDriver {
	dimension: string;
	/** Pearson correlation across respondents of the dimension's score with the overall question's. */
	importance: number | null;
	/** The dimension's satisfaction rate under the view's calibre. */
	performance: number | null;
	/** Respondents who answered both on the scale. */
	pairs: number;
	quadrant: DriverQuadrant | null;
}

/** Each answer's score as a share of its scale (0–1), so questions on different scales can be averaged. */
const normalisedScoreSql = `CASE q.scale WHEN 'likert5' THEN (a.score - 1) / 4.0 WHEN 'sat3' THEN (a.score - 1) / 2.0
	ELSE a.score / 10.0 END`;

/**
 * Drivers of overall satisfaction (SPEC §5): per dimension, the correlation across respondents of their
 * (mean, normalised) score on the dimension's questions with their overall-satisfaction score.
 * Screened-out respondents and non-answers are left out of each pair.
 *
 * Shaped for a wave of hundreds of thousands of respondents (bench/surveys.bench.ts): a dimension asked by
 * one question takes its answers as they are, so only dimensions of several questions are averaged per
 * respondent (a group per respondent and dimension cost seconds); and the place filter narrows the overall
 * scores only — one row a respondent — which narrows every pair, instead of joining every answer to its
 * respondent. Both CTEs are inlined, as materialising millions of rows cost more than reading them twice.
 */
export async function computeSurveyDrivers(
	connection: DuckDBConnection,
	waveId: string,
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	scope: AreaScope,
	dimensions: readonly DimensionResult[]
): Promise<SurveyDriver[]> {
	const respondents = selectRespondents(filters, scope);
	const rows = await queryRows<{ dimension: string; importance: number | null; pairs: number }>(
		connection,
		`WITH ${screenedAnswersSql.with},
			rated AS (
				SELECT code, dimension, scale, count(*) OVER (PARTITION BY dimension) AS questions
				FROM survey_questions
				WHERE wave_id = $wave AND dimension IS NOT NULL AND scale IN ('likert5', 'sat3', 'score0_10')),
			normalised AS NOT MATERIALIZED (
				SELECT a.respondent_id, q.dimension, q.questions, ${normalisedScoreSql} AS value
				FROM survey_answers a
				JOIN rated q ON q.code = a.question_code
				${screenedAnswersSql.joins}
				WHERE a.wave_id = $wave AND a.score IS NOT NULL AND NOT ${screenedAnswersSql.screenedOut}),
			scored AS NOT MATERIALIZED (
				SELECT respondent_id, dimension, value FROM normalised WHERE questions = 1
				UNION ALL
				SELECT respondent_id, dimension, avg(value) FROM normalised WHERE questions > 1 GROUP BY ALL),
			overall AS (
				SELECT respondent_id, value FROM scored
				WHERE dimension = 'overall' AND respondent_id IN (
					SELECT r.respondent_id FROM survey_respondents r WHERE r.wave_id = $wave AND ${respondents.sql}))
			SELECT d.dimension, corr(d.value, o.value) AS importance, count(*)::INTEGER AS pairs
			FROM scored d JOIN overall o USING (respondent_id)
			WHERE d.dimension <> 'overall'
			GROUP BY d.dimension`,
		{ wave: waveId, waves: JSON.stringify([waveId]), ...respondents.params }
	);
	const byDimension = new Map(rows.map((row) => [row.dimension, row]));
	const drivers = dimensions
		.filter((d) => d.dimension !== 'overall')
		.map((d) => {
			const row = byDimension.get(d.dimension);
			const importance = row?.importance;
			return {
				dimension: d.dimension,
				importance:
					importance === undefined || importance === null || Number.isNaN(importance) ? null : importance,
				performance: d.rate,
				pairs: row?.pairs ?? 0
			};
		});
	return classifyDriverQuadrants(drivers);
}
