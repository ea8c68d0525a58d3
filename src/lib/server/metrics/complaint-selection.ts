import type { DuckDBValue } from '@duckdb/node-api';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import { buildScopeCondition, type AreaScope } from '../scope.ts';

export interface SqlCondition {
	sql: string;
	params: Record<string, DuckDBValue>;
}

const listFilters = [
	['area', 'area'],
	['building', 'building'],
	['category', 'category'],
	['channel', 'channel'],
	['severity', 'severity'],
	['department', 'department']
] as const;

/**
 * The complaints a dashboard figure counts: received in the period, within the caller's scope and the
 * page's filters. Every complaint metric starts from this one condition.
 */
export function selectComplaints(
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	/** Names the period's parameters apart when one query selects two periods. */
	periodName = 'period'
): SqlCondition {
	const scopeCondition = buildScopeCondition(scope);
	const parts = [
		`received_at >= $${periodName}Start::TIMESTAMP`,
		`received_at < $${periodName}End::TIMESTAMP`,
		scopeCondition.sql
	];
	const params: Record<string, DuckDBValue> = {
		[`${periodName}Start`]: period.start,
		[`${periodName}End`]: period.end,
		...scopeCondition.params
	};
	for (const [key, column] of listFilters) {
		const values = filters[key];
		if (values.length === 0) continue;
		parts.push(`${column} IN (SELECT unnest($${key}::VARCHAR[]))`);
		params[key] = JSON.stringify(values);
	}
	if (filters.validity !== 'all') {
		parts.push('validity = $validity');
		params.validity = filters.validity;
	}
	return { sql: parts.join(' AND '), params };
}
