import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export interface MergeCounts {
	staged: number;
	inserted: number;
	updated: number;
	unchanged: number;
}

/** Quotes an SQL identifier; identifiers here come from the kind definitions, never from a file. */
export function quoteIdentifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB string literal for a path the application generated itself (table functions take no parameters for it). */
export function quoteGeneratedPath(filePath: string): string {
	return `'${filePath.replaceAll("'", "''")}'`;
}

/** Reads a staged CSV back with its declared types: no sniffing, so values are never reinterpreted. */
export function readStagedSql(
	filePath: string,
	columns: readonly { name: string; sqlType: string }[]
): string {
	const spec = columns.map((c) => `${quoteGeneratedPath(c.name)}: '${c.sqlType}'`).join(', ');
	return `read_csv(${quoteGeneratedPath(filePath)}, header = true, auto_detect = false, delim = ',', quote = '"',
		escape = '"', allow_quoted_nulls = false, columns = {${spec}})`;
}

/** Where a merge reads its records from: `sourceSql` yields id, source_row and then `columns` in order. */
export interface MergeTarget {
	table: string;
	columns: readonly string[];
	sourceSql: string;
	params?: Record<string, DuckDBValue>;
}

/** A stored record `t` differs from the arriving one `s`: the one test of "updated" for merge and preview. */
function describeChangeSql(columns: readonly string[]): string {
	return `row(${columns.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM row(${columns.map((c) => `s.${c}`).join(', ')})`;
}

async function createMergeSource(
	connection: DuckDBConnection,
	target: MergeTarget
): Promise<'TABLE' | 'VIEW'> {
	// A view, not a copy, where possible: the stage is already a table. Views cannot hold parameters.
	const relation = target.params ? 'TABLE' : 'VIEW';
	const columns = target.columns.map(quoteIdentifier);
	await connection.run(
		`CREATE OR REPLACE TEMP ${relation} merge_source AS SELECT * FROM (${target.sourceSql}) s(id, source_row, ${columns.join(', ')})`,
		target.params ?? {}
	);
	return relation;
}

/**
 * What `mergeRecords` would do with these records, without writing anything: new ids, changed records
 * and identical ones, judged against the live table by the same comparison.
 */
export async function countMergeOutcome(
	connection: DuckDBConnection,
	target: MergeTarget
): Promise<MergeCounts> {
	const relation = await createMergeSource(connection, target);
	const columns = target.columns.map(quoteIdentifier);
	try {
		const reader = await connection.runAndReadAll(
			`SELECT count(*)::INTEGER AS staged,
				count(*) FILTER (WHERE t.id IS NULL)::INTEGER AS inserted,
				count(*) FILTER (WHERE t.id IS NOT NULL AND ${describeChangeSql(columns)})::INTEGER AS updated
				FROM merge_source s LEFT JOIN ${quoteIdentifier(target.table)} t ON t.id = s.id`
		);
		const row = reader.getRowObjectsJS()[0];
		const staged = Number(row.staged);
		const inserted = Number(row.inserted);
		const updated = Number(row.updated);
		return { staged, inserted, updated, unchanged: staged - inserted - updated };
	} finally {
		await connection.run(`DROP ${relation} merge_source`);
	}
}

/**
 * Merges records into their table: new ids are inserted, changed records replace the stored version
 * (which moves to `<table>_history`, for rollback), identical ones are left alone.
 */
export async function mergeRecords(
	connection: DuckDBConnection,
	batchId: number,
	target: MergeTarget
): Promise<MergeCounts> {
	const table = quoteIdentifier(target.table);
	const history = quoteIdentifier(`${target.table}_history`);
	const columns = target.columns.map(quoteIdentifier);
	const relation = await createMergeSource(connection, target);
	// Most batches bring only new records: then there is nothing to compare, move to history or skip.
	const overlapReader = await connection.runAndReadAll(
		`SELECT count(*)::INTEGER AS n FROM ${table} WHERE id IN (SELECT id FROM merge_source)`
	);
	const overlap = Number(overlapReader.getRowObjectsJS()[0].n);
	let updatedCount = 0;
	let insertedCount: number;
	const sourceColumns = columns.map((c) => `s.${c}`).join(', ');
	if (overlap === 0) {
		const inserted = await connection.run(
			`INSERT INTO ${table} (id, batch_id, source_row, ${columns.join(', ')})
				SELECT s.id, $batch, s.source_row, ${sourceColumns} FROM merge_source s`,
			{ batch: batchId }
		);
		insertedCount = Number(inserted.rowsChanged);
	} else {
		const replaced = await connection.run(
			`INSERT INTO ${history} SELECT t.*, $batch, current_localtimestamp() FROM ${table} t JOIN merge_source s ON t.id = s.id
				WHERE ${describeChangeSql(columns)}`,
			{ batch: batchId }
		);
		updatedCount = Number(replaced.rowsChanged);
		if (updatedCount > 0) {
			await connection.run(
				`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${history} WHERE replaced_by_batch = $batch)`,
				{ batch: batchId }
			);
		}
		const inserted = await connection.run(
			`INSERT INTO ${table} (id, batch_id, source_row, ${columns.join(', ')})
				SELECT s.id, $batch, s.source_row, ${sourceColumns} FROM merge_source s
				WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = s.id)`,
			{ batch: batchId }
		);
		insertedCount = Number(inserted.rowsChanged);
	}
	const stagedReader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM merge_source');
	const staged = Number(stagedReader.getRowObjectsJS()[0].n);
	await connection.run(`DROP ${relation} merge_source`);
	return {
		staged,
		inserted: insertedCount - updatedCount,
		updated: updatedCount,
		unchanged: staged - insertedCount
	};
}
