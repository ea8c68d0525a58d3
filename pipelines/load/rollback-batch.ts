import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, runInTransaction } from '../db/database.ts';
import { getBatch } from './batch-registry.ts';
import { quoteIdentifier } from './merge-records.ts';

/** Every table a batch can write records to; each has a `<table>_history` twin. */
export const recordTables = [
	'units',
	'complaints',
	'work_orders',
	'fee_bills',
	'payments',
	'survey_respondents',
	'survey_answers'
] as const;

export class RollbackRefusedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RollbackRefusedError';
	}
}

/**
 * Undoes a batch: its new records disappear and the versions it replaced come back from history,
 * so the dashboards show the data as it was before. A batch whose records were replaced again by a
 * later batch still in effect must wait until that later batch is rolled back (otherwise the later
 * batch's versions would be silently lost).
 */
export async function rollbackBatch(
	connection: DuckDBConnection,
	batchId: number,
	actor: string
): Promise<{ restored: number; removed: number }> {
	const batch = await getBatch(connection, batchId);
	if (!batch) throw new RollbackRefusedError(`There is no batch ${batchId}.`);
	if (batch.status === 'rolled_back')
		throw new RollbackRefusedError(`Batch ${batchId} was already rolled back.`);
	if (batch.status !== 'loaded' && batch.status !== 'partial') {
		throw new RollbackRefusedError(
			`Batch ${batchId} loaded no records (status: ${batch.status}); nothing to roll back.`
		);
	}
	const blockers = new Set<number>();
	for (const table of recordTables) {
		const rows = await queryRows<{ later: number }>(
			connection,
			`SELECT DISTINCT h.replaced_by_batch AS later FROM ${quoteIdentifier(`${table}_history`)} h
				JOIN import_batches b ON b.id = h.replaced_by_batch AND b.status IN ('loaded', 'partial')
				WHERE h.batch_id = $batch AND h.replaced_by_batch <> $batch`,
			{ batch: batchId }
		);
		rows.forEach((r) => blockers.add(r.later));
	}
	if (blockers.size > 0) {
		const list = [...blockers].sort((a, b) => a - b).join(', ');
		throw new RollbackRefusedError(
			`Batch ${batchId} cannot be rolled back yet: later batch ${list} updated some of its records. Roll back ${list} first.`
		);
	}
	let restored = 0;
	let removed = 0;
	await runInTransaction(connection, async () => {
		for (const table of recordTables) {
			const history = quoteIdentifier(`${table}_history`);
			const deleted = await connection.run(`DELETE FROM ${quoteIdentifier(table)} WHERE batch_id = $batch`, {
				batch: batchId
			});
			const back = await connection.run(
				`INSERT INTO ${quoteIdentifier(table)} SELECT * EXCLUDE (replaced_by_batch, replaced_at) FROM ${history}
					WHERE replaced_by_batch = $batch`,
				{ batch: batchId }
			);
			await connection.run(`DELETE FROM ${history} WHERE replaced_by_batch = $batch`, { batch: batchId });
			if (table !== 'survey_answers') {
				removed += Number(deleted.rowsChanged);
				restored += Number(back.rowsChanged);
			}
		}
		// Questions and waves that only this batch brought in go with it.
		await connection.run(
			`DELETE FROM survey_questions q WHERE created_by_batch = $batch AND NOT EXISTS
				(SELECT 1 FROM survey_answers a WHERE a.wave_id = q.wave_id AND a.question_code = q.code)`,
			{ batch: batchId }
		);
		await connection.run(
			`DELETE FROM survey_waves w WHERE created_by_batch = $batch AND NOT EXISTS
				(SELECT 1 FROM survey_respondents r WHERE r.wave_id = w.id)`,
			{ batch: batchId }
		);
		await connection.run(
			`UPDATE import_batches SET status = 'rolled_back', rolled_back_at = current_localtimestamp(),
				rolled_back_by = $actor WHERE id = $batch`,
			{ batch: batchId, actor }
		);
	});
	await connection.run('CHECKPOINT');
	return { restored, removed: removed - restored };
}
