import path from 'node:path';
import type { KindDefinition, ParseContext } from '../kinds/kind-definition.ts';
import {
	createAnswerParser,
	inferDimension,
	inferScale,
	isSurveyScale,
	surveyScales,
	type SurveyScale
} from '../kinds/survey-answers.ts';
import { normaliseText } from '../normalise/text.ts';
import { InputError } from '../readers/sheet-row.ts';
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
	/** The column's distinct answers as written (trimmed), most frequent first, and the code each is stored as. */
	labels: SurveyLabelCount[];
}

export interface SurveyLabelCount {
	label: string;
	count: number;
	/** null when the answer is not recognised: its rows are invalid until the label is mapped. */
	code: string | null;
}

/** How a file's answers are read beyond the built-in labels and the inferred scale. */
export interface SurveyReadOptions {
	answerLabels?: Record<string, string>;
	questionScales?: Record<string, string>;
}

/** Enough labels for a user to map a questionnaire's answers; free text in a column would be endless. */
const labelsShown = 30;
const labelsCounted = 1000;

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
	track: (record: Record<string, unknown>) => void,
	options: SurveyReadOptions = {}
): RowHandler {
	const normalise = createRowNormaliser(kind, mapping.columns, context);
	const questionColumns = mapping.columns.flatMap((c) => (c.role === 'question' ? [c] : []));
	const scales = checkQuestionScales(
		options.questionScales,
		questionColumns.map((q) => q.code)
	);
	const parseAnswer = createAnswerParser(options.answerLabels);
	const codesSeen = questionColumns.map(() => new Set<string>());
	const labelsSeen = questionColumns.map(() => new Map<string, SurveyLabelCount>());
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
				countLabel(labelsSeen[i], raw, isInvalid(code) ? null : code);
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
					questions: questionColumns.map((q, i) => {
						const scale = scales.get(q.code) ?? inferScale(codesSeen[i]);
						return {
							code: q.code,
							text: q.text,
							header: q.header,
							position: i + 1,
							scale,
							// A screening question (是否报修过) filters a base; it is no satisfaction dimension.
							dimension: scale === 'yes_no' ? null : inferDimension(q.text),
							labels: [...labelsSeen[i].values()]
								.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
								.slice(0, labelsShown)
						};
					}),
					answersPath: answers.path,
					answerRows: answers.rows,
					dominantYear
				}
			};
		}
	};
}

function countLabel(
	seen: Map<string, SurveyLabelCount>,
	raw: Parameters<typeof normaliseText>[0],
	code: string | null
): void {
	const label = normaliseText(raw) ?? '';
	const entry = seen.get(label);
	if (entry) entry.count++;
	else if (seen.size < labelsCounted) seen.set(label, { label, count: 1, code });
}

/** A scale chosen by hand replaces the inferred one; naming a question the file lacks is a mistake to report. */
function checkQuestionScales(
	questionScales: Record<string, string> | undefined,
	codes: readonly string[]
): Map<string, SurveyScale> {
	const scales = new Map<string, SurveyScale>();
	for (const [code, scale] of Object.entries(questionScales ?? {})) {
		if (!codes.includes(code))
			throw new InputError(
				`A scale was given for question ${code}, which the file does not have.`,
				'invalid-mapping'
			);
		if (!isSurveyScale(scale))
			throw new InputError(
				`"${scale}" (for question ${code}) is not a scale: use ${surveyScales.join(', ')}.`,
				'invalid-mapping'
			);
		scales.set(code, scale);
	}
	return scales;
}
