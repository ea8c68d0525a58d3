import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import { joinDateRanges, selectWorkOrders } from './record-selection.ts';
import { toRateFigure, type RateFigure } from './rate-figure.ts';

export interface RepairTimeliness {
	/** Arrived by the agreed time + grace ÷ orders with an appointment that is due (or was kept). */
	arrivedOnTime: RateFigure;
	/** Completed within the target of its priority ÷ completed orders; emergency and the rest apart. */
	completedWithinTarget: RateFigure;
	emergencyWithinTarget: RateFigure;
	nonEmergencyWithinTarget: RateFigure;
	/** Completed ÷ received. */
	completionRate: RateFigure;
	/** Completed without rework ÷ completed. */
	firstTimeFix: RateFigure;
	returnVisitRate: RateFigure;
	returnVisitOnTime: RateFigure;
	/** 回访满意率: (very) satisfied or basically satisfied ÷ return visits that reached the resident. */
	returnVisitSatisfaction: RateFigure;
}

/** The counts behind every repair rate, over the work orders `w` (with their target and arrival deadline). */
const repairCountsSql = `
	count(*) FILTER (WHERE arrived_at IS NOT NULL AND arrived_at <= arrival_deadline)::INTEGER AS arrived_on_time,
	count(*) FILTER (WHERE agreed_at IS NOT NULL
		AND (arrived_at IS NOT NULL OR arrival_deadline < $evaluatedAt::TIMESTAMP))::INTEGER AS appointments,
	count(*) FILTER (WHERE completed_at <= target_at)::INTEGER AS within_target,
	count(*) FILTER (WHERE completed_at <= target_at AND priority = 'emergency')::INTEGER AS emergency_within,
	count(*) FILTER (WHERE completed_at IS NOT NULL AND priority = 'emergency')::INTEGER AS emergency_done,
	count(*) FILTER (WHERE completed_at <= target_at AND priority <> 'emergency')::INTEGER AS other_within,
	count(*) FILTER (WHERE completed_at IS NOT NULL AND priority <> 'emergency')::INTEGER AS other_done,
	count(*) FILTER (WHERE completed_at IS NOT NULL)::INTEGER AS completed,
	count(*)::INTEGER AS received,
	count(*) FILTER (WHERE completed_at IS NOT NULL AND coalesce(rework_count, 0) = 0)::INTEGER AS first_time,
	count(*) FILTER (WHERE completed_at IS NOT NULL AND return_visit_at IS NOT NULL)::INTEGER AS visited,
	count(*) FILTER (WHERE completed_at IS NOT NULL AND return_visit_at IS NOT NULL
		AND return_visit_at <= completed_at + to_days($returnVisitDays))::INTEGER AS visited_on_time,
	count(*) FILTER (WHERE completed_at IS NOT NULL
		AND satisfaction IN ('very_satisfied', 'satisfied', 'basically_satisfied'))::INTEGER AS satisfied,
	count(*) FILTER (WHERE completed_at IS NOT NULL AND satisfaction IS NOT NULL
		AND satisfaction <> 'unreachable')::INTEGER AS reached`;

/** The groupings repair figures are published by; a month is `YYYY-MM` of the reported day. */
export type RepairGrouping = 'area' | 'team' | 'month';
const groupingSql: Record<RepairGrouping, string> = {
	area: 'area',
	team: 'team',
	month: "strftime(reported_at, '%Y-%m')"
};

type RepairCounts = Record<string, number> & { group_key?: string | null };

/** A period without work orders: every count zero. */
const zeroCounts: RepairCounts = Object.fromEntries(
	[...repairCountsSql.matchAll(/AS (\w+)/g)].map((match) => [match[1], 0])
);

async function queryRepairCounts(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	periods: readonly DateRange[],
	evaluatedAt: string,
	sla: SlaSettings,
	groupBy: RepairGrouping | 'range' | null
): Promise<RepairCounts[]> {
	const ranges = joinDateRanges(periods, 'reported_at');
	const selection = selectWorkOrders(filters, scope, ranges.covering);
	const group =
		groupBy === 'range'
			? 'range_index AS group_key,'
			: groupBy
				? `${groupingSql[groupBy]} AS group_key,`
				: '';
	return queryRows(
		connection,
		`WITH w AS (SELECT work_orders.*, range_index, reported_at + to_seconds(CASE priority
				WHEN 'emergency' THEN $emergencySeconds WHEN 'urgent' THEN $urgentSeconds ELSE $routineSeconds END)
				AS target_at, agreed_at + to_seconds($graceSeconds) AS arrival_deadline
			FROM work_orders ${ranges.sql} WHERE ${selection.sql})
		SELECT ${group} ${repairCountsSql} FROM w ${groupBy ? 'GROUP BY ALL' : ''}`,
		{
			...selection.params,
			...ranges.params,
			emergencySeconds: sla.repairCompletionHours.emergency * 3600,
			urgentSeconds: sla.repairCompletionHours.urgent * 3600,
			routineSeconds: sla.repairCompletionHours.routine * 3600,
			graceSeconds: sla.repairArrivalGraceMinutes * 60,
			returnVisitDays: sla.returnVisitDays,
			evaluatedAt
		}
	);
}

function toFigures(row: RepairCounts): RepairTimeliness {
	return {
		arrivedOnTime: toRateFigure(row.arrived_on_time, row.appointments),
		completedWithinTarget: toRateFigure(row.within_target, row.completed),
		emergencyWithinTarget: toRateFigure(row.emergency_within, row.emergency_done),
		nonEmergencyWithinTarget: toRateFigure(row.other_within, row.other_done),
		completionRate: toRateFigure(row.completed, row.received),
		firstTimeFix: toRateFigure(row.first_time, row.completed),
		returnVisitRate: toRateFigure(row.visited, row.completed),
		returnVisitOnTime: toRateFigure(row.visited_on_time, row.completed),
		returnVisitSatisfaction: toRateFigure(row.satisfied, row.reached)
	};
}

export async function computeRepairTimeliness(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	evaluatedAt: string,
	sla: SlaSettings
): Promise<RepairTimeliness> {
	const [row] = await queryRepairCounts(connection, filters, scope, [period], evaluatedAt, sla, null);
	return toFigures(row);
}

/** The same figures over several periods in one pass (a tile's period, 环比 and 同比), in their order. */
export async function computeRepairTimelinessOver(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	periods: readonly DateRange[],
	evaluatedAt: string,
	sla: SlaSettings
): Promise<RepairTimeliness[]> {
	const rows = await queryRepairCounts(connection, filters, scope, periods, evaluatedAt, sla, 'range');
	return periods.map((_, index) =>
		toFigures(rows.find((candidate) => Number(candidate.group_key) === index) ?? zeroCounts)
	);
}

/** The same figures per area, team or month: months in order, the others worst completion-within-target first. */
export async function computeRepairTimelinessBy(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	evaluatedAt: string,
	sla: SlaSettings,
	groupBy: RepairGrouping
): Promise<(RepairTimeliness & { key: string | null })[]> {
	const rows = await queryRepairCounts(connection, filters, scope, [period], evaluatedAt, sla, groupBy);
	const figures = rows.map((row) => ({ key: row.group_key ?? null, ...toFigures(row) }));
	return groupBy === 'month'
		? figures.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''))
		: figures.sort((a, b) => (a.completedWithinTarget.rate ?? 1) - (b.completedWithinTarget.rate ?? 1));
}
