import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../db/database.ts';

export type BatchStatus = 'loaded' | 'partial' | 'rejected' | 'failed' | 'rolled_back';

export interface BatchRecord {
	id: number;
	kind: string;
	file_name: string;
	file_size: number;
	sha256: string;
	uploaded_by: string;
	source: string;
	started_at: Date;
	finished_at: Date | null;
	status: BatchStatus;
	rows_read: number;
	rows_loaded: number;
	rows_updated: number;
	rows_unchanged: number;
	rows_rejected: number;
	rows_skipped: number;
	wave_id: string | null;
	message: string | null;
}

/** The batch that already holds this exact file, if it is still in effect (SPEC §4: re-upload is a no-op). */
export async function findLoadedBatchByHash(
	connection: DuckDBConnection,
	sha256: string
): Promise<BatchRecord | null> {
	const rows = await queryRows<BatchRecord>(
		connection,
		`SELECT * FROM import_batches WHERE sha256 = $sha AND status IN ('loaded', 'partial') ORDER BY id DESC LIMIT 1`,
		{ sha: sha256 }
	);
	return rows[0] ?? null;
}

export async function listBatches(connection: DuckDBConnection, limit = 50): Promise<BatchRecord[]> {
	return queryRows<BatchRecord>(connection, 'SELECT * FROM import_batches ORDER BY id DESC LIMIT $limit', {
		limit
	});
}

export async function getBatch(connection: DuckDBConnection, batchId: number): Promise<BatchRecord | null> {
	const rows = await queryRows<BatchRecord>(connection, 'SELECT * FROM import_batches WHERE id = $id', {
		id: batchId
	});
	return rows[0] ?? null;
}

export async function allocateBatchId(connection: DuckDBConnection): Promise<number> {
	const rows = await queryRows<{ id: number }>(connection, "SELECT nextval('batch_id_seq')::BIGINT AS id");
	return rows[0].id;
}
