import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import { selectComplaints } from './record-selection.ts';

/** Upper edges (hours) of the resolution-time bins; the last bin is open-ended. */
export const resolutionBinEdges = [4, 8, 24, 48, 72, 120, 168] as const;

export interface ResolutionBin {
	/** Lower and upper edge in hours; upper null for the open-ended last bin. */
	fromHours: number;
	toHours: number | null;
	count: number;
}

export interface ResolutionDistribution {
	/** Complaints under the same-day rule (general, not transferred): calendar days from receipt to resolution. */
	sameDayRule: { daysAfter: number; count: number }[];
	/** Complaints under the escalated rule (transferred, major, urgent): hours to resolution, SLA at 72 h. */
	escalatedRule: ResolutionBin[];
	escalatedLimitHours: number;
}

/** How long resolved complaints took, per SLA rule, so the SLA line can be drawn across the distribution. */
export async function computeResolutionDistribution(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	sla: SlaSettings
): Promise<ResolutionDistribution> {
	const selection = selectComplaints(filters, scope, period);
	const sameDayCondition = `severity = 'general' AND NOT transferred AND $generalSameDay`;
	const sameDay = await queryRows<{ days_after: number; count: number }>(
		connection,
		`SELECT least(date_diff('day', received_at::DATE, resolved_at::DATE), 7)::INTEGER AS days_after,
			count(*)::INTEGER AS count
		FROM complaints WHERE ${selection.sql} AND resolved_at IS NOT NULL AND ${sameDayCondition}
		GROUP BY 1 ORDER BY 1`,
		{ ...selection.params, generalSameDay: sla.generalSameDay }
	);
	const escalated = await queryRows<{ bin: number; count: number }>(
		connection,
		`SELECT (CASE ${resolutionBinEdges.map((edge, index) => `WHEN hours <= ${edge} THEN ${index}`).join(' ')}
				ELSE ${resolutionBinEdges.length} END)::INTEGER AS bin, count(*)::INTEGER AS count
		FROM (SELECT date_diff('second', received_at, resolved_at) / 3600.0 AS hours FROM complaints
			WHERE ${selection.sql} AND resolved_at IS NOT NULL AND NOT (${sameDayCondition}))
		GROUP BY 1 ORDER BY 1`,
		{ ...selection.params, generalSameDay: sla.generalSameDay }
	);
	const counts = new Map(escalated.map((row) => [row.bin, row.count]));
	return {
		sameDayRule: Array.from({ length: 8 }, (_, daysAfter) => ({
			daysAfter,
			count: sameDay.find((row) => row.days_after === daysAfter)?.count ?? 0
		})),
		escalatedRule: [0, ...resolutionBinEdges].map((from, index) => ({
			fromHours: from,
			toHours: resolutionBinEdges[index] ?? null,
			count: counts.get(index) ?? 0
		})),
		escalatedLimitHours: sla.escalatedResolutionHours
	};
}
