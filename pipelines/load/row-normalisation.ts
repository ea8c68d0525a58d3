import { createHash } from 'node:crypto';
import {
	applyFieldDefaults,
	type FieldParser,
	type KindDefinition,
	type ParseContext
} from '../kinds/kind-definition.ts';
import { InvalidValue } from '../normalise/invalid-value.ts';
import type { CellValue, SheetRow } from '../readers/sheet-row.ts';
import type { ColumnRole } from './header-mapping.ts';
import { displayCell } from './row-classes.ts';
import type { StagedFile } from './parse-file.ts';
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

export type RowNormaliser = (cells: readonly CellValue[]) => RowOutcome;

const noProblems: RowProblem[] = [];

/**
 * Compiles the mapping of a file into one function per file: everything that does not change from row
 * to row (which cell feeds which parser, which fields are unmapped, the headers for messages) is worked
 * out once, because this runs for every row of million-row files.
 */
export function createRowNormaliser(
	kind: KindDefinition,
	columns: readonly ColumnRole[],
	context: ParseContext
): RowNormaliser {
	const mapped = columns.flatMap((c) => (c.role === 'field' ? [c] : []));
	const specs = mapped.map((c) => kind.fields.find((f) => f.name === c.field)!);
	const indexes = mapped.map((c) => c.index);
	const names = specs.map((f) => f.name);
	const headers = mapped.map((c) => c.header);
	const parsers: FieldParser[] = specs.map((f) => f.parse);
	const required = specs.map((f) => f.requiredValue);
	const unmapped = kind.fields.filter((f) => !names.includes(f.name)).map((f) => f.name);
	const headerOf: Record<string, string> = Object.fromEntries(mapped.map((c) => [c.field, c.header]));
	const count = indexes.length;
	return (cells) => {
		const record: Record<string, unknown> = {};
		let problems = noProblems;
		for (let i = 0; i < count; i++) {
			const raw = cells[indexes[i]] ?? null;
			const value = parsers[i](raw, context);
			if (value instanceof InvalidValue) {
				if (problems === noProblems) problems = [];
				problems.push({ column: headers[i], value: displayCell(raw), reason: value.reason });
				record[names[i]] = null;
			} else record[names[i]] = value;
		}
		for (let i = 0; i < unmapped.length; i++) record[unmapped[i]] = null;
		applyFieldDefaults(kind.fields, record);
		for (let i = 0; i < count; i++) {
			if (required[i] && record[names[i]] === null && !problems.some((p) => p.column === headers[i])) {
				if (problems === noProblems) problems = [];
				problems.push({
					column: headers[i],
					value: null,
					reason: `${headers[i]} is empty; a value is required`
				});
			}
		}
		if (problems === noProblems && kind.checkRecord) {
			const found = kind.checkRecord(record);
			if (found.length > 0) {
				problems = found.map((problem) => ({
					column: headerOf[problem.field] ?? problem.field,
					value: (record[problem.field] as string | null) ?? null,
					reason: problem.reason
				}));
			}
		}
		let id: string | null = null;
		if (kind.idField) id = (record[kind.idField] as string | null) ?? null;
		else if (kind.deriveId && problems.length === 0) id = kind.deriveId(record);
		return { id, record, problems };
	};
}

/** A stable id for a row that has none: the hash of its normalised content (SPEC §4). */
export function hashRecordContent(record: Record<string, unknown>): string {
	return 'h:' + createHash('sha1').update(JSON.stringify(record)).digest('hex').slice(0, 24);
}

/** A row handler consumes data rows and reports problems; generic kinds and surveys each have one. */
export interface RowHandler {
	handleRow(row: SheetRow): RowProblem[];
	finish(): { staged: StagedFile; survey?: SurveyParseSummary };
}
