import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { rollbackBatch } from './rollback-batch.ts';
import { countRows, createTestDatabase, writeFixture } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

const ingest = (file: string, extra: Partial<Parameters<typeof ingestFile>[1]> = {}) =>
	ingestFile(db, { filePath: file, uploadedBy: 'tester', source: 'cli', inWorker: false, ...extra });

describe('surveys', () => {
	const surveyCsv = [
		'问卷编号,片区,房号,受访者类型,调查日期,Q1 总体满意度,Q3 报修维修,TP02 Satisfaction with repairs,意见建议',
		'R1,翠湖花园,1-1-101,业主,2025-10-03,非常满意,不适用,5,很好',
		'R2,翠湖花园,1-1-102,租户,2025-10-04,一般,不清楚,,',
		'R3,翠湖花园,1-1-103,业主,2025-10-05,不满意,满意,2,电梯太旧'
	].join('\n');

	it('turns a wide file into long-form answers, keeping non-answers as such, in the wave of the responses year', async () => {
		const result = await ingest(writeFixture(dir, 's.csv', surveyCsv));
		expect(result).toMatchObject({ status: 'loaded', kind: 'surveys', rowsLoaded: 3, waveId: '2025' });
		const answers = await queryRows<{
			respondent_id: string;
			question_code: string;
			answer_code: string;
			score: number | null;
		}>(
			db.writer,
			'SELECT respondent_id, question_code, answer_code, score FROM survey_answers ORDER BY respondent_id, question_code'
		);
		expect(answers).toEqual([
			{ respondent_id: 'R1', question_code: 'Q1', answer_code: 'very_satisfied', score: 5 },
			{ respondent_id: 'R1', question_code: 'Q3', answer_code: 'na', score: null },
			{ respondent_id: 'R1', question_code: 'TP02', answer_code: '5', score: 5 },
			{ respondent_id: 'R2', question_code: 'Q1', answer_code: 'neutral', score: 3 },
			{ respondent_id: 'R2', question_code: 'Q3', answer_code: 'dont_know', score: null },
			{ respondent_id: 'R2', question_code: 'TP02', answer_code: 'blank', score: null },
			{ respondent_id: 'R3', question_code: 'Q1', answer_code: 'dissatisfied', score: 2 },
			{ respondent_id: 'R3', question_code: 'Q3', answer_code: 'satisfied', score: 4 },
			{ respondent_id: 'R3', question_code: 'TP02', answer_code: '2', score: 2 }
		]);
		const questions = await queryRows<{ code: string; dimension: string; tsm_code: string | null }>(
			db.writer,
			'SELECT code, dimension, tsm_code FROM survey_questions ORDER BY position'
		);
		expect(questions).toEqual([
			{ code: 'Q1', dimension: 'overall', tsm_code: null },
			{ code: 'Q3', dimension: 'repairs', tsm_code: null },
			{ code: 'TP02', dimension: 'repairs', tsm_code: 'TP02' }
		]);
	});

	it('attaches responses to a named wave, replaces a changed respondent and rolls back to the earlier answers', async () => {
		const first = await ingest(writeFixture(dir, 's1.csv', surveyCsv), { wave: '2025年度满意度调查' });
		expect(first.waveId).toBe('2025年度满意度调查');
		const before = await queryRows(
			db.writer,
			'SELECT * FROM survey_answers ORDER BY respondent_id, question_code'
		);
		const changed = surveyCsv.replace(
			'R3,翠湖花园,1-1-103,业主,2025-10-05,不满意',
			'R3,翠湖花园,1-1-103,业主,2025-10-05,满意'
		);
		const second = await ingest(writeFixture(dir, 's2.csv', changed), { wave: '2025年度满意度调查' });
		expect(second).toMatchObject({ rowsUpdated: 1, rowsUnchanged: 2, rowsLoaded: 0 });
		// The unchanged respondents keep their answers once: only the changed one's are replaced.
		expect(await queryRows(db.writer, 'SELECT count(*)::INTEGER AS n FROM survey_answers')).toEqual([
			{ n: before.length }
		]);
		const [q1] = await queryRows<{ answer_code: string }>(
			db.writer,
			"SELECT answer_code FROM survey_answers WHERE respondent_id = 'R3' AND question_code = 'Q1'"
		);
		expect(q1.answer_code).toBe('satisfied');
		await rollbackBatch(db.writer, second.batchId!, 'tester');
		expect(
			await queryRows(db.writer, 'SELECT * FROM survey_answers ORDER BY respondent_id, question_code')
		).toEqual(before);
	});

	it('rejects an answer that is not on any scale, naming the question column', async () => {
		const bad = surveyCsv.replace('非常满意', '还行吧');
		const result = await ingest(writeFixture(dir, 'bad.csv', bad));
		expect(result.status).toBe('rejected');
		expect(result.rejects[0]).toMatchObject({ row: 2, column: 'Q1 总体满意度', value: '还行吧' });
	});
});

describe('fees', () => {
	it('splits a ledger row into a bill and a payment', async () => {
		const ledger = [
			'账单编号,房号,片区,楼栋,收费项目,账期,应收金额,应缴日期,实收金额,收款日期',
			'B1,A-2306,科技大厦,A座,物业费,2025-03,"¥1,234.50",2025-04-15,1234.5元,2025-04-10',
			'B2,A-2307,科技大厦,A座,物业费,2025年3月,800,,,'
		].join('\n');
		const result = await ingest(writeFixture(dir, 'ledger.csv', ledger));
		expect(result).toMatchObject({ status: 'loaded', kind: 'fees', rowsLoaded: 2 });
		const bills = await queryRows<{ id: string; amount_due: number; period: Date; due_date: Date }>(
			db.writer,
			'SELECT id, amount_due::DOUBLE AS amount_due, period, due_date FROM fee_bills ORDER BY id'
		);
		expect(
			bills.map((b) => [
				b.id,
				b.amount_due,
				b.period.toISOString().slice(0, 10),
				b.due_date.toISOString().slice(0, 10)
			])
		).toEqual([
			['B1', 1234.5, '2025-03-01', '2025-04-15'],
			['B2', 800, '2025-03-01', '2025-04-15']
		]);
		const payments = await queryRows<{ id: string; bill_id: string; amount: number }>(
			db.writer,
			'SELECT id, bill_id, amount::DOUBLE AS amount FROM payments'
		);
		expect(payments).toEqual([{ id: 'B1#ledger', bill_id: 'B1', amount: 1234.5 }]);
	});

	it('loads payments, with or without a bill id', async () => {
		const file = [
			'收款单号,账单编号,房号,片区,实收金额,收款日期,支付方式',
			'P1,B1,A-2306,科技大厦,100,2025-04-10 10:00,微信',
			'P2,,A-2307,科技大厦,50.5,2025-04-11,现金'
		].join('\n');
		const result = await ingest(writeFixture(dir, 'pay.csv', file));
		expect(result).toMatchObject({ status: 'loaded', kind: 'payments', rowsLoaded: 2 });
		expect(await countRows(db, 'payments')).toBe(2);
	});
});

describe('units', () => {
	it('keys a unit by its code within its area and normalises the code', async () => {
		const file = [
			'房号,片区,楼栋,建筑面积,物业类型,入住状态',
			'３-２-１５０２ ,翠湖花园,3栋,89.5,住宅,业主自住',
			'3-2-1502,阳光新城,3栋,92,住宅,出租'
		].join('\n');
		const result = await ingest(writeFixture(dir, 'units.csv', file));
		expect(result).toMatchObject({ status: 'loaded', kind: 'units', rowsLoaded: 2 });
		const units = await queryRows<{ id: string; unit_code: string }>(
			db.writer,
			'SELECT id, unit_code FROM units ORDER BY id'
		);
		expect(units).toEqual([
			{ id: '翠湖花园/3-2-1502', unit_code: '3-2-1502' },
			{ id: '阳光新城/3-2-1502', unit_code: '3-2-1502' }
		]);
	});
});
