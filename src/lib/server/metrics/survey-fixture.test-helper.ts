import { type CourtyardDatabase } from '$pipelines/db/database.ts';

/**
 * A small survey written straight into the tables (the loader is tested on its own): two waves, three
 * areas (one too small to rank), a screening question, questions on each rated scale, every kind of
 * non-answer and an off-scale number. Plain rows, so tests can recompute every figure by hand.
 */
export interface FixtureQuestion {
	code: string;
	dimension: string | null;
	scale: 'likert5' | 'sat3' | 'score0_10' | 'yes_no';
	screening: string | null;
	tsm: string | null;
	textZh: string;
}

export interface FixtureAnswer {
	wave: string;
	respondent: string;
	area: string;
	code: string;
	answer: string;
	score: number | null;
}

export const fixtureAreas = { 北苑: 400, 南苑: 250, 小楼: 12 } as const;
export type FixtureArea = keyof typeof fixtureAreas;

export const fixtureQuestions: FixtureQuestion[] = [
	{ code: 'S1', dimension: null, scale: 'yes_no', screening: null, tsm: null, textZh: '过去12个月是否报修' },
	{ code: 'Q1', dimension: 'overall', scale: 'likert5', screening: null, tsm: 'TP01', textZh: '总体满意度' },
	{
		code: 'Q2',
		dimension: 'customer_service',
		scale: 'likert5',
		screening: null,
		tsm: null,
		textZh: '客户服务'
	},
	{ code: 'Q3', dimension: 'repairs', scale: 'likert5', screening: 'S1', tsm: 'TP02', textZh: '报修维修' },
	{ code: 'Q4', dimension: 'repairs', scale: 'sat3', screening: null, tsm: null, textZh: '维修及时' },
	{
		code: 'Q5',
		dimension: 'value_for_money',
		scale: 'score0_10',
		screening: null,
		tsm: null,
		textZh: '物业费性价比'
	}
];

const scaleMax = { likert5: 5, sat3: 3, score0_10: 10 } as const;
const scaleMin = { likert5: 1, sat3: 1, score0_10: 0 } as const;

function createRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Respondents per area and wave; 南苑 leans positive in 2026 so one change is large. */
const respondentsPerArea: Record<FixtureArea, number> = { 北苑: 160, 南苑: 120, 小楼: 9 };

export function generateSurveyFixture(seed = 7): FixtureAnswer[] {
	const random = createRandom(seed);
	const answers: FixtureAnswer[] = [];
	for (const wave of ['2025', '2026']) {
		for (const area of Object.keys(fixtureAreas) as FixtureArea[]) {
			for (let i = 0; i < respondentsPerArea[area]; i++) {
				const respondent = `${area}-${wave}-${i}`;
				const mood = random();
				const lift = area === '南苑' && wave === '2026' ? 0.25 : 0;
				for (const question of fixtureQuestions) {
					const roll = random();
					let answer: string;
					let score: number | null = null;
					if (question.scale === 'yes_no') {
						answer = roll < 0.6 ? 'yes' : roll < 0.95 ? 'no' : 'blank';
					} else if (roll < 0.03) answer = 'na';
					else if (roll < 0.06) answer = 'dont_know';
					else if (roll < 0.07) answer = 'refused';
					else if (roll < 0.09) answer = 'blank';
					else if (roll < 0.095 && question.scale === 'likert5') {
						answer = '7';
					} else {
						const min = scaleMin[question.scale];
						const max = scaleMax[question.scale];
						const position = Math.min(1, Math.max(0, 0.55 * mood + 0.45 * random() + lift));
						score = Math.round(min + position * (max - min));
						answer = String(score);
					}
					answers.push({ wave, respondent, area, code: question.code, answer, score });
				}
			}
		}
	}
	return answers;
}

export async function writeSurveyFixture(db: CourtyardDatabase, answers: FixtureAnswer[]): Promise<void> {
	const run = (sql: string, params?: Record<string, string | number | null>) => db.writer.run(sql, params);
	for (const [area, units] of Object.entries(fixtureAreas)) {
		await run(
			`INSERT INTO units (id, batch_id, unit_code, area)
				SELECT $area || '-' || i, 1, $area || '-' || i, $area FROM range($units) t(i)`,
			{ area, units }
		);
	}
	for (const wave of ['2025', '2026']) {
		await run(
			`INSERT INTO survey_waves (id, name, year, method, created_at) VALUES ($id, $id, $year, $method, now())`,
			{ id: wave, year: Number(wave), method: wave === '2025' ? '电话' : '电话' }
		);
		for (const [position, q] of fixtureQuestions.entries()) {
			await run(
				`INSERT INTO survey_questions (wave_id, code, position, text_zh, dimension, scale, screening_code, tsm_code)
					VALUES ($wave, $code, $position, $text, $dimension, $scale, $screening, $tsm)`,
				{
					wave,
					code: q.code,
					position,
					// Q2's wording changed between the waves: its comparison must say so.
					text: q.code === 'Q2' && wave === '2026' ? '客户服务与前台' : q.textZh,
					dimension: q.dimension,
					scale: q.scale,
					screening: q.screening,
					tsm: q.tsm
				}
			);
		}
	}
	const respondents = [...new Map(answers.map((a) => [`${a.wave}/${a.respondent}`, a])).values()];
	const list = (pick: (a: FixtureAnswer) => string) => JSON.stringify(respondents.map(pick));
	await run(
		`INSERT INTO survey_respondents (id, batch_id, wave_id, respondent_id, area, answers_digest)
			SELECT unnest($waves::VARCHAR[]) || '/' || unnest($ids::VARCHAR[]), 1, unnest($waves::VARCHAR[]),
				unnest($ids::VARCHAR[]), unnest($areas::VARCHAR[]), ''`,
		{ waves: list((a) => a.wave), ids: list((a) => a.respondent), areas: list((a) => a.area) }
	);
	const appender = await db.writer.createAppender('survey_answers');
	for (const a of answers) {
		appender.appendVarchar(a.wave);
		appender.appendVarchar(a.respondent);
		appender.appendVarchar(a.code);
		appender.appendVarchar(a.answer);
		appender.appendVarchar(a.answer);
		if (a.score === null) appender.appendNull();
		else appender.appendSmallInt(a.score);
		appender.appendBigInt(1n);
		appender.endRow();
	}
	appender.closeSync();
}
