import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/database.ts';
import { labelScores, scaleRange, surveyScales } from '../kinds/survey-answers.ts';
import type { KnownQuestion } from './header-mapping.ts';
import { answerColumns, type SurveyParseSummary } from './survey-rows.ts';
import { readStagedSql } from './merge-records.ts';

/**
 * SQL for the score of an answer code (an expression) on a scale (an expression giving its name): numbers
 * score as themselves when on the scale, labels by the scale's table; non-answers, yes/no and numbers off
 * the scale (7 on a 5-point question) have none — never zero.
 */
export function buildScoreSql(answer: string, scale: string): string {
	const number = `TRY_CAST(${answer} AS SMALLINT)`;
	const numberCases = surveyScales.flatMap((name) => {
		const range = scaleRange(name);
		return range
			? [`WHEN ${scale} = '${name}' AND ${number} BETWEEN ${range.min} AND ${range.max} THEN ${number}`]
			: [];
	});
	const labelCases = surveyScales.flatMap((name) => {
		const scores = Object.entries(labelScores[name]);
		if (scores.length === 0) return [];
		const points = scores.map(([code, score]) => `WHEN '${code}' THEN ${score}`).join(' ');
		return [`WHEN ${scale} = '${name}' THEN CASE ${answer} ${points} END`];
	});
	const numbers = `WHEN regexp_full_match(${answer}, '[0-9]+') THEN CASE ${numberCases.join(' ')} END`;
	return `(CASE ${numbers} ${labelCases.join(' ')} END)::SMALLINT`;
}

const scoreSql = buildScoreSql('a.answer_code', 'q.scale');

/**
 * Every question's texts, latest wave first, for a parse to recognise a column by its text (SPEC §3):
 * where one text is a different code in two waves, the latest wave's code wins.
 */
export async function listKnownQuestions(connection: DuckDBConnection): Promise<KnownQuestion[]> {
	return queryRows<KnownQuestion>(
		connection,
		`SELECT q.code, q.text_zh AS "textZh", q.text_en AS "textEn" FROM survey_questions q
			JOIN survey_waves w ON w.id = q.wave_id
			WHERE q.text_zh IS NOT NULL OR q.text_en IS NOT NULL
			ORDER BY w.year DESC NULLS LAST, w.created_at DESC, w.id DESC, q.position`
	);
}

/** Creates the wave if it is new and adds the questions the wave's questionnaire does not have yet. */
export async function upsertWaveAndQuestions(
	connection: DuckDBConnection,
	batchId: number,
	wave: { id: string; year: number | null },
	survey: SurveyParseSummary
): Promise<void> {
	await connection.run(
		`INSERT INTO survey_waves (id, name, year, created_at, created_by_batch)
			SELECT $id, $id, $year, current_localtimestamp(), $batch
			WHERE NOT EXISTS (SELECT 1 FROM survey_waves WHERE id = $id)`,
		{ id: wave.id, year: wave.year, batch: batchId }
	);
	for (const question of survey.questions) {
		await connection.run(
			`INSERT INTO survey_questions (wave_id, code, position, text_zh, text_en, dimension, scale, tsm_code,
				source_header, created_by_batch)
				SELECT $wave, $code, $position, $zh, $en, $dimension, $scale, $tsm, $header, $batch
				WHERE NOT EXISTS (SELECT 1 FROM survey_questions WHERE wave_id = $wave AND code = $code)`,
			{
				wave: wave.id,
				code: question.code,
				position: question.position,
				zh: /[\u4e00-\u9fff]/.test(question.text) ? question.text : null,
				en: /[\u4e00-\u9fff]/.test(question.text) ? null : question.text,
				dimension: question.dimension,
				scale: question.scale,
				tsm: /^TP\d{2}$/.test(question.code) ? question.code : null,
				header: question.header,
				batch: batchId
			}
		);
	}
}

/**
 * Replaces the answers of every respondent this batch wrote: the previous answers of an updated
 * respondent move to history (restored by a rollback), then the staged answers are scored and stored.
 * `unchangedRespondents` is the respondent merge's count of file respondents left as they were.
 */
export async function mergeSurveyAnswers(
	connection: DuckDBConnection,
	batchId: number,
	waveId: string,
	survey: SurveyParseSummary,
	unchangedRespondents: number
): Promise<void> {
	const params = { batch: batchId, wave: waveId };
	const replacedRespondents = `SELECT id FROM survey_respondents_history WHERE replaced_by_batch = $batch`;
	await connection.run(
		`INSERT INTO survey_answers_history SELECT a.*, $batch, current_localtimestamp() FROM survey_answers a
			WHERE a.wave_id = $wave AND $wave || '/' || a.respondent_id IN (${replacedRespondents})`,
		params
	);
	await connection.run(
		`DELETE FROM survey_answers WHERE wave_id = $wave AND $wave || '/' || respondent_id IN (${replacedRespondents})`,
		params
	);
	const columns = answerColumns.map((name) => ({ name, sqlType: 'VARCHAR' }));
	// When the batch wrote every respondent of the file (a new wave, say), every staged answer is kept and the
	// join that picks the written respondents is skipped: DuckDB, guessing a few dozen rows for a read_csv,
	// builds that join's hash table on the answers (12 a respondent), which took 15–28 s and over 1 GB at
	// 300,000 respondents (bench/surveys.bench.ts) against 2.5 s and under 400 MB without it.
	const writtenOnly =
		unchangedRespondents === 0
			? ''
			: `WHERE $wave || '/' || a.respondent_id IN (SELECT id FROM survey_respondents WHERE batch_id = $batch)`;
	await connection.run(
		`INSERT INTO survey_answers (wave_id, respondent_id, question_code, raw_value, answer_code, score, batch_id)
			SELECT $wave, a.respondent_id, a.question_code, a.raw_value, a.answer_code, ${scoreSql}, $batch
			FROM ${readStagedSql(survey.answersPath, columns)} a
			JOIN survey_questions q ON q.wave_id = $wave AND q.code = a.question_code
			${writtenOnly}`,
		params
	);
}
