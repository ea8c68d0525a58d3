import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { RecordTableParams } from '$lib/filters/record-table-params.ts';
import { choosePlaceLevel, findLatestFeeDate } from '../dashboards/arrears-dashboard.ts';
import { computeOverviewDashboard } from '../dashboards/overview-dashboard.ts';
import { resolveSparklineMonths } from '../dashboards/kpi-tiles.ts';
import {
	computeReturnVisitHeadlines,
	computeReturnVisitsByArea,
	computeReturnVisitsByDepartment,
	computeReturnVisitsByTeam
} from '../dashboards/return-visit-dashboard.ts';
import type { AreaScope } from '../scope.ts';
import {
	computeArrearsByFeeType,
	computeArrearsByPlace,
	computeArrearsReconciliation
} from './arrears-breakdown.ts';
import { computeArrearsByAging } from './arrears-ledger.ts';
import {
	computeArrearsByPeriodAge,
	computeArrearsRecovery,
	computeUnitsNewlyInArrears
} from './arrears-recovery.ts';
import { listArrearsUnits } from './arrears-units.ts';
import {
	computeCollectionRateByArea,
	computeCollectionRateByMonth,
	computeCollectionRateComparison
} from './collection-rate.ts';
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

/** The fee ledger at day D (the as-of day); without one in the URL, D is the ledger's latest payment day. */
const atAsOf = (c: MetricContext) => [c.connection, c.filters, c.scope, c.asOf] as const;

/** Figures of the fee ledger, published like the others but with D defaulting to the ledger's own latest day. */
const ledgerMetrics: Record<string, MetricFunction> = {
	'arrears-reconciliation': (c) => computeArrearsReconciliation(...atAsOf(c)),
	'arrears-aging': (c) => computeArrearsByAging(...atAsOf(c)),
	'arrears-by-place': (c) => computeArrearsByPlace(...atAsOf(c), choosePlaceLevel(c.filters)),
	'arrears-by-area': (c) => computeArrearsByPlace(...atAsOf(c), 'area'),
	'arrears-by-period-age': (c) => computeArrearsByPeriodAge(...atAsOf(c), c.period),
	'arrears-by-fee-type': (c) => computeArrearsByFeeType(...atAsOf(c), c.period),
	'arrears-recovery': (c) => computeArrearsRecovery(...atAsOf(c), c.period),
	'arrears-units': (c, table) => listArrearsUnits(...atAsOf(c), table),
	'units-newly-in-arrears': (c) => computeUnitsNewlyInArrears(...atAsOf(c), c.period),
	'collection-rate': (c) => computeCollectionRateComparison(...atAsOf(c), c.period),
	'collection-rate-by-month': (c) => computeCollectionRateByMonth(...atAsOf(c), c.period),
	'collection-rate-by-area': (c) => computeCollectionRateByArea(...atAsOf(c), c.period)
};

export function listMetricNames(): string[] {
	return [...Object.keys(metrics), ...Object.keys(ledgerMetrics)].sort();
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
	const onLedger = Object.hasOwn(ledgerMetrics, name);
	const metric = onLedger ? ledgerMetrics[name] : Object.hasOwn(metrics, name) ? metrics[name] : null;
	if (!metric) return null;
	return withMetricContext(
		filters,
		scope,
		async (context) => ({
			metric: name,
			asOf: context.asOf,
			period: context.period,
			comparison: context.comparison,
			value: await metric(context, table)
		}),
		onLedger ? findLatestFeeDate : undefined
	);
}
