import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import { buildScopeCondition, type AreaScope } from '../scope.ts';
import { selectComplaints } from './record-selection.ts';
import { toRateFigure, type RateFigure } from './rate-figure.ts';

export interface ComplaintSummary {
	/** Complaints received in the period (the page's validity filter applies; valid only by default). */
	volume: number;
	/** Per 1,000 units of the unit register in the same areas; null without a register. */
	per1000Units: number | null;
	unitsInRegister: number;
	/** Valid ÷ all complaints received, whatever the validity filter says (invalid ones stay in the register). */
	validShare: RateFigure;
	/** Complaints by escalation level (1 receiver, 2 supervisor, 3 deputy general manager). */
	escalations: { level: number; count: number }[];
}

/** Units of the register in the caller's scope and the page's areas: the base of "per 1,000 units". */
export async function countUnitsInRegister(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope
): Promise<number> {
	const unitScope = buildScopeCondition(scope);
	const areaFilter = filters.area.length > 0 ? 'AND area IN (SELECT unnest($area::VARCHAR[]))' : '';
	const [row] = await queryRows<{ units: number }>(
		connection,
		`SELECT count(*)::INTEGER AS units FROM units WHERE ${unitScope.sql} ${areaFilter}`,
		{ ...unitScope.params, ...(filters.area.length > 0 ? { area: JSON.stringify(filters.area) } : {}) }
	);
	return row.units;
}

export async function computeComplaintSummary(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange
): Promise<ComplaintSummary> {
	const selection = selectComplaints(filters, scope, period);
	const everyValidity = selectComplaints({ ...filters, validity: 'all' }, scope, period);
	const [row] = await queryRows<{
		volume: number;
		valid: number;
		all_received: number;
	}>(
		connection,
		`SELECT
			(SELECT count(*) FROM complaints WHERE ${selection.sql})::INTEGER AS volume,
			(SELECT count(*) FROM complaints WHERE ${everyValidity.sql} AND validity = 'valid')::INTEGER AS valid,
			(SELECT count(*) FROM complaints WHERE ${everyValidity.sql})::INTEGER AS all_received`,
		{ ...selection.params, ...everyValidity.params }
	);
	const escalations = await queryRows<{ level: number; count: number }>(
		connection,
		`SELECT escalation_level::INTEGER AS level, count(*)::INTEGER AS count FROM complaints
			WHERE ${selection.sql} AND escalation_level IS NOT NULL GROUP BY 1 ORDER BY 1`,
		selection.params
	);
	const units = await countUnitsInRegister(connection, filters, scope);
	return {
		volume: row.volume,
		per1000Units: units > 0 ? (row.volume / units) * 1000 : null,
		unitsInRegister: units,
		validShare: toRateFigure(row.valid, row.all_received),
		escalations
	};
}
