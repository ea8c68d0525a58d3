import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { createTestDatabase, writeFixture } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

/** A cell as written in the file, the answer code it must be stored as, and its score (null: none). */
type Cell = [raw: string | number | null, code: string, score: number | null];

interface Column {
	header: string;
	code: string;
	scale: string;
	cells: Cell[];
}

/**
 * Eleven respondents; one column per way of answering. Expectations are written out by hand from the
 * scoring rules (likert5 5…1 with 基本满意 4; sat3 3/3/2/2/1/1; 0–10 labels 10/8/7/5/2/0; numbers as
 * themselves on their scale, none off it; yes/no and non-answers none).
 */
const columns: Column[] = [
	{
		header: 'S1 过去12个月是否报修过',
		code: 'S1',
		scale: 'yes_no',
		cells: [
			['是', 'yes', null],
			['是的', 'yes', null],
			['有', 'yes', null],
			['yes', 'yes', null],
			['y', 'yes', null],
			['否', 'no', null],
			['不是', 'no', null],
			['no', 'no', null],
			['n', 'no', null],
			['没有', 'na', null],
			['无', 'na', null]
		]
	},
	{
		header: 'Q1 总体满意度',
		code: 'Q1',
		scale: 'likert5',
		cells: [
			['非常满意', 'very_satisfied', 5],
			['满意', 'satisfied', 4],
			['一般', 'neutral', 3],
			['不满意', 'dissatisfied', 2],
			['非常不满意', 'very_dissatisfied', 1],
			['不适用', 'na', null],
			['不清楚', 'dont_know', null],
			['N/A', 'na', null],
			["don't know", 'dont_know', null],
			[null, 'blank', null],
			['满意', 'satisfied', 4]
		]
	},
	{
		header: 'Q2 客户服务',
		code: 'Q2',
		scale: 'sat3',
		cells: [
			['满意', 'satisfied', 3],
			['基本满意', 'basically_satisfied', 2],
			['不满意', 'dissatisfied', 1],
			['满意', 'satisfied', 3],
			['基本满意', 'basically_satisfied', 2],
			['不满意', 'dissatisfied', 1],
			['不适用', 'na', null],
			[null, 'blank', null],
			['不清楚', 'dont_know', null],
			['满意', 'satisfied', 3],
			['基本满意', 'basically_satisfied', 2]
		]
	},
	{
		header: 'Q3 Satisfaction with repairs',
		code: 'Q3',
		scale: 'likert5',
		cells: [
			['very satisfied', 'very_satisfied', 5],
			['fairly satisfied', 'satisfied', 4],
			['neither', 'neutral', 3],
			['fairly dissatisfied', 'dissatisfied', 2],
			['very dissatisfied', 'very_dissatisfied', 1],
			['N/A', 'na', null],
			["don't know", 'dont_know', null],
			[null, 'blank', null],
			['Very Satisfied', 'very_satisfied', 5],
			['Fairly satisfied', 'satisfied', 4],
			['neither', 'neutral', 3]
		]
	},
	{
		header: 'Q4 投诉处理',
		code: 'Q4',
		scale: 'likert5',
		cells: [
			[1, '1', 1],
			[2, '2', 2],
			[3, '3', 3],
			[4, '4', 4],
			[5, '5', 5],
			[null, 'blank', null],
			['不适用', 'na', null],
			[5, '5', 5],
			[4, '4', 4],
			[3, '3', 3],
			[2, '2', 2]
		]
	},
	{
		header: 'Q5 推荐意愿',
		code: 'Q5',
		scale: 'score0_10',
		cells: [
			[0, '0', 0],
			[1, '1', 1],
			[2, '2', 2],
			[3, '3', 3],
			[4, '4', 4],
			[5, '5', 5],
			[6, '6', 6],
			[7, '7', 7],
			[8, '8', 8],
			[9, '9', 9],
			[10, '10', 10]
		]
	},
	{
		header: 'Q6 清洁卫生',
		code: 'Q6',
		scale: 'score0_10',
		cells: [
			['非常满意', 'very_satisfied', 10],
			['满意', 'satisfied', 8],
			['基本满意', 'basically_satisfied', 7],
			['一般', 'neutral', 5],
			['不满意', 'dissatisfied', 2],
			['非常不满意', 'very_dissatisfied', 0],
			['不清楚', 'dont_know', null],
			[null, 'blank', null],
			['满意', 'satisfied', 8],
			['非常满意', 'very_satisfied', 10],
			['不适用', 'na', null]
		]
	},
	{
		header: 'Q7 绿化养护',
		code: 'Q7',
		scale: 'likert5',
		cells: [
			[7, '7', null],
			[0, '0', null],
			[1, '1', 1],
			[5, '5', 5],
			[3, '3', 3],
			[null, 'blank', null],
			['不清楚', 'dont_know', null],
			[6, '6', null],
			[2, '2', 2],
			[4, '4', 4],
			[10, '10', null]
		]
	},
	{
		header: 'Q8 停车管理',
		code: 'Q8',
		scale: 'sat3',
		cells: [
			[1, '1', 1],
			[2, '2', 2],
			[3, '3', 3],
			[4, '4', null],
			[0, '0', null],
			[null, 'blank', null],
			[1, '1', 1],
			[2, '2', 2],
			[3, '3', 3],
			[4, '4', null],
			[5, '5', null]
		]
	}
];

/** Scales the file's answers alone do not reveal: words on a 0–10 question, off-scale numbers. */
const questionScales = { Q6: 'score0_10', Q7: 'likert5', Q8: 'sat3' } as const;

const respondents = columns[0].cells.map((_, i) => `R${String(i + 1).padStart(2, '0')}`);
const fixedHeader = ['问卷编号', '片区', '房号', '调查日期'];
const fixedCells = (i: number) => [respondents[i], '翠湖花园', `1-1-${101 + i}`, `2025-10-${10 + i}`];

function writeCsv(): string {
	const lines = [
		[...fixedHeader, ...columns.map((c) => c.header)],
		...respondents.map((_, i) => [...fixedCells(i), ...columns.map((c) => c.cells[i][0] ?? '')])
	];
	return writeFixture(dir, 'answers.csv', lines.map((cells) => cells.join(',')).join('\n'));
}

async function writeXlsx(): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('问卷');
	sheet.addRow([...fixedHeader, ...columns.map((c) => c.header)]);
	// Numbers as number cells, blanks as empty cells: the way a spreadsheet holds them.
	respondents.forEach((_, i) => sheet.addRow([...fixedCells(i), ...columns.map((c) => c.cells[i][0])]));
	const file = path.join(dir, 'answers.xlsx');
	await workbook.xlsx.writeFile(file);
	return file;
}

const expectedAnswers = respondents.flatMap((id, i) =>
	columns.map((c) => ({
		respondent_id: id,
		question_code: c.code,
		raw_value: c.cells[i][0] === null ? null : String(c.cells[i][0]),
		answer_code: c.cells[i][1],
		score: c.cells[i][2]
	}))
);

describe('answers stored through a real load, row by row', () => {
	for (const format of ['csv', 'xlsx'] as const) {
		it(`stores each answer's code and its score on its question's scale (${format})`, async () => {
			const filePath = format === 'csv' ? writeCsv() : await writeXlsx();
			const result = await ingestFile(db, {
				filePath,
				uploadedBy: 'tester',
				source: 'cli',
				questionScales,
				inWorker: false
			});
			expect(result).toMatchObject({ status: 'loaded', kind: 'surveys', rowsLoaded: 11, waveId: '2025' });
			const questions = await queryRows(
				db.writer,
				'SELECT code, scale, dimension FROM survey_questions ORDER BY position'
			);
			expect(questions.map((q) => [q.code, q.scale])).toEqual(columns.map((c) => [c.code, c.scale]));
			// A screening question is no satisfaction dimension, though its text mentions repairs.
			expect(questions[0].dimension).toBeNull();
			const order = columns.map((c) => c.code);
			const stored = (
				await queryRows<(typeof expectedAnswers)[number]>(
					db.writer,
					`SELECT respondent_id, question_code, raw_value, answer_code, score::INTEGER AS score
						FROM survey_answers`
				)
			).sort(
				(a, b) =>
					a.respondent_id.localeCompare(b.respondent_id) ||
					order.indexOf(a.question_code) - order.indexOf(b.question_code)
			);
			expect(stored).toEqual(expectedAnswers);
		});
	}
});
