import type { DuckDBConnection } from '@duckdb/node-api';
import { updateSurveyQuestion, updateWaveDetails } from '../load/survey-questionnaire.ts';
import { SURVEY_QUESTIONS, SURVEY_SCREENING_QUESTION } from './surveys.demo.ts';

/**
 * What a survey file cannot say about its wave and questionnaire — fieldwork, method, base, English
 * wording, the screening link and TSM codes — entered after loading as a user would on the edit forms.
 */
export async function applyDemoQuestionnaire(
	connection: DuckDBConnection,
	waveId: string,
	year: number,
	occupiedUnits: number
): Promise<void> {
	await updateWaveDetails(connection, waveId, {
		fieldwork_start: `${year}-10-08`,
		fieldwork_end: `${year}-10-31`,
		method: '入户面访与线上问卷',
		sample_frame: '在住业户（不含空置房）',
		units_surveyed: occupiedUnits,
		weighted: false,
		exclusions: '空置房；入住不足三个月的业户',
		incentives: '无'
	});
	await updateSurveyQuestion(connection, waveId, SURVEY_SCREENING_QUESTION.code, {
		text_en: SURVEY_SCREENING_QUESTION.textEn
	});
	for (const question of SURVEY_QUESTIONS) {
		await updateSurveyQuestion(connection, waveId, question.code, {
			text_en: question.textEn,
			tsm_code: question.tsmCode ?? null,
			screening_code:
				question.code === SURVEY_SCREENING_QUESTION.screens ? SURVEY_SCREENING_QUESTION.code : null
		});
	}
}
