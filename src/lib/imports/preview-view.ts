import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { m } from '$lib/paraglide/messages.js';
import type { FilePreview } from '$pipelines/load/preview-file.ts';

/** The sample's columns are the kind's fields as they will be stored (their names, as the database knows them). */
export function sampleColumns(rows: FilePreview['sampleRows']): DataTableColumn[] {
	const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	return keys.map((key) => ({ key, label: key }));
}

export function problemColumns(): DataTableColumn[] {
	return [
		{ key: 'row', label: m.problem_row(), format: 'integer', sortable: true },
		{ key: 'column', label: m.problem_column(), sortable: true },
		{ key: 'value', label: m.problem_value() },
		{ key: 'reason', label: m.problem_reason() }
	];
}

export function listProblemRows(problems: FilePreview['problems']): DataTableRow[] {
	return problems.map((problem) => ({ ...problem }));
}

/** The scales a survey question can be read on (SPEC §5: the calibre depends on it). */
export function scaleChoices(): { value: string; label: string }[] {
	return [
		{ value: 'likert5', label: m.survey_scale_likert5() },
		{ value: 'sat3', label: m.survey_scale_sat3() },
		{ value: 'score0_10', label: m.survey_scale_score0_10() },
		{ value: 'yes_no', label: m.survey_scale_yes_no() }
	];
}

/** What an unrecognised answer label can mean: a point on a scale (satisfaction or yes/no) or a non-answer. */
export function answerChoices(): { value: string; label: string }[] {
	return [
		{ value: 'very_satisfied', label: m.answer_very_satisfied() },
		{ value: 'satisfied', label: m.answer_satisfied() },
		{ value: 'basically_satisfied', label: m.answer_basically_satisfied() },
		{ value: 'neutral', label: m.answer_neutral() },
		{ value: 'dissatisfied', label: m.answer_dissatisfied() },
		{ value: 'very_dissatisfied', label: m.answer_very_dissatisfied() },
		{ value: 'yes', label: m.answer_yes() },
		{ value: 'no', label: m.answer_no() },
		{ value: 'na', label: m.answer_na() },
		{ value: 'dont_know', label: m.answer_dont_know() },
		{ value: 'refused', label: m.answer_refused() }
	];
}

/**
 * The survey choices a preview is asked with: question columns as `question:CODE` mapping entries, and only
 * the label meanings the user actually chose.
 */
export function buildSurveyChoices(
	codes: Record<string, string>,
	labels: Record<string, string>
): { mapping: Record<string, string>; answerLabels: Record<string, string> } {
	return {
		mapping: Object.fromEntries(
			Object.entries(codes)
				.filter(([, code]) => code.trim() !== '')
				.map(([header, code]) => [header, `question:${code.trim().toUpperCase()}`])
		),
		answerLabels: Object.fromEntries(Object.entries(labels).filter(([, code]) => code !== ''))
	};
}
