import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { m } from '$lib/paraglide/messages.js';
import type { FilePreview } from '$pipelines/load/preview-file.ts';

export const kindLabels = {
	units: m.kind_units,
	complaints: m.kind_complaints,
	repairs: m.kind_repairs,
	fees: m.kind_fees,
	payments: m.kind_payments,
	surveys: m.kind_surveys
} as const;

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
