import { z } from 'zod';
import type { CellValue } from '../readers/sheet-row.ts';
import type { InvalidValue } from '../normalise/invalid-value.ts';

export const kindNames = ['units', 'complaints', 'repairs', 'fees', 'payments', 'surveys'] as const;
export type KindName = (typeof kindNames)[number];

export interface ParseContext {
	date1904: boolean;
}

/** Returns the normalised value, null for an empty cell, or an InvalidValue with a plain-words reason. */
export type FieldParser = (value: CellValue, context: ParseContext) => unknown;

/** One column of a data kind: how it is recognised in a header, parsed, stored and validated. */
export interface FieldSpec {
	/** Canonical name, also the SQL column. */
	name: string;
	/** DuckDB type of the stored column, used to read the staged rows back typed. */
	sqlType: string;
	/** What the cells hold, for people: templates and their instructions describe the format by it. */
	valueType?: FieldValueType;
	/** An enumeration's labels by code (the first label is the Chinese display name). */
	labels?: Readonly<Record<string, readonly string[]>>;
	/** Header aliases in English and Chinese; matched after normaliseHeaderKey. */
	aliases: readonly string[];
	/** The column must be present in the file. */
	requiredColumn: boolean;
	/** Every row must have a value. */
	requiredValue: boolean;
	parse: FieldParser;
	/** zod schema of the normalised value (the contract the stored column honours). */
	schema: z.ZodType;
	/** Personal data: masked for roles that need not see it (SPEC §6). */
	personal?: boolean;
	/**
	 * SQL converting a raw text column to the stored type for the canonical spellings only, NULL for
	 * anything else (the row then goes to `parse`, the authority). See field-sql.ts.
	 */
	fastSql: (raw: string) => string;
	/** The value an empty cell takes, in JavaScript and in SQL (over the record's other fields). */
	defaultValue?: { compute: (record: NormalisedRecord) => unknown; sql: string };
}

export type FieldValueType =
	| 'text'
	| 'unit'
	| 'phone'
	| 'datetime'
	| 'date'
	| 'month'
	| 'money'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'enum';

export type NormalisedRecord = Record<string, unknown>;

/** A problem with one cell (or a combination of cells) of one row. */
export interface FieldProblem {
	field: string;
	reason: string;
}

/**
 * A table a kind writes to: each column is an SQL expression over the staged record (its fields,
 * `id` and `source_row`), so both load paths share one projection.
 */
export interface KindOutput {
	table: string;
	columns: readonly { name: string; sql: string }[];
	/** Only staged records matching this condition become rows of the table. */
	where?: string;
	/** How the stored id is derived from the record id, when the table holds more than one row per record. */
	idSuffix?: string;
}

export interface KindDefinition {
	kind: KindName;
	label: { en: string; zh: string };
	fields: readonly FieldSpec[];
	/** The date field that says which period a record belongs to (for links to the dashboards); null for the register. */
	periodField: string | null;
	/** The field holding the record's own id; rows without one get a stable content hash. */
	idField: string | null;
	/** For kinds whose identity is a combination of fields (a unit is its code within its area). */
	deriveId?(record: NormalisedRecord): string;
	/** The tables this kind writes (fees write bills and, from a ledger, payments). */
	outputs: readonly KindOutput[];
	/** Checks that span several fields (e.g. resolved before received); the authority. */
	checkRecord?(record: NormalisedRecord): FieldProblem[];
	/**
	 * The same checks as SQL conditions over typed fields, for the bulk path: a row failing one goes to
	 * checkRecord for its reason. They may be stricter than checkRecord, never looser.
	 */
	sqlChecks?: readonly string[];
	/** SQL twin of deriveId. */
	sqlDeriveId?: string;
	/** zod schema of a whole normalised record. */
	schema: z.ZodObject;
}

export type ParsedField<T> = T | null | InvalidValue;

/** Builds the zod object schema of a kind from its fields, so the two can never drift apart. */
export function buildRecordSchema(fields: readonly FieldSpec[]): z.ZodObject {
	const shape: Record<string, z.ZodType> = {};
	for (const field of fields)
		shape[field.name] = field.requiredValue ? field.schema : field.schema.nullable();
	return z.object(shape);
}

/** The single output most kinds have: every field, in declaration order, into one table. */
export function createTableOutput(
	table: string,
	fields: readonly FieldSpec[],
	idField: string | null
): KindOutput {
	return {
		table,
		columns: fields.filter((f) => f.name !== idField).map((f) => ({ name: f.name, sql: f.name }))
	};
}

/** Fills empty fields with their declared defaults (the JavaScript half of `defaultValue`). */
export function applyFieldDefaults(fields: readonly FieldSpec[], record: NormalisedRecord): void {
	for (const field of fields) {
		if (field.defaultValue && (record[field.name] === null || record[field.name] === undefined)) {
			record[field.name] = field.defaultValue.compute(record);
		}
	}
}

/** A constant default, the same in both halves. */
export function constantDefault(value: string | boolean): FieldSpec['defaultValue'] {
	return {
		compute: () => value,
		sql: typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value)
	};
}
