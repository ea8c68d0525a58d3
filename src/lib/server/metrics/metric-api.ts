import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import { withMetricContext, type MetricContext } from './metric-context.ts';
import { computeComplaintHotspots } from './complaint-hotspots.ts';
import { computeComplaintMix } from './complaint-mix.ts';
import { computeComplaintSummary } from './complaint-summary.ts';
import { computeComplaintTrend } from './complaint-trend.ts';
import { computeRepairTimeliness } from './repair-timeliness.ts';
import { computeRepeatUnits } from './repeat-units.ts';
import { computeComplaintTimeliness, computeComplaintTimelinessBy } from './complaint-timeliness.ts';

type MetricFunction = (context: MetricContext) => Promise<unknown>;

/** The figures published at GET /api/metrics/<name>, with the page URL's query parameters. */
const metrics: Record<string, MetricFunction> = {
	'complaint-timeliness': (c) =>
		computeComplaintTimeliness(c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla),
	'complaint-timeliness-by-department': (c) =>
		computeComplaintTimelinessBy(
			c.connection,
			c.filters,
			c.scope,
			c.period,
			c.evaluatedAt,
			c.sla,
			'department'
		),
	'complaint-timeliness-by-area': (c) =>
		computeComplaintTimelinessBy(c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla, 'area'),
	'complaint-summary': (c) => computeComplaintSummary(c.connection, c.filters, c.scope, c.period),
	'complaint-mix': (c) => computeComplaintMix(c.connection, c.filters, c.scope, c.period),
	'complaint-trend': (c) => computeComplaintTrend(c.connection, c.filters, c.scope, c.period),
	'repeat-units': (c) => computeRepeatUnits(c.connection, c.filters, c.scope, c.period),
	'repair-timeliness': (c) =>
		computeRepairTimeliness(c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla),
	'complaint-hotspots': (c) =>
		computeComplaintHotspots(c.connection, c.filters, c.scope, c.period, c.comparison)
};

export function listMetricNames(): string[] {
	return Object.keys(metrics).sort();
}

/** Computes one named metric for a caller; null when no metric has that name. */
export async function computeMetric(
	name: string,
	filters: DashboardFilters,
	scope: AreaScope
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
		value: await metric(context)
	}));
}
