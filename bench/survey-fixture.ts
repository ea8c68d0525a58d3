// A large satisfaction survey for `npm run bench` in the demo's survey layout (pipelines/demo/surveys.demo.ts),
// written row by row so the fixture itself never holds the survey in memory.
import ExcelJS from 'exceljs';
import { createRng, type Rng } from '../pipelines/demo/random.ts';
import {
	SURVEY_FIXED_HEADERS,
	SURVEY_QUESTIONS,
	SURVEY_SCREENING_QUESTION
} from '../pipelines/demo/surveys.demo.ts';
import { GENERAL_COMMENTS, SURVEY_COMMENTS } from '../pipelines/demo/texts.ts';
import { benchAreas } from './complaints-fixture.ts';

export const surveyBenchHeader = [
	...SURVEY_FIXED_HEADERS,
	`${SURVEY_SCREENING_QUESTION.code} ${SURVEY_SCREENING_QUESTION.text}`,
	...SURVEY_QUESTIONS.map((q) => `${q.code} ${q.text}`),
	'意见建议'
];

/** Respondents per area in the demo's proportions (residential, then offices, then the mall). */
const areaWeights = [380, 380, 380, 380, 380, 180, 180, 240];
const labels = ['非常不满意', '不满意', '一般', '满意', '非常满意'];
/** The demo's comment texts plus lift complaints, so a search for 电梯 has a few thousand matches to mask. */
const commentPool = [
	...Object.values(SURVEY_COMMENTS).flatMap(([negative, positive]) => [...negative, ...positive]),
	...GENERAL_COMMENTS,
	'电梯经常坏，希望尽快更换',
	'电梯运行时有异响'
];

type SurveyCell = string | Date | null;

/**
 * A latent mood per respondent plus noise per question, cut at the question's typical satisfied share, so the
 * answers correlate (the drivers view has something to find) and each question keeps the demo's level.
 */
function gradeAnswer(rng: Rng, mood: number, meanRate: number): string {
	const latent = 0.6 * mood + 0.8 * rng.drawNormal();
	const satisfiedCut = -(meanRate - 0.5) * 2.5;
	const score =
		latent > satisfiedCut + 1.1
			? 5
			: latent > satisfiedCut
				? 4
				: latent > satisfiedCut - 0.9
					? 3
					: latent > satisfiedCut - 1.6
						? 2
						: 1;
	return labels[score - 1];
}

function drawNonAnswer(rng: Rng, code: string, repaired: boolean): string | null | undefined {
	if (code === 'Q3' && !repaired) return '不适用';
	if (code === 'Q4' && rng.rollChance(0.6)) return '不适用';
	if (code === 'Q8' && rng.rollChance(0.2)) return '不适用';
	if (rng.rollChance(code === 'Q1' ? 0.005 : 0.015)) return null;
	const unsure = code === 'Q11' ? 0.07 : code === 'Q9' ? 0.04 : code === 'Q1' ? 0 : 0.02;
	return rng.rollChance(unsure) ? '不清楚' : undefined;
}

function buildSurveyRow(rng: Rng, index: number, year: number): SurveyCell[] {
	const area = rng.pickWeighted(benchAreas, areaWeights);
	const building = `${rng.drawInt(1, 14)}栋`;
	const repaired = rng.rollChance(0.45);
	const mood = rng.drawNormal();
	const answers = SURVEY_QUESTIONS.map((q) => {
		const nonAnswer = drawNonAnswer(rng, q.code, repaired);
		return nonAnswer === undefined ? gradeAnswer(rng, mood, q.meanRate) : nonAnswer;
	});
	let comment: string | null = null;
	if (rng.rollChance(0.3)) {
		comment = rng.pick(commentPool);
		// Some residents leave a phone number, which the dashboard must mask.
		if (rng.rollChance(0.08)) comment += `，回电：139${String(index).padStart(8, '0')}`;
	}
	return [
		`BM${year}-${String(index + 1).padStart(6, '0')}`,
		area,
		building,
		`${building}${rng.drawInt(1, 3)}单元${rng.drawInt(1, 30)}0${rng.drawInt(1, 4)}`,
		rng.rollChance(0.7) ? '业主' : '租户',
		// Fieldwork 8–31 October, as in the demo's waves.
		new Date(Date.UTC(year, 9, 8 + rng.drawInt(0, 23))),
		repaired ? '是' : '否',
		...answers,
		comment
	];
}

/** Streams `respondents` rows dated in `year`'s October, so the file forms that year's wave. */
export async function writeBenchSurveyXlsx(file: string, respondents: number, year: number): Promise<void> {
	const rng = createRng(year, 'bench-survey');
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		filename: file,
		useSharedStrings: true,
		useStyles: true
	});
	const sheet = workbook.addWorksheet(`${year}年满意度调查`);
	// Dates become real date cells through the column's number format, as in the demo's workbooks.
	sheet.columns = surveyBenchHeader.map((header) => ({
		width: 14,
		style: header === '调查日期' ? { numFmt: 'yyyy-mm-dd' } : {}
	}));
	sheet.addRow(surveyBenchHeader).commit();
	for (let i = 0; i < respondents; i++) sheet.addRow(buildSurveyRow(rng, i, year)).commit();
	sheet.commit();
	await workbook.commit();
}
