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
			scored AS (
				SELECT a.respondent_id, q.dimension, avg(${normalisedScoreSql}) AS value
				FROM survey_answers a
				JOIN survey_respondents r ON r.wave_id = a.wave_id AND r.respondent_id = a.respondent_id
				JOIN survey_questions q ON q.wave_id = a.wave_id AND q.code = a.question_code
				${screenedAnswersSql.joins}
				WHERE a.wave_id = $wave AND a.score IS NOT NULL AND q.dimension IS NOT NULL
					AND q.scale IN ('likert5', 'sat3', 'score0_10')
					AND NOT ${screenedAnswersSql.screenedOut} AND ${respondents.sql}
				GROUP BY ALL)
			SELECT d.dimension, corr(d.value, o.value) AS importance, count(*)::INTEGER AS pairs
			FROM scored d JOIN scored o ON o.respondent_id = d.respondent_id AND o.dimension = 'overall'
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
