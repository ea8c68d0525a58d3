import { queryRows } from '$pipelines/db/database.ts';
import { withConnection } from './database.ts';
import { buildScopeCondition, type AreaScope } from './scope.ts';

/** The choices the filter bar offers: only places and departments the caller may see and that have data. */
export interface FilterOptions {
	areas: string[];
	buildings: { area: string; building: string }[];
	departments: string[];
}

export async function loadFilterOptions(scope: AreaScope): Promise<FilterOptions> {
	const condition = buildScopeCondition(scope);
	return withConnection(async (connection) => {
		const places = await queryRows<{ area: string; building: string | null }>(
			connection,
			`SELECT DISTINCT area, building FROM (
				SELECT area, building FROM units UNION ALL SELECT area, building FROM complaints
				UNION ALL SELECT area, building FROM work_orders) WHERE ${condition.sql} ORDER BY area, building`,
			condition.params
		);
		const departments = await queryRows<{ department: string }>(
			connection,
			`SELECT DISTINCT department FROM complaints WHERE department IS NOT NULL AND ${condition.sql}
				ORDER BY department`,
			condition.params
		);
		return {
			areas: [...new Set(places.map((place) => place.area))],
			buildings: places
				.filter((place): place is { area: string; building: string } => place.building !== null)
				.map(({ area, building }) => ({ area, building })),
			departments: departments.map((row) => row.department)
		};
	});
}
