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
