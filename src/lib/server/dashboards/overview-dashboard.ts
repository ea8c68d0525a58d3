import type { DashboardFilters, DateRange } from '$lib/filters/dashboard-filters.ts';
import { loadIngestOverview, type IngestOverview } from '../ingest-overview.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import { countUnitsInRegister } from '../metrics/complaint-summary.ts';
import { computeComplaintTimelinessOver, type ComplaintTimeliness } from '../metrics/complaint-timeliness.ts';
import { withMetricContext, type MetricContext } from '../metrics/metric-context.ts';
import { computeRepairTimelinessOver, type RepairTimeliness } from '../metrics/repair-timeliness.ts';
import {
	buildKpiTile,
	listKpiRanges,
	resolveKpiPeriods,
	type KpiFigure,
	type KpiId,
	type KpiPeriods,
	type KpiTile
} from './kpi-tiles.ts';

export interface OverviewDashboard {
	asOf: string;
	periods: KpiPeriods;
	tiles: KpiTile[];
	sla: SlaSettings;
}

/** Everything the overview's tiles show, over one period. */
interface PeriodFigures {
	volume: number;
	per1000Units: number | null;
	unitsInRegister: number;
	complaints: ComplaintTimeliness;
	repairs: RepairTimeliness;
}

/** The tiles' figures over several periods: one pass per record table, whatever the number of periods. */
async function computePeriodFigures(context: MetricContext, periods: DateRange[]): Promise<PeriodFigures[]> {
	const { connection, filters, scope, evaluatedAt, sla } = context;
	// One connection runs one query at a time: the awaits are sequential on purpose.
	const unitsInRegister = await countUnitsInRegister(connection, filters, scope);
	const complaints = await computeComplaintTimelinessOver(
		connection,
		filters,
		scope,
		periods,
		evaluatedAt,
		sla
	);
	const repairs = await computeRepairTimelinessOver(connection, filters, scope, periods, evaluatedAt, sla);
	return periods.map((_, index) => ({
		volume: complaints[index].received,
		per1000Units: unitsInRegister > 0 ? (complaints[index].received / unitsInRegister) * 1000 : null,
		unitsInRegister,
		complaints: complaints[index],
		repairs: repairs[index]
	}));
}

interface TileDefinition {
	id: KpiId;
	format: KpiTile['format'];
	better: KpiTile['better'];
	/** The figure read from one period's figures: a count or a rate with its parts. */
	read: (figures: PeriodFigures) => KpiFigure;
}

const tileDefinitions: TileDefinition[] = [
	{ id: 'complaintVolume', format: 'integer', better: 'lower', read: (f) => f.volume },
	{ id: 'complaintsPer1000Units', format: 'decimal', better: 'lower', read: (f) => f.per1000Units },
	{ id: 'responseOnTime', format: 'percent', better: 'higher', read: (f) => f.complaints.responseOnTime },
	{ id: 'resolvedOnTime', format: 'percent', better: 'higher', read: (f) => f.complaints.resolvedOnTime },
	{ id: 'closureRate', format: 'percent', better: 'higher', read: (f) => f.complaints.closureRate },
	{ id: 'returnVisitRate', format: 'percent', better: 'higher', read: (f) => f.complaints.returnVisitRate },
	{
		id: 'returnVisitSatisfaction',
		format: 'percent',
		better: 'higher',
		read: (f) => f.complaints.returnVisitSatisfaction
	},
	{ id: 'repairArrivedOnTime', format: 'percent', better: 'higher', read: (f) => f.repairs.arrivedOnTime },
	{
		id: 'repairWithinTarget',
		format: 'percent',
		better: 'higher',
		read: (f) => f.repairs.completedWithinTarget
	},
	{ id: 'repairFirstTimeFix', format: 'percent', better: 'higher', read: (f) => f.repairs.firstTimeFix }
];

/**
 * The overview: each headline figure for the period, against the previous period (环比) and the same
 * period last year (同比), with a 12-month sparkline — whatever comparison the page's filter picks.
 */
export async function computeOverviewDashboard(context: MetricContext): Promise<OverviewDashboard> {
	const periods = resolveKpiPeriods(context.filters, context.period);
	// The period, 环比, 同比 and the 12 sparkline months in one pass per record table.
	const figures = await computePeriodFigures(context, listKpiRanges(periods));
	const tiles = tileDefinitions.map((definition) =>
		buildKpiTile(definition, periods, figures.map(definition.read))
	);
	return { asOf: context.asOf, periods, tiles, sla: context.sla };
}

export async function loadOverviewDashboard(
	filters: DashboardFilters,
	scope: AreaScope
): Promise<OverviewDashboard> {
	return withMetricContext(filters, scope, computeOverviewDashboard);
}

/** The overview page: the headline figures and, until the imports page exists, what data is loaded. */
export async function loadOverviewPage(
	filters: DashboardFilters,
	scope: AreaScope
): Promise<{ dashboard: OverviewDashboard; ingest: IngestOverview }> {
	const dashboard = await loadOverviewDashboard(filters, scope);
	return { dashboard, ingest: await loadIngestOverview(scope) };
}
