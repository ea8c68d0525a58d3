import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { StagedOutput } from './parse-file.ts';

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

/**
 * Merges a staged file into its record table: new ids are inserted, changed records replace the stored
 * version (which moves to `<table>_history`, for rollback), identical ones are left alone.
 * `idPrefix` scopes ids (a survey respondent is unique within its wave); `fixedColumns` adds values
 * that are the same for the whole batch (the wave).
 */
export async function mergeStagedRecords(
	connection: DuckDBConnection,
	batchId: number,
	output: StagedOutput,
	options: { idPrefix?: string; fixedColumns?: Record<string, string> } = {}
): Promise<MergeCounts> {
	const table = quoteIdentifier(output.table);
	const history = quoteIdentifier(`${output.table}_history`);
	const fixed = Object.entries(options.fixedColumns ?? {});
	const params: Record<string, DuckDBValue> = { batch: batchId };
	fixed.forEach(([, value], i) => (params[`fixed${i}`] = value));
	params.prefix = options.idPrefix ?? '';
	const stagedColumns = [
		{ name: 'id', sqlType: 'VARCHAR' },
		{ name: 'source_row', sqlType: 'INTEGER' },
		...output.columns
	];
	const compared = [...fixed.map(([name]) => name), ...output.columns.map((c) => c.name)].map(
		quoteIdentifier
	);
	const fixedSelect = fixed.map(([name], i) => `$fixed${i} AS ${quoteIdentifier(name)}, `).join('');

	await connection.run(
		`CREATE OR REPLACE TEMP TABLE merge_stage AS SELECT $prefix || id AS id, source_row, ${fixedSelect}
			${output.columns.map((c) => quoteIdentifier(c.name)).join(', ')} FROM ${readStagedSql(output.path, stagedColumns)}`,
		{ prefix: params.prefix, ...Object.fromEntries(fixed.map(([, v], i) => [`fixed${i}`, v])) }
	);
	const replaced = await connection.run(
		`INSERT INTO ${history} SELECT t.*, $batch, current_localtimestamp() FROM ${table} t JOIN merge_stage s ON t.id = s.id
			WHERE row(${compared.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM row(${compared.map((c) => `s.${c}`).join(', ')})`,
		{ batch: batchId }
	);
	await connection.run(
		`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${history} WHERE replaced_by_batch = $batch)`,
		{ batch: batchId }
	);
	const inserted = await connection.run(
		`INSERT INTO ${table} (id, batch_id, source_row, ${compared.join(', ')})
			SELECT s.id, $batch, s.source_row, ${compared.map((c) => `s.${c}`).join(', ')} FROM merge_stage s
			WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = s.id)`,
		{ batch: batchId }
	);
	const stagedReader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM merge_stage');
	const staged = Number(stagedReader.getRowObjectsJS()[0].n);
	await connection.run('DROP TABLE merge_stage');
	const insertedCount = Number(inserted.rowsChanged);
	const updatedCount = Number(replaced.rowsChanged);
	return {
		staged,
		inserted: insertedCount - updatedCount,
		updated: updatedCount,
		unchanged: staged - insertedCount
	};
}
