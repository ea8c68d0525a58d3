import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { previewFile } from './preview-file.ts';
import { updateSurveyQuestion } from './survey-questionnaire.ts';
import { createTestDatabase, writeFixture } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

/** A survey file: the fixed columns, then the given question headers, each answered by three respondents. */
function writeSurvey(name: string, year: number, questionHeaders: string[], answers: string[][]): string {
	const lines = [
		['问卷编号', '片区', '房号', '调查日期', ...questionHeaders].join(','),
		...answers.map((cells, i) =>
			[`R${i + 1}`, '翠湖花园', `1-1-10${i + 1}`, `${year}-10-0${i + 1}`, ...cells].join(',')
		)
	];
	return writeFixture(dir, name, lines.join('\n'));
}

const load = (filePath: string, inWorker = false) =>
	ingestFile(db, { filePath, uploadedBy: 'tester', source: 'cli', inWorker });

async function listAnswers(wave: string) {
	return queryRows<{ respondent_id: string; question_code: string; answer_code: string }>(
		db.writer,
		`SELECT respondent_id, question_code, answer_code FROM survey_answers WHERE wave_id = $wave
			ORDER BY respondent_id, question_code`,
		{ wave }
	);
}

describe('question columns recognised by the text of a known question', () => {
	it('reads a header without a code as the question of the latest wave whose text it matches', async () => {
		// 2025 is loaded first and 2024 second: the latest wave is the later year, not the later load.
		await load(
			writeSurvey('2025.csv', 2025, ['Q3 Satisfaction with repairs', 'Q1 总体满意度'], [['满意', '满意']])
		);
		await load(
			writeSurvey('2024.csv', 2024, ['Q9 Satisfaction with repairs', 'Q2 总体满意度'], [['满意', '满意']])
		);
		const file = writeSurvey(
			'2026.csv',
			2026,
			['SATISFACTION WITH REPAIRS ', '总体 满意度', 'Something else'],
			[
				['非常满意', '一般', 'x'],
				['不满意', '满意', 'y']
			]
		);
		const preview = await previewFile(db, { filePath: file, inWorker: false });
		expect(preview.kind).toBe('surveys');
		expect(preview.questions!.map((q) => [q.header, q.code])).toEqual([
			['SATISFACTION WITH REPAIRS', 'Q3'],
			['总体 满意度', 'Q1']
		]);
		expect(preview.unknownHeaders).toEqual(['Something else']);
		// Loaded in the parse worker, as uploads are: the known questions travel with the request.
		const result = await load(file, true);
		expect(result).toMatchObject({ status: 'loaded', waveId: '2026', rowsLoaded: 2 });
		expect(await listAnswers('2026')).toEqual([
			{ respondent_id: 'R1', question_code: 'Q1', answer_code: 'neutral' },
			{ respondent_id: 'R1', question_code: 'Q3', answer_code: 'very_satisfied' },
			{ respondent_id: 'R2', question_code: 'Q1', answer_code: 'satisfied' },
			{ respondent_id: 'R2', question_code: 'Q3', answer_code: 'dissatisfied' }
		]);
		const questions = await queryRows(
			db.writer,
			"SELECT code, text_en, text_zh FROM survey_questions WHERE wave_id = '2026' ORDER BY position"
		);
		expect(questions).toEqual([
			{ code: 'Q3', text_en: 'SATISFACTION WITH REPAIRS', text_zh: null },
			{ code: 'Q1', text_en: null, text_zh: '总体 满意度' }
		]);
	});

	it('matches the wording an editor gave a question (English added to a Chinese questionnaire)', async () => {
		await load(writeSurvey('2025.csv', 2025, ['Q1 总体满意度'], [['满意']]));
		await updateSurveyQuestion(db.writer, '2025', 'Q1', { text_en: 'Overall satisfaction' });
		const result = await load(writeSurvey('en.csv', 2026, ['Overall satisfaction'], [['very satisfied']]));
		expect(result).toMatchObject({ status: 'loaded', waveId: '2026' });
		expect(await listAnswers('2026')).toEqual([
			{ respondent_id: 'R1', question_code: 'Q1', answer_code: 'very_satisfied' }
		]);
	});

	it('leaves a text match unrecognised where another column names the same question by its code', async () => {
		await load(writeSurvey('2025.csv', 2025, ['Q3 Satisfaction with repairs'], [['满意']]));
		const file = writeSurvey(
			'both.csv',
			2026,
			['Satisfaction with repairs', 'Q3 报修维修', 'satisfaction with repairs'],
			[['一般', '满意', '不满意']]
		);
		const preview = await previewFile(db, { filePath: file, inWorker: false });
		expect(preview.questions!.map((q) => [q.header, q.code])).toEqual([['Q3 报修维修', 'Q3']]);
		expect(preview.unknownHeaders).toEqual(['Satisfaction with repairs', 'satisfaction with repairs']);
		await load(file);
		expect(await listAnswers('2026')).toEqual([
			{ respondent_id: 'R1', question_code: 'Q3', answer_code: 'satisfied' }
		]);
	});

	it('does not read a file as a survey by text alone while no wave knows its questions', async () => {
		const file = writeSurvey('new.csv', 2026, ['Satisfaction with repairs'], [['满意']]);
		const preview = await previewFile(db, { filePath: file, kind: 'surveys', inWorker: false });
		expect(preview.message).toMatch(/questions/);
	});
});
