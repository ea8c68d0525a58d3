import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, runInTransaction } from '../db/database.ts';
import type { KindName } from '../kinds/kind-definition.ts';
import { normaliseHeaderKey } from '../normalise/header-key.ts';
import type { CellValue } from '../readers/sheet-row.ts';

/** A hand-corrected mapping: source header → field name, or '' to ignore the column. */
export type ColumnMapping = Record<string, string>;

/** Remembered mappings by header signature, as a parse (possibly in a worker) receives them. */
export type RememberedMappings = Record<string, ColumnMapping>;

/** How a survey layout's answers are read: its own labels → answer codes, and scales chosen by hand. */
export interface AnswerMapping {
	answerLabels?: Record<string, string>;
	questionScales?: Record<string, string>;
}

/** Remembered answer mappings by header signature, alongside the column mappings. */
export type RememberedAnswerMappings = Record<string, AnswerMapping>;

/**
 * Identifies a layout of a kind's file: the header keys (normalised as for alias matching, so
 * "Received at" and "received_at " agree) in order, hashed. Trailing blank header cells do not count:
 * readers differ on how far a header row extends.
 */
export function computeHeaderSignature(kind: KindName, headerCells: readonly CellValue[]): string {
	const keys = headerCells.map((cell) => normaliseHeaderKey(cell));
	while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
	return createHash('sha256')
		.update(`${kind}\u001e${keys.join('\u001f')}`)
		.digest('hex')
		.slice(0, 32);
}

/** Remembers a corrected mapping for files of this kind with this header (one per signature). */
export async function saveColumnMapping(
	connection: DuckDBConnection,
	entry: {
		kind: KindName;
		headerCells: readonly CellValue[];
		mapping: ColumnMapping;
		/** A survey's answer labels and scales, remembered with its columns. */
		answers?: AnswerMapping;
		user: string;
	}
): Promise<string> {
	const answers = entry.answers && hasAnswerMapping(entry.answers) ? JSON.stringify(entry.answers) : null;
	const signature = computeHeaderSignature(entry.kind, entry.headerCells);
	await runInTransaction(connection, async () => {
		await connection.run('DELETE FROM column_mappings WHERE kind = $kind AND header_signature = $signature', {
			kind: entry.kind,
			signature
		});
		await connection.run(
			`INSERT INTO column_mappings (kind, header_signature, mapping, answer_mapping, updated_at, updated_by)
				VALUES ($kind, $signature, $mapping::JSON, $answers::JSON, current_localtimestamp(), $user)`,
			{ kind: entry.kind, signature, mapping: JSON.stringify(entry.mapping), answers, user: entry.user }
		);
	});
	return signature;
}

export async function findColumnMapping(
	connection: DuckDBConnection,
	kind: KindName,
	headerCells: readonly CellValue[]
): Promise<ColumnMapping | null> {
	const rows = await queryRows<{ mapping: string }>(
		connection,
		`SELECT mapping::VARCHAR AS mapping FROM column_mappings WHERE kind = $kind AND header_signature = $signature
			ORDER BY updated_at DESC LIMIT 1`,
		{ kind, signature: computeHeaderSignature(kind, headerCells) }
	);
	return rows.length > 0 ? (JSON.parse(rows[0].mapping) as ColumnMapping) : null;
}

/**
 * Every remembered mapping, for a parse to match against each candidate header row and kind: the
 * header is only found inside the parse (a worker, with no database), and the table stays small.
 */
export async function listRememberedMappings(connection: DuckDBConnection): Promise<RememberedMappings> {
	const rows = await queryRows<{ kind: string; signature: string; mapping: string }>(
		connection,
		`SELECT kind, header_signature AS signature, mapping::VARCHAR AS mapping FROM column_mappings ORDER BY updated_at`
	);
	const remembered: RememberedMappings = {};
	for (const row of rows) remembered[row.signature] = JSON.parse(row.mapping) as ColumnMapping;
	return remembered;
}

function hasAnswerMapping(answers: AnswerMapping): boolean {
	return (
		Object.keys(answers.answerLabels ?? {}).length > 0 || Object.keys(answers.questionScales ?? {}).length > 0
	);
}

/** Every remembered survey answer mapping, by header signature, for a parse to apply with its columns. */
export async function listRememberedAnswerMappings(
	connection: DuckDBConnection
): Promise<RememberedAnswerMappings> {
	const rows = await queryRows<{ signature: string; answers: string }>(
		connection,
		`SELECT header_signature AS signature, answer_mapping::VARCHAR AS answers FROM column_mappings
			WHERE answer_mapping IS NOT NULL ORDER BY updated_at`
	);
	const remembered: RememberedAnswerMappings = {};
	for (const row of rows) remembered[row.signature] = JSON.parse(row.answers) as AnswerMapping;
	return remembered;
}
