import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';
import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import { joinDateRanges, selectComplaints } from './record-selection.ts';
import { toRateFigure, type RateFigure } from './rate-figure.ts';

export type { RateFigure } from './rate-figure.ts';

export interface ComplaintTimeliness {
	/** Complaints received in the period (the page's validity filter applies). */
	received: number;
	/** Closed or resolved ÷ received. */
	closureRate: RateFigure;
	/** Responded within the response window ÷ (responded + open past the window). */
	responseOnTime: RateFigure;
	/** Resolved by the deadline of its rule ÷ (resolved + open past the deadline). */
	resolvedOnTime: RateFigure;
	/** Resolved complaints with a return visit ÷ resolved. */
	returnVisitRate: RateFigure;
	/** Return visit within the window after resolution ÷ resolved. */
	returnVisitOnTime: RateFigure;
	/** 回访满意率: (very) satisfied or basically satisfied ÷ return visits that reached the resident. */
	returnVisitSatisfaction: RateFigure;
}

/** The counts behind every timeliness rate, over the complaints `c` (with their deadline). */
const timelinessCountsSql = `
	count(*)::INTEGER AS received,
	count(*) FILTER (WHERE resolved_at IS NOT NULL OR status IN ('resolved', 'closed'))::INTEGER AS closed,
	count(*) FILTER (WHERE first_response_at IS NOT NULL
		AND first_response_at <= received_at + to_seconds($responseSeconds))::INTEGER AS response_on_time,
	count(*) FILTER (WHERE first_response_at IS NOT NULL
		OR received_at + to_seconds($responseSeconds) < $evaluatedAt::TIMESTAMP)::INTEGER AS response_base,
	count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolved_at <= deadline)::INTEGER AS resolved_on_time,
	count(*) FILTER (WHERE resolved_at IS NOT NULL OR deadline < $evaluatedAt::TIMESTAMP)::INTEGER AS resolution_base,
	count(*) FILTER (WHERE resolved_at IS NOT NULL)::INTEGER AS resolved,
	count(*) FILTER (WHERE resolved_at IS NOT NULL AND return_visit_at IS NOT NULL)::INTEGER AS visited,
	count(*) FILTER (WHERE resolved_at IS NOT NULL AND return_visit_at IS NOT NULL
		AND return_visit_at <= resolved_at + to_days($returnVisitDays))::INTEGER AS visited_on_time,
	count(*) FILTER (WHERE return_visit_result IN ('very_satisfied', 'satisfied', 'basically_satisfied'))::INTEGER
		AS visit_satisfied,
	count(*) FILTER (WHERE return_visit_result IS NOT NULL AND return_visit_result <> 'unreachable')::INTEGER
		AS visit_reached`;

/** The groupings the timeliness figures are published by; a month is `YYYY-MM` of the received day. */
export type TimelinessGrouping = 'department' | 'area' | 'month';
const groupingSql: Record<TimelinessGrouping, string> = {
	department: 'department',
	area: 'area',
	month: "strftime(received_at, '%Y-%m')"
};

type TimelinessCounts = Record<string, number> & { group_key?: string | null };

/** A period without complaints: every count zero. */
const zeroCounts: TimelinessCounts = Object.fromEntries(
	[...timelinessCountsSql.matchAll(/AS (\w+)/g)].map((match) => [match[1], 0])
);

async function queryTimeliness(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	periods: readonly DateRange[],
	evaluatedAt: string,
	sla: SlaSettings,
	groupBy: TimelinessGrouping | 'range' | null
): Promise<TimelinessCounts[]> {
	const ranges = joinDateRanges(periods, 'received_at');
	const selection = selectComplaints(filters, scope, ranges.covering);
	const group =
		groupBy === 'range'
			? 'range_index AS group_key,'
			: groupBy
				? `${groupingSql[groupBy]} AS group_key,`
				: '';
	return queryRows<TimelinessCounts>(
		connection,
		`WITH c AS (SELECT complaints.*, range_index, ${resolutionDeadlineSql} AS deadline
			FROM complaints ${ranges.sql} WHERE ${selection.sql})
		SELECT ${group} ${timelinessCountsSql} FROM c ${groupBy ? 'GROUP BY ALL' : ''}`,
		{
			...selection.params,
			...ranges.params,
			responseSeconds: sla.responseHours * 3600,
			escalatedSeconds: sla.escalatedResolutionHours * 3600,
			generalSameDay: sla.generalSameDay,
			returnVisitDays: sla.returnVisitDays,
			evaluatedAt
		}
	);
}

function toFigures(row: TimelinessCounts): ComplaintTimeliness {
	return {
		received: row.received,
		closureRate: toRateFigure(row.closed, row.received),
		responseOnTime: toRateFigure(row.response_on_time, row.response_base),
		resolvedOnTime: toRateFigure(row.resolved_on_time, row.resolution_base),
		returnVisitRate: toRateFigure(row.visited, row.resolved),
		returnVisitOnTime: toRateFigure(row.visited_on_time, row.resolved),
		returnVisitSatisfaction: toRateFigure(row.visit_satisfied, row.visit_reached)
	};
}

/**
 * The same figures per department (or area), worst resolved-on-time rate first: where SLAs slip.
 * Complaints without a department are grouped under null.
 */
export async function computeComplaintTimelinessBy(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	evaluatedAt: string,
	sla: SlaSettings,
	groupBy: TimelinessGrouping
): Promise<(ComplaintTimeliness & { key: string | null })[]> {
	const rows = await queryTimeliness(connection, filters, scope, [period], evaluatedAt, sla, groupBy);
	const figures = rows.map((row) => ({ key: row.group_key ?? null, ...toFigures(row) }));
	// Months read in order; departments and areas worst first.
	return groupBy === 'month'
		? figures.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''))
		: figures.sort((a, b) => (a.resolvedOnTime.rate ?? 1) - (b.resolvedOnTime.rate ?? 1));
}

/**
 * The resolution deadline of SPEC §5: general, not transferred complaints by the end of the calendar day
 * they were received; transferred, major or urgent ones within the escalated window (72 h by default).
 */
export const resolutionDeadlineSql = `CASE WHEN severity = 'general' AND NOT transferred AND $generalSameDay
	THEN date_trunc('day', received_at) + INTERVAL 1 DAY
	ELSE received_at + to_seconds($escalatedSeconds) END`;

/**
 * Complaint timeliness for a period. Open complaints count once their deadline has passed at
 * `evaluatedAt` (the end of the as-of day): a complaint nobody answered is late, not invisible.
 */
export async function computeComplaintTimeliness(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	period: DateRange,
	evaluatedAt: string,
	sla: SlaSettings
): Promise<ComplaintTimeliness> {
	const [row] = await queryTimeliness(connection, filters, scope, [period], evaluatedAt, sla, null);
	return toFigures(row);
}

/** The same figures over several periods in one pass (a tile's period, 环比 and 同比), in their order. */
export async function computeComplaintTimelinessOver(
	connection: DuckDBConnection,
	filters: DashboardFilters,
	scope: AreaScope,
	periods: readonly DateRange[],
	evaluatedAt: string,
	sla: SlaSettings
): Promise<ComplaintTimeliness[]> {
	const rows = await queryTimeliness(connection, filters, scope, periods, evaluatedAt, sla, 'range');
	return periods.map((_, index) => {
		const row = rows.find((candidate) => Number(candidate.group_key) === index);
		return toFigures(row ?? zeroCounts);
	});
}
