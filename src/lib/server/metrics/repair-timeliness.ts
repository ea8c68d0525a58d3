import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import { selectWorkOrders } from './record-selection.ts';
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

export async function computeRepairTimeliness(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	evaluatedAt: string,
	sla: SlaSettings
): Promise<RepairTimeliness> {
	const selection = selectWorkOrders(filters, scope, period);
	const [row] = await queryRows<Record<string, number>>(
		connection,
		`WITH w AS (SELECT *, reported_at + to_seconds(CASE priority WHEN 'emergency' THEN $emergencySeconds
				WHEN 'urgent' THEN $urgentSeconds ELSE $routineSeconds END) AS target_at,
				agreed_at + to_seconds($graceSeconds) AS arrival_deadline
			FROM work_orders WHERE ${selection.sql}),
		done AS (SELECT *, completed_at <= target_at AS within_target FROM w WHERE completed_at IS NOT NULL)
		SELECT
			(SELECT count(*) FROM w WHERE arrived_at IS NOT NULL AND arrived_at <= arrival_deadline)::INTEGER AS arrived_on_time,
			(SELECT count(*) FROM w WHERE agreed_at IS NOT NULL
				AND (arrived_at IS NOT NULL OR arrival_deadline < $evaluatedAt::TIMESTAMP))::INTEGER AS appointments,
			(SELECT count(*) FROM done WHERE within_target)::INTEGER AS within_target,
			(SELECT count(*) FROM done WHERE within_target AND priority = 'emergency')::INTEGER AS emergency_within,
			(SELECT count(*) FROM done WHERE priority = 'emergency')::INTEGER AS emergency_done,
			(SELECT count(*) FROM done WHERE within_target AND priority <> 'emergency')::INTEGER AS other_within,
			(SELECT count(*) FROM done WHERE priority <> 'emergency')::INTEGER AS other_done,
			(SELECT count(*) FROM done)::INTEGER AS completed,
			(SELECT count(*) FROM w)::INTEGER AS received,
			(SELECT count(*) FROM done WHERE coalesce(rework_count, 0) = 0)::INTEGER AS first_time,
			(SELECT count(*) FROM done WHERE return_visit_at IS NOT NULL)::INTEGER AS visited,
			(SELECT count(*) FROM done WHERE return_visit_at IS NOT NULL
				AND return_visit_at <= completed_at + to_days($returnVisitDays))::INTEGER AS visited_on_time,
			(SELECT count(*) FROM done WHERE satisfaction IN ('very_satisfied', 'satisfied', 'basically_satisfied'))::INTEGER
				AS satisfied,
			(SELECT count(*) FROM done WHERE satisfaction IS NOT NULL AND satisfaction <> 'unreachable')::INTEGER AS reached`,
		{
			...selection.params,
			emergencySeconds: sla.repairCompletionHours.emergency * 3600,
			urgentSeconds: sla.repairCompletionHours.urgent * 3600,
			routineSeconds: sla.repairCompletionHours.routine * 3600,
			graceSeconds: sla.repairArrivalGraceMinutes * 60,
			returnVisitDays: sla.returnVisitDays,
			evaluatedAt
		}
	);
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
