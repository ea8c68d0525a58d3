import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { RecordTableParams } from '$lib/filters/record-table-params.ts';
import { computeOverviewDashboard } from '../dashboards/overview-dashboard.ts';
import { resolveSparklineMonths } from '../dashboards/kpi-tiles.ts';
import {
	computeReturnVisitHeadlines,
	computeReturnVisitsByArea,
	computeReturnVisitsByDepartment,
	computeReturnVisitsByTeam
} from '../dashboards/return-visit-dashboard.ts';
import type { AreaScope } from '../scope.ts';
import { computeComplaintHotspots } from './complaint-hotspots.ts';
import { computeComplaintMix } from './complaint-mix.ts';
import { listComplaintRecords } from './complaint-records.ts';
import { computeComplaintSummary } from './complaint-summary.ts';
import { computeComplaintTimeliness, computeComplaintTimelinessBy } from './complaint-timeliness.ts';
import { computeComplaintTrend } from './complaint-trend.ts';
import { withMetricContext, type MetricContext } from './metric-context.ts';
import { computeRepairTimeliness, computeRepairTimelinessBy } from './repair-timeliness.ts';
import { computeRepeatUnits } from './repeat-units.ts';
import { computeResolutionDistribution } from './resolution-distribution.ts';
import {
	listComplaintBreaches,
	listOverdueComplaints,
	listOverdueWorkOrders,
	listReturnVisitsDue
} from './sla-lists.ts';

type MetricFunction = (context: MetricContext, table: RecordTableParams) => Promise<unknown>;

/** A metric's usual arguments: the caller's filters and scope over the page's period. */
const inPeriod = (c: MetricContext) => [c.connection, c.filters, c.scope, c.period] as const;
/** The same, with the moment open items are judged late against and the SLA settings. */
const withSla = (c: MetricContext) => [...inPeriod(c), c.evaluatedAt, c.sla] as const;
/** The 12 months ending with the period, for monthly series. */
const inTwelveMonths = (c: MetricContext) =>
	[c.connection, c.filters, c.scope, resolveSparklineMonths(c.period).range, c.evaluatedAt, c.sla] as const;

/**
 * The figures published at GET /api/metrics/<name>, with the page URL's query parameters; every figure
 * on the dashboard pages is one of these (README "JSON API").
 */
const metrics: Record<string, MetricFunction> = {
	overview: (c) => computeOverviewDashboard(c),
	'complaint-summary': (c) => computeComplaintSummary(...inPeriod(c)),
	'complaint-hotspots': (c) => computeComplaintHotspots(...inPeriod(c), c.comparison),
	'complaint-trend': (c) => computeComplaintTrend(...inPeriod(c)),
	'complaint-mix': (c) => computeComplaintMix(...inPeriod(c)),
	'repeat-units': (c) => computeRepeatUnits(...inPeriod(c)),
	'complaint-records': (c, table) => listComplaintRecords(...inPeriod(c), table),
	'complaint-timeliness': (c) => computeComplaintTimeliness(...withSla(c)),
	'complaint-timeliness-by-department': (c) => computeComplaintTimelinessBy(...withSla(c), 'department'),
	'complaint-timeliness-by-area': (c) => computeComplaintTimelinessBy(...withSla(c), 'area'),
	'complaint-timeliness-by-month': (c) => computeComplaintTimelinessBy(...inTwelveMonths(c), 'month'),
	'repair-timeliness': (c) => computeRepairTimeliness(...withSla(c)),
	'repair-timeliness-by-area': (c) => computeRepairTimelinessBy(...withSla(c), 'area'),
	'repair-timeliness-by-team': (c) => computeRepairTimelinessBy(...withSla(c), 'team'),
	'repair-timeliness-by-month': (c) => computeRepairTimelinessBy(...inTwelveMonths(c), 'month'),
	'resolution-distribution': (c) => computeResolutionDistribution(...inPeriod(c), c.sla),
	'complaint-breaches': (c) => listComplaintBreaches(...withSla(c)),
	'overdue-complaints': (c) => listOverdueComplaints(c.connection, c.filters, c.scope, c.evaluatedAt, c.sla),
	'overdue-work-orders': (c) => listOverdueWorkOrders(c.connection, c.filters, c.scope, c.evaluatedAt, c.sla),
	'return-visits-due': (c) => listReturnVisitsDue(...withSla(c)),
	'return-visit-satisfaction': (c) => computeReturnVisitHeadlines(c),
	'return-visit-satisfaction-by-area': (c) => computeReturnVisitsByArea(c),
	'return-visit-satisfaction-by-department': (c) => computeReturnVisitsByDepartment(c),
	'return-visit-satisfaction-by-team': (c) => computeReturnVisitsByTeam(c)
};

export function listMetricNames(): string[] {
	return Object.keys(metrics).sort();
}

/** Computes one named metric for a caller; null when no metric has that name. */
export async function computeMetric(
	name: string,
	filters: DashboardFilters,
	scope: AreaScope,
	table: RecordTableParams
): Promise<{
	metric: string;
	asOf: string;
	period: DateRange;
	comparison: DateRange;
	value: unknown;
} | null> {
	const metric = metrics[name];
	if (!metric) return null;
	return withMetricContext(filters, scope, async (context) => ({
		metric: name,
		asOf: context.asOf,
		period: context.period,
		comparison: context.comparison,
		value: await metric(context, table)
	}));
}
