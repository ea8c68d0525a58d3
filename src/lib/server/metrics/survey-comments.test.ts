import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runInTransaction, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { maskPersonalText } from '../privacy/free-text-masking.ts';
import type { AreaScope } from '../scope.ts';
import {
	defaultCalibre,
	neutralSatisfiedCalibre,
	type RatedScale,
	type SurveyCalibre
} from '../settings/survey-settings.ts';
import { searchSurveyComments, type SurveyComment, type SurveyCommentQuery } from './survey-comments.ts';

interface RespondentRow {
	wave: string;
	respondent: string;
	area: string;
	building: string | null;
	unit: string;
	date: string | null;
	comments: string | null;
}
interface AnswerRow {
	wave: string;
	respondent: string;
	question: string;
	code: string;
	score: number | null;
}

const wave = 'W2025';
const questions: { code: string; scale: RatedScale | 'yes_no' }[] = [
	{ code: 'Q1', scale: 'likert5' },
	{ code: 'Q2', scale: 'sat3' },
	{ code: 'Q3', scale: 'score0_10' },
	{ code: 'Q4', scale: 'yes_no' }
];
const answerChoices: Record<string, [string, number | null][]> = {
	likert5: [
		['very_satisfied', 5],
		['satisfied', 4],
		['neutral', 3],
		['dissatisfied', 2],
		['very_dissatisfied', 1],
		['4', 4],
		['na', null],
		['dont_know', null],
		['blank', null]
	],
	sat3: [
		['satisfied', 3],
		['basically_satisfied', 2],
		['dissatisfied', 1],
		['refused', null],
		['blank', null]
	],
	score0_10: [
		...Array.from({ length: 11 }, (_, n): [string, number] => [String(n), n]),
		['dont_know', null],
		['blank', null]
	],
	yes_no: [
		['yes', 1],
		['no', 0],
		['blank', null]
	]
};
const commentPool = [
	null,
	'',
	'   ',
	'电梯经常坏，希望尽快修好',
	'Lift BROKEN again',
	'the lift is broken',
	'50%的时候没人接电话',
	'物业费涨了50元',
	'保洁做得不错，100%满意',
	'file_name 写错了',
	'路径 C:\\temp 打不开',
	'请回电13800138000，谢谢',
	'我的手机 139-1234-5678 随时联系',
	'邮箱zhang.san@example.com，请回复',
	'王小明先生服务很好',
	'感谢李师傅',
	'3栋2单元1502漏水',
	'绿化很好'
];
const areas = ['翠湖花园', '碧水湾', '锦绣江南'];

function buildFixture(): { respondents: RespondentRow[]; answers: AnswerRow[] } {
	let state = 11;
	const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const respondents: RespondentRow[] = [];
	const answers: AnswerRow[] = [];
	for (let i = 0; i < 160; i++) {
		// Another wave shares respondent ids, so a wave filter or join that ignores the wave shows up.
		const inWave = i < 130 ? wave : 'W2024';
		const respondent = `R${String(((i < 130 ? i : i - 130) * 37) % 200).padStart(3, '0')}`;
		respondents.push({
			wave: inWave,
			respondent,
			area: pick(areas),
			building: pick(['1栋', '2栋', 'B座', null]),
			unit: `${pick(['1', '2'])}-${pick(['0502', '1101'])}`,
			// few dates, so many ties fall to the respondent id
			date: random() < 0.15 ? null : `2025-10-${String(1 + Math.floor(random() * 6)).padStart(2, '0')}`,
			comments: pick(commentPool)
		});
		for (const question of questions) {
			if (random() < 0.1) continue; // no answer row at all
			const [code, score] = pick(answerChoices[question.scale]);
			answers.push({ wave: inWave, respondent, question: question.code, code, score });
		}
	}
	return { respondents, answers };
}

const { respondents, answers } = buildFixture();
const all: AreaScope = { kind: 'all' };
let db: CourtyardDatabase;

beforeAll(async () => {
	db = await openDatabase(
		path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-comments-')), 'c.duckdb')
	);
	await runInTransaction(db.writer, async () => {
		for (const [position, question] of questions.entries()) {
			for (const inWave of [wave, 'W2024'])
				await db.writer.run(
					`INSERT INTO survey_questions (wave_id, code, position, scale) VALUES ($wave, $code, $position, $scale)`,
					{ wave: inWave, code: question.code, position, scale: question.scale }
				);
		}
		for (const r of respondents) {
			await db.writer.run(
				`INSERT INTO survey_respondents (id, batch_id, wave_id, respondent_id, area, building, unit, response_date,
					comments, answers_digest)
					VALUES ($id, 1, $wave, $respondent, $area, $building, $unit, $date::DATE, $comments, 'digest')`,
				{ id: `${r.wave}/${r.respondent}`, ...r }
			);
		}
		for (const a of answers) {
			await db.writer.run(
				`INSERT INTO survey_answers (wave_id, respondent_id, question_code, raw_value, answer_code, score, batch_id)
					VALUES ($wave, $respondent, $question, $code, $code, $score::SMALLINT, 1)`,
				{ ...a }
			);
		}
	});
});
afterAll(() => db.close());

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The comments a query should return, worked out over the fixture rows. */
function expectComments(
	query: SurveyCommentQuery,
	scope: AreaScope,
	calibre: SurveyCalibre
): SurveyComment[] {
	const question = questions.find((q) => q.code === query.questionCode);
	if (query.questionCode !== null && !question) return [];
	const needle = query.text?.trim() ?? '';
	const result: (SurveyComment & { sortDate: string | null })[] = [];
	for (const r of respondents) {
		if (r.wave !== query.waveId || r.comments === null || r.comments.trim() === '') continue;
		if (scope.kind === 'areas' && !scope.areas.includes(r.area)) continue;
		if (query.areas.length > 0 && !query.areas.includes(r.area)) continue;
		if (
			needle !== '' &&
			!(
				r.comments.toLowerCase().includes(needle.toLowerCase()) &&
				maskPersonalText(r.comments).toLowerCase().includes(maskPersonalText(needle).toLowerCase())
			)
		)
			continue;
		let answer: SurveyComment['answer'] = null;
		if (question) {
			const found = answers.find(
				(a) => a.wave === r.wave && a.respondent === r.respondent && a.question === question.code
			);
			if (!found || found.code === 'blank') continue;
			if (question.scale !== 'yes_no' && query.answerGroup === 'satisfied') {
				if (found.score === null || found.score < calibre.satisfiedFrom[question.scale]) continue;
			}
			if (question.scale !== 'yes_no' && query.answerGroup === 'dissatisfied') {
				if (found.score === null || found.score > calibre.dissatisfiedTo[question.scale]) continue;
			}
			answer = { code: found.code, score: found.score };
		}
		result.push({
			respondentId: r.respondent,
			area: r.area,
			building: r.building,
			responseDate: r.date,
			comment: maskPersonalText(r.comments),
			answer,
			sortDate: r.date
		});
	}
	result.sort(
		(a, b) =>
			(a.sortDate === null ? 1 : 0) - (b.sortDate === null ? 1 : 0) ||
			compare(b.sortDate ?? '', a.sortDate ?? '') ||
			compare(a.respondentId, b.respondentId)
	);
	return result.map(({ sortDate: _, ...row }) => row);
}

const baseQuery: SurveyCommentQuery = {
	waveId: wave,
	areas: [],
	text: null,
	questionCode: null,
	answerGroup: 'any',
	page: 1,
	pageSize: 1000
};

async function readAllPages(query: SurveyCommentQuery, scope: AreaScope, calibre: SurveyCalibre) {
	const first = await searchSurveyComments(db.writer, { ...query, page: 1 }, scope, calibre);
	const rows = [...first.rows];
	for (let page = 2; page <= Math.ceil(first.total / query.pageSize); page++) {
		const next = await searchSurveyComments(db.writer, { ...query, page }, scope, calibre);
		expect(next.total).toBe(first.total);
		rows.push(...next.rows);
	}
	return { total: first.total, rows };
}

describe('searchSurveyComments', () => {
	it('returns what the filters select, worked out independently, over every page', async () => {
		let state = 3;
		const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		const scopes: AreaScope[] = [
			all,
			{ kind: 'areas', areas: ['翠湖花园', '碧水湾'] },
			{ kind: 'areas', areas: [] }
		];
		let nonEmpty = 0;
		for (let i = 0; i < 150; i++) {
			const query: SurveyCommentQuery = {
				waveId: pick([wave, wave, 'W2024']),
				areas: pick([[], [], ['碧水湾'], ['翠湖花园', '锦绣江南']]),
				text: pick([
					null,
					null,
					'',
					'  ',
					'电梯',
					'lift',
					'LIFT',
					'50%',
					'_',
					'\\',
					'好',
					'138',
					'13800138000'
				]),
				questionCode: pick([null, 'Q1', 'Q2', 'Q3', 'Q4', 'Q9']),
				answerGroup: pick(['any', 'satisfied', 'dissatisfied'] as const),
				page: 1,
				pageSize: pick([7, 1000])
			};
			const scope = pick(scopes);
			const calibre = pick([defaultCalibre, neutralSatisfiedCalibre]);
			const expected = expectComments(query, scope, calibre);
			const actual = await readAllPages(query, scope, calibre);
			const label = JSON.stringify({ query, scope, calibre: calibre.id });
			expect(actual.total, label).toBe(expected.length);
			expect(actual.rows, label).toEqual(expected);
			if (expected.length > 0) nonEmpty++;
		}
		expect(nonEmpty).toBeGreaterThan(50);
	});

	it('separates satisfied from dissatisfied by the calibre, and ignores the group on a yes/no question', async () => {
		const count = async (
			questionCode: string,
			answerGroup: SurveyCommentQuery['answerGroup'],
			calibre = defaultCalibre
		) =>
			(await searchSurveyComments(db.writer, { ...baseQuery, questionCode, answerGroup }, all, calibre))
				.total;
		const neutralRows = expectComments({ ...baseQuery, questionCode: 'Q1' }, all, defaultCalibre).filter(
			(row) => row.answer?.score === 3
		);
		expect(neutralRows.length).toBeGreaterThan(0);
		expect(await count('Q1', 'satisfied', neutralSatisfiedCalibre)).toBe(
			(await count('Q1', 'satisfied')) + neutralRows.length
		);
		expect(await count('Q4', 'satisfied')).toBe(await count('Q4', 'any'));
		expect(await count('Q4', 'dissatisfied')).toBe(await count('Q4', 'any'));
		const anyAnswer = await searchSurveyComments(
			db.writer,
			{ ...baseQuery, questionCode: 'Q1' },
			all,
			defaultCalibre
		);
		expect(anyAnswer.rows.some((row) => row.answer?.code === 'na' && row.answer.score === null)).toBe(true);
		expect(anyAnswer.rows.some((row) => row.answer?.code === 'blank')).toBe(false);
	});

	it('treats % _ and \\ in the search text as plain characters', async () => {
		const everything = (await searchSurveyComments(db.writer, baseQuery, all, defaultCalibre)).total;
		for (const [text, literal] of [
			['50%', /50%/],
			['_', /_/],
			['\\', /\\/]
		] as const) {
			const found = await searchSurveyComments(db.writer, { ...baseQuery, text }, all, defaultCalibre);
			expect(found.total, text).toBeGreaterThan(0);
			expect(found.total, text).toBeLessThan(everything / 4);
			expect(found.rows.every((row) => literal.test(row.comment))).toBe(true);
		}
	});

	it('finds a comment by a whole phone number but shows it masked, and never matches hidden digits', async () => {
		const byNumber = await searchSurveyComments(
			db.writer,
			{ ...baseQuery, text: '13800138000' },
			all,
			defaultCalibre
		);
		expect(byNumber.total).toBeGreaterThan(0);
		expect(byNumber.rows.every((row) => row.comment === '请回电138****8000，谢谢')).toBe(true);
		const byHiddenDigits = await searchSurveyComments(
			db.writer,
			{ ...baseQuery, text: '0013' },
			all,
			defaultCalibre
		);
		expect(byHiddenDigits.total).toBe(0);
		const byVisibleDigits = await searchSurveyComments(
			db.writer,
			{ ...baseQuery, text: '8000' },
			all,
			defaultCalibre
		);
		expect(byVisibleDigits.total).toBe(byNumber.total);
		const everything = await searchSurveyComments(db.writer, baseQuery, all, defaultCalibre);
		const shown = JSON.stringify(everything.rows);
		for (const secret of ['13800138000', '1234-5678', 'zhang.san', '小明'])
			expect(shown).not.toContain(secret);
		expect(shown).toContain('3栋2单元1502漏水');
	});

	it('leaves unit codes out of every row', async () => {
		const page = await searchSurveyComments(
			db.writer,
			{ ...baseQuery, questionCode: 'Q2' },
			all,
			defaultCalibre
		);
		expect(page.rows.length).toBeGreaterThan(0);
		for (const row of page.rows)
			expect(Object.keys(row).sort()).toEqual([
				'answer',
				'area',
				'building',
				'comment',
				'respondentId',
				'responseDate'
			]);
		const units = new Set(respondents.map((r) => r.unit));
		expect([...units].some((unit) => JSON.stringify(page.rows).includes(unit))).toBe(false);
	});

	it('keeps the page within range and refuses a page size below one', async () => {
		const query = { ...baseQuery, pageSize: 10 };
		const expected = expectComments(query, all, defaultCalibre);
		const lastPage = Math.ceil(expected.length / 10);
		const beyond = await searchSurveyComments(
			db.writer,
			{ ...query, page: lastPage + 3 },
			all,
			defaultCalibre
		);
		expect(beyond).toEqual({
			total: expected.length,
			page: lastPage,
			pageSize: 10,
			rows: expected.slice((lastPage - 1) * 10)
		});
		const before = await searchSurveyComments(db.writer, { ...query, page: 0 }, all, defaultCalibre);
		expect(before.page).toBe(1);
		expect(before.rows).toEqual(expected.slice(0, 10));
		const searched = await searchSurveyComments(
			db.writer,
			{ ...query, text: '好', page: 99 },
			all,
			defaultCalibre
		);
		expect(searched.page).toBe(Math.max(1, Math.ceil(searched.total / 10)));
		await expect(
			searchSurveyComments(db.writer, { ...query, pageSize: 0 }, all, defaultCalibre)
		).rejects.toThrow(RangeError);
	});
});
