import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { selectComplaints } from './record-selection.ts';

export interface CountByKey {
	key: string | null;
	count: number;
}

export interface ComplaintMix {
	byChannel: CountByKey[];
	bySeverity: CountByKey[];
	/** Valid and invalid, whatever the page's validity filter (invalid complaints stay in the register). */
	byValidity: CountByKey[];
	/** Buildings with the most complaints, with their area (a building name repeats across areas). */
	topBuildings: { area: string; building: string | null; count: number }[];
}

async function countBy(
	connection: DuckDBConnection,
	column: 'channel' | 'severity' | 'validity',
	condition: ReturnType<typeof selectComplaints>
): Promise<CountByKey[]> {
	return queryRows<CountByKey>(
		connection,
		`SELECT ${column} AS key, count(*)::INTEGER AS count FROM complaints WHERE ${condition.sql}
			GROUP BY 1 ORDER BY count DESC, key`,
		condition.params
	);
}

/** The channel / severity / validity mix of the period's complaints and the buildings they cluster in. */
export async function computeComplaintMix(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	topBuildings = 10
): Promise<ComplaintMix> {
	const selection = selectComplaints(filters, scope, period);
	return {
		byChannel: await countBy(connection, 'channel', selection),
		bySeverity: await countBy(connection, 'severity', selection),
		byValidity: await countBy(
			connection,
			'validity',
			selectComplaints({ ...filters, validity: 'all' }, scope, period)
		),
		topBuildings: await queryRows(
			connection,
			`SELECT area, building, count(*)::INTEGER AS count FROM complaints WHERE ${selection.sql}
				GROUP BY area, building ORDER BY count DESC, area, building LIMIT $limit`,
			{ ...selection.params, limit: topBuildings }
		)
	};
}
