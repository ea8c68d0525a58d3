import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { RecordTableParams } from '$lib/filters/record-table-params.ts';
import { maskResident } from '../privacy/personal-data.ts';
import type { AreaScope } from '../scope.ts';
import { selectComplaints } from './record-selection.ts';

export interface ComplaintRecord {
	id: string;
	received_at: string;
	area: string;
	building: string | null;
	unit: string | null;
	category: string;
	severity: string;
	channel: string | null;
	department: string | null;
	status: string | null;
	first_response_at: string | null;
	resolved_at: string | null;
	resident_name: string | null;
	resident_phone: string | null;
}

export interface RecordPage<T> {
	rows: T[];
	totalRows: number;
	page: number;
	pageSize: number;
	sort: { key: string; direction: 'asc' | 'desc' };
}

export const recordPageSize = 25;

/** The columns a reader may sort by: a whitelist, so no request text ever becomes SQL. */
const sortableColumns: Record<string, string> = {
	id: 'id',
	received_at: 'received_at',
	area: 'area',
	building: 'building',
	unit: 'unit',
	category: 'category',
	severity: 'severity',
	channel: 'channel',
	department: 'department',
	status: 'status',
	resolved_at: 'resolved_at'
};

/**
 * The complaints behind a figure: the same selection every complaint metric counts, one page at a time,
 * sorted on the server, residents masked.
 */
export async function listComplaintRecords(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	table: RecordTableParams
): Promise<RecordPage<ComplaintRecord>> {
	const selection = selectComplaints(filters, scope, period);
	const sortKey = table.sort && table.sort in sortableColumns ? table.sort : 'received_at';
	const direction = table.dir === 'asc' ? 'ASC' : 'DESC';
	const [{ total }] = await queryRows<{ total: number }>(
		connection,
		`SELECT count(*)::INTEGER AS total FROM complaints WHERE ${selection.sql}`,
		selection.params
	);
	const pageCount = Math.max(1, Math.ceil(total / recordPageSize));
	const page = Math.min(table.page, pageCount);
	const rows = await queryRows<ComplaintRecord>(
		connection,
		`SELECT id, strftime(received_at, '%Y-%m-%d %H:%M') AS received_at, area, building, unit, category, severity,
			channel, department, status, strftime(first_response_at, '%Y-%m-%d %H:%M') AS first_response_at,
			strftime(resolved_at, '%Y-%m-%d %H:%M') AS resolved_at, resident_name, resident_phone
		FROM complaints WHERE ${selection.sql}
		ORDER BY ${sortableColumns[sortKey]} ${direction} NULLS LAST, id
		LIMIT $limit OFFSET $offset`,
		{ ...selection.params, limit: recordPageSize, offset: (page - 1) * recordPageSize }
	);
	return {
		rows: rows.map(maskResident),
		totalRows: total,
		page,
		pageSize: recordPageSize,
		sort: { key: sortKey, direction: table.dir }
	};
}
