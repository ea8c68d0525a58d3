import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import { resolutionDeadlineSql } from './complaint-timeliness.ts';
import { selectComplaints, selectWorkOrders } from './record-selection.ts';

/** A list for staff to act on: its first rows and how many there are in all. */
export interface ActionList<T> {
	rows: T[];
	total: number;
}

export const actionListLimit = 200;

export interface SlaItem {
	id: string;
	area: string;
	building: string | null;
	unit: string | null;
	/** Complaint category or repair trade. */
	kind: string;
	/** Department (complaints) or team (repairs). */
	owner: string | null;
	started_at: string;
	deadline: string;
	finished_at: string | null;
	/** Hours past the deadline (at resolution, or at the as-of moment for open items). */
	hours_late: number;
}

const sinceEver = '1900-01-01';

async function queryList(
	connection: DuckDBConnection,
	sql: string,
	params: Record<string, DuckDBValue>
): Promise<ActionList<SlaItem>> {
	const rows = await queryRows<SlaItem & { total: number }>(
		connection,
		`SELECT *, count(*) OVER ()::INTEGER AS total FROM (${sql}) ORDER BY hours_late DESC, id LIMIT $listLimit`,
		{ ...params, listLimit: actionListLimit }
	);
	return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

function complaintColumns(finished: string): string {
	return `id, area, building, unit, category AS kind, department AS owner,
		strftime(received_at, '%Y-%m-%d %H:%M') AS started_at, strftime(deadline, '%Y-%m-%d %H:%M') AS deadline,
		strftime(${finished}, '%Y-%m-%d %H:%M') AS finished_at`;
}

function complaintDeadlineParams(sla: SlaSettings) {
	return { escalatedSeconds: sla.escalatedResolutionHours * 3600, generalSameDay: sla.generalSameDay };
}

/**
 * Complaints of the period resolved after their deadline, latest first: the resolved-late complaints the
 * resolved-on-time figure counts, including one resolved after the as-of day.
 */
export async function listComplaintBreaches(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	/** Unused: a late resolution is a breach whenever it happened. Kept so every list takes the same arguments. */
	_evaluatedAt: string,
	sla: SlaSettings
): Promise<ActionList<SlaItem>> {
	const selection = selectComplaints(filters, scope, period);
	return queryList(
		connection,
		`SELECT ${complaintColumns('resolved_at')},
			round(date_diff('second', deadline, resolved_at) / 3600.0, 1) AS hours_late
		FROM (SELECT *, ${resolutionDeadlineSql} AS deadline FROM complaints WHERE ${selection.sql})
		WHERE resolved_at > deadline`,
		{ ...selection.params, ...complaintDeadlineParams(sla) }
	);
}

/**
 * Complaints open past their deadline at the as-of moment, whenever they were received: what to chase now.
 * The page's places, categories and departments apply; the period does not.
 */
export async function listOverdueComplaints(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	evaluatedAt: string,
	sla: SlaSettings
): Promise<ActionList<SlaItem>> {
	const selection = selectComplaints(filters, scope, { start: sinceEver, end: evaluatedAt.slice(0, 10) });
	return queryList(
		connection,
		`SELECT ${complaintColumns('NULL::TIMESTAMP')},
			round(date_diff('second', deadline, $evaluatedAt::TIMESTAMP) / 3600.0, 1) AS hours_late
		FROM (SELECT *, ${resolutionDeadlineSql} AS deadline FROM complaints WHERE ${selection.sql})
		WHERE resolved_at IS NULL AND coalesce(status, 'open') NOT IN ('resolved', 'closed', 'cancelled')
			AND deadline < $evaluatedAt::TIMESTAMP`,
		{ ...selection.params, ...complaintDeadlineParams(sla), evaluatedAt }
	);
}

/** Work orders not completed past their priority's target at the as-of moment, whenever reported. */
export async function listOverdueWorkOrders(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	evaluatedAt: string,
	sla: SlaSettings
): Promise<ActionList<SlaItem>> {
	const selection = selectWorkOrders(filters, scope, { start: sinceEver, end: evaluatedAt.slice(0, 10) });
	return queryList(
		connection,
		`SELECT id, area, building, unit, trade AS kind, team AS owner,
			strftime(reported_at, '%Y-%m-%d %H:%M') AS started_at, strftime(target_at, '%Y-%m-%d %H:%M') AS deadline,
			NULL AS finished_at, round(date_diff('second', target_at, $evaluatedAt::TIMESTAMP) / 3600.0, 1) AS hours_late
		FROM (SELECT *, reported_at + to_seconds(CASE priority WHEN 'emergency' THEN $emergencySeconds
				WHEN 'urgent' THEN $urgentSeconds ELSE $routineSeconds END) AS target_at
			FROM work_orders WHERE ${selection.sql})
		WHERE completed_at IS NULL AND coalesce(status, 'open') NOT IN ('completed', 'closed', 'cancelled')
			AND target_at < $evaluatedAt::TIMESTAMP`,
		{
			...selection.params,
			emergencySeconds: sla.repairCompletionHours.emergency * 3600,
			urgentSeconds: sla.repairCompletionHours.urgent * 3600,
			routineSeconds: sla.repairCompletionHours.routine * 3600,
			evaluatedAt
		}
	);
}

export interface ReturnVisitDue {
	id: string;
	source: 'complaint' | 'repair';
	area: string;
	building: string | null;
	unit: string | null;
	finished_at: string;
	due_at: string;
	overdue: boolean;
}

/**
 * Complaints resolved and repairs completed in the period still without a return visit: due (window still
 * open at the as-of moment) or overdue (window passed), overdue and oldest first.
 */
export async function listReturnVisitsDue(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	evaluatedAt: string,
	sla: SlaSettings
): Promise<ActionList<ReturnVisitDue> & { overdue: number }> {
	const complaints = selectComplaints(filters, scope, period);
	const repairs = selectWorkOrders(filters, scope, period);
	const rows = await queryRows<ReturnVisitDue & { total: number; overdue_total: number }>(
		connection,
		`WITH due AS (
			SELECT id, 'complaint' AS source, area, building, unit, resolved_at AS finished
				FROM complaints WHERE ${complaints.sql} AND resolved_at IS NOT NULL AND return_visit_at IS NULL
			UNION ALL
			SELECT id, 'repair' AS source, area, building, unit, completed_at AS finished
				FROM work_orders WHERE ${repairs.sql} AND completed_at IS NOT NULL AND return_visit_at IS NULL)
		SELECT id, source, area, building, unit, strftime(finished, '%Y-%m-%d %H:%M') AS finished_at,
			strftime(finished + to_days($returnVisitDays), '%Y-%m-%d %H:%M') AS due_at,
			finished + to_days($returnVisitDays) < $evaluatedAt::TIMESTAMP AS overdue,
			count(*) OVER ()::INTEGER AS total,
			count(*) FILTER (WHERE finished + to_days($returnVisitDays) < $evaluatedAt::TIMESTAMP) OVER ()::INTEGER
				AS overdue_total
		FROM due WHERE finished < $evaluatedAt::TIMESTAMP
		ORDER BY overdue DESC, finished, id LIMIT $listLimit`,
		{
			...complaints.params,
			...repairs.params,
			returnVisitDays: sla.returnVisitDays,
			evaluatedAt,
			listLimit: actionListLimit
		}
	);
	return {
		rows: rows.map(({ total: _total, overdue_total: _overdue, ...row }) => row),
		total: rows[0]?.total ?? 0,
		overdue: rows[0]?.overdue_total ?? 0
	};
}
