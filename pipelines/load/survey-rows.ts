import path from 'node:path';
import type { KindDefinition, ParseContext } from '../kinds/kind-definition.ts';
import { inferDimension, inferScale, parseAnswer, type SurveyScale } from '../kinds/survey-answers.ts';
import { isInvalid } from '../normalise/invalid-value.ts';
import { displayCell } from './row-classes.ts';
import type { HeaderMapping } from './header-mapping.ts';
import {
	createRowNormaliser,
	hashRecordContent,
	type RowHandler,
	type RowProblem
} from './row-normalisation.ts';
import { StagedFileWriter } from './staged-file.ts';

export interface SurveyQuestionFound {
	code: string;
	text: string;
	header: string;
	position: number;
	scale: SurveyScale;
	dimension: string | null;
}

export interface SurveyParseSummary {
	questions: SurveyQuestionFound[];
	answersPath: string;
	answerRows: number;
	/** The most common year among the responses' dates: the default wave (SPEC §3). */
	dominantYear: number | null;
}

export const respondentColumns = [
	{ name: 'respondent_id', sqlType: 'VARCHAR' },
	{ name: 'area', sqlType: 'VARCHAR' },
	{ name: 'building', sqlType: 'VARCHAR' },
	{ name: 'unit', sqlType: 'VARCHAR' },
	{ name: 'respondent_type', sqlType: 'VARCHAR' },
	{ name: 'response_date', sqlType: 'DATE' },
	{ name: 'comments', sqlType: 'VARCHAR' },
	{ name: 'answers_digest', sqlType: 'VARCHAR' }
];

export const answerColumns = ['respondent_id', 'question_code', 'raw_value', 'answer_code'];

/**
 * Turns each wide survey row into one respondent and one long-form answer per question.
 * Ids are the respondent ids as given; the loader prefixes them with the wave.
 */
export function createSurveyRowHandler(
	kind: KindDefinition,
	mapping: HeaderMapping,
	workDir: string,
	context: ParseContext,
	track: (record: Record<string, unknown>) => void
): RowHandler {
	const normalise = createRowNormaliser(kind, mapping.columns, context);
	const questionColumns = mapping.columns.flatMap((c) => (c.role === 'question' ? [c] : []));
	const codesSeen = questionColumns.map(() => new Set<string>());
	const respondents = new StagedFileWriter(path.join(workDir, 'survey_respondents.csv'), [
		'id',
		'source_row',
		...respondentColumns.map((c) => c.name)
	]);
	const answers = new StagedFileWriter(path.join(workDir, 'survey_answers.csv'), answerColumns);
	const firstRowOfId = new Map<string, number>();
	const years = new Map<number, number>();
	return {
		handleRow(row) {
			const outcome = normalise(row.cells);
			const problems: RowProblem[] = [...outcome.problems];
			const codes: string[] = [];
			const raws: (string | null)[] = [];
			questionColumns.forEach((question, i) => {
				const raw = row.cells[question.index] ?? null;
				const code = parseAnswer(raw);
				if (isInvalid(code))
					problems.push({ column: question.header, value: displayCell(raw), reason: code.reason });
				else {
					codes.push(code);
					codesSeen[i].add(code);
				}
				raws.push(displayCell(raw));
			});
			if (problems.length > 0) return problems;
			const record = outcome.record;
			const id = (record.respondent_id as string | null) ?? hashRecordContent({ ...record, codes });
			const first = firstRowOfId.get(id);
			if (first !== undefined) {
				return [
					{
						column: null,
						value: id,
						reason: `duplicate respondent ${id}: already on row ${first} of this file`
					}
				];
			}
			firstRowOfId.set(id, row.rowNumber);
			const digest = codes.join('|');
			respondents.writeRow([
				id,
				row.rowNumber,
				id,
				record.area,
				record.building,
				record.unit,
				record.respondent_type,
				record.response_date,
				record.comments,
				digest
			]);
			questionColumns.forEach((question, i) => answers.writeRow([id, question.code, raws[i], codes[i]]));
			const date = record.response_date as string | null;
			if (date) {
				const year = Number(date.slice(0, 4));
				years.set(year, (years.get(year) ?? 0) + 1);
			}
			track(record);
			return [];
		},
		finish() {
			respondents.close();
			answers.close();
			let dominantYear: number | null = null;
			for (const [year, count] of years)
				if (dominantYear === null || count > years.get(dominantYear)!) dominantYear = year;
			return {
				staged: { path: respondents.path, columns: respondentColumns, rows: respondents.rows },
				survey: {
					questions: questionColumns.map((q, i) => ({
						code: q.code,
						text: q.text,
						header: q.header,
						position: i + 1,
						scale: inferScale(codesSeen[i]),
						dimension: inferDimension(q.text)
					})),
					answersPath: answers.path,
					answerRows: answers.rows,
					dominantYear
				}
			};
		}
	};
}
