import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { buildLedgerSql } from './arrears-ledger.ts';
import type { RecordPage } from './complaint-records.ts';

/**
 * A unit to follow up at D. Fee bills and payments carry no resident names or phones — only unit codes and
 * places — so there is nothing to mask here; should a name column ever be added, it must go through
 * `privacy/personal-data.ts` before leaving the server.
 */
export interface ArrearsUnit {
	unit: string;
	area: string;
	building: string | null;
	/** Outstanding at D on the unit's bills past due (due before D). */
	outstanding: number;
	/** Distinct billing periods with an outstanding bill past due. */
	monthsOwed: number;
	/** The oldest such period (YYYY-MM-DD, first of the month). */
	oldestUnpaidPeriod: string;
	/** The unit's last payment made by D, whatever it paid for (YYYY-MM-DD); null if it never paid. */
	lastPaymentAt: string | null;
	/** D − last payment day; null if it never paid. */
	daysSinceLastPayment: number | null;
}

export const arrearsUnitSortKeys = ['outstanding', 'monthsOwed', 'lastPaymentAt', 'unit'] as const;
export type ArrearsUnitSortKey = (typeof arrearsUnitSortKeys)[number];

/**
 * The sortable columns, a whitelist so no request text becomes SQL. The snake_case spellings are accepted
 * too because the record-table URL schema allows only `[a-z_]` in a sort key.
 */
const sortColumns: Record<string, [ArrearsUnitSortKey, string]> = {
	outstanding: ['outstanding', 'outstanding'],
	monthsOwed: ['monthsOwed', 'months_owed'],
	months_owed: ['monthsOwed', 'months_owed'],
	lastPaymentAt: ['lastPaymentAt', 'last_payment_at'],
	last_payment_at: ['lastPaymentAt', 'last_payment_at'],
	unit: ['unit', 'unit']
};

export const arrearsUnitPageSize = 25;
const maxPageSize = 200;

export interface ArrearsUnitTable {
	page: number;
	pageSize?: number;
	sort?: string;
	dir?: 'asc' | 'desc';
}

/**
 * The follow-up list: every unit with an outstanding balance on a bill past due at D, by default largest
 * outstanding first, one page at a time, sorted on the server. Sorting by last payment ascending puts units
 * that never paid first (never is the longest ago). Ties fall back to the unit code.
 */
export async function listArrearsUnits(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	table: ArrearsUnitTable
): Promise<RecordPage<ArrearsUnit>> {
	const ledger = buildLedgerSql(filters, scope, asOf);
	const [sortKey, sortColumn] = sortColumns[table.sort ?? 'outstanding'] ?? sortColumns.outstanding;
	const direction = (table.dir ?? 'desc') === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
	const pageSize = Math.min(Math.max(1, Math.floor(table.pageSize ?? arrearsUnitPageSize)), maxPageSize);
	// One query, so the ledger runs once: rows are numbered in sort order and the page (clamped to the last
	// one) is cut from them.
	const rows = await queryRows<ArrearsUnit & { position: number; total: number }>(
		connection,
		`${ledger.sql},
		owed AS (
			SELECT unit, min(area) AS area, min(building) AS building, sum(outstanding) AS outstanding,
				count(DISTINCT period) AS months_owed, min(period) AS oldest_period
			FROM ledger_bills WHERE days_past_due >= 1 AND outstanding > 0 GROUP BY unit),
		last_paid AS (
			SELECT unit, max(paid_at)::DATE AS last_payment_at FROM placed_payments
			WHERE paid_at < $listAsOf::DATE + INTERVAL 1 DAY AND unit IN (SELECT unit FROM owed) GROUP BY unit),
		listed AS (
			SELECT o.*, l.last_payment_at FROM owed o LEFT JOIN last_paid l ON l.unit = o.unit),
		numbered AS (
			SELECT *, row_number() OVER (ORDER BY ${sortColumn} ${direction}, unit) AS position,
				count(*) OVER () AS total
			FROM listed),
		paged AS (
			SELECT *, (least($page, greatest(ceil(total / $pageSize::DOUBLE), 1)) - 1) * $pageSize AS skipped FROM numbered)
		SELECT unit, area, building, outstanding::DOUBLE AS outstanding, months_owed::INTEGER AS monthsOwed,
			oldest_period::VARCHAR AS oldestUnpaidPeriod, last_payment_at::VARCHAR AS lastPaymentAt,
			datediff('day', last_payment_at, $listAsOf::DATE)::INTEGER AS daysSinceLastPayment,
			position::INTEGER AS position, total::INTEGER AS total
		FROM paged WHERE position > skipped AND position <= skipped + $pageSize
		ORDER BY position`,
		{ ...ledger.params, listAsOf: asOf, page: Math.max(1, Math.floor(table.page)), pageSize }
	);
	const total = rows[0]?.total ?? 0;
	const page = rows.length > 0 ? Math.ceil(rows[0].position / pageSize) : 1;
	return {
		rows: rows.map(({ position: _position, total: _total, ...row }) => row),
		totalRows: total,
		page,
		pageSize,
		sort: { key: sortKey, direction: table.dir ?? 'desc' }
	};
}
