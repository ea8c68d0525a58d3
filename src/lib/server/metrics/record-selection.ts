import type { DuckDBValue } from '@duckdb/node-api';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import { buildScopeCondition, type AreaScope } from '../scope.ts';

export interface SqlCondition {
	sql: string;
	params: Record<string, DuckDBValue>;
}

type ListFilter = 'area' | 'building' | 'category' | 'channel' | 'severity' | 'department';

/** How a record table meets the dashboard filters: its clock column and the filters that apply to it. */
interface RecordSelection {
	timeColumn: string;
	listFilters: readonly ListFilter[];
	/** Whether the table has a validity column the page's validity filter applies to. */
	hasValidity: boolean;
}

const complaintSelection: RecordSelection = {
	timeColumn: 'received_at',
	listFilters: ['area', 'building', 'category', 'channel', 'severity', 'department'],
	hasValidity: true
};

const workOrderSelection: RecordSelection = {
	timeColumn: 'reported_at',
	listFilters: ['area', 'building'],
	hasValidity: false
};

/**
 * The records a dashboard figure counts: in the period, within the caller's scope and the page's
 * filters. Every metric starts from this one condition.
 */
function selectRecords(
	selection: RecordSelection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	periodName: string
): SqlCondition {
	const scopeCondition = buildScopeCondition(scope);
	const parts = [
		`${selection.timeColumn} >= $${periodName}Start::TIMESTAMP`,
		`${selection.timeColumn} < $${periodName}End::TIMESTAMP`,
		scopeCondition.sql
	];
	const params: Record<string, DuckDBValue> = {
		[`${periodName}Start`]: period.start,
		[`${periodName}End`]: period.end,
		...scopeCondition.params
	};
	for (const key of selection.listFilters) {
		const values = filters[key];
		if (values.length === 0) continue;
		parts.push(`${key} IN (SELECT unnest($${key}::VARCHAR[]))`);
		params[key] = JSON.stringify(values);
	}
	if (selection.hasValidity && filters.validity !== 'all') {
		parts.push('validity = $validity');
		params.validity = filters.validity;
	}
	return { sql: parts.join(' AND '), params };
}

/** Complaints received in the period (valid ones unless the page says otherwise). */
export function selectComplaints(
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	/** Names the period's parameters apart when one query selects two periods. */
	periodName = 'period'
): SqlCondition {
	return selectRecords(complaintSelection, filters, scope, period, periodName);
}

/** Work orders reported in the period, in the caller's scope and the page's places. */
export function selectWorkOrders(
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange
): SqlCondition {
	return selectRecords(workOrderSelection, filters, scope, period, 'period');
}

/**
 * Several periods in one query (a figure, its 环比 and its 同比): rows are joined to every range they fall
 * in and tagged with its index, so overlapping ranges each count their rows. Select the records over
 * `covering`, then add `sql` after the table name.
 */
export function joinDateRanges(
	ranges: readonly DateRange[],
	timeColumn: string
): { covering: DateRange; sql: string; params: Record<string, DuckDBValue> } {
	const values = ranges.map(
		(_, index) => `(${index}, $range${index}Start::TIMESTAMP, $range${index}End::TIMESTAMP)`
	);
	const params: Record<string, DuckDBValue> = {};
	ranges.forEach((range, index) => {
		params[`range${index}Start`] = range.start;
		params[`range${index}End`] = range.end;
	});
	return {
		covering: {
			start: ranges.map((range) => range.start).sort()[0],
			end: ranges
				.map((range) => range.end)
				.sort()
				.at(-1)!
		},
		sql: `JOIN (VALUES ${values.join(', ')}) AS ranges(range_index, range_start, range_end)
			ON ${timeColumn} >= range_start AND ${timeColumn} < range_end`,
		params
	};
}
