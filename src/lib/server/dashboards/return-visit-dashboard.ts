import type { DashboardFilters } from '$lib/filters/dashboard-filters.ts';
import type { AreaScope } from '../scope.ts';
import type { SlaSettings } from '../settings/sla-settings.ts';
import {
	computeComplaintTimelinessBy,
	computeComplaintTimelinessOver,
	type ComplaintTimeliness
} from '../metrics/complaint-timeliness.ts';
import { withMetricContext, type MetricContext } from '../metrics/metric-context.ts';
import type { RateFigure } from '../metrics/rate-figure.ts';
import {
	computeRepairTimelinessBy,
	computeRepairTimelinessOver,
	type RepairTimeliness
} from '../metrics/repair-timeliness.ts';
import {
	buildKpiTile,
	listKpiRanges,
	resolveKpiPeriods,
	type KpiId,
	type KpiPeriods,
	type KpiTile
} from './kpi-tiles.ts';
import type { Keyed } from './timeliness-dashboard.ts';

/**
 * 回访满意率 and the visits it rests on. A satisfaction rate over a handful of visits misleads, so the
 * return-visit rate and the within-window rate travel with it, each with its numerator and denominator.
 */
export interface ReturnVisitFigures {
	/** Satisfied or basically satisfied ÷ return visits that reached the resident. */
	satisfaction: RateFigure;
	/** Resolved complaints (completed repairs) with a return visit ÷ resolved (completed). */
	visitRate: RateFigure;
	/** Return visit within the SLA window ÷ resolved (completed). */
	visitOnTime: RateFigure;
}

/** One kind's headline: the tile (value, 环比, 同比, sparkline) and the figures of each compared period. */
export interface ReturnVisitHeadline {
	tile: KpiTile;
	current: ReturnVisitFigures;
	previous: ReturnVisitFigures;
	lastYear: ReturnVisitFigures;
}

/** The headlines and their months: what `return-visit-satisfaction` publishes. */
export interface ReturnVisitHeadlines {
	periods: KpiPeriods;
	complaints: ReturnVisitHeadline;
	repairs: ReturnVisitHeadline;
	/** One entry per month of `periods.months`, months without records included (all zero). */
	complaintsByMonth: Keyed<ReturnVisitFigures>[];
	repairsByMonth: Keyed<ReturnVisitFigures>[];
}

/** Groups worst satisfaction first; groups without a reached visit last. */
export type ReturnVisitGroups = Keyed<ReturnVisitFigures>[];

export interface ReturnVisitDashboard extends ReturnVisitHeadlines {
	asOf: string;
	sla: SlaSettings;
	complaintsByArea: ReturnVisitGroups;
	complaintsByDepartment: ReturnVisitGroups;
	repairsByArea: ReturnVisitGroups;
	repairsByTeam: ReturnVisitGroups;
}

function pickReturnVisits(figures: ComplaintTimeliness | RepairTimeliness): ReturnVisitFigures {
	return {
		satisfaction: figures.returnVisitSatisfaction,
		visitRate: figures.returnVisitRate,
		visitOnTime: figures.returnVisitOnTime
	};
}

function sortWorstFirst(
	groups: Keyed<ComplaintTimeliness | RepairTimeliness>[]
): Keyed<ReturnVisitFigures>[] {
	return groups
		.map((group) => ({ key: group.key, ...pickReturnVisits(group) }))
		.sort(
			(a, b) =>
				(a.satisfaction.rate ?? Infinity) - (b.satisfaction.rate ?? Infinity) ||
				(a.key ?? '').localeCompare(b.key ?? '')
		);
}

/** The headline and monthly series of one kind, from its figures over `listKpiRanges(periods)`. */
function summariseOverRanges(
	id: KpiId,
	periods: KpiPeriods,
	overRanges: (ComplaintTimeliness | RepairTimeliness)[]
): { headline: ReturnVisitHeadline; byMonth: Keyed<ReturnVisitFigures>[] } {
	const [current, previous, lastYear, ...months] = overRanges.map(pickReturnVisits);
	const tile = buildKpiTile(
		{ id, format: 'percent', better: 'higher' },
		periods,
		overRanges.map((figures) => figures.returnVisitSatisfaction)
	);
	return {
		headline: { tile, current, previous, lastYear },
		byMonth: periods.months.map((month, index) => ({ key: month, ...months[index] }))
	};
}

/**
 * Return-visit satisfaction after a complaint and after a repair (SPEC §5), each with 环比, 同比 and 12
 * months: measured by staff calling back, and kept apart from the annual survey — no survey answer is read.
 */
export async function computeReturnVisitHeadlines(context: MetricContext): Promise<ReturnVisitHeadlines> {
	const { connection, filters, scope, period, evaluatedAt, sla } = context;
	const periods = resolveKpiPeriods(filters, period);
	const ranges = listKpiRanges(periods);
	// One connection runs one query at a time: the awaits are sequential on purpose.
	const complaintsOver = await computeComplaintTimelinessOver(
		connection,
		filters,
		scope,
		ranges,
		evaluatedAt,
		sla
	);
	const repairsOver = await computeRepairTimelinessOver(connection, filters, scope, ranges, evaluatedAt, sla);
	const complaints = summariseOverRanges('returnVisitSatisfaction', periods, complaintsOver);
	const repairs = summariseOverRanges('repairReturnVisitSatisfaction', periods, repairsOver);
	return {
		periods,
		complaints: complaints.headline,
		repairs: repairs.headline,
		complaintsByMonth: complaints.byMonth,
		repairsByMonth: repairs.byMonth
	};
}

const inPeriod = (c: MetricContext) =>
	[c.connection, c.filters, c.scope, c.period, c.evaluatedAt, c.sla] as const;

/** Both kinds per area: the place a supervisor answers for. */
export async function computeReturnVisitsByArea(
	context: MetricContext
): Promise<{ complaints: ReturnVisitGroups; repairs: ReturnVisitGroups }> {
	const complaints = sortWorstFirst(await computeComplaintTimelinessBy(...inPeriod(context), 'area'));
	return {
		complaints,
		repairs: sortWorstFirst(await computeRepairTimelinessBy(...inPeriod(context), 'area'))
	};
}

/** After complaints, per handling department (complaints have no team). */
export async function computeReturnVisitsByDepartment(context: MetricContext): Promise<ReturnVisitGroups> {
	return sortWorstFirst(await computeComplaintTimelinessBy(...inPeriod(context), 'department'));
}

/** After repairs, per repair team. */
export async function computeReturnVisitsByTeam(context: MetricContext): Promise<ReturnVisitGroups> {
	return sortWorstFirst(await computeRepairTimelinessBy(...inPeriod(context), 'team'));
}

/** The page: the headlines and every breakdown; the API publishes the parts apart, each within its budget. */
export async function computeReturnVisitDashboard(context: MetricContext): Promise<ReturnVisitDashboard> {
	const headlines = await computeReturnVisitHeadlines(context);
	const byArea = await computeReturnVisitsByArea(context);
	return {
		asOf: context.asOf,
		sla: context.sla,
		...headlines,
		complaintsByArea: byArea.complaints,
		complaintsByDepartment: await computeReturnVisitsByDepartment(context),
		repairsByArea: byArea.repairs,
		repairsByTeam: await computeReturnVisitsByTeam(context)
	};
}

export async function loadReturnVisitDashboard(
	filters: DashboardFilters,
	scope: AreaScope
): Promise<ReturnVisitDashboard> {
	return withMetricContext(filters, scope, computeReturnVisitDashboard);
}
