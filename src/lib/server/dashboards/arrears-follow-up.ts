import type { DuckDBConnection } from '@duckdb/node-api';
import { buildVisibleTable } from '$lib/components/data-table-rows.ts';
import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import { m } from '$lib/paraglide/messages.js';
import { describeFollowUpRows, followUpColumns } from '$lib/views/arrears-units-view.ts';
import { withConnection } from '../database.ts';
import { buildXlsxWorkbookOfTables } from '../export/xlsx-export.ts';
import { listArrearsUnits, type ArrearsUnit, type ArrearsUnitTable } from '../metrics/arrears-units.ts';
import type { AreaScope } from '../scope.ts';
import { findLatestFeeDate } from './arrears-dashboard.ts';

/** The page's sort; the export has no page number. */
type FollowUpSort = Pick<ArrearsUnitTable, 'sort' | 'dir'>;

/** The largest page `listArrearsUnits` hands out. */
const followUpPageSize = 200;

/**
 * Every unit in arrears at D in the page's sort order, read a page at a time inside one transaction, so
 * a batch committed meanwhile can neither repeat nor drop a unit between pages.
 */
export async function listAllArrearsUnits(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	asOf: string,
	table: FollowUpSort,
	pageSize = followUpPageSize
): Promise<ArrearsUnit[]> {
	const units: ArrearsUnit[] = [];
	await connection.run('BEGIN TRANSACTION');
	try {
		for (let page = 1; ; page++) {
			const listed = await listArrearsUnits(connection, filters, scope, asOf, {
				page,
				pageSize,
				sort: table.sort,
				dir: table.dir
			});
			// The list clamps a page past the end to the last one: stop once the last page has been read.
			if (listed.page < page) break;
			units.push(...listed.rows);
			if (units.length >= listed.totalRows) break;
		}
	} finally {
		// Nothing was written: ending the snapshot is all there is to do, and works after a failed query too.
		await connection.run('ROLLBACK');
	}
	return units;
}

/** The follow-up list for staff as a workbook: one sheet of every unit in arrears, named with day D. */
export async function writeArrearsFollowUpWorkbook(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	table: FollowUpSort,
	pageSize = followUpPageSize
): Promise<{ fileName: string; body: Buffer; asOf: string; units: number }> {
	const asOf = filters.asOf ?? (await findLatestFeeDate(connection));
	const units = await listAllArrearsUnits(connection, filters, scope, asOf, table, pageSize);
	const sheet = buildVisibleTable(
		m.arrears_follow_up_sheet({ date: asOf }),
		followUpColumns(),
		describeFollowUpRows(units)
	);
	return {
		fileName: m.arrears_follow_up_file({ date: asOf }),
		body: await buildXlsxWorkbookOfTables([sheet]),
		asOf,
		units: units.length
	};
}

export async function buildArrearsFollowUpWorkbook(
	filters: DashboardFilters,
	scope: AreaScope,
	table: FollowUpSort
): Promise<{ fileName: string; body: Buffer }> {
	return withConnection((connection) => writeArrearsFollowUpWorkbook(connection, filters, scope, table));
}
