import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { createAnswerParser, type AnswerLabels } from '../kinds/survey-answers.ts';
import { saveColumnMapping } from './column-mappings.ts';
import { ingestFile } from './ingest-file.ts';
import { previewFile } from './preview-file.ts';
import { createTestDatabase, writeFixture } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

/** Question headers without codes, answers in a questionnaire's own words (only 一般 is a built-in label). */
const questionHeaders = ['Satisfaction with repairs', 'Overall service', '清洁卫生评价'];
const header = ['问卷编号', '片区', '房号', '受访者类型', '调查日期', ...questionHeaders, '意见建议'];
const answers: Record<string, string[]> = {
	R1: ['很好', '好', '很好'],
	R2: ['好', '好', '很差'],
	R3: ['一般', '很好', '好'],
	R4: ['差', '一般', '好'],
	R5: ['很差', '', '一般'],
	R6: ['没用过', '差', '没用过'],
	R7: ['一般', '', '一般']
};
const surveyCsv = [
	header.join(','),
	...Object.entries(answers).map(([id, cells], i) =>
		[id, '翠湖花园', `1-1-10${i + 1}`, '业主', `2025-10-0${i + 1}`, ...cells, ''].join(',')
	)
].join('\n');

const mapping = {
	'Satisfaction with repairs': 'question:Q1',
	'Overall service': 'question:Q2',
	清洁卫生评价: 'question:Q3'
};
const answerLabels: AnswerLabels = {
	很好: 'very_satisfied',
	好: 'satisfied',
	差: 'dissatisfied',
	很差: 'very_dissatisfied',
	没用过: 'na'
};
/** What the built-in vocabulary alone makes of this file's answers. */
const builtIn: Record<string, string> = { 一般: 'neutral', '': 'blank' };

/** Each question's labels counted straight from the fixture, with the code expected for each. */
function countExpectedLabels(known: Record<string, string>) {
	return questionHeaders.map((_, q) => {
		const counts = new Map<string, number>();
		for (const cells of Object.values(answers)) counts.set(cells[q], (counts.get(cells[q]) ?? 0) + 1);
		return [...counts].map(([label, count]) => ({ label, count, code: known[label] ?? null }));
	});
}

const byLabel = (a: { label: string }, b: { label: string }) => (a.label < b.label ? -1 : 1);

describe('createAnswerParser', () => {
	it("tries the file's own labels (trimmed, as labels are compared) before the built-in ones", () => {
		const parse = createAnswerParser({ ' 很好 ': 'very_satisfied', 一般: 'satisfied', '3': 'na' });
		expect([parse('很好'), parse('一般'), parse(3), parse('满意'), parse(null)]).toEqual([
			'very_satisfied',
			'satisfied',
			'na',
			'satisfied',
			'blank'
		]);
		expect(parse('差')).toMatchObject({ reason: expect.stringMatching(/not an answer/) });
	});
});

describe('a survey whose questions and answers are mapped by hand', () => {
	it('is not read as a survey without a mapping: no column is a question', async () => {
		const preview = await previewFile(db, {
			filePath: writeFixture(dir, 's.csv', surveyCsv),
			kind: 'surveys',
			inWorker: false
		});
		expect(preview.message).toMatch(/questions/);
		expect(preview.questions).toBeUndefined();
	});

	it('previews the mapped questions with every distinct label, unknown ones without a code', async () => {
		const preview = await previewFile(db, {
			filePath: writeFixture(dir, 's.csv', surveyCsv),
			mapping,
			inWorker: false
		});
		expect(preview.kind).toBe('surveys');
		expect(preview.message).toBeNull();
		const questions = preview.questions!;
		expect(questions.map((q) => [q.header, q.code, q.text])).toEqual([
			['Satisfaction with repairs', 'Q1', 'Satisfaction with repairs'],
			['Overall service', 'Q2', 'Overall service'],
			['清洁卫生评价', 'Q3', '清洁卫生评价']
		]);
		const expected = countExpectedLabels(builtIn);
		questions.forEach((q, i) => {
			expect([...q.labels].sort(byLabel)).toEqual(expected[i].sort(byLabel));
			// Most frequent first.
			expect(q.labels.map((l) => l.count)).toEqual([...q.labels.map((l) => l.count)].sort((a, b) => b - a));
		});
		// Only R7 answers in built-in words alone; the others stay invalid until their labels are mapped.
		expect(preview.counts).toMatchObject({ read: 7, new: 1, invalid: 6 });
		expect(preview.problems.some((p) => p.column === 'Overall service' && p.value === '好')).toBe(true);
	});

	it('previews every label recognised and no invalid row once the labels are mapped', async () => {
		const preview = await previewFile(db, {
			filePath: writeFixture(dir, 's.csv', surveyCsv),
			mapping,
			answerLabels,
			inWorker: false
		});
		const expected = countExpectedLabels({ ...builtIn, ...answerLabels });
		preview.questions!.forEach((q, i) => {
			expect([...q.labels].sort(byLabel)).toEqual(expected[i].sort(byLabel));
			expect(q.labels.every((l) => l.code !== null)).toBe(true);
		});
		expect(preview.counts).toMatchObject({ read: 7, new: 7, invalid: 0 });
		expect(preview.problems).toEqual([]);
	});

	it('stores the mapped answers with their codes and scores, through the worker, on the scales chosen', async () => {
		const result = await ingestFile(db, {
			filePath: writeFixture(dir, 's.csv', surveyCsv),
			uploadedBy: 'tester',
			source: 'cli',
			mapping,
			answerLabels,
			questionScales: { Q3: 'sat3' }
		});
		expect(result).toMatchObject({ status: 'loaded', kind: 'surveys', rowsLoaded: 7, waveId: '2025' });
		const scales = { Q1: 'likert5', Q2: 'likert5', Q3: 'sat3' } as const;
		const scores: Record<string, Record<string, number | null>> = {
			likert5: { very_satisfied: 5, satisfied: 4, neutral: 3, dissatisfied: 2, very_dissatisfied: 1 },
			sat3: { very_satisfied: 3, satisfied: 3, neutral: 2, dissatisfied: 1, very_dissatisfied: 1 }
		};
		const known: Record<string, string> = { ...builtIn, ...answerLabels };
		const expected = Object.entries(answers).flatMap(([id, cells]) =>
			(['Q1', 'Q2', 'Q3'] as const).map((code, q) => ({
				respondent_id: id,
				question_code: code,
				raw_value: cells[q] === '' ? null : cells[q],
				answer_code: known[cells[q]],
				score: scores[scales[code]][known[cells[q]]] ?? null
			}))
		);
		const stored = await queryRows(
			db.writer,
			`SELECT respondent_id, question_code, raw_value, answer_code, score::INTEGER AS score FROM survey_answers
				ORDER BY respondent_id, question_code`
		);
		expect(stored).toEqual(expected);
		// Non-answers are kept as such, never scored as zero.
		expect(stored.filter((r) => r.answer_code === 'na' || r.answer_code === 'blank')).toHaveLength(4);
		const questions = await queryRows(
			db.writer,
			'SELECT code, scale, text_en, text_zh FROM survey_questions ORDER BY code'
		);
		expect(questions).toEqual([
			{ code: 'Q1', scale: 'likert5', text_en: 'Satisfaction with repairs', text_zh: null },
			{ code: 'Q2', scale: 'likert5', text_en: 'Overall service', text_zh: null },
			{ code: 'Q3', scale: 'sat3', text_en: null, text_zh: '清洁卫生评价' }
		]);
	});

	it('keeps a remembered mapping of columns to questions, and the answer labels and scales saved with it', async () => {
		const file = writeFixture(dir, 's.csv', surveyCsv);
		await saveColumnMapping(db.writer, { kind: 'surveys', headerCells: header, mapping, user: 'amy' });
		const columnsOnly = await previewFile(db, { filePath: file, inWorker: false });
		expect(columnsOnly.questions!.map((q) => q.code)).toEqual(['Q1', 'Q2', 'Q3']);
		expect(columnsOnly.counts).toMatchObject({ new: 1, invalid: 6 });
		await saveColumnMapping(db.writer, {
			kind: 'surveys',
			headerCells: header,
			mapping,
			answers: { answerLabels, questionScales: { Q3: 'sat3' } },
			user: 'amy'
		});
		const remembered = await previewFile(db, { filePath: file, inWorker: false });
		expect(remembered.questions!.map((q) => [q.code, q.scale])).toEqual([
			['Q1', 'likert5'],
			['Q2', 'likert5'],
			['Q3', 'sat3']
		]);
		expect(remembered.counts).toMatchObject({ new: 7, invalid: 0 });
		// Options given with the request replace the remembered ones as a whole.
		const given = await previewFile(db, { filePath: file, questionScales: { Q1: 'sat3' }, inWorker: false });
		expect(given.questions!.map((q) => q.scale)).toEqual(['sat3', 'likert5', 'likert5']);
		expect(given.counts).toMatchObject({ invalid: 6 });
		const result = await ingestFile(db, { filePath: file, uploadedBy: 'tester', source: 'cli' });
		expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 7 });
		const scales = await queryRows(db.writer, 'SELECT code, scale FROM survey_questions ORDER BY code');
		expect(scales.map((q) => q.scale)).toEqual(['likert5', 'likert5', 'sat3']);
	});

	it('re-codes a prefixed question and refuses malformed codes, repeated codes and unknown scales', async () => {
		const file = writeFixture(dir, 'p.csv', surveyCsv.replace('Overall service', 'Q3 报修维修'));
		const recoded = await previewFile(db, {
			filePath: file,
			mapping: { ...mapping, 'Q3 报修维修': 'question:Q9' },
			answerLabels,
			inWorker: false
		});
		expect(recoded.questions!.map((q) => [q.code, q.text])).toEqual([
			['Q1', 'Satisfaction with repairs'],
			['Q9', '报修维修'],
			['Q3', '清洁卫生评价']
		]);
		const refusals = [
			{ mapping: { ...mapping, 清洁卫生评价: 'question:q 3' }, expect: /not a question code/ },
			{ mapping: { ...mapping, 清洁卫生评价: 'question:Q1' }, expect: /one column for question Q1/ },
			{ mapping, questionScales: { Q4: 'sat3' as const }, expect: /does not have/ },
			{ mapping, answerLabels: { 好: 'good' } as unknown as AnswerLabels, expect: /not an answer code/ }
		];
		for (const { expect: message, ...options } of refusals) {
			const preview = await previewFile(db, {
				filePath: writeFixture(dir, 's.csv', surveyCsv),
				kind: 'surveys',
				inWorker: false,
				...options
			});
			expect(preview.message).toMatch(message);
		}
	});
});
