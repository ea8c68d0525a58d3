import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { buildScopeCondition, type AreaScope } from '../scope.ts';
import type { SqlCondition } from './record-selection.ts';

/**
 * Answers counted at the level every survey figure is built from: wave × question × area × stored answer,
 * with whether the respondent was screened out of the question. Rates, intervals, distributions and
 * indices are all sums of these counts, so one query serves every view and every calibre.
 */
export interface AnswerCount {
	waveId: string;
	questionCode: string;
	area: string;
	answerCode: string;
	/** The stored score on the question's scale; null for non-answers and numbers off the scale. */
	score: number | null;
	/** The question has a screening question and this respondent did not answer it "yes". */
	screenedOut: boolean;
	answers: number;
}

/** Respondents in the caller's scope and the page's places: the survey's own place filter. */
export function selectRespondents(
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	scope: AreaScope,
	alias = 'r'
): SqlCondition {
	const scopeCondition = buildScopeCondition(scope, `${alias}.area`);
	const parts = [scopeCondition.sql];
	const params: Record<string, DuckDBValue> = { ...scopeCondition.params };
	for (const key of ['area', 'building'] as const) {
		if (filters[key].length === 0) continue;
		parts.push(`${alias}.${key} IN (SELECT unnest($${key}::VARCHAR[]))`);
		params[key] = JSON.stringify(filters[key]);
	}
	return { sql: parts.join(' AND '), params };
}

/**
 * CTEs (`screens`, `passed`) and joins that mark each answer in `a` (of the waves in `$waves`) as screened
 * out or not: answers of a question with a screening question count only for respondents who answered it
 * "yes". Built from the few screened questions, so the big answer table is joined to small sets only.
 */
export const screenedAnswersSql = {
	with: `screens AS (
			SELECT wave_id, code, screening_code FROM survey_questions
			WHERE screening_code IS NOT NULL AND list_contains($waves::VARCHAR[], wave_id)),
		passed AS (
			SELECT s.wave_id, s.respondent_id, q.code AS question_code FROM survey_answers s
			JOIN screens q ON s.wave_id = q.wave_id AND s.question_code = q.screening_code
			WHERE s.answer_code = 'yes')`,
	joins: `LEFT JOIN screens sc ON sc.wave_id = a.wave_id AND sc.code = a.question_code
		LEFT JOIN passed p ON p.wave_id = a.wave_id AND p.respondent_id = a.respondent_id
			AND p.question_code = a.question_code`,
	screenedOut: '(sc.code IS NOT NULL AND p.respondent_id IS NULL)'
};

export async function countSurveyAnswers(
	connection: DuckDBConnection,
	waveIds: readonly string[],
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	scope: AreaScope
): Promise<AnswerCount[]> {
	if (waveIds.length === 0) return [];
	const respondents = selectRespondents(filters, scope);
	return queryRows<AnswerCount>(
		connection,
		`WITH ${screenedAnswersSql.with}
			SELECT a.wave_id AS "waveId", a.question_code AS "questionCode", r.area, a.answer_code AS "answerCode",
				a.score::INTEGER AS score, ${screenedAnswersSql.screenedOut} AS "screenedOut", count(*)::INTEGER AS answers
			FROM survey_answers a
			JOIN survey_respondents r ON r.wave_id = a.wave_id AND r.respondent_id = a.respondent_id
			${screenedAnswersSql.joins}
			WHERE list_contains($waves::VARCHAR[], a.wave_id) AND ${respondents.sql}
			GROUP BY ALL`,
		{ waves: JSON.stringify(waveIds), ...respondents.params }
	);
}

export interface RespondentCount {
	waveId: string;
	area: string;
	respondents: number;
	/** Units of the area in the unit register (the response rate's denominator); null without a register. */
	units: number | null;
}

/** Respondents per wave and area, beside the area's unit count from the register. */
export async function countRespondentsByArea(
	connection: DuckDBConnection,
	waveIds: readonly string[],
	filters: Pick<DashboardFilters, 'area' | 'building'>,
	scope: AreaScope
): Promise<RespondentCount[]> {
	if (waveIds.length === 0) return [];
	const respondents = selectRespondents(filters, scope);
	const registered = selectRespondents(filters, scope, 'u');
	return queryRows<RespondentCount>(
		connection,
		`WITH answered AS (
				SELECT r.wave_id, r.area, count(*)::INTEGER AS respondents FROM survey_respondents r
				WHERE list_contains($waves::VARCHAR[], r.wave_id) AND ${respondents.sql}
				GROUP BY ALL),
			registered AS (
				SELECT u.area, count(*)::INTEGER AS units FROM units u WHERE ${registered.sql} GROUP BY ALL)
			SELECT answered.wave_id AS "waveId", answered.area, answered.respondents, registered.units
			FROM answered LEFT JOIN registered USING (area)
			ORDER BY answered.wave_id, answered.area`,
		{ waves: JSON.stringify(waveIds), ...respondents.params }
	);
}
