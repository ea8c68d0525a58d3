import { createHash } from 'node:crypto';
import type { KindDefinition, ParseContext } from '../kinds/kind-definition.ts';
import { isInvalid } from '../normalise/invalid-value.ts';
import type { SheetRow } from '../readers/sheet-row.ts';
import { displayCell } from './row-classes.ts';
import type { StagedOutput } from './parse-file.ts';
import type { SurveyParseSummary } from './survey-rows.ts';

export interface RowProblem {
	column: string | null;
	value: string | null;
	reason: string;
}

export interface RowOutcome {
	id: string | null;
	record: Record<string, unknown>;
	problems: RowProblem[];
}

/** Normalises and checks one row of a generic kind against the header mapping. */
export function normaliseRow(
	kind: KindDefinition,
	fieldColumns: readonly { index: number; header: string; field: KindDefinition['fields'][number] }[],
	cells: readonly SheetRow['cells'][number][],
	context: ParseContext
): RowOutcome {
	const record: Record<string, unknown> = {};
	const problems: RowProblem[] = [];
	const headerOf: Record<string, string> = {};
	for (const { index, header, field } of fieldColumns) {
		headerOf[field.name] = header;
		const raw = cells[index] ?? null;
		const value = field.parse(raw, context);
		if (isInvalid(value)) {
			problems.push({ column: header, value: displayCell(raw), reason: value.reason });
			record[field.name] = null;
		} else record[field.name] = value;
	}
	for (const field of kind.fields) if (!(field.name in record)) record[field.name] = null;
	kind.applyDefaults?.(record);
	for (const { header, field } of fieldColumns) {
		if (field.requiredValue && record[field.name] === null && !problems.some((p) => p.column === header)) {
			problems.push({ column: header, value: null, reason: `${header} is empty; a value is required` });
		}
	}
	if (problems.length === 0 && kind.checkRecord) {
		for (const problem of kind.checkRecord(record)) {
			const header = headerOf[problem.field] ?? problem.field;
			problems.push({
				column: header,
				value: (record[problem.field] as string | null) ?? null,
				reason: problem.reason
			});
		}
	}
	let id: string | null = null;
	if (kind.idField) id = (record[kind.idField] as string | null) ?? null;
	else if (kind.deriveId && problems.length === 0) id = kind.deriveId(record);
	return { id, record, problems };
}

/** A stable id for a row that has none: the hash of its normalised content (SPEC §4). */
export function hashRecordContent(record: Record<string, unknown>): string {
	return 'h:' + createHash('sha1').update(JSON.stringify(record)).digest('hex').slice(0, 24);
}

/** A row handler consumes data rows and reports problems; generic kinds and surveys each have one. */
export interface RowHandler {
	handleRow(row: SheetRow): RowProblem[];
	finish(): { outputs: StagedOutput[]; survey?: SurveyParseSummary };
}
