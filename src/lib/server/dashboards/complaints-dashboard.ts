import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import type { RecordTableParams } from '$lib/filters/record-table-params.ts';
import type { AreaScope } from '../scope.ts';
import { computeComplaintHotspots, hotspotRule, type HotspotCell } from '../metrics/complaint-hotspots.ts';
import { computeComplaintMix, type ComplaintMix } from '../metrics/complaint-mix.ts';
import { listComplaintRecords, type ComplaintRecord, type RecordPage } from '../metrics/complaint-records.ts';
import { computeComplaintSummary, type ComplaintSummary } from '../metrics/complaint-summary.ts';
import { computeComplaintTrend, type TrendMonth } from '../metrics/complaint-trend.ts';
import { withMetricContext } from '../metrics/metric-context.ts';
import { computeRepeatUnits, repeatUnitRule, type RepeatUnit } from '../metrics/repeat-units.ts';

export interface ComplaintsDashboard {
	asOf: string;
	period: DateRange;
	comparison: DateRange;
	summary: ComplaintSummary;
	/** Area × category cells of the period, flagged by the hotspot rule. */
	cells: HotspotCell[];
	trend: TrendMonth[];
	mix: ComplaintMix;
	repeatUnits: RepeatUnit[];
	records: RecordPage<ComplaintRecord>;
	rules: { hotspot: typeof hotspotRule; repeatUnit: typeof repeatUnitRule };
}

/** Where complaints cluster, which clusters are new, and the records behind every number. */
export async function loadComplaintsDashboard(
	filters: DashboardFilters,
	scope: AreaScope,
	table: RecordTableParams
): Promise<ComplaintsDashboard> {
	return withMetricContext(filters, scope, async ({ connection, asOf, period, comparison }) => ({
		asOf,
		period,
		comparison,
		summary: await computeComplaintSummary(connection, filters, scope, period),
		cells: await computeComplaintHotspots(connection, filters, scope, period, comparison),
		trend: await computeComplaintTrend(connection, filters, scope, period),
		mix: await computeComplaintMix(connection, filters, scope, period),
		repeatUnits: await computeRepeatUnits(connection, filters, scope, period),
		records: await listComplaintRecords(connection, filters, scope, period, table),
		rules: { hotspot: hotspotRule, repeatUnit: repeatUnitRule }
	}));
}
