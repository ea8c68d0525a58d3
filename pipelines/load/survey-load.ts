import type { DuckDBConnection } from '@duckdb/node-api';
import { nonAnswerCodes } from '../kinds/survey-answers.ts';
import { answerColumns, type SurveyParseSummary } from './survey-rows.ts';
import { readStagedSql } from './merge-records.ts';

const nonAnswerList = [...nonAnswerCodes].map((c) => `'${c}'`).join(', ');

/** Score of a stored answer on its question's scale; non-answers have none (never zero). */
const scoreSql = `CASE WHEN a.answer_code IN (${nonAnswerList}) THEN NULL
	WHEN regexp_full_match(a.answer_code, '[0-9]+') THEN a.answer_code::SMALLINT
	WHEN q.scale = 'sat3' THEN CASE a.answer_code WHEN 'very_satisfied' THEN 3 WHEN 'satisfied' THEN 3
		WHEN 'basically_satisfied' THEN 2 WHEN 'neutral' THEN 2 ELSE 1 END
	ELSE CASE a.answer_code WHEN 'very_satisfied' THEN 5 WHEN 'satisfied' THEN 4 WHEN 'basically_satisfied' THEN 4
		WHEN 'neutral' THEN 3 WHEN 'dissatisfied' THEN 2 ELSE 1 END END`;

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
 */
export async function mergeSurveyAnswers(
	connection: DuckDBConnection,
	batchId: number,
	waveId: string,
	survey: SurveyParseSummary
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
	await connection.run(
		`INSERT INTO survey_answers (wave_id, respondent_id, question_code, raw_value, answer_code, score, batch_id)
			SELECT $wave, a.respondent_id, a.question_code, a.raw_value, a.answer_code, ${scoreSql}, $batch
			FROM ${readStagedSql(survey.answersPath, columns)} a
			JOIN survey_questions q ON q.wave_id = $wave AND q.code = a.question_code
			WHERE $wave || '/' || a.respondent_id IN (SELECT id FROM survey_respondents WHERE batch_id = $batch)`,
		params
	);
}
