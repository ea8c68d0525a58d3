import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { rollbackBatch } from './rollback-batch.ts';
import {
	QuestionnaireEditError,
	updateSurveyQuestion,
	updateWaveDetails,
	type QuestionChanges,
	type WaveDetailsChanges
} from './survey-questionnaire.ts';
import { createTestDatabase, writeFixture } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;

const header = '问卷编号,片区,房号,调查日期,S1 过去12个月是否报修过,Q1 总体满意度,Q3 报修维修,Q5 清洁卫生';
const rows = [
	'R1,翠湖花园,1-1-101,2025-10-08,是,非常满意,满意,5',
	'R2,翠湖花园,1-1-102,2025-10-09,否,一般,不适用,3',
	'R3,翠湖花园,1-1-103,2025-10-10,是,不满意,一般,1',
	'R4,翠湖花园,1-1-104,2025-10-11,是,不清楚,非常不满意,4'
];

const load = (name: string, lines: string[]) =>
	ingestFile(db, {
		filePath: writeFixture(dir, name, [header, ...lines].join('\n')),
		uploadedBy: 'tester',
		source: 'cli',
		inWorker: false
	});

beforeEach(async () => {
	({ db, dir } = await createTestDatabase());
	await load('first.csv', rows);
});
afterEach(() => db.close());

const readWave = async () =>
	(
		await queryRows(
			db.writer,
			`SELECT name, year, fieldwork_start::VARCHAR AS fieldwork_start, fieldwork_end::VARCHAR AS fieldwork_end,
				method, sample_frame, units_surveyed, weighted, exclusions, incentives FROM survey_waves WHERE id = '2025'`
		)
	)[0];

const readQuestions = () =>
	queryRows(
		db.writer,
		`SELECT code, text_zh, text_en, dimension, scale, screening_code, tsm_code, version FROM survey_questions
			WHERE wave_id = '2025' ORDER BY position`
	);

const readScores = (table: string, code: string) =>
	queryRows<{ respondent_id: string; answer_code: string; score: number | null }>(
		db.writer,
		`SELECT respondent_id, answer_code, score::INTEGER AS score FROM ${table}
			WHERE wave_id = '2025' AND question_code = $code ORDER BY respondent_id`,
		{ code }
	);

describe('updateWaveDetails', () => {
	const details = {
		name: '2025年度满意度调查',
		year: 2025,
		fieldwork_start: '2025-10-08',
		fieldwork_end: '2025-10-31',
		method: '入户面访与线上问卷',
		sample_frame: '在住业户（不含空置房）',
		units_surveyed: 5612,
		weighted: false,
		exclusions: '空置房；入住不足三个月的业户',
		incentives: '无'
	};

	it('stores every detail given and keeps the ones not given', async () => {
		const returned = await updateWaveDetails(db.writer, '2025', details);
		expect(await readWave()).toEqual(details);
		expect(returned).toEqual({ id: '2025', ...details });
		await updateWaveDetails(db.writer, '2025', { weighted: true, incentives: '  ', method: ' 电话访问 ' });
		expect(await readWave()).toEqual({ ...details, weighted: true, incentives: null, method: '电话访问' });
	});

	it('refuses an unknown wave and invalid details, changing nothing', async () => {
		await updateWaveDetails(db.writer, '2025', details);
		await ingestFile(db, {
			filePath: writeFixture(dir, 'other.csv', [header, rows[0]].join('\n')),
			uploadedBy: 'tester',
			source: 'cli',
			wave: '试点调查',
			inWorker: false
		});
		const refusals: [string, WaveDetailsChanges, RegExp][] = [
			['2024', { method: '电话' }, /no survey wave 2024/],
			['2025', { fieldwork_end: '2025-10-01' }, /cannot end \(2025-10-01\) before it starts \(2025-10-08\)/],
			['2025', { fieldwork_start: '2025-02-30' }, /fieldwork_start: is not a calendar date/],
			['2025', { fieldwork_start: '8/10/2025' }, /fieldwork_start: must be a date written YYYY-MM-DD/],
			['2025', { units_surveyed: 0 }, /units_surveyed/],
			['2025', { name: '' }, /name/],
			['2025', { name: '试点调查' }, /Another survey wave \(试点调查\)/],
			['2025', { colour: 'red' } as WaveDetailsChanges, /colour/]
		];
		for (const [wave, changes, message] of refusals) {
			const attempt = updateWaveDetails(db.writer, wave, changes);
			await expect(attempt, JSON.stringify(changes)).rejects.toThrow(QuestionnaireEditError);
			await expect(updateWaveDetails(db.writer, wave, changes)).rejects.toThrow(message);
		}
		expect(await readWave()).toEqual(details);
	});
});

describe('updateSurveyQuestion', () => {
	it('stores texts, dimension, screening question, TSM code and version', async () => {
		const before = await readQuestions();
		expect(before.map((q) => [q.code, q.scale, q.dimension])).toEqual([
			['S1', 'yes_no', null],
			['Q1', 'likert5', 'overall'],
			['Q3', 'likert5', 'repairs'],
			['Q5', 'likert5', 'cleaning']
		]);
		const returned = await updateSurveyQuestion(db.writer, '2025', 'Q3', {
			text_en: 'Satisfaction with repairs',
			dimension: 'repairs',
			screening_code: 'S1',
			tsm_code: 'TP02',
			version: 2
		});
		expect(returned).toMatchObject({ code: 'Q3', screening_code: 'S1', tsm_code: 'TP02', version: 2 });
		await updateSurveyQuestion(db.writer, '2025', 'Q5', { text_zh: '公共区域清洁', dimension: null });
		expect(await readQuestions()).toEqual([
			before[0],
			before[1],
			{
				...before[2],
				text_en: 'Satisfaction with repairs',
				screening_code: 'S1',
				tsm_code: 'TP02',
				version: 2
			},
			{ ...before[3], text_zh: '公共区域清洁', dimension: null }
		]);
		// Clearing the links is allowed, and frees the TSM code for another question.
		await updateSurveyQuestion(db.writer, '2025', 'Q3', { screening_code: null, tsm_code: null });
		await updateSurveyQuestion(db.writer, '2025', 'Q1', { tsm_code: 'TP02' });
		expect((await readQuestions()).map((q) => [q.code, q.screening_code, q.tsm_code])).toEqual([
			['S1', null, null],
			['Q1', null, 'TP02'],
			['Q3', null, null],
			['Q5', null, null]
		]);
	});

	it('refuses unknown waves and questions, invalid values and broken links, changing nothing', async () => {
		await updateSurveyQuestion(db.writer, '2025', 'Q3', { screening_code: 'S1', tsm_code: 'TP02' });
		const before = await readQuestions();
		const refusals: [string, string, QuestionChanges, RegExp][] = [
			['2024', 'Q1', { version: 2 }, /no survey wave 2024/],
			['2025', 'Q9', { version: 2 }, /Survey wave 2025 has no question Q9/],
			['2025', 'Q1', { dimension: 'happiness' as 'overall' }, /dimension/],
			['2025', 'Q1', { scale: 'likert7' as 'likert5' }, /scale/],
			['2025', 'Q1', { version: 0 }, /version/],
			['2025', 'Q1', { version: 1.5 }, /version/],
			['2025', 'Q1', { tsm_code: 'TP13' }, /TSM code TP01 … TP12/],
			['2025', 'Q1', { tsm_code: 'TP02' }, /Q3 already carries TP02/],
			['2025', 'S1', { screening_code: 'S1' }, /cannot screen its own respondents/],
			['2025', 'Q1', { screening_code: 'Q5' }, /Q5 is not a yes\/no question/],
			['2025', 'Q1', { screening_code: 'S9' }, /no question S9 to screen by/],
			['2025', 'S1', { scale: 'likert5' }, /S1 .* screens Q3/]
		];
		for (const [wave, code, changes, message] of refusals) {
			await expect(
				updateSurveyQuestion(db.writer, wave, code, changes),
				JSON.stringify(changes)
			).rejects.toThrow(QuestionnaireEditError);
			await expect(updateSurveyQuestion(db.writer, wave, code, changes)).rejects.toThrow(message);
		}
		expect(await readQuestions()).toEqual(before);
	});

	it('re-scores the stored answers, and those a rollback would restore, when the scale changes', async () => {
		// R1 changes their overall answer: the first one moves to history.
		const second = await load('second.csv', [rows[0].replace('非常满意', '满意'), ...rows.slice(1)]);
		expect(second).toMatchObject({ status: 'loaded', rowsUpdated: 1 });
		// Written out by hand: labels on 0–10 (10/8/7/5/2/0) and on sat3 (3/3/2/2/1/1), non-answers none.
		const q1 = (scores: (number | null)[]) =>
			['satisfied', 'neutral', 'dissatisfied', 'dont_know'].map((code, i) => ({
				respondent_id: `R${i + 1}`,
				answer_code: code,
				score: scores[i]
			}));
		expect(await readScores('survey_answers', 'Q1')).toEqual(q1([4, 3, 2, null]));
		await updateSurveyQuestion(db.writer, '2025', 'Q1', { scale: 'score0_10' });
		expect(await readScores('survey_answers', 'Q1')).toEqual(q1([8, 5, 2, null]));
		expect(await readScores('survey_answers_history', 'Q1')).toEqual([
			{ respondent_id: 'R1', answer_code: 'very_satisfied', score: 10 }
		]);
		await updateSurveyQuestion(db.writer, '2025', 'Q1', { scale: 'sat3' });
		expect(await readScores('survey_answers', 'Q1')).toEqual(q1([3, 2, 1, null]));
		// Numbers keep their value on a scale that has it, and lose their score on one that does not.
		await updateSurveyQuestion(db.writer, '2025', 'Q5', { scale: 'sat3' });
		expect((await readScores('survey_answers', 'Q5')).map((a) => a.score)).toEqual([null, 3, 1, null]);
		await updateSurveyQuestion(db.writer, '2025', 'Q5', { scale: 'score0_10' });
		expect((await readScores('survey_answers', 'Q5')).map((a) => a.score)).toEqual([5, 3, 1, 4]);
		// Other questions keep their scores.
		expect((await readScores('survey_answers', 'Q3')).map((a) => a.score)).toEqual([4, null, 3, 1]);
		await rollbackBatch(db.writer, second.batchId!, 'tester');
		expect((await readScores('survey_answers', 'Q1'))[0]).toEqual({
			respondent_id: 'R1',
			answer_code: 'very_satisfied',
			score: 3
		});
	});
});
