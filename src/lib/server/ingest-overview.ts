import { queryRows } from '$pipelines/db/database.ts';
import { withConnection } from './database.ts';
import { buildScopeCondition, type AreaScope } from './scope.ts';

export interface KindCount {
	kind: string;
	table: string;
	rows: number;
	latestBatchAt: string | null;
}

export interface BatchSummary {
	id: number;
	kind: string;
	fileName: string;
	status: string;
	rowsRead: number;
	rowsLoaded: number;
	rowsUpdated: number;
	rowsRejected: number;
	rowsSkipped: number;
	uploadedBy: string;
	startedAt: string;
}

export interface IngestOverview {
	kinds: KindCount[];
	batches: BatchSummary[];
}

const countedTables = [
	{ kind: 'units', table: 'units' },
	{ kind: 'complaints', table: 'complaints' },
	{ kind: 'repairs', table: 'work_orders' },
	{ kind: 'fees', table: 'fee_bills' },
	{ kind: 'payments', table: 'payments' },
	{ kind: 'surveys', table: 'survey_respondents' }
] as const;

/** Rows loaded per data kind (within the caller's areas) and the latest batches, for the home page. */
export async function loadIngestOverview(scope: AreaScope): Promise<IngestOverview> {
	return withConnection(async (connection) => {
		const scopeCondition = buildScopeCondition(scope);
		const kinds: KindCount[] = [];
		for (const { kind, table } of countedTables) {
			const [row] = await queryRows<{ rows: number; latest: Date | null }>(
				connection,
				`SELECT count(*)::INTEGER AS rows, (SELECT max(finished_at) FROM import_batches
					WHERE kind = $kind AND status IN ('loaded', 'partial')) AS latest FROM ${table} WHERE ${scopeCondition.sql}`,
				{ ...scopeCondition.params, kind }
			);
			kinds.push({
				kind,
				table,
				rows: row.rows,
				latestBatchAt: row.latest ? row.latest.toISOString() : null
			});
		}
		const batches = await queryRows<BatchSummary & { startedAt: Date }>(
			connection,
			`SELECT id, kind, file_name AS "fileName", status, rows_read AS "rowsRead", rows_loaded AS "rowsLoaded",
				rows_updated AS "rowsUpdated", rows_rejected AS "rowsRejected", rows_skipped AS "rowsSkipped",
				uploaded_by AS "uploadedBy", started_at AS "startedAt" FROM import_batches ORDER BY id DESC LIMIT 20`
		);
		return { kinds, batches: batches.map((b) => ({ ...b, startedAt: b.startedAt.toISOString() })) };
	});
}

/** Whether the database answers, for /health. */
export async function checkDatabaseHealth(): Promise<{ ok: boolean; batches: number; error?: string }> {
	try {
		return await withConnection(async (connection) => {
			const [row] = await queryRows<{ n: number }>(
				connection,
				'SELECT count(*)::INTEGER AS n FROM import_batches'
			);
			return { ok: true, batches: row.n };
		});
	} catch (error) {
		return { ok: false, batches: 0, error: (error as Error).message };
	}
}
