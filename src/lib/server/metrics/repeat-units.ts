import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { selectComplaints } from './record-selection.ts';

export interface RepeatUnit {
	area: string;
	unit: string;
	category: string;
	/** Complaints of this category from this unit in the 90 days ending with the period. */
	count: number;
	first: string;
	last: string;
}

/** SPEC §5: a unit with at least 3 complaints of one category within 90 days. */
export const repeatUnitRule = { minComplaints: 3, windowDays: 90 } as const;

/**
 * Units that keep complaining about one thing: within the 90 days that end with the period, at least
 * three complaints of one category. Complaints without a unit cannot repeat and are left out.
 */
export async function computeRepeatUnits(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange
): Promise<RepeatUnit[]> {
	const end = new Date(`${period.end}T00:00:00Z`);
	const start = new Date(end.getTime() - repeatUnitRule.windowDays * 86_400_000).toISOString().slice(0, 10);
	const selection = selectComplaints(filters, scope, { start, end: period.end });
	return queryRows<RepeatUnit>(
		connection,
		`SELECT area, unit, category, count(*)::INTEGER AS count, min(received_at)::VARCHAR AS first,
			max(received_at)::VARCHAR AS last
		FROM complaints WHERE ${selection.sql} AND unit IS NOT NULL
		GROUP BY area, unit, category HAVING count(*) >= $minComplaints
		ORDER BY count DESC, area, unit, category`,
		{ ...selection.params, minComplaints: repeatUnitRule.minComplaints }
	);
}
